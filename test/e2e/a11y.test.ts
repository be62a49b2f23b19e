import AxeBuilder from '@axe-core/playwright';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallView } from '../../src/shared/model/call.ts';
import { startHotline, type HotlineUnderTest } from '../helpers/hotline.ts';

// Every main screen through axe-core in Chromium, in both languages: no serious or critical
// violation. (Screens with a call in progress are checked by the workspace flow in test/pbx.)

interface Violation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

const serious = (violations: Violation[]) =>
  violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

for (const locale of ['en-US', 'ru-RU']) {
  describe(`accessibility of the main screens (${locale})`, () => {
    let hotline: HotlineUnderTest;
    beforeAll(async () => {
      hotline = await startHotline({ systemLocale: locale, locale, viewport: { width: 1366, height: 768 } });
      await hotline.page.waitForSelector('[data-app-ready="true"]');
    });
    afterAll(async () => {
      await hotline?.close();
    });

    it('each section of the navigation has no serious or critical violation', async () => {
      const { page } = hotline;
      const nav = page.getByRole('navigation').getByRole('button');
      const count = await nav.count();
      expect(count).toBeGreaterThanOrEqual(3);
      const found: Record<string, string[]> = {};
      for (let i = 0; i < count; i++) {
        const button = nav.nth(i);
        const name = (await button.textContent()) ?? `#${i}`;
        await button.click();
        await page.waitForTimeout(300);
        const result = await new AxeBuilder({ page }).analyze();
        const problems = serious(result.violations as Violation[]);
        if (problems.length > 0) found[name] = problems;
      }
      expect(found).toEqual({});
    });

    it('the knowledge base beside the call, an article, the phrase guard and their settings pass too', async () => {
      const { page } = hotline;
      const core = hotline.harness.core;
      const fixtures = join(import.meta.dirname, '../fixtures/knowledge');
      core.knowledge.import(
        readdirSync(fixtures).map((name) => ({
          format: 'markdown' as const,
          name,
          content: readFileSync(join(fixtures, name), 'utf8'),
        })),
      );
      // A call in wrap-up, made in the core (no PBX needed).
      const t0 = Date.now() - 120_000;
      const view = (patch: Partial<CallView>): CallView => ({
        id: `a11y-${locale}`,
        direction: 'inbound',
        state: 'ringing',
        remote: { number: '84951234567', displayName: 'Иван Петров', uri: 'sip:84951234567@pbx' },
        muted: false,
        earlyMedia: false,
        startedAt: t0,
        ...patch,
      });
      core.callLog.record(view({}), t0);
      core.callLog.record(view({ state: 'active', answeredAt: t0 + 1000 }), t0 + 1000);
      core.callLog.record(
        view({ state: 'ended', answeredAt: t0 + 1000, endedAt: t0 + 9000, end: { reason: 'remote-hangup' } }),
        t0 + 9000,
      );
      const found: Record<string, string[]> = {};
      const check = async (name: string) => {
        await page.waitForTimeout(300);
        const problems = serious((await new AxeBuilder({ page }).analyze()).violations as Violation[]);
        if (problems.length > 0) found[name] = problems;
      };

      // The loop above left the pointer over a nav button: its hover colours are not what is checked here.
      await page.mouse.move(0, 300);
      await page.keyboard.press('Control+Digit2');
      await page.keyboard.press('Control+Digit1');
      await page.keyboard.press('F6');
      await page.keyboard.type('тарифов');
      const aside = page.locator('aside');
      await aside.getByRole('option').first().waitFor();
      await check('knowledge results');
      await page.keyboard.press('Enter');
      await aside.getByTestId('kb-article').waitFor();
      await check('knowledge article');

      await page.locator(`[id="wrapup-a11y-${locale}-notes"]`).click();
      await page.keyboard.type('Я не знаю, это проблема. Минуточку.');
      await page.getByTestId('guard-findings').getByRole('listitem').nth(2).waitFor();
      await check('phrase guard findings');

      await page.keyboard.press('Control+Comma');
      await page.waitForSelector('[data-screen="settings"]');
      await page.getByTestId('guard-builtin-toggle').click();
      await page.getByTestId('guard-add').click();
      await page.getByTestId('guard-rule').waitFor();
      await check('phrase guard settings');
      expect(found).toEqual({});
    });
  });
}
