import AxeBuilder from '@axe-core/playwright';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FileChooser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallView } from '../../src/shared/model/call.ts';
import { startHotline, type HotlineUnderTest } from '../helpers/hotline.ts';

// The knowledge base and the phrase guard in Chromium through the harness: import a set of
// Markdown files from Settings, search from the side panel with another word form and with a typo,
// move through the results and open an article from the keyboard; then a wrap-up (made in the core,
// no PBX needed) whose notes are checked as they are typed, with the highlight lined up over the
// text, a one-click replacement, and the article attached to the call.

const FIXTURES = join(import.meta.dirname, '../fixtures/knowledge');

interface Violation {
  id: string;
  impact?: string | null;
  nodes: Array<{ target: unknown[] }>;
}
const serious = (violations: Violation[]) =>
  violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

/** An answered call that has ended: the core opens its wrap-up draft. */
function endedCall(hotline: HotlineUnderTest, id: string): void {
  const t0 = Date.now() - 120_000;
  const view = (patch: Partial<CallView>): CallView => ({
    id,
    direction: 'inbound',
    state: 'ringing',
    remote: { number: '84951234567', displayName: 'Иван Петров', uri: 'sip:84951234567@pbx' },
    muted: false,
    earlyMedia: false,
    startedAt: t0,
    ...patch,
  });
  const log = hotline.harness.core.callLog;
  log.record(view({}), t0);
  log.record(view({ state: 'active', answeredAt: t0 + 3000 }), t0 + 3000);
  log.record(
    view({ state: 'ended', answeredAt: t0 + 3000, endedAt: t0 + 60_000, end: { reason: 'remote-hangup' } }),
    t0 + 60_000,
  );
}

