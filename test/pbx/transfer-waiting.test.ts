import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSipp, startBaresip, type Baresip, type Pbx } from '../../tools/pbx/stack.ts';
import { startHotline, type HotlineUnderTest } from '../helpers/hotline.ts';
import { registerAs101, startTestPbx } from '../helpers/pbx.ts';

// Transfers, call waiting and a transport that drops mid-call, against the real PBX.

let pbx: Pbx;
let hotline: HotlineUnderTest;
const phones: Baresip[] = [];

beforeAll(async () => {
  pbx = await startTestPbx();
  phones.push(await startBaresip(pbx, '1000', 5090, [31000, 31099]));
  phones.push(await startBaresip(pbx, '1002', 5096, [31100, 31199]));
  hotline = await startHotline();
  await hotline.page.waitForSelector('[data-app-ready="true"]');
  await registerAs101(hotline, pbx);
});

afterAll(async () => {
  await hotline?.close();
  for (const phone of phones) await phone.stop();
  await pbx?.stop();
});

async function talkTo(target: string) {
  const call = await hotline.call('call:dial', { target });
  return hotline.waitForCall((c) => c.id === call.id && c.state === 'active');
}

describe('transfers', () => {
  it('blind transfer hands the call to a third extension and ends our leg as transferred', async () => {
    const call = await talkTo('1000');
    await hotline.call('call:transfer', { callId: call.id, target: '1002' });
    const ended = await hotline.waitForCall((c) => c.id === call.id && c.state === 'ended', 15_000);
    expect(ended.end?.reason).toBe('transferred');
    await phones[1]!.waitFor(/incoming call|1000@127\.0\.0\.1/i, 10_000);
  });

  it('attended transfer: consult the third extension, then join them and leave', async () => {
    const first = await talkTo('1000');
    const consult = await hotline.call('call:dial', { target: '1002', consultFor: first.id });
    await hotline.waitForCall((c) => c.id === first.id && c.state === 'held');
    await hotline.waitForCall((c) => c.id === consult.id && c.state === 'active');
    await hotline.call('call:attendedTransfer', { callId: first.id, consultCallId: consult.id });
    expect(
      (await hotline.waitForCall((c) => c.id === first.id && c.state === 'ended', 15_000)).end?.reason,
    ).toBe('transferred');
    expect(
      (await hotline.waitForCall((c) => c.id === consult.id && c.state === 'ended', 15_000)).end,
    ).toBeDefined();
  });
});

describe('call waiting', () => {
  it('a second caller waits; answering puts the first on hold; swapping back holds the second', async () => {
    const firstCaller = runSipp(pbx, 'uac', {
      service: '101',
      localPort: 5070,
      vars: { caller: '111', callername: 'First' },
    });
    const first = await hotline.waitForCall((c) => c.state === 'ringing' && c.remote.number === '111');
    await hotline.call('call:answer', { callId: first.id });
    await hotline.waitForCall((c) => c.id === first.id && c.state === 'active');

    const secondCaller = runSipp(pbx, 'uac', {
      service: '101',
      localPort: 5071,
      vars: { caller: '222', callername: 'Second' },
    });
    const second = await hotline.waitForCall((c) => c.state === 'ringing' && c.remote.number === '222');
    await hotline.call('call:answer', { callId: second.id });
    await hotline.waitForCall((c) => c.id === first.id && c.state === 'held');
    await hotline.waitForCall((c) => c.id === second.id && c.state === 'active');

    await hotline.call('call:hold', { callId: first.id, hold: false });
    await hotline.waitForCall((c) => c.id === second.id && c.state === 'held');
    await hotline.waitForCall((c) => c.id === first.id && c.state === 'active');

    await hotline.call('call:hangup', { callId: first.id });
    await hotline.call('call:hangup', { callId: second.id });
    expect((await firstCaller.done).code).toBe(0);
    expect((await secondCaller.done).code).toBe(0);
  });
});

describe('network trouble', () => {
  it('the transport drops during a call: the operator sees why, the phone re-registers, the call ends or recovers cleanly', async () => {
    const call = await talkTo('1000');
    await pbx.stopKamailio();
    const lost = await hotline.waitForRegistration('failed');
    expect(lost.reason).toMatch(/connection-lost|server-unreachable|keepalive-failed/);
    await hotline.page.getByText(/PBX/).first().waitFor();
    await pbx.startKamailio();
    await hotline.waitForRegistration('registered', 10_000);
    // After the re-INVITE the call either carries on or ends with a reason; never a limbo.
    await expect
      .poll(
        () => {
          const latest = hotline
            .events('call:updated')
            .filter((c) => c.id === call.id)
            .at(-1);
          return (
            latest && (latest.state === 'active' || (latest.state === 'ended' && latest.end !== undefined))
          );
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    const latest = hotline
      .events('call:updated')
      .filter((c) => c.id === call.id)
      .at(-1)!;
    if (latest.state === 'active') await hotline.call('call:hangup', { callId: call.id });
  });
});
