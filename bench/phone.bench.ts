import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHotline } from '../test/helpers/hotline.ts';
import { registerAs101, startTestPbx } from '../test/helpers/pbx.ts';
import { buildRenderer } from '../tools/harness/build-renderer.ts';
import { runSipp, startBaresip } from '../tools/pbx/stack.ts';
import { rtpengineOfferMs, tapSipWebSocket } from './lib/sip-tap.ts';
import { summarize, timingMetric, type Metric } from './lib/stats.ts';

// Call setup as SIPp sees it, Hotline against baresip on the same PBX in the same run:
//   INVITE → 180 (Session Request Delay, RFC 6076) and INVITE → 200 with real media set up (Hotline
//   answers the moment it rings, as an auto-answer would; the media is ICE + DTLS-SRTP in Chromium).
// Plus click → INVITE on the wire for an outbound call, and registration back after a PBX restart.
// Peers: Debian's baresip over UDP, and (HOTLINE_BENCH_BARESIP_WS) a baresip registered over
// WebSocket with DTLS-SRTP, which the PBX treats as it treats Hotline. The clients take turns in
// rounds; see bench/README.md for why the PBX and SIPp run at real-time priority.
// And where INVITE → 180 goes: Hotline's own share (INVITE frame in → 180 frame out) and the PBX's
// media-relay offer, which costs more for a WebRTC callee (ICE + DTLS-SRTP) than for baresip's
// plain RTP — time no SIP client on that path can win back.

const CALLS = Number(process.env.HOTLINE_BENCH_CALLS ?? 200);
const ROUNDS = 4;
/**
 * A baresip with SIP over WebSocket (libre ≥ 2; Debian 12's 1.0.0 has none): registered over ws it
 * takes the PBX path Hotline takes (WebSocket, rtpengine's ICE + DTLS-SRTP offer), the like-for-like
 * peer. Optional: see bench/README.md for how to build one.
 */
const BARESIP_WS = process.env.HOTLINE_BENCH_BARESIP_WS;
/**
 * The PBX (Kamailio, rtpengine) and the caller (SIPp) stand for other machines: in production the
 * operator's PC never slows the PBX down. On this 2-core box whichever client burns more CPU right
 * after its 180 (Chromium starting the call's media) would otherwise delay Kamailio and SIPp's own
 * timestamps too. So they run at real-time priority (SCHED_FIFO) when that is possible; the clients
 * — Hotline and baresip alike — stay at normal priority. HOTLINE_BENCH_PBX_RT=0 shows the shared-CPU
 * figures.
 */
const PBX_REALTIME = process.env.HOTLINE_BENCH_PBX_RT !== '0';

/** SCHED_FIFO for every thread of these processes; false when the system refuses (not root). */
function realtime(pids: number[]): boolean {
  return pids.every(
    (pid) => spawnSync('chrt', ['--fifo', '--all-tasks', '--pid', '10', String(pid)]).status === 0,
  );
}

function pidsOf(name: string): number[] {
  const out = spawnSync('pidof', [name], { encoding: 'utf8' }).stdout ?? '';
  return out.split(/\s+/).filter(Boolean).map(Number);
}

interface Timing {
  ringing?: number;
  answered?: number;
}

/** SIPp stamps local wall-clock time with microseconds: "2026-11-24 20:42:09.212178". */
function sippTime(date: string, time: string): number {
  const micros = Number(time.slice(12) || '0') / 1000;
  return Date.parse(`${date}T${time.slice(0, 12)}`) + micros;
}

/** Per Call-ID: ms from our INVITE to the first 180 and to the 200, from SIPp's -trace_msg log. */
export function parseSippTrace(text: string): Map<string, Timing & { invite: number }> {
  const calls = new Map<string, Timing & { invite: number }>();
  for (const block of text.split(/^-{20,} /m).slice(1)) {
    const stamp = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}\.\d+)/.exec(block);
    const callId = /^Call-ID:\s*(\S+)/im.exec(block)?.[1];
    if (!stamp || !callId) continue;
    const time = sippTime(stamp[1]!, stamp[2]!);
    const sent = /message sent/.test(block);
    const cseqInvite = /^CSeq:\s*\d+ INVITE/im.test(block);
    if (sent && /^\s*INVITE /m.test(block.split('\n').slice(2).join('\n'))) {
      if (!calls.has(callId)) calls.set(callId, { invite: time });
    } else if (!sent && cseqInvite) {
      const call = calls.get(callId);
      if (!call) continue;
      if (/^SIP\/2\.0 180/m.test(block) && call.ringing === undefined) call.ringing = time - call.invite;
      if (/^SIP\/2\.0 200/m.test(block) && call.answered === undefined) call.answered = time - call.invite;
    }
  }
  return calls;
}