describe('knowledge base and phrase guard in the browser', () => {
  let hotline: HotlineUnderTest;
  const pageErrors: string[] = [];
  beforeAll(async () => {
    hotline = await startHotline({ viewport: { width: 1366, height: 768 } });
    hotline.page.on('pageerror', (error) => pageErrors.push(String(error)));
    await hotline.page.waitForSelector('[data-app-ready="true"]');
  });
  afterAll(async () => {
    await hotline?.close();
  });

  const isFocused = (target: Locator) => target.evaluate((el) => el.ownerDocument.activeElement === el);

  it('imports Markdown files from Settings and reports the bad one with its place', async () => {
    const { page } = hotline;
    const choosers: FileChooser[] = [];
    page.on('filechooser', (chooser) => choosers.push(chooser));
    await page.keyboard.press('Control+Comma');
    await page.waitForSelector('[data-screen="settings"]');
    const section = page.getByRole('region', { name: 'Knowledge base' });
    await section.getByRole('button', { name: 'Import files…' }).click();
    await expect.poll(() => choosers.length).toBe(1);
    await choosers[0]!.setFiles(readdirSync(FIXTURES).map((name) => join(FIXTURES, name)));
    const result = section.getByTestId('kb-import-result');
    await result.getByText('4 new, 0 updated, 0 unchanged.').waitFor();
    expect(await result.getByRole('listitem').allTextContents()).toEqual([
      'broken-date.md, line 1: valid_from: "31.02.2025" is not a date (use YYYY-MM-DD or DD.MM.YYYY)',
    ]);
    expect(hotline.harness.core.knowledge.count()).toBe(4);
  });

  it('searches with another word form and with a typo, and opens an article from the keyboard', async () => {
    const { page } = hotline;
    await page.keyboard.press('Control+Digit1');
    // F6 from the workspace: the side panel shows the knowledge base, the cursor in its search.
    await page.keyboard.press('F6');
    const search = page.getByRole('combobox', { name: 'Search the knowledge base' });
    await expect.poll(() => isFocused(search)).toBe(true);

    await page.keyboard.type('тарифов');
    const options = page.getByRole('listbox', { name: 'Articles found' }).getByRole('option');
    await expect.poll(() => options.first().locator('mark').first().textContent()).toBe('Тариф');
    expect(await options.first().textContent()).toContain('Тариф «Домашний 300»');
    // The expired promotion is listed last and marked.
    await expect
      .poll(() => options.last().locator('[data-validity]').getAttribute('data-validity'))
      .toBe('expired');

    await page.keyboard.press('Control+A');
    await page.keyboard.type('доставкв');
    await expect.poll(() => options.first().textContent()).toContain('Доставка курьером');
    expect(await options.first().locator('mark').first().textContent()).toBe('Доставка');
    await page.getByRole('button', { name: 'Search for “доставка” instead of “доставкв”' }).waitFor();

    await page.keyboard.press('Control+A');
    await page.keyboard.type('роутер');
    await expect.poll(() => options.count()).toBeGreaterThan(1);
    await page.keyboard.press('ArrowDown');
    const selected = page.getByRole('option', { selected: true });
    const chosen = (await selected.locator('.mantine-Text-root').first().textContent()) ?? '';
    expect(await search.getAttribute('aria-activedescendant')).toBe(await selected.getAttribute('id'));
    await page.keyboard.press('Enter');
    const article = page.getByTestId('kb-article');
    const heading = article.getByRole('heading', { level: 3 });
    await expect.poll(() => heading.textContent()).toBe(chosen);
    expect(await isFocused(heading)).toBe(true);

    const axe = await new AxeBuilder({ page }).include('aside').analyze();
    expect(serious(axe.violations as Violation[])).toEqual([]);

    await page.keyboard.press('Escape');
    await expect.poll(() => isFocused(search)).toBe(true);
    expect(await search.inputValue()).toBe('роутер');

    // The article with the price table, opened from the results.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('домашний тариф');
    await expect.poll(() => options.first().textContent()).toContain('Тариф «Домашний 300»');
    await page.keyboard.press('Enter');
    await article.getByRole('table').waitFor();
    expect(await article.getByRole('cell', { name: '750 ₽' }).count()).toBe(1);
    // No call in progress and no wrap-up: nothing to attach to.
    expect(await article.getByRole('button', { name: 'Attach to this call' }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('checks the wrap-up notes as they are typed, highlights over the words, replaces in one click', async () => {
    const { page } = hotline;
    endedCall(hotline, 'e2e-wrapup-1');
    // The wrap-up list is read when the workspace opens.
    await page.keyboard.press('Control+Digit2');
    await page.keyboard.press('Control+Digit1');
    const form = page.getByTestId('wrapup-form');
    await form.waitFor();
    const notes = form.getByRole('textbox', { name: 'Notes' });
    await notes.click();
    await page.keyboard.type('Клиент спросил про роутер. Я не знаю, есть ли проблема с доставкой.');

    const findings = form.getByRole('list', { name: 'Phrases to reconsider' }).getByRole('listitem');
    await expect.poll(() => findings.count()).toBe(2);
    const marks = form.getByTestId('guard-highlights').locator('mark');
    expect(await marks.allTextContents()).toEqual(['Я не знаю', 'проблема']);
    expect(await form.getByRole('status').filter({ hasText: '2 phrases to reconsider' }).count()).toBe(1);

    // The highlight layer is the textarea's twin: same box, same font and spacing, so each mark
    // sits under its words; and the textarea lets it show through.
    const geometry = await notes.evaluate((textarea) => {
      const layer = textarea.ownerDocument.querySelector('[data-testid="guard-highlights"]')!;
      const a = textarea.getBoundingClientRect();
      const b = layer.getBoundingClientRect();
      const view = textarea.ownerDocument.defaultView!;
      const sa = view.getComputedStyle(textarea);
      const sb = view.getComputedStyle(layer);
      const keys = [
        'fontFamily',
        'fontSize',
        'lineHeight',
        'letterSpacing',
        'paddingTop',
        'paddingLeft',
      ] as const;
      return {
        box: [a.left - b.left, a.top - b.top, a.width - b.width, a.height - b.height].map((n) =>
          Math.round(n),
        ),
        styles: keys.filter((k) => sa[k] !== sb[k]),
        background: sa.backgroundColor,
        marksInside: [...layer.querySelectorAll('mark')].every((m) => {
          const r = m.getBoundingClientRect();
          return r.top >= b.top && r.bottom <= b.bottom + 1 && r.left >= b.left && r.right <= b.right + 1;
        }),
      };
    });
    expect(geometry).toEqual({
      box: [0, 0, 0, 0],
      styles: [],
      background: 'rgba(0, 0, 0, 0)',
      marksInside: true,
    });

    await form.getByRole('button', { name: 'Replace «проблема» with «вопрос»' }).click();
    await expect
      .poll(() => notes.inputValue())
      .toBe('Клиент спросил про роутер. Я не знаю, есть ли вопрос с доставкой.');
    expect(await isFocused(notes)).toBe(true);
    await form.getByRole('button', { name: 'Replace «Я не знаю» with «сейчас уточню»' }).click();
    await expect
      .poll(() => notes.inputValue())
      .toBe('Клиент спросил про роутер. Сейчас уточню, есть ли вопрос с доставкой.');
    await expect.poll(() => findings.count()).toBe(0);

    const axe = await new AxeBuilder({ page }).include('[data-testid="wrapup-form"]').analyze();
    expect(serious(axe.violations as Violation[])).toEqual([]);
  });

  it('attaches the open article to the call in wrap-up, and the form lists it', async () => {
    const { page } = hotline;
    await page.keyboard.press('F6');
    const search = page.getByRole('combobox', { name: 'Search the knowledge base' });
    await expect.poll(() => isFocused(search)).toBe(true);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('аренда роутера');
    const options = page.getByRole('listbox', { name: 'Articles found' }).getByRole('option');
    await expect.poll(() => options.first().textContent()).toContain('Аренда роутера');
    await page.keyboard.press('Enter');
    await page.getByTestId('kb-article').getByRole('button', { name: 'Attach to this call' }).click();
    await page.getByRole('button', { name: 'Attached to this call' }).waitFor();
    const listed = page.getByTestId('wrapup-articles');
    await listed.getByRole('button', { name: 'Open “Аренда роутера” in the knowledge base' }).waitFor();
    const { articles } = await hotline.call('kb:attached', { callId: 'e2e-wrapup-1' });
    expect(articles.map((a) => a.title)).toEqual(['Аренда роутера']);
    expect(pageErrors).toEqual([]);
  });
});
