import { closeSync, copyFileSync, fsyncSync, mkdtempSync, openSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createCore } from '../src/main/core/create-core.ts';
import { callsByNumber, CALLS_BY_NUMBER_SQL } from '../src/main/core/calllog/calls-table.ts';
import { contactByNumber, CONTACT_BY_NUMBER_SQL } from '../src/main/core/calllog/contacts-table.ts';
import { createLogger } from '../src/main/core/log/logger.ts';
import { openDatabase, type Db } from '../src/main/core/store/database.ts';
import type { CallView } from '../src/shared/model/call.ts';
import { createNodePorts } from '../tools/harness/node-ports.ts';
import { round, summarize, type Metric } from './lib/stats.ts';
import { prng } from '../test/helpers/prng.ts';
import { cachedBigDatabase, CALLS, CONTACTS, neverSeen } from './lib/big-database.ts';

// The call log's own costs, on a real disk (the repo's .tmp/, not tmpfs) with the pragmas the app
// sets (WAL, synchronous=FULL):
//
// - store.state_change_write_ms: one change of a call's state written through the real core
//   (createCore → callLog.record: read the row, upsert it, append the event, and on the end build
//   and enqueue the sync document — one transaction, one fsync), on a copy of a database that
//   already holds a million calls. Peer: a bare better-sqlite3 INSERT of a row the same size into a
//   one-table database on the same disk, same pragmas, interleaved sample by sample with ours — the
//   floor a durable commit costs on this disk. Target: p99 < 2 ms.
// - store.calls_by_number_ms / store.contact_by_number_ms: the caller card's lookups while the
//   phone rings — callsByNumber(e164, 20) and contactByNumber(e164) — on 1,000,000 calls and
//   200,000 contacts, for numbers that called before (picked the way calls arrive: frequent callers
//   more often) and numbers never seen (20%). Peer: the same SQL on the same connection through a
//   bare prepared statement returning raw arrays, without the table module's row mapping. Target:
//   p99 < 1 ms (a warm page cache: the app has been running; a cold first lookup after boot is not
//   measured).
//
// The big database comes from bench/lib/big-database.ts (generated once, cached).

/** Calls written in the write benchmark; 5 state changes each. */
const WRITE_CALLS = 500;
const LOOKUPS = 5000;

const silent = createLogger(() => undefined);

/** The time one call takes, in milliseconds. */
function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function view(id: string, i: number, startedAt: number): CallView {
  const number = `8495${String(2_000_000 + i).padStart(7, '0')}`;
  return {
    id,
    direction: 'inbound',
    sipCallId: `${id}@pbx.example.com`,
    state: 'ringing',
    remote: { number, displayName: 'Иван Петров', uri: `sip:${number}@pbx.example.com` },
    muted: false,
    earlyMedia: false,
    startedAt,
  };
}

