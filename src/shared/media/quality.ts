import { z } from 'zod';

// Call quality: an estimated MOS from what WebRTC's getStats() says about the call's audio, the
// level the operator sees, and the running summary the call log keeps. Pure functions, no platform.
//
// The estimate is the simplified ITU-T G.107 E-model of R. G. Cole and J. H. Rosenbluth, "Voice
// over IP performance monitoring", ACM SIGCOMM Computer Communication Review 31(2), 2001 — the one
// most WebRTC monitoring tools use (Twilio's client SDKs, callstats):
//
//   effective latency  d  = one-way delay + 2 × jitter + 10 ms   (one-way delay = RTT / 2;
//                                                                 10 ms for the codec)
//   delay impairment   Id = d / 40               when d < 160 ms
//                           (d − 120) / 10        otherwise
//   loss impairment    Ie = 2.5 × loss %
//   R = 93.2 − Id − Ie                           (93.2: G.107's default R for G.711 without loss)
//   MOS = 1                                       when R ≤ 0
//         1 + 0.035 R + 7·10⁻⁶ R (R − 60)(100 − R) when 0 < R < 100   (G.107 Annex B)
//         4.5                                     when R ≥ 100
//
// Without an RTT (the far end has not sent an RTCP receiver report yet) the network delay counts
// as 0: the estimate is then jitter and loss only.
//
// Levels, from G.109's user-satisfaction bands of R mapped to MOS through the formula above:
//   good  MOS ≥ 4.0  (R ≳ 80: users satisfied)
//   fair  MOS ≥ 3.6  (R ≳ 70: some users dissatisfied)
//   poor  below      (many users dissatisfied and worse)

export const QUALITY_GOOD_MOS = 4.0;
export const QUALITY_FAIR_MOS = 3.6;

export const QualityLevelSchema = z.enum(['good', 'fair', 'poor']);
export type QualityLevel = z.infer<typeof QualityLevelSchema>;

/** Bounded so a broken or hostile renderer cannot put absurd numbers into the call log. */
const Ms = z.number().min(0).max(60_000);
const Percent = z.number().min(0).max(100);
const Mos = z.number().min(1).max(4.5);

/**
 * One measurement of a call's audio (the renderer reports one every 2 s while media flows), and
 * the latest one as the call view shows it (rounded by main).
 */
export const QualitySampleSchema = z
  .object({
    /** Round-trip time from the far end's RTCP reports; absent until the first one. */
    rttMs: Ms.optional(),
    /** Inter-arrival jitter of the audio we receive. */
    jitterMs: Ms,
    /** Packets lost in the interval, in the worse of the two directions. */
    lossPct: Percent,
    mos: Mos,
    level: QualityLevelSchema,
  })
  .strict();
export type QualitySample = z.infer<typeof QualitySampleSchema>;

/** What the call log keeps for a call (calls.quality, as JSON; docs/sync/README.md). */
export const QualitySummarySchema = z
  .object({
    samples: z.number().int().min(1),
    mosAvg: Mos,
    /** The worst (lowest) MOS of any sample. */
    mosMin: Mos,
    /** The level of the average MOS. */
    level: QualityLevelSchema,
    lossPctMax: Percent,
    jitterMsMax: Ms,
    /** Averaged over the samples that had an RTT; absent when none had. */
    rttMsAvg: Ms.optional(),
  })
  .strict();
export type QualitySummary = z.infer<typeof QualitySummarySchema>;

export interface QualityInputs {
  rttMs?: number;
  jitterMs: number;
  lossPct: number;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const finiteOr = (value: number | undefined, fallback: number) =>
  value !== undefined && Number.isFinite(value) ? value : fallback;

/** The E-model's R factor (0‥100) for these network conditions; see the formula above. */
export function rFactor({ rttMs, jitterMs, lossPct }: QualityInputs): number {
  const oneWay = Math.max(0, finiteOr(rttMs, 0)) / 2;
  const latency = oneWay + 2 * Math.max(0, finiteOr(jitterMs, 0)) + 10;
  const delayImpairment = latency < 160 ? latency / 40 : (latency - 120) / 10;
  const lossImpairment = 2.5 * clamp(finiteOr(lossPct, 0), 0, 100);
  return clamp(93.2 - delayImpairment - lossImpairment, 0, 100);
}

/** G.107 Annex B: R to the MOS (1‥4.5) it predicts. */
export function mosFromR(r: number): number {
  if (!(r > 0)) return 1;
  if (r >= 100) return 4.5;
  return clamp(1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r), 1, 4.5);
}