/** SIPp calls `calls` times to `service`, one at a time: INVITE→180 and INVITE→200 per call. */
async function measure(service: string, localPort: number, runDir: string, calls: number, round: number) {
  const trace = join(runDir, `trace-${service}-${round}.log`);
  const run = runSipp({ sipPort: 5060 }, 'uac-hangup', {
    service,
    localPort,
    vars: { caller: '74950000000', callername: 'Bench' },
    extra: ['-d', '100', '-m', String(calls), '-l', '1', '-r', '20', '-trace_msg', '-message_file', trace],
  });
  if (PBX_REALTIME && run.process.pid) realtime([run.process.pid]);
  const result = await run.done;
  if (result.code !== 0) throw new Error(`SIPp calls to ${service} failed:\n${result.output}`);
  return parseSippTrace(readFileSync(trace, 'utf8'));
}

interface Measured {
  callIds: string[];
  ringing: number[];
  answered: number[];
}

/**
 * The clients take turns: ROUNDS rounds, each giving every client CALLS / ROUNDS calls, so a noisy
 * minute on this shared machine lands on all of them rather than on whoever ran then.
 */
async function measureInTurns(
  clients: Array<{ service: string; localPort: number }>,
  runDir: string,
): Promise<Measured[]> {
  const results = clients.map((): Measured => ({ callIds: [], ringing: [], answered: [] }));
  const perRound = Math.max(1, Math.round(CALLS / ROUNDS));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, client] of clients.entries()) {
      const calls = await measure(client.service, client.localPort, runDir, perRound, round);
      for (const [callId, timing] of calls) {
        results[i]!.callIds.push(callId);
        if (timing.ringing !== undefined) results[i]!.ringing.push(timing.ringing);
        if (timing.answered !== undefined) results[i]!.answered.push(timing.answered);
      }
    }
  }
  return results;
}

const summaries = (m: Measured) => ({
  callIds: m.callIds,
  ringing: summarize(m.ringing),
  answered: summarize(m.answered),
});

/** Dial 20 times; each time: ms from `dial()`'s own timestamp to SIPp (the callee) receiving the INVITE. */
async function clickToInvite(
  runDir: string,
  label: string,
  dial: () => Promise<number>,
  ended: () => Promise<void>,
) {
  const samples: number[] = [];
  for (let i = 0; i < 20; i++) {
    const trace = join(runDir, `click-${label}-${i}.log`);
    const callee = runSipp({ sipPort: 5060 }, 'uas-decline', {
      localPort: 5080,
      server: true,
      extra: ['-trace_msg', '-message_file', trace],
    });
    await new Promise((r) => setTimeout(r, 200));
    const dialedAt = await dial();
    await callee.done;
    const stamp =
      /^-{20,} (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}\.\d+)\s*\n\w+ message received[^\n]*\n\s*\nINVITE /m.exec(
        readFileSync(trace, 'utf8'),
      );
    if (stamp) samples.push(sippTime(stamp[1]!, stamp[2]!) - dialedAt);
    await ended().catch(() => undefined);
  }
  return summarize(samples);
}