export default async function* storeBench(): AsyncGenerator<Metric> {
  const cache = cachedBigDatabase();
  const work = mkdtempSync(join(resolve('.tmp'), 'bench-store-'));
  try {
    // The core gets its own copy: the cache stays as generated.
    copyFileSync(cache.path, join(work, 'hotline.db'));
    // On disk before timing starts: the copy's writeback must not land in the write samples.
    const fd = openSync(join(work, 'hotline.db'), 'r+');
    fsyncSync(fd);
    closeSync(fd);
    const core = createCore({
      dataDir: work,
      managedSettingsFile: join(work, 'managed-none.json'),
      appInfo: {
        name: 'Hotline',
        version: '0.1.0-bench',
        platform: process.platform,
        runtime: 'harness',
        versions: {},
        systemLocale: () => 'en-US',
      },
      ports: createNodePorts(work, silent),
      log: silent,
    });
    const peerDb: Db = openDatabase({ path: join(work, 'peer.db'), log: silent, migrations: [] });
    try {
      peerDb.exec('CREATE TABLE IF NOT EXISTS peer (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
      // A call row as the recorder writes it, serialized: the same number of bytes per commit.
      const rowBytes = JSON.stringify(
        core.db.prepare('SELECT * FROM calls ORDER BY rowid DESC LIMIT 1').get(),
      ).length;
      const insertPeer = peerDb.prepare('INSERT INTO peer (body) VALUES (?)');
      const body = 'x'.repeat(rowBytes);

      // Warm-up: a few calls through both, not measured.
      const t0 = Date.now();
      for (let i = 0; i < 20; i++) {
        const v = view(`warm-${i}`, i, t0);
        core.callLog.record(v, t0);
        core.callLog.record(
          { ...v, state: 'ended', endedAt: t0 + 1, end: { reason: 'caller-cancelled' } },
          t0 + 1,
        );
        insertPeer.run(body);
      }
      const ours: number[] = [];
      const ends: number[] = [];
      const peer: number[] = [];
      for (let i = 0; i < WRITE_CALLS; i++) {
        const id = `bench-${i}`;
        const at = Date.now();
        const ringing = view(id, i, at);
        const active = { ...ringing, state: 'active' as const, answeredAt: at + 3000 };
        const changes: Array<[CallView, number]> = [
          [ringing, at],
          [active, at + 3000],
          [{ ...active, state: 'held' }, at + 60_000],
          [active, at + 90_000],
          [
            { ...active, state: 'ended', endedAt: at + 180_000, end: { reason: 'remote-hangup' } },
            at + 180_000,
          ],
        ];
        for (const [next, when] of changes) {
          const ms = time(() => core.callLog.record(next, when));
          ours.push(ms);
          if (next.state === 'ended') ends.push(ms);
          peer.push(time(() => insertPeer.run(body)));
        }
        if (core.callLog.pendingCount() !== 0) throw new Error('the recorder could not write');
      }
      const write = summarize(ours);
      const floor = summarize(peer);
      yield {
        metric: 'store.state_change_write_ms',
        value: round(write.median, 3),
        unit: 'ms',
        n: write.n,
        p95: round(write.p95, 3),
        p99: round(write.p99, 3),
        target: 'p99 < 2',
        end_p99: round(summarize(ends).p99, 3),
        db_calls: CALLS,
        peer: 'bare INSERT autocommit, same row size, WAL+FULL',
        peer_value: round(floor.median, 3),
        peer_p99: round(floor.p99, 3),
        ratio: round(write.median / floor.median, 2),
      };

      // The numbers asked about are those of ringing phones: 80% numbers that called before, drawn
      // call by call (so frequent callers come up as often as they call), 20% never seen.
      const random = prng(7);
      const maxRowid = core.db.prepare('SELECT max(rowid) FROM calls').pluck().get() as number;
      const byRowid = core.db.prepare('SELECT remote_e164 FROM calls WHERE rowid = ?').pluck();
      const numbers = Array.from({ length: LOOKUPS + 200 }, (_, i) => {
        if (random() < 0.2) return neverSeen(i);
        for (;;) {
          const e164 = byRowid.get(1 + Math.floor(random() * maxRowid)) as string | null | undefined;
          if (e164) return e164;
        }
      });

      const rawCalls = core.db.prepare(CALLS_BY_NUMBER_SQL).raw();
      const rawContact = core.db.prepare(CONTACT_BY_NUMBER_SQL).raw();
      // Warm-up on numbers not measured afterwards.
      for (const e164 of numbers.slice(LOOKUPS)) {
        callsByNumber(core.db, e164, 20);
        contactByNumber(core.db, e164);
      }
      const callsOurs: number[] = [];
      const callsPeer: number[] = [];
      const contactOurs: number[] = [];
      const contactPeer: number[] = [];
      let rows = 0;
      let found = 0;
      for (let i = 0; i < LOOKUPS; i++) {
        const number = numbers[i]!;
        callsOurs.push(time(() => (rows += callsByNumber(core.db, number, 20).length)));
        callsPeer.push(time(() => rawCalls.all(number, 20)));
        contactOurs.push(time(() => (found += contactByNumber(core.db, number) ? 1 : 0)));
        contactPeer.push(time(() => rawContact.get(number)));
      }
      const sizeMb = round(statSync(cache.path).size / 2 ** 20, 0);
      for (const [metric, oursSamples, peerSamples, extra] of [
        ['store.calls_by_number_ms', callsOurs, callsPeer, { rows_per_lookup: round(rows / LOOKUPS, 1) }],
        ['store.contact_by_number_ms', contactOurs, contactPeer, { found: round(found / LOOKUPS, 2) }],
      ] as const) {
        const s = summarize(oursSamples);
        const p = summarize(peerSamples);
        yield {
          metric,
          value: round(s.median, 4),
          unit: 'ms',
          n: s.n,
          p95: round(s.p95, 4),
          p99: round(s.p99, 4),
          target: 'p99 < 1',
          db_calls: CALLS,
          db_contacts: CONTACTS,
          db_mb: sizeMb,
          ...(cache.generatedIn !== undefined ? { generated_s: round(cache.generatedIn, 1) } : {}),
          ...extra,
          peer: 'same SQL, bare statement, raw rows',
          peer_value: round(p.median, 4),
          peer_p99: round(p.p99, 4),
          ratio: round(s.median / p.median, 2),
        };
      }
    } finally {
      peerDb.close();
      await core.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
