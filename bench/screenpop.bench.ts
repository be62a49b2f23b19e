import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startHotline } from '../test/helpers/hotline.ts';
import { registerAs101, startTestPbx } from '../test/helpers/pbx.ts';
import { makeTempDir } from '../test/helpers/temp-dir.ts';
import { buildRenderer } from '../tools/harness/build-renderer.ts';
import { runSipp } from '../tools/pbx/stack.ts';
import { cachedBigDatabase } from './lib/big-database.ts';
import { tapSipWebSocket } from './lib/sip-tap.ts';
import { summarize, timingMetric, type Metric } from './lib/stats.ts';

// The screen pop as the operator lives it: from the INVITE frame reaching the core (the SIP
// WebSocket, tapped in the same process) to the caller card painted in Chromium (a performance mark
// the card sets in the frame after it renders), on a call log of 1,000,000 calls and 200,000
// contacts. Callers are real numbers from that log — regulars with long histories, occasional ones,
// and numbers never seen — calling through the PBX from SIPp, which gives up after ringing.
// Target: p95 < 50 ms.

const CALLS = Number(process.env.HOTLINE_BENCH_CALLS ?? 100);

/** Numbers to call from: the busiest, some with a handful of calls, some unknown. */
function callers(dbPath: string): string[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    const busiest = db
      .prepare(
        `SELECT remote_e164 AS n FROM calls WHERE remote_e164 IS NOT NULL
         GROUP BY remote_e164 ORDER BY count(*) DESC LIMIT 5`,
      )
      .pluck()
      .all() as string[];
    const some = db
      .prepare('SELECT e164 FROM contact_numbers WHERE e164 IS NOT NULL ORDER BY rowid LIMIT 3 OFFSET 1000')
      .pluck()
      .all() as string[];
    return [...busiest, ...some, '+74990000001', '+74990000002'];
  } finally {
    db.close();
  }
}

export default async function* screenPopBench(): AsyncGenerator<Metric> {
  await buildRenderer({ quiet: true });
  const big = cachedBigDatabase();
  const dir = makeTempDir('hotline-screenpop-');
  mkdirSync(dir.path, { recursive: true });
  copyFileSync(big.path, join(dir.path, 'hotline.db'));
  const numbers = callers(big.path);
  const pbx = await startTestPbx();
  const hotline = await startHotline({ logLevel: 'info', dataDir: dir.path });
  const tap = tapSipWebSocket();
  try {
    await hotline.page.waitForSelector('[data-app-ready="true"]');
    await registerAs101(hotline, pbx);
    /** When the core emitted each call's card (this process's clock). */
    const cardAt = new Map<string, number>();
    hotline.harness.core.events.subscribe((channel, payload) => {
      if (channel === 'call:card') cardAt.set((payload as { callId: string }).callId, performance.now());
    });
    const perNumber = Math.max(1, Math.ceil(CALLS / numbers.length));
    let port = 5100;
    for (const number of numbers) {
      const run = runSipp({ sipPort: 5060 }, 'uac-cancel', {
        service: '101',
        localPort: port++,
        // The national form a Russian trunk sends: 8 495 …, so the core normalizes as in life.
        vars: { caller: `8${number.slice(2)}`, callername: 'Bench' },
        extra: ['-d', '400', '-m', String(perNumber), '-l', '1', '-r', '2'],
      });
      const result = await run.done;
      if (result.code !== 0) throw new Error(`SIPp calls from ${number} failed:\n${result.output}`);
    }
    // Hotline's call ids by SIP Call-ID, and when each card was painted (page clock, epoch ms).
    const bySipCallId = new Map<string, string>();
    for (const call of hotline.events('call:updated'))
      if (call.sipCallId && call.direction === 'inbound') bySipCallId.set(call.sipCallId, call.id);
    const painted = await hotline.page.evaluate(() =>
      Object.fromEntries(
        performance
          .getEntriesByType('mark')
          .filter((m) => m.name.startsWith('hotline:card-painted:'))
          .map((m) => [m.name.slice('hotline:card-painted:'.length), performance.timeOrigin + m.startTime]),
      ),
    );
    const samples: number[] = [];
    const inCore: number[] = [];
    const inPage: number[] = [];
    for (const [sipCallId, received] of tap.inviteReceivedAt) {
      const id = bySipCallId.get(sipCallId);
      const at = id === undefined ? undefined : (painted as Record<string, number>)[id];
      const emitted = id === undefined ? undefined : cardAt.get(id);
      if (at === undefined || emitted === undefined) continue;
      samples.push(at - (performance.timeOrigin + received));
      inCore.push(emitted - received);
      inPage.push(at - (performance.timeOrigin + emitted));
    }
    if (samples.length < CALLS * 0.9)
      throw new Error(`only ${samples.length} of ${CALLS} cards were painted`);
    yield {
      ...timingMetric('workspace.screenpop_invite_to_card_painted_ms', summarize(samples), { digits: 1 }),
      target: 'p95 < 50',
      calls_in_log: big.calls,
      contacts: big.contacts,
    };
    // Where it goes: the core (SIP, the call log's durable write, the card's queries) up to the card
    // event, then transport, React and the next frame in the page.
    yield timingMetric('workspace.screenpop_core_ms', summarize(inCore), { digits: 2 });
    yield timingMetric('workspace.screenpop_page_ms', summarize(inPage), { digits: 1 });
  } finally {
    tap.remove();
    await hotline.close();
    await pbx.stop();
    dir.cleanup();
  }
}
