import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHotline, type HotlineUnderTest } from '../helpers/hotline.ts';
import {
  registerWithScriptedServer,
  startScriptedSipServer,
  type ScriptedSipServer,
} from '../helpers/scripted-sip-server.ts';

// A hostile or broken server: malformed and oversized messages, requests outside any dialog, unknown
// methods, an INVITE with SDP nobody can use. Hotline must not crash, must stay registered, and must
// log what it dropped. The "PBX" here is a scripted WebSocket peer, so each message is exactly as bad
// as the test says (Kamailio would clean most of them up first).

let hotline: HotlineUnderTest;
let server: ScriptedSipServer;

function request(method: string, extra: string[] = [], body = ''): string {
  const id = Math.random().toString(36).slice(2);
  return [
    `${method} sip:101@127.0.0.1 SIP/2.0`,
    `Via: SIP/2.0/WS 127.0.0.1;branch=z9hG4bK${id}`,
    `From: "Злоумышленник" <sip:666@127.0.0.1>;tag=${id}`,
    'To: <sip:101@127.0.0.1>',
    `Call-ID: ${id}@test`,
    `CSeq: 1 ${method}`,
    'Max-Forwards: 70',
    'Contact: <sip:666@127.0.0.1;transport=ws>',
    ...extra,
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
}

async function responseTo(method: string, send: string): Promise<string> {
  const before = server.received.length;
  server.peer().send(send);
  for (let i = 0; i < 100; i++) {
    const reply = server.received
      .slice(before)
      .find((m) => m.startsWith('SIP/2.0') && new RegExp(`CSeq: 1 ${method}`).test(m));
    if (reply) return reply.split('\r\n')[0]!;
    await new Promise((r) => setTimeout(r, 20));
  }
  return '(no response)';
}

beforeAll(async () => {
  server = await startScriptedSipServer();
  hotline = await startHotline();
  await hotline.page.waitForSelector('[data-app-ready="true"]');
  await registerWithScriptedServer(hotline, server);
});

afterAll(async () => {
  await hotline?.close();
  await server?.close();
});

describe('bad input from the SIP server', () => {
  it('drops garbage and an oversized frame, logs them, stays registered', async () => {
    server.peer().send('THIS IS NOT SIP\r\n\r\n');
    server.peer().send(`MESSAGE sip:101@127.0.0.1 SIP/2.0\r\nX: ${'a'.repeat(100 * 1024)}\r\n\r\n`);
    await expect.poll(() => hotline.logs.some((r) => r.message.includes('oversized SIP message'))).toBe(true);
    await expect.poll(() => hotline.logs.some((r) => /Failed to parse|Dropping/i.test(r.message))).toBe(true);
    expect(hotline.harness.core.status.get().registration.state).toBe('registered');
  });

  it('answers requests outside any dialog and unknown methods with an error, changing nothing', async () => {
    expect(
      await responseTo('NOTIFY', request('NOTIFY', ['Event: refer', 'Subscription-State: active'])),
    ).toMatch(/SIP\/2\.0 4\d\d/);
    expect(await responseTo('REFER', request('REFER', ['Refer-To: <sip:999@127.0.0.1>']))).toMatch(
      /SIP\/2\.0 4\d\d|SIP\/2\.0 5\d\d/,
    );
    expect(await responseTo('FOO', request('FOO'))).toMatch(/SIP\/2\.0 (405|501)/);
    expect(hotline.harness.core.phone.list()).toEqual([]);
    expect(hotline.harness.core.status.get().registration.state).toBe('registered');
  });

  it('an INVITE with broken SDP rings, and answering it fails cleanly with a reason', async () => {
    server.peer().send(request('INVITE', ['Content-Type: application/sdp'], 'v=0\r\nthis is not sdp\r\n'));
    const ringing = await hotline.waitForCall((c) => c.state === 'ringing' && c.remote.number === '666');
    expect(ringing.remote.displayName).toBe('Злоумышленник');
    await expect(hotline.call('call:answer', { callId: ringing.id })).rejects.toMatchObject({
      code: 'INTERNAL',
    });
    const ended = await hotline.waitForCall((c) => c.id === ringing.id && c.state === 'ended');
    expect(ended.end?.reason).toBe('incompatible-media');
    expect(hotline.harness.core.status.get().registration.state).toBe('registered');
    await expect
      .poll(async () => (await hotline.harness.core.media.call('countOpen', {})).peerConnections)
      .toBe(0);
  });
});
