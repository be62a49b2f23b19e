import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallView } from '../../src/shared/model/call.ts';
import { startHotline, type HotlineUnderTest } from '../helpers/hotline.ts';
import { prng } from '../helpers/prng.ts';
import {
  registerWithScriptedServer,
  startScriptedSipServer,
  type ScriptedSipServer,
} from '../helpers/scripted-sip-server.ts';
import { render, torture, type Outcome } from './sip-torture-fixtures.ts';

// Issue 21: what a PBX, an SBC or an attacker can send. A scripted WebSocket "PBX" (as in
// bad-input.test.ts: each message exactly as bad as written; Kamailio would clean most of them up)
// sends RFC 4475's torture messages, the cases the issue found, and seeded byte-mutated INVITEs, with
// good INVITEs in between. Hotline must never exit (an unhandled rejection here would fail the run),
// stay registered on the same connection, answer each message as RFC 3261 asks, and keep ringing
// for good calls with the right caller.

let hotline: HotlineUnderTest;
let server: ScriptedSipServer;
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => void rejections.push(reason);
const received = () => server.received;
const send = (message: string) => server.peer().send(message);

let sequence = 0;
const uniqueId = () => `t${Date.now().toString(36)}${(sequence++).toString(36)}`;
const callIdOf = (message: string) => /^(?:Call-ID|i)\s*:\s*(.*)$/im.exec(message)?.[1]?.trim();
const statusOf = (message: string) => Number(/^SIP\/2\.0 (\d{3})/.exec(message)?.[1]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function responsesFor(id: string, from = 0): string[] {
  return received()
    .slice(from)
    .filter((m) => m.startsWith('SIP/2.0') && callIdOf(m)?.includes(id));
}

/**
 * Sends an OPTIONS and waits for its answer. The transport hands frames to SIP.js one at a time,
 * so once it is answered everything sent before it has been dealt with (or dropped).
 */
async function barrier(): Promise<void> {
  const id = uniqueId();
  const before = received().length;
  send(
    render(
      `OPTIONS sip:101@127.0.0.1 SIP/2.0
Via: SIP/2.0/WS 127.0.0.1;branch=z9hG4bKping{{id}}
From: <sip:pbx@127.0.0.1>;tag={{id}}
To: <sip:101@127.0.0.1>
Call-ID: ping.{{id}}
CSeq: 1 OPTIONS
Max-Forwards: 70
Content-Length: 0

`,
      id,
    ),
  );
  await expect.poll(() => responsesFor(id, before).length, { timeout: 5000 }).toBeGreaterThan(0);
}

const ringingCall = (id: string): CallView | undefined =>
  hotline.harness.core.phone.list().find((c) => c.state === 'ringing' && c.sipCallId?.includes(id));

/** Declines every call still ringing (a mutant that stayed a valid INVITE) and ACKs the 486. */
async function declineRinging(): Promise<void> {
  for (const call of hotline.harness.core.phone.list()) {
    if (call.state !== 'ringing') continue;
    await hotline.call('call:decline', { callId: call.id });
  }
  await expect
    .poll(() => hotline.harness.core.phone.list().filter((c) => c.state === 'ringing').length)
    .toBe(0);
}

/** What became of one message: its final status, 'rings', or 'none'. */
async function outcomeOf(message: string, id: string): Promise<{ outcome: Outcome; responses: string[] }> {
  const before = received().length;
  send(message);
  await barrier();
  // The 180 and the ringing call follow SIP.js's own promise; give them a moment.
  for (let i = 0; i < 15; i++) {
    const finals = responsesFor(id, before).filter((m) => statusOf(m) >= 200);
    if (finals.length > 0) return { outcome: statusOf(finals[0]!), responses: responsesFor(id, before) };
    if (ringingCall(id)) return { outcome: 'rings', responses: responsesFor(id, before) };
    await sleep(20);
  }
  return { outcome: 'none', responses: responsesFor(id, before) };
}

function goodInvite(id: string, from: string, extra: string[] = []): string {
  return render(
    [
      'INVITE sip:101@127.0.0.1 SIP/2.0',
      'Via: SIP/2.0/WS 127.0.0.1;branch=z9hG4bK{{id}}',
      `From: ${from};tag=f{{id}}`,
      'To: <sip:101@127.0.0.1>',
      'Call-ID: good.{{id}}',
      'CSeq: 1 INVITE',
      'Max-Forwards: 70',
      'Contact: <sip:pbx@127.0.0.1;transport=ws>',
      ...extra,
      'Content-Type: application/sdp',
      'Content-Length: {{len}}',
      '',
      'v=0\no=- 1 1 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\nm=audio 4000 RTP/AVP 0\n',
    ].join('\n'),
    id,
  );
}

/** A good call rings with the expected caller, is declined, and leaves nothing behind. */
async function expectGoodCallRings(
  from = '"Проверка ✓" <sip:+74950000001@127.0.0.1>',
  caller: Partial<CallView['remote']> = { number: '+74950000001', displayName: 'Проверка ✓' },
  extra: string[] = [],
): Promise<void> {
  const id = uniqueId();
  const { outcome } = await outcomeOf(goodInvite(id, from, extra), id);
  expect(outcome).toBe('rings');
  expect(ringingCall(id)?.remote).toMatchObject(caller);
  await declineRinging();
  expect(hotline.harness.core.status.get().registration.state).toBe('registered');
}

function expectStillHealthy(): void {
  expect(rejections).toEqual([]);
  expect(server.connections()).toBe(1);
  expect(hotline.harness.core.status.get().registration.state).toBe('registered');
}

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  server = await startScriptedSipServer();
  hotline = await startHotline();
  await hotline.page.waitForSelector('[data-app-ready="true"]');
  await registerWithScriptedServer(hotline, server);
});

afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await hotline?.close();
  await server?.close();
});

describe('what issue 21 found', () => {
  it('an INVITE with SDP and no Content-Type (or a mangled name) gets 400, and the process lives', async () => {
    for (const header of [undefined, 'Contxnt-Type: application/sdp', 'Content-Type : ']) {
      const id = uniqueId();
      let text = goodInvite(id, '<sip:666@127.0.0.1>').replace('Content-Type: application/sdp\r\n', '');
      if (header) text = text.replace('Content-Length', `${header}\r\nContent-Length`);
      const { outcome, responses } = await outcomeOf(text, id);
      expect(outcome, header).toBe(400);
      expect(responses.map(statusOf)).toEqual([400]);
    }
    await sleep(200);
    expectStillHealthy();
    await expectGoodCallRings();
  });

  it('a comma in the asserted identity’s name still shows that caller', async () => {
    await expectGoodCallRings(
      '"anonymous" <sip:anonymous@anonymous.invalid>',
      { number: '+74951234569', displayName: 'Иванов, Иван' },
      ['P-Asserted-Identity: "Иванов, Иван" <sip:+74951234569@example.com>, <tel:+74951234569>'],
    );
  });

  it('two branch-less INVITEs within 32 s are both refused clearly, not one lost', async () => {
    for (let i = 0; i < 2; i++) {
      const id = uniqueId();
      const text = goodInvite(id, '<sip:2543@127.0.0.1>').replace(/;branch=z9hG4bK\w+/, '');
      const { outcome, responses } = await outcomeOf(text, id);
      expect(outcome).toBe(400);
      expect(responses[0]!.split('\r\n')[0]).toBe('SIP/2.0 400 Missing Branch');
    }
    expectStillHealthy();
  });

  it.each([
    [
      'Require: an unknown extension',
      420,
      ['Require: com.example.nothing'],
      'Unsupported: com.example.nothing',
    ],
    [
      'a body type that is not SDP',
      415,
      ['Content-Type: application/unknownformat'],
      'Accept: application/sdp',
    ],
  ] as const)('%s → %i', async (_what, status, extra, header) => {
    const id = uniqueId();
    let text = goodInvite(id, '<sip:667@127.0.0.1>', [...extra]);
    if (extra[0]!.startsWith('Content-Type')) text = text.replace('Content-Type: application/sdp\r\n', '');
    const { outcome, responses } = await outcomeOf(text, id);
    expect(outcome).toBe(status);
    expect(responses[0]!.split('\r\n')).toContain(header);
    expect(hotline.harness.core.phone.list()).toEqual([]);
  });

  it('a CSeq for another method → 400, SIP/7.0 → 505, a tel: or unknown scheme → 416', async () => {
    const cases: Array<[(text: string) => string, number]> = [
      [(t) => t.replace('CSeq: 1 INVITE', 'CSeq: 1 OPTIONS'), 400],
      [(t) => t.replace('INVITE sip:101@127.0.0.1 SIP/2.0', 'INVITE sip:101@127.0.0.1 SIP/7.0'), 505],
      [(t) => t.replace('INVITE sip:101@127.0.0.1 SIP/2.0', 'INVITE tel:101 SIP/2.0'), 416],
      [(t) => t.replace('INVITE sip:101@127.0.0.1 SIP/2.0', 'INVITE urn:service:sos SIP/2.0'), 416],
    ];
    for (const [change, status] of cases) {
      const id = uniqueId();
      expect((await outcomeOf(change(goodInvite(id, '<sip:668@127.0.0.1>')), id)).outcome).toBe(status);
    }
    expect(hotline.harness.core.phone.list()).toEqual([]);
    expectStillHealthy();
  });

  it('escapes in a display name are shown unescaped, and bidi controls never reach the UI', async () => {
    await expectGoodCallRings('"ООО \\"Ромашка\\" \\\\ Москва" <sip:700@127.0.0.1>', {
      number: '700',
      displayName: 'ООО "Ромашка" \\ Москва',
    });
    await expectGoodCallRings('"Банк\u202Eкнаб\u2066 \u200F" <sip:%E2%80%AE900@127.0.0.1>', {
      number: '900',
      displayName: 'Банккнаб',
    });
    // The call card and the call log get the same clean name.
    const page = await hotline.call('calllog:list', { filter: { number: '900' }, limit: 5 });
    expect(JSON.stringify(page)).toContain('Банккнаб');
    expect(JSON.stringify(page)).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/);
  });
});