export function estimateMos(inputs: QualityInputs): number {
  return mosFromR(rFactor(inputs));
}

export function qualityLevel(mos: number): QualityLevel {
  if (mos >= QUALITY_GOOD_MOS) return 'good';
  if (mos >= QUALITY_FAIR_MOS) return 'fair';
  return 'poor';
}

/** A complete sample from raw measurements: the MOS and its level added. */
export function qualitySample(inputs: QualityInputs): QualitySample {
  const jitterMs = clamp(finiteOr(inputs.jitterMs, 0), 0, 60_000);
  const lossPct = clamp(finiteOr(inputs.lossPct, 0), 0, 100);
  const rttMs =
    inputs.rttMs !== undefined && Number.isFinite(inputs.rttMs) ? clamp(inputs.rttMs, 0, 60_000) : undefined;
  const mos = estimateMos({ rttMs, jitterMs, lossPct });
  return { ...(rttMs !== undefined ? { rttMs } : {}), jitterMs, lossPct, mos, level: qualityLevel(mos) };
}

const round = (value: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/**
 * A sample as the operator sees it: MOS and loss to one decimal, times in whole milliseconds. The
 * level stays the one of the unrounded MOS. Two samples that round alike look alike on screen.
 */
export function roundSample(sample: QualitySample): QualitySample {
  return {
    level: sample.level,
    mos: round(sample.mos, 1),
    lossPct: round(sample.lossPct, 1),
    jitterMs: Math.round(sample.jitterMs),
    ...(sample.rttMs !== undefined ? { rttMs: Math.round(sample.rttMs) } : {}),
  };
}

export function sameRoundedSample(a: QualitySample | undefined, b: QualitySample | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    a.level === b.level &&
    a.mos === b.mos &&
    a.lossPct === b.lossPct &&
    a.jitterMs === b.jitterMs &&
    a.rttMs === b.rttMs
  );
}

/** The running totals a call's summary is made from (kept by main while the call lasts). */
export interface QualityAccumulator {
  samples: number;
  mosSum: number;
  mosMin: number;
  lossPctMax: number;
  jitterMsMax: number;
  rttMsSum: number;
  rttSamples: number;
}

export function emptyQualityAccumulator(): QualityAccumulator {
  return {
    samples: 0,
    mosSum: 0,
    mosMin: 4.5,
    lossPctMax: 0,
    jitterMsMax: 0,
    rttMsSum: 0,
    rttSamples: 0,
  };
}

export function accumulateQuality(acc: QualityAccumulator, sample: QualitySample): QualityAccumulator {
  return {
    samples: acc.samples + 1,
    mosSum: acc.mosSum + sample.mos,
    mosMin: Math.min(acc.mosMin, sample.mos),
    lossPctMax: Math.max(acc.lossPctMax, sample.lossPct),
    jitterMsMax: Math.max(acc.jitterMsMax, sample.jitterMs),
    rttMsSum: acc.rttMsSum + (sample.rttMs ?? 0),
    rttSamples: acc.rttSamples + (sample.rttMs !== undefined ? 1 : 0),
  };
}

/** The summary of a call's samples, rounded like the screen; undefined when there were none. */
export function summarizeQuality(acc: QualityAccumulator): QualitySummary | undefined {
  if (acc.samples === 0) return undefined;
  const mosAvg = acc.mosSum / acc.samples;
  return {
    samples: acc.samples,
    mosAvg: round(mosAvg, 2),
    mosMin: round(acc.mosMin, 2),
    level: qualityLevel(mosAvg),
    lossPctMax: round(acc.lossPctMax, 1),
    jitterMsMax: Math.round(acc.jitterMsMax),
    ...(acc.rttSamples > 0 ? { rttMsAvg: Math.round(acc.rttMsSum / acc.rttSamples) } : {}),
  };
}
