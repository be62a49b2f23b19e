import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBaresip, runSipp, TEST_PASSWORD, type Baresip, type Pbx } from '../../tools/pbx/stack.ts';
import { startHotline, type HotlineUnderTest } from '../helpers/hotline.ts';
import { startTestPbx } from '../helpers/pbx.ts';
import { getCall } from '../../src/main/core/calllog/calls-table.ts';
import { eventsOfCall } from '../../src/main/core/calllog/call-events-table.ts';

// The phone against a real PBX: Kamailio + rtpengine, SIPp and baresip as far ends, the core under
// Node, media in Chromium through the harness. Runs inside the test runner's network namespace.

let pbx: Pbx;
let hotline: HotlineUnderTest;
let far: Baresip;
let ringer: Baresip;

async function stats(callId: string) {
  const sdh = hotline.harness.core.phone.mediaOf(callId);
  if (!sdh) throw new Error(`no media for ${callId}`);
  return sdh.getStats();
}

/** Waits until RTP has flowed both ways on the call. */
async function expectTwoWayAudio(callId: string) {
  await expect
    .poll(
      async () => {
        const s = await stats(callId);
        return s.packetsSent > 20 && s.packetsReceived > 20;
      },
      { timeout: 10_000, interval: 250 },
    )
    .toBe(true);
}

async function openPeerConnections(): Promise<number> {
  return (await hotline.harness.core.media.call('countOpen', {})).peerConnections;
}

beforeAll(async () => {
  pbx = await startTestPbx();
  far = await startBaresip(pbx, '1000', 5090, [31000, 31099]);
  ringer = await startBaresip(pbx, '1001', 5096, [31100, 31199], { autoAnswer: false });
  hotline = await startHotline();
  await hotline.page.waitForSelector('[data-app-ready="true"]');
  for (let i = 0; i < 200 && !hotline.harness.core.media.isHostReady(); i++)
    await new Promise((r) => setTimeout(r, 50));
  if (!hotline.harness.core.media.isHostReady())
    throw new Error('the page never reported its media engine ready');
});

afterAll(async () => {
  await hotline?.close();
  await far?.stop();
  await ringer?.stop();
  await pbx?.stop();
});

describe('registration', () => {
  it('a wrong password is refused with a reason the operator can act on, and no retry storm', async () => {
    await hotline.call('account:save', {
      account: { wssUrl: pbx.wsUrl, sipUri: 'sip:101@127.0.0.1' },
      password: 'wrong',
    });
    const failed = await hotline.waitForRegistration('failed');
    expect(failed.reason).toBe('wrong-password');
    await hotline.page.getByText(/Wrong login or password/).waitFor();
  });

  it('an HA1 digest from IT registers instead of the password; a wrong one is refused like a wrong password', async () => {
    // HA1 = MD5(login:realm:password); the test PBX's realm is the domain.
    const ha1 = (password: string) => createHash('md5').update(`101:127.0.0.1:${password}`).digest('hex');
    await hotline.call('account:save', { account: { secretKind: 'ha1' }, password: ha1('nope') });
    expect((await hotline.waitForRegistration('failed')).reason).toBe('wrong-password');
    await hotline.call('account:save', { account: {}, password: ha1(TEST_PASSWORD) });
    await hotline.waitForRegistration('registered');
  });

  it('the right password registers', async () => {
    await hotline.call('account:save', { account: { secretKind: 'password' }, password: TEST_PASSWORD });
    await hotline.waitForRegistration('registered');
    await expect
      .poll(() => hotline.page.getByTestId('registration-state').getAttribute('data-state'))
      .toBe('registered');
  });
});

