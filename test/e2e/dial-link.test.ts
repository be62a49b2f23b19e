import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHotline, type HotlineUnderTest } from '../helpers/hotline.ts';

// A tel:/callto:/sip: link handed to Hotline by the OS (Electron's open-url / second-instance call
// core.dialLinks.open): through the real IPC to the page in Chromium.

describe('telephone links in Chromium', () => {
  let hotline: HotlineUnderTest;
  beforeAll(async () => {
    hotline = await startHotline({});
    await hotline.page.waitForSelector('[data-app-ready="true"]');
  });
  afterAll(async () => {
    await hotline?.close();
  });

  const dialField = () => hotline.page.getByTestId('dial-input');
  const dialFieldFocused = () => dialField().evaluate((el) => el.ownerDocument.activeElement === el);

  it('brings the workspace with the number in the dial field and the cursor in it; nothing is dialled', async () => {
    await hotline.page.keyboard.press('Control+Digit3');
    await hotline.page.getByRole('heading', { name: 'Contacts' }).waitFor();
    expect(hotline.harness.core.dialLinks.open('tel:+7-495-123-45-67;ext=1')).toBe(true);
    await expect.poll(() => dialField().inputValue()).toBe('+74951234567');
    await expect.poll(dialFieldFocused).toBe(true);
    expect(hotline.harness.core.phone.list()).toEqual([]);
  });

  it('a link that arrives before the page is up waits for it', async () => {
    // No page (as at start-up: Electron has the link before the window loads).
    const appUrl = hotline.page.url();
    await hotline.page.goto('about:blank');
    hotline.harness.core.dialLinks.open('callto://+74950000001');
    await hotline.page.goto(appUrl);
    await hotline.page.waitForSelector('[data-app-ready="true"]');
    await expect.poll(() => dialField().inputValue()).toBe('+74950000001');
  });
});
