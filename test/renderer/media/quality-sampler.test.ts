import { describe, expect, it } from 'vitest';
import {
  readQualityCounters,
  sampleBetween,
  type QualityCounters,
} from '../../../src/renderer/src/media/quality-sampler.ts';
import { estimateMos } from '../../../src/shared/media/quality.ts';

// getStats() readings as Chromium gives them (a subset of fields), turned into quality samples.

function report(stats: Array<Record<string, unknown>>) {
  return new Map(stats.map((s, i) => [String(s.id ?? i), s]));
}

const inbound = (packetsReceived: number, packetsLost: number, jitterS = 0.012) => ({
  id: 'IT01A1',
  type: 'inbound-rtp',
  kind: 'audio',
  packetsReceived,
  packetsLost,
  jitter: jitterS,
});
const remoteInbound = (roundTripTime?: number, fractionLost?: number) => ({
  id: 'RIA1',
  type: 'remote-inbound-rtp',
  kind: 'audio',
  ...(roundTripTime !== undefined ? { roundTripTime } : {}),
  ...(fractionLost !== undefined ? { fractionLost } : {}),
});

describe('reading getStats()', () => {
  it('takes inbound counters and jitter (s → ms), and the far end’s RTT and fraction lost; audio only', () => {
    const counters = readQualityCounters(
      report([
        inbound(1000, 5, 0.0125),
        remoteInbound(0.0425, 0.02),
        { id: 'OT01A1', type: 'outbound-rtp', kind: 'audio', packetsSent: 1000 },
        {
          id: 'IT01V1',
          type: 'inbound-rtp',
          kind: 'video',
          packetsReceived: 99_999,
          packetsLost: 999,
          jitter: 9,
        },
        { id: 'CP1', type: 'candidate-pair', currentRoundTripTime: 5 },
      ]),
    );
    expect(counters).toEqual({
      packetsReceived: 1000,
      packetsLost: 5,
      jitterMs: 12.5,
      rttMs: 42.5,
      remoteFractionLost: 0.02,
    });
  });

  it('before any RTCP report: no RTT, no remote loss', () => {
    expect(readQualityCounters(report([inbound(10, 0), remoteInbound()]))).toEqual({
      packetsReceived: 10,
      packetsLost: 0,
      jitterMs: 12,
    });
  });
});

describe('a sample per interval', () => {
  const at = (received: number, lost: number, extra: Partial<QualityCounters> = {}): QualityCounters => ({
    packetsReceived: received,
    packetsLost: lost,
    jitterMs: 12,
    ...extra,
  });

  it('loss is lost / (received + lost) in the interval, not since the call began', () => {
    // Before: 10 lost of 1000. In the interval: 98 received, 2 lost → 2 %.
    const sample = sampleBetween(at(990, 10), at(1088, 12, { rttMs: 40 }))!;
    expect(sample.lossPct).toBeCloseTo(2, 10);
    expect(sample).toMatchObject({ rttMs: 40, jitterMs: 12 });
    expect(sample.mos).toBeCloseTo(estimateMos({ rttMs: 40, jitterMs: 12, lossPct: 2 }), 10);
    expect(sample.level).toBe('good');
  });

  it('the far end’s report counts when it lost more of ours than we of theirs', () => {
    const sample = sampleBetween(at(0, 0), at(100, 0, { remoteFractionLost: 0.1 }))!;
    expect(sample.lossPct).toBeCloseTo(10, 10);
    expect(sample.level).toBe('poor');
    expect(sampleBetween(at(0, 0), at(96, 4, { remoteFractionLost: 0.01 }))!.lossPct).toBeCloseTo(4, 10);
  });

  it('without an RTT the sample has none; without jitter it is 0', () => {
    const sample = sampleBetween(at(0, 0), { packetsReceived: 100, packetsLost: 0 })!;
    expect(sample).not.toHaveProperty('rttMs');
    expect(sample.jitterMs).toBe(0);
  });

  it('duplicates (the lost count going down) are no negative loss', () => {
    expect(sampleBetween(at(100, 5), at(200, 3))!.lossPct).toBe(0);
  });

  it('nothing to judge: no audio in the interval (on hold), or counters that went back (a new stream)', () => {
    expect(sampleBetween(at(500, 1), at(500, 1))).toBeUndefined();
    expect(sampleBetween(at(500, 1), at(20, 0))).toBeUndefined();
  });
});
