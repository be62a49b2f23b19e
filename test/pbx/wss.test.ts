import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, type Pbx } from '../../tools/pbx/stack.ts';
import { startHotline, type HotlineUnderTest } from '../helpers/hotline.ts';
import { startTestPbx } from '../helpers/pbx.ts';

// wss:// to an SBC with an internal certificate: refused (with a reason IT can act on) until IT's CA
// bundle is configured, then registered — against Kamailio's TLS WebSocket, not a mock.

let pbx: Pbx;
let hotline: HotlineUnderTest;

beforeAll(async () => {
  pbx = await startTestPbx(0, { wss: true });
  hotline = await startHotline();
  await hotline.page.waitForSelector('[data-app-ready="true"]');
});
afterAll(async () => {
  await hotline?.close();
  await pbx?.stop();
});

describe('secure WebSocket', () => {
  it('an untrusted certificate is refused with a reason, then trusted once IT’s CA bundle is set', async () => {
    await hotline.call('account:save', {
      account: { wssUrl: pbx.wssUrl!, sipUri: 'sip:101@127.0.0.1' },
      password: TEST_PASSWORD,
    });
    const refused = await hotline.waitForRegistration('failed');
    expect(refused.reason).toBe('certificate-not-trusted');
    await hotline.page.getByText(/certificate is not trusted/).waitFor();

    await hotline.call('settings:update', { patch: { phone: { caBundlePath: pbx.caFile! } } });
    await hotline.waitForRegistration('registered').catch((error: Error) => {
      throw new Error(
        `${error.message}: ${JSON.stringify(hotline.harness.core.status.get())}\n${pbx.logTail('kamailio', 15)}`,
      );
    });
  });
});
