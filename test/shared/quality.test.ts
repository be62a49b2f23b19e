import { describe, expect, it } from 'vitest';
import {
  QualitySampleSchema,
  QualitySummarySchema,
  accumulateQuality,
  emptyQualityAccumulator,
  estimateMos,
  mosFromR,
  qualityLevel,
  qualitySample,
  rFactor,
  roundSample,
  sameRoundedSample,
  summarizeQuality,
  type QualitySample,
} from '../../src/shared/media/quality.ts';

describe('E-model R factor (Cole & Rosenbluth simplification of G.107)', () => {
  it('a perfect path keeps R = 93.2 − 10/40 (only the codec’s 10 ms)', () => {
    expect(rFactor({ jitterMs: 0, lossPct: 0 })).toBeCloseTo(92.95, 10);
    expect(rFactor({ rttMs: 0, jitterMs: 0, lossPct: 0 })).toBeCloseTo(92.95, 10);
  });

  it('delay: one-way = RTT/2, jitter counts twice; d/40 below 160 ms, (d − 120)/10 from 160 ms', () => {
    // d = 100/2 + 2×20 + 10 = 100 ms → Id = 2.5
    expect(rFactor({ rttMs: 100, jitterMs: 20, lossPct: 0 })).toBeCloseTo(90.7, 10);
    // d = 159 ms → Id = 3.975; d = 160 ms → Id = 4: the two branches meet at 160 ms
    expect(rFactor({ rttMs: 298, jitterMs: 0, lossPct: 0 })).toBeCloseTo(89.225, 10);
    expect(rFactor({ rttMs: 300, jitterMs: 0, lossPct: 0 })).toBeCloseTo(89.2, 10);
    // d = 600/2 + 40 + 10 = 350 ms → Id = 23
    expect(rFactor({ rttMs: 600, jitterMs: 20, lossPct: 0 })).toBeCloseTo(70.2, 10);
  });

  it('loss: 2.5 R per percent, and R never below 0', () => {
    expect(rFactor({ jitterMs: 0, lossPct: 4 })).toBeCloseTo(82.95, 10);
    expect(rFactor({ rttMs: 100, jitterMs: 20, lossPct: 5 })).toBeCloseTo(78.2, 10);
    expect(rFactor({ jitterMs: 0, lossPct: 100 })).toBe(0);
  });
});

describe('R to MOS (G.107 Annex B)', () => {
  it.each([
    [0, 1],
    [50, 2.575],
    [70, 3.597],
    [80, 4.024],
    [90, 4.339],
    [93.2, 4.41],
    [100, 4.5],
  ])('R %d → MOS %d', (r, mos) => {
    expect(mosFromR(r)).toBeCloseTo(mos, 2);
  });

  it('stays within 1‥4.5 where the cubic dips below 1 (R < 6.52) or beyond the ends', () => {
    expect(mosFromR(3)).toBe(1);
    expect(mosFromR(-5)).toBe(1);
    expect(mosFromR(Number.NaN)).toBe(1);
    expect(mosFromR(120)).toBe(4.5);
  });

  it('the whole estimate on known points', () => {
    expect(estimateMos({ jitterMs: 0, lossPct: 0 })).toBeCloseTo(4.404, 3);
    expect(estimateMos({ rttMs: 100, jitterMs: 20, lossPct: 5 })).toBeCloseTo(3.954, 3);
    expect(estimateMos({ rttMs: 600, jitterMs: 20, lossPct: 0 })).toBeCloseTo(3.606, 3);
    expect(estimateMos({ jitterMs: 0, lossPct: 100 })).toBe(1);
  });
});

describe('levels', () => {
  it('good from MOS 4.0, fair from 3.6, poor below', () => {
    expect(qualityLevel(4.5)).toBe('good');
    expect(qualityLevel(4.0)).toBe('good');
    expect(qualityLevel(3.99)).toBe('fair');
    expect(qualityLevel(3.6)).toBe('fair');
    expect(qualityLevel(3.59)).toBe('poor');
    expect(qualityLevel(1)).toBe('poor');
  });

  it('a sample carries its MOS and level; junk inputs are clamped, never NaN', () => {
    expect(qualitySample({ rttMs: 100, jitterMs: 20, lossPct: 5 })).toEqual({
      rttMs: 100,
      jitterMs: 20,
      lossPct: 5,
      mos: expect.closeTo(3.954, 3),
      level: 'fair',
    });
    const clean = qualitySample({ jitterMs: 3, lossPct: 0 });
    expect(clean).not.toHaveProperty('rttMs');
    expect(clean.level).toBe('good');
    const junk = qualitySample({ rttMs: Number.NaN, jitterMs: -4, lossPct: 250 });
    expect(junk).toEqual({ jitterMs: 0, lossPct: 100, mos: 1, level: 'poor' });
    expect(QualitySampleSchema.safeParse(junk).success).toBe(true);
  });
});

