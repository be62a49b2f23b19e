import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBaresip, type Baresip, type Pbx } from '../../tools/pbx/stack.ts';
import { getCall } from '../../src/main/core/calllog/calls-table.ts';
import { QualitySummarySchema, type QualitySample } from '../../src/shared/media/quality.ts';
import { startHotline, type HotlineUnderTest } from '../helpers/hotline.ts';
import { registerAs101, startTestPbx } from '../helpers/pbx.ts';

// Call quality from a real call: Chromium's getStats() on a call through Kamailio + rtpengine to
// baresip (which plays a tone), sampled by the page every 2 s, reported to the core, shown on the
// call card, and summarized into the ended call's row.

let pbx: Pbx;
let hotline: HotlineUnderTest;
let far: Baresip;

beforeAll(async () => {
  pbx = await startTestPbx();
  far = await startBaresip(pbx, '1000', 5090, [31000, 31099]);
  hotline = await startHotline();
  await hotline.page.waitForSelector('[data-app-ready="true"]');
  await registerAs101(hotline, pbx);
});

afterAll(async () => {
  await hotline?.close();
  await far?.stop();
  await pbx?.stop();
});

describe('call quality', () => {
  it('a talking call reports real samples every 2 s; the card shows them; the ended row keeps the summary', async () => {
    const samples: QualitySample[] = [];
    const arrivals: number[] = [];
    let mediaId: string | undefined;
    const stopListening = hotline.harness.core.media.onReport((report) => {
      if (report.kind !== 'quality' || report.callId !== mediaId) return;
      samples.push(report.sample);
      arrivals.push(Date.now());
    });
    try {
      const call = await hotline.call('call:dial', { target: '1000' });
      mediaId = hotline.harness.core.phone.mediaOf(call.id)?.callId;
      expect(mediaId).toBeTruthy();
      await hotline.waitForCall((c) => c.id === call.id && c.state === 'active');

      // The first sample needs two readings 2 s apart once the connection is up.
      await expect.poll(() => samples.length, { timeout: 20_000, interval: 250 }).toBeGreaterThanOrEqual(4);
      // Paced by the 2 s timer, not a burst.
      for (let i = 1; i < arrivals.length; i++) expect(arrivals[i]! - arrivals[i - 1]!).toBeGreaterThan(1500);

      for (const sample of samples) {
        // Loopback through rtpengine: audio arrives whole and on time.
        expect(sample.lossPct).toBeLessThan(1);
        expect(sample.jitterMs).toBeLessThan(30);
        expect(sample.mos).toBeGreaterThan(4);
        expect(sample.level).toBe('good');
      }
      // The far end's RTCP receiver reports give the round-trip time once they arrive.
      expect(samples.some((s) => s.rttMs !== undefined)).toBe(true);

      // Published on the call once, then only when it changes; shown next to the timer.
      const shown = await hotline.waitForCall((c) => c.id === call.id && c.quality !== undefined);
      expect(shown.quality).toMatchObject({ level: 'good' });
      const qualityUpdates = hotline
        .events('call:updated')
        .filter((c) => c.id === call.id && c.state === 'active' && c.quality !== undefined);
      expect(qualityUpdates.length).toBeGreaterThanOrEqual(1);
      expect(qualityUpdates.length).toBeLessThanOrEqual(samples.length);
      const indicator = hotline.page.getByRole('img', { name: /^Call quality: good \(MOS 4\.\d, loss / });
      await indicator.waitFor();
      expect(await indicator.getAttribute('data-level')).toBe('good');

      await hotline.call('call:hangup', { callId: call.id });
      await hotline.waitForCall((c) => c.id === call.id && c.state === 'ended');
      const row = getCall(hotline.harness.core.db, call.id)!;
      expect(row.quality).toEqual(expect.any(String));
      const summary = QualitySummarySchema.parse(JSON.parse(row.quality!));
      expect(summary.samples).toBeGreaterThanOrEqual(4);
      expect(summary.samples).toBeLessThanOrEqual(samples.length);
      expect(summary.level).toBe('good');
      expect(summary.mosMin).toBeLessThanOrEqual(summary.mosAvg);
      expect(summary.mosMin).toBeGreaterThan(4);
      expect(summary.lossPctMax).toBeLessThan(1);
      expect(summary.rttMsAvg).toBeGreaterThanOrEqual(0);
    } finally {
      stopListening();
    }
  });
});