describe('RFC 4475 torture messages over WebSocket', () => {
  it.each(torture.map((c) => [`${c.section} ${c.name}`, c] as const))('%s', async (_label, c) => {
    const id = uniqueId();
    const { outcome } = await outcomeOf(render(c.text, id), id);
    expect(c.expect).toContain(outcome);
    if (outcome === 'rings') {
      if (c.caller) expect(ringingCall(id)?.remote).toMatchObject(c.caller);
      await declineRinging();
    } else {
      expect(hotline.harness.core.phone.list().filter((call) => call.sipCallId?.includes(id))).toEqual([]);
    }
    expectStillHealthy();
  });

  it('still rings for a good call after all of them', async () => {
    await expectGoodCallRings();
    expectStillHealthy();
  });
});

describe('seeded byte-mutated INVITEs', () => {
  const MUTANTS = 150;
  const GOOD_EVERY = 25;

  /** One to four random byte edits: replace, insert, delete, or swap a header name's letter. */
  function mutate(text: string, random: () => number): string {
    let bytes = [...Buffer.from(text)];
    const edits = 1 + Math.floor(random() * 4);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(random() * bytes.length);
      const kind = random();
      const byte = Math.floor(random() * 256);
      if (kind < 0.4) bytes[at] = byte;
      else if (kind < 0.6) bytes.splice(at, 0, byte);
      else if (kind < 0.8) bytes.splice(at, 1);
      else {
        // Aim at header names, where a mangled Content-Type once took the process down.
        const lineStarts = bytes.flatMap((b, i) => (b === 0x0a ? [i + 1] : []));
        const start = lineStarts[Math.floor(random() * lineStarts.length)] ?? 0;
        const offset = start + Math.floor(random() * 6);
        if (offset < bytes.length) bytes[offset] = 0x61 + Math.floor(random() * 26);
      }
    }
    bytes = bytes.slice(0, 60_000);
    return Buffer.from(bytes).toString('latin1');
  }

  it(`${MUTANTS} mutants (seed 21): no exit, no reconnect, and good calls still ring in between`, async () => {
    const random = prng(21);
    const outcomes = new Map<string, number>();
    for (let i = 0; i < MUTANTS; i++) {
      const id = uniqueId();
      const mutant = mutate(goodInvite(id, `"Мутант ${i}" <sip:${1000 + i}@127.0.0.1>`), random);
      send(mutant);
      await barrier();
      await sleep(10);
      const finals = responsesFor(id).filter((m) => statusOf(m) >= 200);
      const key = finals.length ? String(statusOf(finals[0]!)) : ringingCall(id) ? 'rings' : 'other';
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      await declineRinging();
      if ((i + 1) % GOOD_EVERY === 0) {
        expectStillHealthy();
        await expectGoodCallRings();
      }
    }
    // The mutants exercised both paths: some still rang, some were refused.
    expect(outcomes.get('rings') ?? 0).toBeGreaterThan(0);
    expect([...outcomes.keys()].some((k) => /^4\d\d$/.test(k))).toBe(true);
    expectStillHealthy();
  }, 240_000);
});
