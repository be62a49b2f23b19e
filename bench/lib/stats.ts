export interface Metric {
  metric: string;
  value: number;
  unit: string;
  n?: number;
  p95?: number;
  p99?: number;
  peer?: string;
  peer_value?: number;
  ratio?: number;
  [extra: string]: unknown;
}

export type Bench = () => AsyncGenerator<Metric>;

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function summarize(samples: readonly number[]): {
  median: number;
  p95: number;
  p99: number;
  n: number;
} {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    n: sorted.length,
  };
}

export const round = (value: number, digits = 3): number => Number(value.toFixed(digits));

/** Times `fn` n times after a warm-up, in milliseconds. */
export async function timeMany(
  n: number,
  fn: () => Promise<unknown> | unknown,
  warmup = Math.min(200, n),
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

type Summary = ReturnType<typeof summarize>;

/** One timing line: our median and p95, and where a peer ran in the same run, its median and the ratio. */
export function timingMetric(
  metric: string,
  ours: Summary,
  options: { digits?: number; peer?: { name: string; summary: Summary } } = {},
): Metric {
  const digits = options.digits ?? 2;
  const line: Metric = {
    metric,
    value: round(ours.median, digits),
    unit: 'ms',
    n: ours.n,
    p95: round(ours.p95, digits),
  };
  if (!options.peer) return line;
  return {
    ...line,
    peer: options.peer.name,
    peer_value: round(options.peer.summary.median, digits),
    peer_p95: round(options.peer.summary.p95, digits),
    ratio: round(ours.median / options.peer.summary.median, 2),
  };
}