export default async function* phoneBench(): AsyncGenerator<Metric> {
  await buildRenderer({ quiet: true });
  const pbx = await startTestPbx();
  const peer = await startBaresip(pbx, '1000', 5090, [31000, 31099], { controlPort: 4444 });
  const wsPeer = BARESIP_WS
    ? await startBaresip(pbx, '1001', 5091, [31100, 31199], { binary: BARESIP_WS, transport: 'ws' })
    : undefined;
  const hotline = await startHotline({ logLevel: 'info' });
  try {
    await hotline.page.waitForSelector('[data-app-ready="true"]');
    await registerAs101(hotline, pbx);
    const pbxRealtime = PBX_REALTIME && realtime([...pidsOf('kamailio'), ...pidsOf('rtpengine')]);
    const priority = { pbx_priority: pbxRealtime ? 'realtime' : 'shared' };
    // Answer every call the moment it rings.
    const unsubscribe = hotline.harness.core.events.subscribe((channel, payload) => {
      const call = payload as { id: string; state: string };
      if (channel === 'call:updated' && call.state === 'ringing')
        void hotline.harness.core.phone.answer(call.id).catch(() => undefined);
    });

    // Timestamps INVITE frames in and 180 frames out of Hotline's SIP socket (only Hotline's SIP
    // goes through Node's `ws`; baresip's calls leave no marks).
    const tap = tapSipWebSocket();
    const [baresipCalls, oursCalls, baresipWsCalls] = await measureInTurns(
      [
        { service: '1000', localPort: 5070 },
        { service: '101', localPort: 5072 },
        ...(wsPeer ? [{ service: '1001', localPort: 5071 }] : []),
      ],
      pbx.runDir,
    ).finally(() => tap.remove());
    unsubscribe();
    const [baresip, ours] = [summaries(baresipCalls!), summaries(oursCalls!)];
    const baresipWs = baresipWsCalls && summaries(baresipWsCalls);
    for (const [key, name] of [
      ['ringing', 'phone.invite_to_180_ms'],
      ['answered', 'phone.invite_to_200_ms'],
    ] as const) {
      yield {
        ...timingMetric(name, ours[key], { peer: { name: 'baresip', summary: baresip[key] } }),
        ...priority,
      };
      if (baresipWs)
        yield {
          ...timingMetric(`${name.replace(/_ms$/, '')}_ws_peer_ms`, ours[key], {
            peer: { name: 'baresip-ws', summary: baresipWs[key] },
          }),
          ...priority,
        };
    }
    const inApp = summarize(
      ours.callIds.flatMap((id) => {
        const received = tap.inviteReceivedAt.get(id);
        const sent = tap.ringingSentAt.get(id);
        return received === undefined || sent === undefined ? [] : [sent - received];
      }),
    );
    yield timingMetric('phone.invite_to_180_in_app_ms', inApp, { digits: 3 });
    const offers = rtpengineOfferMs(readFileSync(join(pbx.runDir, 'rtpengine.log'), 'utf8'));
    const offerOf = (ids: string[]) =>
      summarize(ids.flatMap((id) => (offers.has(id) ? [offers.get(id)!] : [])));
    const [webrtcOffer, plainOffer] = [offerOf(ours.callIds), offerOf(baresip.callIds)];
    yield timingMetric('phone.pbx_media_offer_ms', webrtcOffer, {
      digits: 3,
      peer: { name: 'baresip', summary: plainOffer },
    });
    if (baresipWs)
      yield timingMetric('phone.pbx_media_offer_ws_peer_ms', webrtcOffer, {
        digits: 3,
        peer: { name: 'baresip-ws', summary: offerOf(baresipWs.callIds) },
      });

    // Click → INVITE on the wire: the page's click time against SIPp's receive time (one clock),
    // and the same for baresip told to dial through its control socket.
    const hotlineDial = async () => {
      await hotline.page.getByTestId('dial-input').fill('sip:static-5080@127.0.0.1');
      // Runs in the page: click the Call button and note when, on the page's clock (epoch ms).
      return hotline.page.evaluate(() => {
        const page = globalThis as unknown as { document: { querySelector(s: string): { click(): void } } };
        page.document.querySelector('form button[type="submit"]').click();
        return performance.timeOrigin + performance.now();
      });
    };
    const ourClicks = await clickToInvite(pbx.runDir, 'hotline', hotlineDial, () =>
      hotline
        .waitForCall((c) => c.state === 'ended' && c.remote.uri.includes('static-5080'), 5000)
        .then(() => undefined),
    );
    let peerOutputMark = 0;
    const peerClicks = await clickToInvite(
      pbx.runDir,
      'baresip',
      () => {
        peerOutputMark = peer.output().length;
        return peer.command('dial', 'sip:static-5080@127.0.0.1');
      },
      async () => {
        const deadline = Date.now() + 5000;
        while (!/terminated|closed/i.test(peer.output().slice(peerOutputMark)) && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 20));
      },
    );
    yield timingMetric('phone.click_to_invite_ms', ourClicks, {
      digits: 1,
      peer: { name: 'baresip', summary: peerClicks },
    });

    // Registration back after the PBX returns.
    const backSamples: number[] = [];
    for (let i = 0; i < 5; i++) {
      await pbx.stopKamailio();
      await hotline.waitForRegistration('failed');
      await new Promise((r) => setTimeout(r, 2000));
      await pbx.startKamailio();
      const back = Date.now();
      await hotline.waitForRegistration('registered', 15_000);
      backSamples.push(Date.now() - back);
    }
    yield timingMetric('phone.reregister_after_pbx_restart_ms', summarize(backSamples), { digits: 0 });
  } finally {
    await hotline.close();
    await peer.stop();
    await wsPeer?.stop();
    await pbx.stop();
  }
}
