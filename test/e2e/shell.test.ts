import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startHotline, type HotlineUnderTest } from '../helpers/hotline.ts';

// The app as an operator meets it: Debian's Chromium, the real renderer, the core under Node.

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('app shell in Chromium', () => {
  let hotline: HotlineUnderTest;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    hotline = await startHotline({ systemLocale: 'ru-RU', locale: 'ru-RU' });
    hotline.page.on('pageerror', (error) => pageErrors.push(String(error)));
    await hotline.page.waitForSelector('[data-app-ready="true"]');
  });
  afterAll(async () => {
    await hotline?.close();
  });

  it('loads in Russian on a Russian system, with the status bar and the main sections', async () => {
    const { page } = hotline;
    await expect.poll(() => page.getByTestId('registration-state').textContent()).toBe('Телефон не настроен');
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    for (const name of ['Рабочая область', 'История', 'Настройки']) {
      expect(await page.getByRole('navigation').getByRole('button', { name }).count()).toBe(1);
    }
    expect(await page.getByRole('complementary').count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });

  it('is navigable from the keyboard: Ctrl+, opens settings, Ctrl+1 the workspace', async () => {
    const { page } = hotline;
    await page.keyboard.press('Control+Comma');
    await page.waitForSelector('[data-screen="settings"]');
    await page.keyboard.press('Control+Digit1');
    await expect.poll(() => page.locator('[data-screen="settings"]').count()).toBe(0);
    await page.keyboard.press('F2');
    await expect
      .poll(() =>
        page.evaluate(() =>
          (
            globalThis as unknown as {
              document: { activeElement: { getAttribute(n: string): string | null } | null };
            }
          ).document.activeElement?.getAttribute('data-testid'),
        ),
      )
      .toBe('dial-input');
  });

  it('switching the language changes the UI at once and is remembered', async () => {
    const { page } = hotline;
    await page.getByRole('navigation').getByRole('button', { name: 'Настройки' }).click();
    await page.getByLabel('Язык интерфейса', { exact: true }).first().click();
    await page.getByRole('option', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Settings', exact: true }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(hotline.harness.core.settings.get().language).toBe('en');
  });

  it('saves the SIP account; after a core restart it is still there, and the password is not on disk in plaintext', async () => {
    const { page } = hotline;
    const password = 'Very-Secret-Пароль-2026';
    await page
      .getByRole('textbox', { name: 'Server address (WebSocket)', exact: true })
      .fill('wss://pbx.example.com:8089/ws');
    await page.getByRole('textbox', { name: 'SIP address', exact: true }).fill('sip:101@pbx.example.com');
    await page
      .getByRole('textbox', { name: 'Your name as callers see it', exact: true })
      .fill('Анна Смирнова');
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('form', { name: 'SIP account' }).getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved', { exact: true }).waitFor();

    await hotline.restartCore();
    await page.waitForSelector('[data-app-ready="true"]');
    await page.keyboard.press('Control+Comma');
    await page.waitForSelector('[data-screen="settings"]');
    expect(await page.getByRole('textbox', { name: 'SIP address', exact: true }).inputValue()).toBe(
      'sip:101@pbx.example.com',
    );
    expect(
      await page.getByRole('textbox', { name: 'Your name as callers see it', exact: true }).inputValue(),
    ).toBe('Анна Смирнова');
    await page.getByText('A password is saved. Leave empty to keep it.').waitFor();
    expect(
      await hotline.harness.core.router.dispatch('account:get', {}, { trusted: true, description: 't' }),
    ).toMatchObject({
      ok: true,
      value: { hasPassword: true },
    });

    hotline.harness.core.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const file of filesUnder(hotline.dataDir)) {
      const bytes = readFileSync(file);
      expect(bytes.includes(Buffer.from(password)), file).toBe(false);
      expect(bytes.includes(Buffer.from('Very-Secret')), file).toBe(false);
    }
  });

  it('refuses an invalid address with a message next to the field', async () => {
    const { page } = hotline;
    await page
      .getByRole('textbox', { name: 'Server address (WebSocket)', exact: true })
      .fill('http://pbx.example.com');
    await page.getByRole('form', { name: 'SIP account' }).getByRole('button', { name: 'Save' }).click();
    await page.getByText(/Enter a wss:\/\/ address/).waitFor();
    expect(hotline.harness.core.settings.get().account.wssUrl).toBe('wss://pbx.example.com:8089/ws');
  });
});
