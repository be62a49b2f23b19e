import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  });
}
