import { qualitySample, type QualitySample } from '../../../shared/media/quality.ts';

// Turns two getStats() readings of a call, taken QUALITY_SAMPLE_INTERVAL_MS apart, into a quality
// sample (src/shared/media/quality.ts). Pure: the engine owns the timer and the peer connection.

export const QUALITY_SAMPLE_INTERVAL_MS = 2000;

/** The cumulative counters and latest values of one getStats() reading, audio only. */
export interface QualityCounters {
  /** inbound-rtp: packets received so far, over all audio streams. */
  packetsReceived: number;
  /** inbound-rtp: packets lost so far (RFC 3550's cumulative count; may go down on duplicates). */
  packetsLost: number;
  /** inbound-rtp: inter-arrival jitter, ms (the worst stream). */
  jitterMs?: number;
  /** remote-inbound-rtp: the latest round-trip time, ms, from the far end's RTCP receiver reports. */
  rttMs?: number;
  /** remote-inbound-rtp: the fraction (0‥1) of our packets the far end lost in its last report. */
  remoteFractionLost?: number;
}

/** What RTCStatsReport offers (a Map in tests). */
export interface StatsLike {
  forEach(callback: (stat: Record<string, unknown>) => void): void;
}

const isAudio = (stat: Record<string, unknown>) => (stat.kind ?? stat.mediaType ?? 'audio') === 'audio';
const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

export function readQualityCounters(report: StatsLike): QualityCounters {
  const counters: QualityCounters = { packetsReceived: 0, packetsLost: 0 };
  report.forEach((stat) => {
    if (!isAudio(stat)) return;
    if (stat.type === 'inbound-rtp') {
      counters.packetsReceived += num(stat.packetsReceived) ?? 0;
      counters.packetsLost += num(stat.packetsLost) ?? 0;
      const jitter = num(stat.jitter);
      if (jitter !== undefined) counters.jitterMs = Math.max(counters.jitterMs ?? 0, jitter * 1000);
    } else if (stat.type === 'remote-inbound-rtp') {
      const rtt = num(stat.roundTripTime);
      if (rtt !== undefined) counters.rttMs = Math.max(counters.rttMs ?? 0, rtt * 1000);
      const fraction = num(stat.fractionLost);
      if (fraction !== undefined)
        counters.remoteFractionLost = Math.max(counters.remoteFractionLost ?? 0, fraction);
    }
  });
  return counters;
}

/**
 * The sample for the interval between two readings, or undefined when there is nothing to judge:
 * no audio arrived in it (on hold, or media not flowing yet) or the counters went back (a new
 * stream replaced the old one; the next interval measures again).
 *
 * Loss is the worse direction: what we lost of the far end's audio in the interval, or what the
 * far end last reported losing of ours. Jitter is of the audio we receive.
 */
export function sampleBetween(previous: QualityCounters, next: QualityCounters): QualitySample | undefined {
  const received = next.packetsReceived - previous.packetsReceived;
  if (received < 0) return undefined;
  const lost = Math.max(0, next.packetsLost - previous.packetsLost);
  if (received === 0) return undefined;
  const inboundLossPct = (lost / (received + lost)) * 100;
  const outboundLossPct = (next.remoteFractionLost ?? 0) * 100;
  return qualitySample({
    rttMs: next.rttMs,
    jitterMs: next.jitterMs ?? 0,
    lossPct: Math.max(inboundLossPct, outboundLossPct),
  });
}
