import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSipp, type Pbx } from '../../tools/pbx/stack.ts';
import { outboxRows } from '../../src/main/core/sync/outbox-table.ts';
import { startHotline, type HotlineUnderTest } from '../helpers/hotline.ts';
import { tabTo } from '../helpers/keyboard.ts';
import { registerAs101, startTestPbx } from '../helpers/pbx.ts';

// The operator's day in one flow, keyboard only, against the real PBX: an unknown caller rings, the
// operator names them from the card, answers (F3), hangs up (F4) and wraps up (Alt+digit, Ctrl+Enter);
// the same caller rings again and the card knows the name and the last call; the operator answers,
// holds and resumes, hangs up, and the wrap-up refuses to go without a result, then takes one with a
// request and a callback — and history, the contact and the sync outbox show them. Axe checks the
// ringing card and the wrap-up form on the way.

const CALLER = '+74957654321';
let pbx: Pbx;
let hotline: HotlineUnderTest;
let port = 5150;

interface Violation {
  id: string;
  impact?: string | null;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}
async function seriousViolations(): Promise<string[]> {
  const result = await new AxeBuilder({ page: hotline.page }).analyze();
  return (result.violations as Violation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('; ')}`,
    );
}

function ring() {
  return runSipp(pbx, 'uac', {
    service: '101',
    localPort: port++,
    vars: { caller: CALLER, callername: '' },
  });
}

beforeAll(async () => {
  pbx = await startTestPbx();
  hotline = await startHotline({ viewport: { width: 1366, height: 900 } });
  await hotline.page.waitForSelector('[data-app-ready="true"]');
  await registerAs101(hotline, pbx);
});

afterAll(async () => {
  await hotline?.close();
  await pbx?.stop();
});

describe('the workspace, keyboard only', () => {
  it('an unknown caller is named from the card; the name sticks for the next call', async () => {
    const { page } = hotline;
    const first = ring();
    const ringing = await hotline.waitForCall((c) => c.direction === 'inbound' && c.state === 'ringing');
    const card = page.getByTestId('caller-card');
    await card.waitFor();
    await page.getByTestId('unknown-caller').waitFor();
    expect(await card.textContent()).toContain('First call from this number');
    expect(await seriousViolations()).toEqual([]);

    await tabTo(page, /^Caller’s name$/);
    await page.keyboard.type('Мария Соколова');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('call-card').getByRole('heading').first().textContent())
      .toBe('Мария Соколова');

    await page.keyboard.press('F3');
    await hotline.waitForCall((c) => c.id === ringing.id && c.state === 'active');
    // F4 acts on what the operator sees: wait until the page shows the call connected.
    await page.locator('[data-testid="call-card"][data-state="active"]').waitFor();
    await page.keyboard.press('F4');
    await hotline.waitForCall((c) => c.id === ringing.id && c.state === 'ended');
    await first.done;

    const form = page.getByTestId('wrapup-form');
    await form.waitFor();
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Control+Enter');
    await page.getByText('Wrap-up submitted.').waitFor();
  });

  it('the regular caller: card with the last call, hold and resume, a wrap-up with a request and a callback', async () => {
    const { page } = hotline;
    const earlier = new Set(hotline.events('call:updated').map((c) => c.id));
    const second = ring();
    const ringing = await hotline.waitForCall(
      (c) => !earlier.has(c.id) && c.direction === 'inbound' && c.state === 'ringing',
    );
    const card = page.getByTestId('caller-card');
    await card.waitFor();
    await expect.poll(() => card.textContent()).toContain('1 earlier call');
    expect(await page.getByTestId('call-card').getByRole('heading').first().textContent()).toBe(
      'Мария Соколова',
    );
    expect(await page.getByTestId('card-recent-call').first().textContent()).toContain(
      'Consultation / information',
    );

    await page.keyboard.press('F3');
    await hotline.waitForCall((c) => c.id === ringing.id && c.state === 'active');
    await tabTo(page, /^Hold$/);
    await page.keyboard.press('Enter');
    await hotline.waitForCall((c) => c.id === ringing.id && c.state === 'held');
    await tabTo(page, /^Resume$/, { backwards: true, limit: 5 }).catch(() => tabTo(page, /^Resume$/));
    await page.keyboard.press('Enter');
    await hotline.waitForCall((c) => c.id === ringing.id && c.state === 'active');
    await page.locator('[data-testid="call-card"][data-state="active"]').waitFor();
    await page.keyboard.press('F4');
    await hotline.waitForCall((c) => c.id === ringing.id && c.state === 'ended');
    await second.done;

    // A wrap-up is required: submitting without a result is refused, next to the field.
    const form = page.getByTestId('wrapup-form');
    await form.waitFor();
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => form.textContent()).toContain('Check the fields marked in red.');
    expect(await seriousViolations()).toEqual([]);

    await page.keyboard.press('Alt+2'); // Order placed
    await tabTo(page, /^Notes$/);
    await page.keyboard.type('Заказала тариф «Бизнес», доставка в пятницу');
    await tabTo(page, /^Create a request or order$/);
    await page.keyboard.press('Space');
    await tabTo(page, /^Type/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await tabTo(page, /^Product or service/);
    await page.keyboard.type('Тариф «Бизнес»');
    await tabTo(page, /^Quantity/);
    await page.keyboard.type('2');
    await tabTo(page, /^Schedule a callback$/);
    await page.keyboard.press('Space');
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    await tabTo(page, /^Date/);
    await page.keyboard.type(
      `${String(tomorrow.getMonth() + 1).padStart(2, '0')}${String(tomorrow.getDate()).padStart(2, '0')}${tomorrow.getFullYear()}`,
    );
    await tabTo(page, /^Time/);
    await page.keyboard.type('1030AM');
    await page.keyboard.press('Control+Enter');
    await page.getByText('Request created.').waitFor({ timeout: 10_000 });
    await page.getByText(/Callback scheduled for/).waitFor();

    // What the rest of Hotline now knows.
    const documents = outboxRows(hotline.harness.core.db, { aggregateId: ringing.id }).map(
      (row) =>
        JSON.parse(row.payload) as {
          type: string;
          data: { disposition?: string; request?: { product: string }; callback?: unknown };
        },
    );
    expect(documents.map((d) => d.type)).toEqual(['call.finished', 'wrapup.submitted']);
    expect(documents[1]!.data.disposition).toBe('order');
    expect(documents[1]!.data.request?.product).toBe('Тариф «Бизнес»');
    expect(documents[1]!.data.callback).toBeTruthy();
    const { callbacks } = await hotline.call('callbacks:list', { number: CALLER });
    expect(callbacks).toHaveLength(1);

    await page.keyboard.press('Control+Digit2');
    const history = page.locator('[data-screen="history"]');
    await history.waitFor();
    await expect.poll(() => history.textContent()).toContain('Order placed');
    expect(await history.textContent()).toContain('Мария Соколова');

    await page.keyboard.press('Control+Digit3');
    await expect.poll(() => page.locator('main').textContent()).toContain('Мария Соколова');

    // Calling her back from the dial field by name: F2, a few letters, arrow down, Enter.
    const before = new Set(hotline.events('call:updated').map((c) => c.id));
    await page.keyboard.press('F2');
    await page.keyboard.type('Мари');
    await page.getByTestId('dial-suggestion').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const outbound = await hotline.waitForCall((c) => !before.has(c.id) && c.direction === 'outbound');
    expect(outbound.remote.number).toBe(CALLER);
    await hotline.waitForCall((c) => c.id === outbound.id && c.state === 'ended');
  });
});
