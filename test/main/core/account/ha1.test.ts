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
  return (payload: unknown) => test.core.router.dispatch('account:save', payload, sender);
}

const HA1 = '0123456789abcdef0123456789ABCDEF';
const account = { wssUrl: 'wss://pbx.example.ru/ws', sipUri: 'sip:101@pbx.example.ru' };

describe('SIP account with an HA1 digest instead of the password', () => {
  it('takes 32 hexadecimal digits, and refuses anything else on the password field', async () => {
    const save = setup();
    expect(await save({ account: { ...account, secretKind: 'ha1' }, password: HA1 })).toMatchObject({
      ok: true,
      value: { account: { secretKind: 'ha1' }, hasPassword: true },
    });
    for (const bad of ['secret', HA1.slice(1), `${HA1.slice(1)}g`])
      expect(await save({ account: {}, password: bad })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', issues: [{ path: 'account.password', message: 'ha1' }] },
      });
  });

  it('switching to HA1 with a plain password still stored is refused, and nothing changes', async () => {
    const save = setup();
    await save({ account, password: 'secret' });
    expect(await save({ account: { secretKind: 'ha1' } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await save({ account: {} })).toMatchObject({
      ok: true,
      value: { account: { secretKind: 'password' } },
    });
    // Switching with the digest given at the same time is fine; forgetting it too.
    expect(await save({ account: { secretKind: 'ha1' }, password: HA1 })).toMatchObject({ ok: true });
    expect(await save({ account: {}, password: null })).toMatchObject({
      ok: true,
      value: { hasPassword: false },
    });
  });
});
