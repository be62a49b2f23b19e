import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHotline, type HotlineUnderTest } from '../helpers/hotline.ts';

// Settings → Audio: a live level bar for the microphone, fed by Chromium's fake device (a tone).

describe('microphone level in settings', () => {
  let hotline: HotlineUnderTest;
  beforeAll(async () => {
    hotline = await startHotline({});
    await hotline.page.waitForSelector('[data-app-ready="true"]');
  });
  afterAll(async () => {
    await hotline?.close();
  });

  it('moves with the microphone, and stops measuring when the screen is left', async () => {
    const { page } = hotline;
    // Keep every microphone stream the page opens, to see that they end.
    await page.evaluate(() => {
      const g = globalThis as unknown as {
        opened: Array<{ getTracks(): Array<{ readyState: string }> }>;
        navigator: { mediaDevices: { getUserMedia(c: unknown): Promise<never> } };
      };
      g.opened = [];
      const devices = g.navigator.mediaDevices;
      const open = devices.getUserMedia.bind(devices);
      devices.getUserMedia = async (constraints: unknown) => {
        const stream = await open(constraints);
        g.opened.push(stream);
        return stream;
      };
    });
    const liveTracks = () =>
      page.evaluate(() => {
        const g = globalThis as unknown as { opened: Array<{ getTracks(): Array<{ readyState: string }> }> };
        return g.opened.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length;
      });
    await page.keyboard.press('Control+Comma');
    const meter = page.getByRole('progressbar', { name: 'Microphone level' });
    await meter.scrollIntoViewIfNeeded();
    const level = async () => Number(await meter.getAttribute('aria-valuenow'));
    await expect.poll(level, { timeout: 5000 }).toBeGreaterThan(0);
    expect(await liveTracks()).toBeGreaterThan(0);
    // Leaving settings stops the meter's own microphone stream.
    await page.keyboard.press('Control+Digit1');
    await expect.poll(() => meter.count()).toBe(0);
    await expect.poll(liveTracks).toBe(0);
  });
});
