import type { Page } from 'playwright-core';

// Keyboard-only driving for end-to-end tests: focus moves with Tab / Shift+Tab only, never with a
// click or element.focus(), so a flow that passes is one an operator can do without a mouse.

/** The accessible name (roughly: aria-label, labelled-by, label, text) of the focused element. */
async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    interface Node {
      textContent: string | null;
      getAttribute(name: string): string | null;
      labels?: ArrayLike<Node> | null;
    }
    const doc = (
      globalThis as unknown as {
        document: { activeElement: Node | null; getElementById(id: string): Node | null };
      }
    ).document;
    const el = doc.activeElement;
    if (!el) return '';
    const byIds = (ids: string | null) =>
      ids
        ?.split(/\s+/)
        .map((id) => doc.getElementById(id)?.textContent ?? '')
        .join(' ') ?? '';
    const label = el.labels?.[0]?.textContent ?? '';
    return (
      el.getAttribute('aria-label') ||
      byIds(el.getAttribute('aria-labelledby')) ||
      label ||
      el.textContent ||
      ''
    ).trim();
  });
}

/** Presses Tab (or Shift+Tab) until the focused element's name matches; fails after `limit` steps. */
export async function tabTo(
  page: Page,
  name: RegExp,
  options: { backwards?: boolean; limit?: number } = {},
): Promise<void> {
  const key = options.backwards ? 'Shift+Tab' : 'Tab';
  const seen: string[] = [];
  for (let i = 0; i < (options.limit ?? 80); i++) {
    await page.keyboard.press(key);
    const current = await focusedName(page);
    if (name.test(current)) return;
    seen.push(current);
  }
  throw new Error(`Tab never reached ${name}; passed: ${seen.slice(-25).join(' | ')}`);
}
