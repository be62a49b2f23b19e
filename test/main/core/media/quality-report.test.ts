import { describe, expect, it, vi } from 'vitest';
import { createIpcRouter, type Handlers } from '../../../../src/main/core/ipc/router.ts';
import { createLogger, memorySink } from '../../../../src/main/core/log/logger.ts';
import { createMediaBridge } from '../../../../src/main/core/media/media-bridge.ts';
import { REQUEST_CHANNELS } from '../../../../src/shared/ipc/channels.ts';
import type { MediaReport } from '../../../../src/shared/ipc/media.ts';

// The `media:report` quality kind through the real router, as the renderer sends it: a valid sample
// reaches the media bridge's listeners (the phone); anything malformed is refused before it does.

const trusted = { trusted: true, description: 'test' };

function setup() {
  const log = createLogger(memorySink());
  const bridge = createMediaBridge({ send: () => undefined, log });
  const handlers = Object.fromEntries(
    REQUEST_CHANNELS.map((c) => [c, vi.fn(() => ({}))]),
  ) as unknown as Handlers;
  handlers['media:report'] = (report) => (bridge.report(report), {});
  const router = createIpcRouter(handlers, log);
  const reports: MediaReport[] = [];
  bridge.onReport((report) => reports.push(report));
  return { router, reports };
}

const sample = { rttMs: 38.5, jitterMs: 12.25, lossPct: 0.2, mos: 4.32, level: 'good' };

describe('media:report — quality', () => {
  it('a valid sample reaches the phone unchanged (RTT optional)', async () => {
    const { router, reports } = setup();
    const { rttMs: _, ...noRtt } = sample;
    for (const s of [sample, noRtt]) {
      const result = await router.dispatch(
        'media:report',
        { kind: 'quality', callId: 'c1', sample: s },
        trusted,
      );
      expect(result).toEqual({ ok: true, value: {} });
    }
    expect(reports).toEqual([
      { kind: 'quality', callId: 'c1', sample },
      { kind: 'quality', callId: 'c1', sample: noRtt },
    ]);
  });

  it.each([
    ['no call id', { kind: 'quality', sample }],
    ['an empty call id', { kind: 'quality', callId: '', sample }],
    ['a huge call id', { kind: 'quality', callId: 'x'.repeat(65), sample }],
    ['no sample', { kind: 'quality', callId: 'c1' }],
    ['loss over 100 %', { kind: 'quality', callId: 'c1', sample: { ...sample, lossPct: 150 } }],
    ['negative jitter', { kind: 'quality', callId: 'c1', sample: { ...sample, jitterMs: -3 } }],
    ['an RTT of a minute and more', { kind: 'quality', callId: 'c1', sample: { ...sample, rttMs: 1e7 } }],
    ['a MOS of 7', { kind: 'quality', callId: 'c1', sample: { ...sample, mos: 7 } }],
    ['a MOS that is not a number', { kind: 'quality', callId: 'c1', sample: { ...sample, mos: '4.3' } }],
    ['an unknown level', { kind: 'quality', callId: 'c1', sample: { ...sample, level: 'great' } }],
    ['an extra key in the sample', { kind: 'quality', callId: 'c1', sample: { ...sample, extra: 1 } }],
    ['an extra key in the report', { kind: 'quality', callId: 'c1', sample, summary: {} }],
  ])('refuses %s, and the phone never hears of it', async (_name, payload) => {
    const { router, reports } = setup();
    const result = await router.dispatch('media:report', payload, trusted);
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(reports).toEqual([]);
  });
});
