import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../../helpers/core.ts';

const sender = { trusted: true, description: 'test' };
const cores: TestCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.dispose();
});

function setup() {
  const test = createTestCore();
  cores.push(test);
  const events: string[] = [];
  test.core.events.subscribe((channel) => {
    if (channel === 'dial:link') events.push(channel);
  });
  const take = () => test.core.router.dispatch('dial:takeLink', {}, sender);
  return { ...test, events, take };
}

describe('telephone links from other programs', () => {
  it('a tel: link waits for the dial field, tells the page, and is taken once', async () => {
    const { core, events, take, logs } = setup();
    expect(await take()).toEqual({ ok: true, value: { target: null } });
    expect(core.dialLinks.open('tel:+7-495-123-45-67')).toBe(true);
    expect(events).toEqual(['dial:link']);
    expect(await take()).toEqual({ ok: true, value: { target: '+74951234567' } });
    expect(await take()).toEqual({ ok: true, value: { target: null } });
    // The number itself stays out of the log.
    expect(JSON.stringify(logs)).not.toContain('4951234567');
  });

  it('the newest link wins when two come before the page takes one', async () => {
    const { core, take } = setup();
    core.dialLinks.open('callto:+74950000001');
    core.dialLinks.open('sip:ivan@pbx.example.ru');
    expect(await take()).toEqual({ ok: true, value: { target: 'sip:ivan@pbx.example.ru' } });
  });

  it('anything else is ignored and logged, and nothing waits', async () => {
    const { core, events, take, logs } = setup();
    expect(core.dialLinks.open('https://example.ru/?tel=1')).toBe(false);
    expect(core.dialLinks.open('')).toBe(false);
    expect(events).toEqual([]);
    expect(await take()).toEqual({ ok: true, value: { target: null } });
    expect(logs.some((r) => r.level === 'warn' && /not tel:/.test(r.message))).toBe(true);
  });
});
