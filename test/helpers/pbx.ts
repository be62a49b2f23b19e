import { startPbx, TEST_PASSWORD, type Pbx } from '../../tools/pbx/stack.ts';
import type { HotlineUnderTest } from './hotline.ts';

/**
 * A PBX for one test file. Ports are fixed per file (tests run files one at a time, each in the
 * runner's private network namespace), so a stack that failed to stop cannot poison the next file.
 */
export async function startTestPbx(base = 0, extra: { wss?: boolean } = {}): Promise<Pbx> {
  return startPbx({
    ...extra,
    sipPort: 5060 + base,
    wsPort: 8080 + base,
    wssPort: 8443 + base,
    rtpengineNgPort: 2223 + base,
    rtpPortMin: 30000 + base * 10,
    rtpPortMax: 30999 + base * 10,
  });
}

/** Hotline signs in to the PBX as extension 101 and waits until it is registered. */
export async function registerAs101(hotline: HotlineUnderTest, pbx: Pick<Pbx, 'wsUrl'>): Promise<void> {
  await hotline.call('account:save', {
    account: { wssUrl: pbx.wsUrl, sipUri: 'sip:101@127.0.0.1' },
    password: TEST_PASSWORD,
  });
  await hotline.waitForRegistration('registered');
}
