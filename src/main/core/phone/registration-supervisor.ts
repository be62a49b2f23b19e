import type { Logger } from '../log/logger.ts';
import { backoffDelay, DEFAULT_BACKOFF, retryAfterDelay, type BackoffPolicy } from './backoff.ts';
import { NEEDS_ACTION, type RegistrationReason } from './registration-reason.ts';
import type { SipEndpoint } from './sip-endpoint.ts';
import { TransportError } from './ws-transport.ts';

// Keeps one endpoint registered for as long as the app runs: connect, register, wait for trouble,
// start again — with jittered backoff and no attempt limit for anything the network or the server
// causes. It stops only for what retrying cannot fix (a wrong password), and waits for the operator
// or a nudge. Power resume, screen unlock and online changes nudge it: a sleeping laptop's socket
// may look open and be dead, so a nudge while registered re-registers at once to find out.

export type SupervisorState =
  | { state: 'stopped' }
  | { state: 'connecting'; attempt: number }
  | { state: 'registering'; attempt: number }
  | { state: 'registered'; since: number }
  | { state: 'waiting'; reason: RegistrationReason; retryAt: number; attempt: number }
  | { state: 'failed'; reason: RegistrationReason };

export interface SupervisorOptions {
  endpoint: SipEndpoint;
  log: Logger;
  backoff?: BackoffPolicy;
  registerTimeoutMs?: number;
  onState?: (state: SupervisorState) => void;
  /** Called each time registration succeeds after the transport came back: re-INVITE active calls. */
  onRecovered?: () => void;
}

export interface RegistrationSupervisor {
  start(): void;
  stop(): Promise<void>;
  /** Something changed outside (resume, unlock, online, operator pressed Retry): try now. */
  nudge(why: string): void;
  state(): SupervisorState;
}

export function createRegistrationSupervisor(options: SupervisorOptions): RegistrationSupervisor {
  const { endpoint, log } = options;
  const policy = options.backoff ?? DEFAULT_BACKOFF;
  const registerTimeoutMs = options.registerTimeoutMs ?? 8000;
  let current: SupervisorState = { state: 'stopped' };
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let pendingNudge = false;
  let lostWhileRegistered: RegistrationReason | undefined;
  let everRegistered = false;

  const set = (next: SupervisorState) => {
    current = next;
    options.onState?.(next);
  };

  /** Sleeps until the time passes, a nudge arrives, or the endpoint reports trouble. */
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (pendingNudge || !running) {
        pendingNudge = false;
        resolve();
        return;
      }
      const timer = ms === Infinity ? undefined : setTimeout(done, ms);
      function done() {
        if (timer) clearTimeout(timer);
        wake = undefined;
        pendingNudge = false;
        resolve();
      }
      wake = done;
    });

  const unsubscribeLost = endpoint.onLost((reason) => {
    log.warn('registration lost', { reason });
    lostWhileRegistered = reason;
    wake?.();
  });

  async function run(): Promise<void> {
    let attempt = 0;
    const waitAndRetry = async (reason: RegistrationReason, delayMs: number) => {
      set({ state: 'waiting', reason, retryAt: Date.now() + delayMs, attempt });
      log.info('will retry', { reason, delayMs, attempt });
      attempt++;
      await sleep(delayMs);
    };

    while (running) {
      if (!endpoint.isConnected()) {
        set({ state: 'connecting', attempt });
        try {
          await endpoint.connect();
        } catch (error) {
          const reason = error instanceof TransportError ? error.failure : 'server-unreachable';
          await waitAndRetry(reason, backoffDelay(attempt, policy));
          continue;
        }
      }
      if (!running) break;

      set({ state: 'registering', attempt });
      lostWhileRegistered = undefined;
      const outcome = await endpoint.register(registerTimeoutMs);
      if (!running) break;
      if (!outcome.ok) {
        if (NEEDS_ACTION.has(outcome.reason)) {
          log.warn('registration refused; waiting for the operator', {
            reason: outcome.reason,
            statusCode: outcome.statusCode,
          });
          set({ state: 'failed', reason: outcome.reason });
          await sleep(Infinity);
          attempt = 0;
          continue;
        }
        if (outcome.reason === 'timeout') {
          // No answer at all: the Registerer may be wedged on a transaction that never ends.
          log.warn('REGISTER timed out; recreating the registerer');
          await endpoint.recreateRegisterer();
          if (endpoint.isConnected()) await endpoint.disconnect().catch(() => undefined);
        }
        await waitAndRetry(
          outcome.reason,
          retryAfterDelay(outcome.retryAfterS, backoffDelay(attempt, policy)),
        );
        continue;
      }

      attempt = 0;
      set({ state: 'registered', since: Date.now() });
      if (everRegistered) options.onRecovered?.();
      everRegistered = true;

      // Registered: wait for trouble or a nudge.
      while (running && lostWhileRegistered === undefined) {
        await sleep(Infinity);
        if (!running) break;
        if (lostWhileRegistered !== undefined) break;
        // A nudge (resume, unlock, online): prove the registration is alive by refreshing it now.
        const check = await endpoint.register(Math.min(registerTimeoutMs, 5000));
        if (!check.ok) {
          log.warn('registration check after a nudge failed; reconnecting', { reason: check.reason });
          lostWhileRegistered = check.reason;
          await endpoint.disconnect().catch(() => undefined);
          break;
        }
      }
      if (running && lostWhileRegistered !== undefined && !endpoint.isConnected()) {
        // Reconnect at once the first time; backoff applies from the second attempt.
        set({ state: 'connecting', attempt });
      }
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run().catch((error: unknown) => {
        log.error('registration supervisor crashed', { error });
        set({ state: 'failed', reason: 'server-error' });
      });
    },
    async stop() {
      running = false;
      wake?.();
      unsubscribeLost();
      await loop;
      await endpoint.dispose();
      set({ state: 'stopped' });
    },
    nudge(why) {
      log.info('nudged', { why, state: current.state });
      // Asleep: wake now. Busy (connecting, registering): remember it for the next sleep.
      if (wake) wake();
      else pendingNudge = true;
    },
    state: () => current,
  };
}
