import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSipp, type Pbx } from '../../tools/pbx/stack.ts';
import { outboxRows } from '../../src/main/core/sync/outbox-table.ts';
import { startHotline, type HotlineUnderTest } from '../helpers/hotline.ts';
import { tabTo } from '../helpers/keyboard.ts';
import { registerAs101, startTestPbx } from '../helpers/pbx.ts';

// The call script end to end, keyboard only, against the real PBX: an unknown caller rings and the
// greeting script opens by itself in the side panel with the names filled in; the operator answers
// (F3), takes the unknown-number branch with its digit, types how to address the caller into the
// script's field, moves on with Tab and Enter and a digit, hangs up (F4) — and the field is in the
// wrap-up form, and the submitted wrap-up's sync document carries it with the path taken.

const CALLER = '+74951112233';
let pbx: Pbx;
let hotline: HotlineUnderTest;

interface Violation {
  id: string;
  impact?: string | null;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}
async function seriousViolations(selector: string): Promise<string[]> {
  const result = await new AxeBuilder({ page: hotline.page }).include(selector).analyze();
  return (result.violations as Violation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('; ')}`,
    );
}

beforeAll(async () => {
  pbx = await startTestPbx();
  hotline = await startHotline({ viewport: { width: 1366, height: 900 } });
  await hotline.page.waitForSelector('[data-app-ready="true"]');
  await registerAs101(hotline, pbx);
  await hotline.call('settings:update', {
    patch: { scripts: { companyName: 'Acme', operatorName: 'Anna' } },
  });
});

afterAll(async () => {
  await hotline?.close();
  await pbx?.stop();
});

describe('the call script during a call, keyboard only', () => {
  it('opens the greeting, follows the unknown-number branch, and the field lands in the wrap-up and its sync document', async () => {
    const { page } = hotline;
    // The knowledge base in front: the call must bring the script forward by itself.
    await page.getByRole('tab', { name: 'Knowledge base' }).click();

    const caller = runSipp(pbx, 'uac', {
      service: '101',
      localPort: 5170,
      vars: { caller: CALLER, callername: '' },
    });
    const ringing = await hotline.waitForCall((c) => c.direction === 'inbound' && c.state === 'ringing');

    const panel = page.getByTestId('script-panel');
    const text = page.getByTestId('script-text');
    await expect
      .poll(() => text.textContent())
      .toMatch(/^Good (morning|afternoon|evening)! This is Acme, Anna speaking\.$/);
    expect(await page.getByRole('tab', { name: 'Script' }).getAttribute('aria-selected')).toBe('true');
    expect(await seriousViolations('[data-testid="script-panel"]')).toEqual([]);

    await page.keyboard.press('F3');
    await hotline.waitForCall((c) => c.id === ringing.id && c.state === 'active');
    // Keys act on what the operator sees: wait until the page shows the call connected.
    await page.locator('[data-testid="call-card"][data-state="active"]').waitFor();

    // 2: "Unknown number" — the digit works while the cursor is in no text field.
    await page.keyboard.press('2');
    await expect.poll(() => text.textContent()).toBe('How may I address you, please?');
    await tabTo(page, /^How to address the caller/);
    await page.keyboard.type('Мария');
    await tabTo(page, /The caller gave a name/);
    await page.keyboard.press('Enter');
    await expect.poll(() => text.textContent()).toBe('Nice to meet you! Is this a good time to talk?');
    // 1: "Good time" (the new step's heading has the focus).
    await page.keyboard.press('1');
    await expect.poll(() => text.textContent()).toBe('How can I help you today?');
    const path = await panel.getByRole('navigation', { name: 'Path so far' }).textContent();
    expect(path).toBe('Greeting ›How to address the caller ›A good time to talk? ›The caller’s need');
    expect(await seriousViolations('[data-testid="script-panel"]')).toEqual([]);

    // Saved with the call as the operator went.
    const stored = hotline.harness.core.db
      .prepare('SELECT path, fields FROM call_script_runs WHERE call_id = ?')
      .get(ringing.id) as { path: string; fields: string };
    expect(
      JSON.parse(stored.path).map((p: { stepId: string; answer: string }) => `${p.stepId}:${p.answer}`),
    ).toEqual(['greet:unknown', 'ask-name:named', 'convenient:yes']);
    expect(JSON.parse(stored.fields)).toEqual({ 'caller-name': 'Мария' });

    await page.keyboard.press('F4');
    await hotline.waitForCall((c) => c.id === ringing.id && c.state === 'ended');
    await caller.done;

    // The wrap-up form shows what the script collected.
    const form = page.getByTestId('wrapup-form');
    await form.waitFor();
    const fromScript = form.getByTestId('wrapup-script-fields');
    await fromScript.waitFor();
    expect(await fromScript.textContent()).toContain('How to address the callerМария');
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Control+Enter');
    await page.getByText('Wrap-up submitted.').waitFor();

    const documents = outboxRows(hotline.harness.core.db, { aggregateId: ringing.id }).map(
      (row) =>
        JSON.parse(row.payload) as {
          type: string;
          data: {
            fields?: Record<string, unknown>;
            script?: { scriptId: string; path: Array<{ stepId: string; answer: string }>; fields: object };
          };
        },
    );
    const wrapup = documents.find((d) => d.type === 'wrapup.submitted');
    expect(wrapup?.data.fields).toEqual({ 'script.caller-name': 'Мария' });
    expect(wrapup?.data.script?.scriptId).toBe('builtin.greeting.en');
    expect(wrapup?.data.script?.path.map((p) => `${p.stepId}:${p.answer}`)).toEqual([
      'greet:unknown',
      'ask-name:named',
      'convenient:yes',
    ]);
    expect(wrapup?.data.script?.fields).toEqual({ 'caller-name': 'Мария' });

    // The script of a submitted wrap-up no longer changes.
    await expect.poll(() => panel.textContent()).toContain('The wrap-up of this call was submitted');
  });
});
