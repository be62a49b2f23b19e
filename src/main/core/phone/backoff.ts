/**
 * Reconnect delays: exponential, capped, with jitter so that a call center's worth of phones does
 * not hit the SBC in lock-step when it comes back. There is no attempt limit: an operator's phone
 * keeps trying for as long as it runs. The cap is small because "registered again within 2 s of the
 * PBX returning" matters more to an operator than a few rejected TCP connects.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  /** Fraction of the delay that is random: 0.5 → between 50 % and 100 % of the exponential value. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 250, capMs: 1600, jitter: 0.5 };

export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random = Math.random,
): number {
  const exponential = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt));
  return Math.round(exponential * (1 - policy.jitter + policy.jitter * random()));
}

/** A server's Retry-After (seconds) wins over our own schedule, within reason. */
export function retryAfterDelay(retryAfterSeconds: number | undefined, fallbackMs: number): number {
  if (retryAfterSeconds === undefined || !Number.isFinite(retryAfterSeconds) || retryAfterSeconds <= 0)
    return fallbackMs;
  return Math.min(retryAfterSeconds, 3600) * 1000;
}