describe('calls', () => {
  it('outbound call to an answering extension: two-way audio, hang up, media closed', async () => {
    // What the call's microphone is asked for: echo cancellation, noise suppression, gain control
    // (the constraints we set; Chromium's defaults would hide a missing one in the track settings).
    await hotline.page.evaluate(() => {
      const g = globalThis as unknown as {
        micAsked: unknown[];
        navigator: { mediaDevices: { getUserMedia(c: unknown): Promise<unknown> } };
      };
      g.micAsked = [];
      const devices = g.navigator.mediaDevices;
      const open = devices.getUserMedia.bind(devices);
      devices.getUserMedia = (constraints: unknown) => {
        g.micAsked.push((constraints as { audio: unknown }).audio);
        return open(constraints);
      };
    });
    const call = await hotline.call('call:dial', { target: '1000' });
    expect(call).toMatchObject({ direction: 'outbound', state: 'dialing' });
    await hotline.waitForCall((c) => c.id === call.id && c.state === 'active');
    await expectTwoWayAudio(call.id);
    const micAsked = await hotline.page.evaluate(
      () => (globalThis as unknown as { micAsked: unknown[] }).micAsked,
    );
    expect(micAsked[0]).toMatchObject({
      echoCancellation: true,
      noiseSuppression: true,
      autoGainControl: true,
    });
    // The call card's live microphone level moves with the (fake device's) microphone.
    const meter = hotline.page.getByRole('progressbar', { name: 'Microphone level' });
    await expect
      .poll(async () => Number(await meter.getAttribute('aria-valuenow')), { timeout: 5000 })
      .toBeGreaterThan(0);
    await hotline.call('call:hangup', { callId: call.id });
    const ended = await hotline.waitForCall((c) => c.id === call.id && c.state === 'ended');
    expect(ended.end?.reason).toBe('local-hangup');
    await expect.poll(openPeerConnections).toBe(0);
    const row = getCall(hotline.harness.core.db, call.id)!;
    expect(row).toMatchObject({ direction: 'outbound', outcome: 'answered', endedBy: 'local' });
    expect(row.talkMs).toBeGreaterThan(0);
    expect(eventsOfCall(hotline.harness.core.db, call.id).map((e) => e.kind)).toEqual([
      'created:dialing',
      'ringback',
      'active',
      'ended',
    ]);
  });

  it('inbound call with a Cyrillic caller name: rings, answered in the UI, two-way audio, operator hangs up', async () => {
    const caller = runSipp(pbx, 'uac', {
      service: '101',
      localPort: 5070,
      vars: { caller: '+74951234567', callername: 'Иван Петров' },
    });
    const ringing = await hotline.waitForCall((c) => c.direction === 'inbound' && c.state === 'ringing');
    expect(ringing.remote).toMatchObject({ number: '+74951234567', displayName: 'Иван Петров' });
    await hotline.page.getByTestId('call-card').getByRole('button', { name: 'Answer' }).click();
    await hotline.waitForCall((c) => c.id === ringing.id && c.state === 'active');
    await expectTwoWayAudio(ringing.id);
    await hotline.page.getByRole('button', { name: 'Hang up' }).click();
    expect((await hotline.waitForCall((c) => c.id === ringing.id && c.state === 'ended')).end?.reason).toBe(
      'local-hangup',
    );
    expect((await caller.done).code).toBe(0);
  });

  it('caller hangs up while it rings: a missed call', async () => {
    const caller = runSipp(pbx, 'uac-cancel', {
      service: '101',
      localPort: 5071,
      vars: { caller: '84951112233', callername: 'Client' },
      extra: ['-d', '800'],
    });
    const ringing = await hotline.waitForCall(
      (c) => c.direction === 'inbound' && c.state === 'ringing' && c.remote.number === '84951112233',
    );
    const ended = await hotline.waitForCall((c) => c.id === ringing.id && c.state === 'ended');
    expect(ended.end?.reason).toBe('caller-cancelled');
    expect((await caller.done).code).toBe(0);
    // Filed in the call log as it happened: a missed call from a normalized number, with its SIP Call-ID.
    expect(getCall(hotline.harness.core.db, ringing.id)).toMatchObject({
      direction: 'inbound',
      remoteE164: '+74951112233',
      outcome: 'missed',
      endedBy: 'remote',
      sipCallId: ringing.sipCallId,
    });
    expect(eventsOfCall(hotline.harness.core.db, ringing.id).map((e) => e.kind)).toEqual([
      'created:ringing',
      'ended',
    ]);
  });

  it('the operator declines: the caller gets busy, the call ends as declined', async () => {
    const caller = runSipp(pbx, 'uac', {
      service: '101',
      localPort: 5072,
      vars: { caller: '555', callername: 'Decline me' },
    });
    const ringing = await hotline.waitForCall(
      (c) => c.direction === 'inbound' && c.state === 'ringing' && c.remote.number === '555',
    );
    await hotline.call('call:decline', { callId: ringing.id });
    expect((await hotline.waitForCall((c) => c.id === ringing.id && c.state === 'ended')).end?.reason).toBe(
      'declined',
    );
    const result = await caller.done;
    expect(result.code).not.toBe(0); // the scenario wanted a 200; it got a 486
    expect(readFileSync(caller.errorFile, 'utf8')).toMatch(/SIP\/2\.0 486/);
  });

  it('outbound call to a busy number ends as busy with the SIP code', async () => {
    const callee = runSipp(pbx, 'uas-decline', { localPort: 5080, server: true });
    await new Promise((r) => setTimeout(r, 300));
    const call = await hotline.call('call:dial', { target: 'sip:static-5080@127.0.0.1' });
    const ended = await hotline.waitForCall((c) => c.id === call.id && c.state === 'ended');
    expect(ended.end).toMatchObject({ reason: 'busy', statusCode: 486, retryAfterS: 30 });
    await callee.done;
  });

  it.each([
    [404, 'Not Found', 'not-found', 404],
    [480, 'Temporarily Unavailable', 'unavailable', 480],
    [488, 'Not Acceptable Here', 'incompatible-media', 488],
    // A proxy must not pass a 503 on (RFC 3261 §16.7): Kamailio turns it into its own 500.
    [503, 'Service Unavailable', 'server-error', 500],
    [603, 'Decline', 'declined', 603],
  ] as const)(
    'outbound call refused with %i (%s) ends as %s, with the code the PBX sent',
    async (code, phrase, reason, seen) => {
      const callee = runSipp(pbx, 'uas-reject', {
        localPort: 5082,
        server: true,
        fill: { CODE: code, PHRASE: phrase },
      });
      await new Promise((r) => setTimeout(r, 300));
      const call = await hotline.call('call:dial', { target: 'sip:static-5082@127.0.0.1' });
      const ended = await hotline.waitForCall((c) => c.id === call.id && c.state === 'ended');
      expect(ended.end).toMatchObject({ reason, statusCode: seen });
      if (seen === code) expect(ended.end?.retryAfterS).toBe(30);
      await callee.done;
    },
  );

  it('early media: the announcement plays before the answer, then the call connects', async () => {
    const callee = runSipp(pbx, 'uas-early', { localPort: 5083, server: true, extra: ['-d', '1500'] });
    await new Promise((r) => setTimeout(r, 300));
    const call = await hotline.call('call:dial', { target: 'sip:static-5083@127.0.0.1' });
    const early = await hotline.waitForCall((c) => c.id === call.id && c.state === 'ringback');
    expect(early.earlyMedia).toBe(true);
    await hotline.waitForCall((c) => c.id === call.id && c.state === 'active', 10_000);
    await expectTwoWayAudio(call.id);
    await hotline.call('call:hangup', { callId: call.id });
    await hotline.waitForCall((c) => c.id === call.id && c.state === 'ended');
    expect((await callee.done).code).toBe(0);
  });

  it('outbound call cancelled before the answer', async () => {
    const call = await hotline.call('call:dial', { target: '1001' });
    await hotline.waitForCall((c) => c.id === call.id && c.state === 'ringback');
    await hotline.call('call:hangup', { callId: call.id });
    expect((await hotline.waitForCall((c) => c.id === call.id && c.state === 'ended')).end?.reason).toBe(
      'cancelled',
    );
    await ringer.waitFor(/incoming call/i);
    await expect
      .poll(
        () =>
          /terminated|closed|cancel/i.test(
            ringer
              .output()
              .split(/incoming call/i)
              .at(-1) ?? '',
          ),
        { timeout: 5000 },
      )
      .toBe(true);
  });

  it('hold and resume change the media direction; DTMF reaches the far end', async () => {
    const call = await hotline.call('call:dial', { target: '1000' });
    await hotline.waitForCall((c) => c.id === call.id && c.state === 'active');
    await expectTwoWayAudio(call.id);
    await hotline.call('call:hold', { callId: call.id, hold: true });
    await hotline.waitForCall((c) => c.id === call.id && c.state === 'held');
    await expect.poll(async () => (await stats(call.id)).direction).toMatch(/sendonly|inactive/);
    await hotline.call('call:hold', { callId: call.id, hold: false });
    await hotline.waitForCall((c) => c.id === call.id && c.state === 'active');
    await expect.poll(async () => (await stats(call.id)).direction).toBe('sendrecv');
    await hotline.call('call:dtmf', { callId: call.id, tones: '5' });
    await far.waitFor(/DTMF|telephone-event|key.*5|'5'/i, 5000);
    await hotline.call('call:hangup', { callId: call.id });
    await hotline.waitForCall((c) => c.id === call.id && c.state === 'ended');
  });

  it('refuses an invalid number before dialing', async () => {
    await expect(hotline.call('call:dial', { target: '+7 495 12' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });
});

describe('DTMF as SIP INFO', () => {
  it('with the INFO setting, tones go as application/dtmf-relay and the far end gets them', async () => {
    await hotline.call('settings:update', { patch: { phone: { dtmfMode: 'info' } } });
    const trace = join(pbx.runDir, 'info-trace.log');
    const caller = runSipp(pbx, 'uac', {
      service: '101',
      localPort: 5074,
      vars: { caller: '888', callername: 'Tones' },
      extra: ['-trace_msg', '-message_file', trace],
    });
    const ringing = await hotline.waitForCall((c) => c.state === 'ringing' && c.remote.number === '888');
    await hotline.call('call:answer', { callId: ringing.id });
    await hotline.waitForCall((c) => c.id === ringing.id && c.state === 'active');
    await hotline.call('call:dtmf', { callId: ringing.id, tones: '7#' });
    await hotline.call('call:hangup', { callId: ringing.id });
    expect((await caller.done).code).toBe(0);
    const text = readFileSync(trace, 'utf8');
    expect(text).toMatch(/INFO sip:[\s\S]*application\/dtmf-relay[\s\S]*Signal=7/);
    expect(text).toMatch(/Signal=#/);
    await hotline.call('settings:update', { patch: { phone: { dtmfMode: 'rfc4733' } } });
  });
});

describe('no answer', () => {
  it('an unanswered call stops ringing after the configured time and ends as no-answer', async () => {
    await hotline.call('settings:update', { patch: { phone: { noAnswerTimeoutS: 5 } } });
    const caller = runSipp(pbx, 'uac', {
      service: '101',
      localPort: 5073,
      vars: { caller: '777', callername: 'Patient' },
    });
    const ringing = await hotline.waitForCall((c) => c.state === 'ringing' && c.remote.number === '777');
    const ended = await hotline.waitForCall((c) => c.id === ringing.id && c.state === 'ended', 10_000);
    expect(ended.end?.reason).toBe('no-answer');
    expect(ended.endedAt! - ringing.startedAt).toBeGreaterThanOrEqual(4500);
    await caller.done;
    expect(readFileSync(caller.errorFile, 'utf8')).toMatch(/SIP\/2\.0 480/);
    await hotline.call('settings:update', { patch: { phone: { noAnswerTimeoutS: 60 } } });
    expect(hotline.harness.core.status.get().registration.state).toBe('registered'); // no re-registration for this
  });
});

describe('audio devices', () => {
  it('a remembered headset that is not connected: the call still has audio on the default, and the operator is told', async () => {
    await hotline.call('settings:update', {
      patch: { audio: { microphone: { id: 'usb-jabra-1', label: 'Jabra Evolve2 65', groupId: 'jabra' } } },
    });
    const call = await hotline.call('call:dial', { target: '1000' });
    await hotline.waitForCall((c) => c.id === call.id && c.state === 'active');
    await expectTwoWayAudio(call.id);
    await hotline.call('call:hangup', { callId: call.id });
    await hotline.waitForCall((c) => c.id === call.id && c.state === 'ended');
    await hotline.page.keyboard.press('Control+Comma');
    await hotline.page
      .getByText('Microphone “Jabra Evolve2 65” is not connected: using the default microphone.')
      .waitFor();
    await hotline.call('settings:update', { patch: { audio: { microphone: null } } });
    await hotline.page.keyboard.press('Control+Digit1');
  });
});

describe('media host', () => {
  it('the page reloads during a call: the call ends cleanly with the reason, and the next call works', async () => {
    const call = await hotline.call('call:dial', { target: '1000' });
    await hotline.waitForCall((c) => c.id === call.id && c.state === 'active');
    await hotline.page.reload();
    const ended = await hotline.waitForCall((c) => c.id === call.id && c.state === 'ended');
    expect(ended.end?.reason).toBe('renderer-gone');
    expect(hotline.logs.some((r) => r.message.includes('media host gone'))).toBe(true);
    await hotline.page.waitForSelector('[data-app-ready="true"]');
    await expect.poll(() => hotline.harness.core.media.isHostReady()).toBe(true);
    const next = await hotline.call('call:dial', { target: '1000' });
    await hotline.waitForCall((c) => c.id === next.id && c.state === 'active');
    await hotline.call('call:hangup', { callId: next.id });
    await hotline.waitForCall((c) => c.id === next.id && c.state === 'ended');
  });
});

describe('staying registered', () => {
  it('the PBX restarts: registered again', async () => {
    await hotline.waitForRegistration('registered');
    await pbx.stopKamailio();
    const lost = await hotline.waitForRegistration('failed');
    expect(lost.reason).toMatch(/connection-lost|server-unreachable|keepalive-failed/);
    const back = Date.now();
    await pbx.startKamailio();
    await hotline.waitForRegistration('registered', 10_000);
    expect(Date.now() - back).toBeLessThan(5000);
  });
});
