import AxeBuilder from '@axe-core/playwright';
import { join } from 'node:path';
import type { FileChooser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHotline, type HotlineUnderTest } from '../helpers/hotline.ts';

// The Contacts screen in Chromium through the harness, driven by the keyboard alone: open the
// screen, search, open a contact, edit and save it, import a file from the file chooser.

const FIXTURES = join(import.meta.dirname, '../fixtures/contacts');

describe('contacts with the keyboard alone', () => {
  let hotline: HotlineUnderTest;
  beforeAll(async () => {
    hotline = await startHotline({ viewport: { width: 1366, height: 768 } });
    await hotline.page.waitForSelector('[data-app-ready="true"]');
    await hotline.call('contacts:save', {
      name: 'Иван Петров',
      company: 'ООО «Ромашка»',
      numbers: [{ number: '8 495 123-45-67', label: 'work' }],
    });
    await hotline.call('contacts:save', {
      name: 'Анна Смирнова',
      numbers: [{ number: '+7 916 000-11-22', label: 'mobile' }],
    });
  });
  afterAll(async () => {
    await hotline?.close();
  });

  const isFocused = (target: Locator) => target.evaluate((el) => el.ownerDocument.activeElement === el);

  /** Presses Tab (or `key`) until `target` has the focus (at most `limit` times). */
  async function tabTo(target: Locator, limit = 15, key = 'Tab'): Promise<void> {
    for (let i = 0; i < limit; i++) {
      await hotline.page.keyboard.press(key);
      if (await isFocused(target)) return;
    }
    throw new Error(`${key} never reached ${String(target)}`);
  }

  it('searches, opens, edits and saves a contact, and imports a file, without the mouse', async () => {
    const { page } = hotline;
    // Listening from the start: Chromium only hands the chooser over once interception is on.
    const choosers: FileChooser[] = [];
    page.on('filechooser', (chooser) => choosers.push(chooser));
    await page.keyboard.press('Control+Digit3');
    await page.waitForSelector('[data-screen="contacts"]');

    await tabTo(page.getByRole('searchbox', { name: 'Search contacts' }));
    await page.keyboard.type('пет');
    const list = page.getByRole('list', { name: 'Contacts' });
    await expect.poll(() => list.getByTestId('contact-row').count()).toBe(1);

    await tabTo(list.getByRole('button', { name: /^Иван Петров/ }));
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: 'Edit Иван Петров' });
    await form.waitFor();
    // The focus went to the form: no tabbing through the whole list.
    expect(await isFocused(form.getByRole('textbox', { name: 'Name' }))).toBe(true);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Иван Петрович Петров');
    await page.keyboard.press('Enter');
    await form.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const { items } = await hotline.call('contacts:list', { query: 'петрович' });
    expect(items.map((i) => i.name)).toEqual(['Иван Петрович Петров']);

    // Back up from the editor to the header's Import button.
    await tabTo(page.getByRole('button', { name: 'Import…' }), 15, 'Shift+Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => choosers.length).toBe(1);
    await choosers[0]!.setFiles(join(FIXTURES, 'excel-ru-semicolon-bom.csv'));
    const summary = page.getByTestId('import-summary');
    await summary.getByText('Line 4: no phone number').waitFor();
    expect(await summary.getByRole('listitem').allTextContents()).toEqual([
      // Line 2 has Иван's number and Анна's: two contacts, so it waits for a merge.
      'Line 2: its numbers belong to different contacts; merge them first (Иван Петрович Петров, Анна Смирнова)',
      'Line 4: no phone number',
      'Line 5: the number is not valid (12-34-5678-99)',
      'Line 7: the e-mail address is not valid (anna@example)',
      'Line 9: no name or company',
    ]);

    const result = await new AxeBuilder({ page }).include('[data-screen="contacts"]').analyze();
    const serious = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious).toEqual([]);
  });
});