describe('what the screen shows', () => {
  const base: QualitySample = { rttMs: 41.6, jitterMs: 12.4, lossPct: 0.23, mos: 4.31, level: 'good' };

  it('rounds MOS and loss to one decimal, times to whole ms', () => {
    expect(roundSample(base)).toEqual({ rttMs: 42, jitterMs: 12, lossPct: 0.2, mos: 4.3, level: 'good' });
    const { rttMs: _, ...noRtt } = base;
    expect(roundSample(noRtt)).not.toHaveProperty('rttMs');
  });

  it('samples that round alike are the same; a different level or rounded value is not', () => {
    const a = roundSample(base);
    expect(sameRoundedSample(a, roundSample({ ...base, mos: 4.34, jitterMs: 11.6 }))).toBe(true);
    expect(sameRoundedSample(a, roundSample({ ...base, jitterMs: 13.6 }))).toBe(false);
    expect(sameRoundedSample(a, roundSample({ ...base, lossPct: 0.26 }))).toBe(false);
    const { rttMs: _, ...noRtt } = base;
    expect(sameRoundedSample(a, roundSample(noRtt))).toBe(false);
    // 3.96 rounds to 4.0 like 4.0 itself, but one is fair and the other good.
    const fair = roundSample({ ...base, mos: 3.96, level: 'fair' });
    const good = roundSample({ ...base, mos: 4.0, level: 'good' });
    expect(fair.mos).toBe(good.mos);
    expect(sameRoundedSample(fair, good)).toBe(false);
    expect(sameRoundedSample(undefined, a)).toBe(false);
    expect(sameRoundedSample(undefined, undefined)).toBe(true);
  });
});

describe('a call’s summary', () => {
  it('counts samples, averages and keeps the worst', () => {
    let acc = emptyQualityAccumulator();
    expect(summarizeQuality(acc)).toBeUndefined();
    acc = accumulateQuality(acc, { rttMs: 40, jitterMs: 10, lossPct: 0, mos: 4.4, level: 'good' });
    acc = accumulateQuality(acc, { jitterMs: 30, lossPct: 3.25, mos: 3.5, level: 'poor' });
    acc = accumulateQuality(acc, { rttMs: 61, jitterMs: 20, lossPct: 1, mos: 4.2, level: 'good' });
    const summary = summarizeQuality(acc)!;
    expect(summary).toEqual({
      samples: 3,
      mosAvg: 4.03, // (4.4 + 3.5 + 4.2) / 3 = 4.0333
      mosMin: 3.5,
      level: 'good',
      lossPctMax: 3.3, // 3.25 → one decimal
      jitterMsMax: 30,
      rttMsAvg: 51, // (40 + 61) / 2 = 50.5: only the samples that had an RTT
    });
    expect(QualitySummarySchema.parse(summary)).toEqual(summary);
  });

  it('leaves the RTT out when no sample had one; the level is of the average', () => {
    let acc = emptyQualityAccumulator();
    acc = accumulateQuality(acc, { jitterMs: 5, lossPct: 0, mos: 4.1, level: 'good' });
    acc = accumulateQuality(acc, { jitterMs: 5, lossPct: 8, mos: 3.0, level: 'poor' });
    const summary = summarizeQuality(acc)!;
    expect(summary).not.toHaveProperty('rttMsAvg');
    expect(summary).toMatchObject({ samples: 2, mosAvg: 3.55, mosMin: 3, level: 'poor' });
  });

  it('does not change the accumulator it is given', () => {
    const acc = emptyQualityAccumulator();
    accumulateQuality(acc, { jitterMs: 5, lossPct: 0, mos: 4.1, level: 'good' });
    expect(acc.samples).toBe(0);
  });
});

describe('the sample schema (what crosses IPC)', () => {
  const ok = { rttMs: 40, jitterMs: 12, lossPct: 0.2, mos: 4.3, level: 'good' };

  it('accepts a sample, with or without RTT', () => {
    expect(QualitySampleSchema.safeParse(ok).success).toBe(true);
    const { rttMs: _, ...noRtt } = ok;
    expect(QualitySampleSchema.safeParse(noRtt).success).toBe(true);
  });

  it.each([
    ['loss over 100 %', { lossPct: 101 }],
    ['negative loss', { lossPct: -1 }],
    ['negative jitter', { jitterMs: -1 }],
    ['absurd jitter', { jitterMs: 1e9 }],
    ['absurd RTT', { rttMs: 60_001 }],
    ['MOS over 4.5', { mos: 5 }],
    ['MOS under 1', { mos: 0.5 }],
    ['NaN', { mos: Number.NaN }],
    ['Infinity', { jitterMs: Number.POSITIVE_INFINITY }],
    ['a number as a string', { lossPct: '0.2' }],
    ['an unknown level', { level: 'excellent' }],
    ['no level', { level: undefined }],
    ['an extra key', { codec: 'opus' }],
  ])('rejects %s', (_name, patch) => {
    expect(QualitySampleSchema.safeParse({ ...ok, ...patch }).success).toBe(false);
  });
});
