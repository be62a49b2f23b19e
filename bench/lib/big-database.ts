import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createLogger } from '../../src/main/core/log/logger.ts';
import { migrate } from '../../src/main/core/store/migrate.ts';
import { MIGRATIONS } from '../../src/main/core/store/migrations/index.ts';
import { prng } from '../../test/helpers/prng.ts';

// The big call log the store and screen-pop benchmarks run on: 1,000,000 calls and 200,000
// contacts, generated once (deterministically, ~1 min) and cached in .tmp/bench-cache/, keyed by the
// generator version, its sizes and the schema (the migrations' source), so a new index or column
// regenerates it. HOTLINE_BENCH_STORE_CALLS / HOTLINE_BENCH_STORE_CONTACTS shrink it for a quick try.

const GENERATOR_VERSION = 3;
export const CALLS = Number(process.env.HOTLINE_BENCH_STORE_CALLS ?? 1_000_000);
export const CONTACTS = Number(process.env.HOTLINE_BENCH_STORE_CONTACTS ?? 200_000);
const T_FIRST = Date.UTC(2023, 0, 1);
const SPAN_MS = 3 * 365 * 24 * 3600_000;

const silent = createLogger(() => undefined);

/** Index into weights 1/k^s (k = 1..n), drawn by binary search over the cumulative sums. */
function zipf(n: number, s: number, random: () => number): () => number {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) cumulative[k] = sum += 1 / (k + 1) ** s;
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const AREAS = ['495', '499', '812', '903', '916', '926', '985'];
/** A Russian number as E.164 from an index: never collides with NEVER_SEEN below. */
const numberOf = (i: number) =>
  `+7${AREAS[i % AREAS.length]}${String(1_000_000 + ((i * 7919) % 9_000_000)).padStart(7, '0')}`;
/** Numbers no call or contact has: +7800… is never generated. */
export const neverSeen = (i: number) => `+7800${String(1_000_000 + i).padStart(7, '0')}`;

function cacheKey(): string {
  const schema = MIGRATIONS.map((m) => `${m.version}:${m.name}:${m.up.toString()}`).join('\n');
  return createHash('sha256')
    .update(`${GENERATOR_VERSION}\n${CALLS}\n${CONTACTS}\n${schema}`)
    .digest('hex')
    .slice(0, 12);
}

/**
 * Three years of a busy desk: 25% of calls from 2,000 frequent numbers (Zipf: the busiest has
 * thousands of calls), 72% from a tail of 500,000 numbers (one to a few calls each), 3% from
 * internal extensions (no E.164); 2–3 events per call, as the recorder writes them. Contacts: 1–3
 * numbers each, about half of them numbers that call (frequent callers among them). Contacts' search
 * terms are not generated: these lookups do not use them.
 */
function generate(path: string): { seconds: number } {
  const started = performance.now();
  const random = prng(20261124);
  const db = new Database(path);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  migrate(db, MIGRATIONS, silent);

  const HEAVY = 2000;
  const TAIL = 500_000;
  const OWN = HEAVY + TAIL;
  const heavy = zipf(HEAVY, 1.0, random);
  const numberIndexOfCall = () => {
    const roll = random();
    if (roll < 0.25) return heavy();
    if (roll < 0.97) return HEAVY + Math.floor(random() * TAIL);
    return -1;
  };

  const contactOf = new Map<string, string>();
  const insertContact = db.prepare(
    'INSERT INTO contacts (id, name, company, notes, tags, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertNumber = db.prepare(
    'INSERT OR IGNORE INTO contact_numbers (contact_id, number, e164, label) VALUES (?, ?, ?, ?)',
  );
  const names = ['Иван Петров', 'Anna Smith', 'Ольга Смирнова', 'José García', 'Li Wei', 'Marie Dubois'];
  const companies = [null, 'ООО «Ромашка»', 'ACME Ltd', 'Northwind', 'Globex'];
  db.transaction(() => {
    for (let i = 0; i < CONTACTS; i++) {
      const id = `contact-${i.toString(36)}-${Math.floor(random() * 2 ** 32).toString(16)}`;
      const created = T_FIRST + Math.floor(random() * SPAN_MS);
      insertContact.run(
        id,
        `${names[i % names.length]} ${i}`,
        companies[i % companies.length],
        random() < 0.2 ? 'Prefers calls after 14:00; VIP since 2024.' : null,
        random() < 0.3 ? '["vip","b2b"]' : '[]',
        created,
        created + Math.floor(random() * (T_FIRST + SPAN_MS - created)),
      );
      const count = random() < 0.7 ? 1 : random() < 0.83 ? 2 : 3;
      for (let k = 0; k < count; k++) {
        const roll = random();
        // A frequent caller's number (a company's main line), a number of the contact's own that
        // never called, or a number that called (any caller alike). One contact per number: a
        // number drawn twice stays with the first.
        const index =
          roll < 0.005
            ? Math.floor(random() * HEAVY)
            : roll < 0.5
              ? OWN + i * 3 + k
              : Math.floor(random() * (HEAVY + TAIL));
        const e164 = index >= 0 ? numberOf(index) : null;
        const national = e164 ? `8${e164.slice(2)}` : String(200 + (i % 300));
        insertNumber.run(id, national, e164, k === 0 ? 'mobile' : 'work');
        if (e164 && !contactOf.has(e164)) contactOf.set(e164, id);
      }
    }
  })();

  const columns = [
    'id',
    'sip_call_id',
    'direction',
    'account',
    'remote_number',
    'remote_e164',
    'remote_name',
    'remote_uri',
    'state',
    'created_at',
    'ringing_at',
    'answered_at',
    'ended_at',
    'last_event_at',
    'ring_ms',
    'talk_ms',
    'hold_ms',
    'wrapup_ms',
    'end_reason',
    'ended_by',
    'sip_status',
    'outcome',
    'contact_id',
  ];
  const insertCall = db.prepare(
    `INSERT INTO calls (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  const insertEvent = db.prepare('INSERT INTO call_events (call_id, at, kind, detail) VALUES (?, ?, ?, ?)');
  const BATCH = 100_000;
  for (let from = 0; from < CALLS; from += BATCH) {
    db.transaction(() => {
      for (let i = from; i < Math.min(CALLS, from + BATCH); i++) {
        const created = T_FIRST + Math.floor((i / CALLS) * SPAN_MS) + Math.floor(random() * 1000);
        const id = `call-${created.toString(36)}-${i}`;
        const index = numberIndexOfCall();
        const e164 = index >= 0 ? numberOf(index) : null;
        const remote = e164 ? `8${e164.slice(2)}` : String(200 + Math.floor(random() * 300));
        const inbound = random() < 0.7;
        const roll = random();
        const answered = roll < 0.72;
        const outcome = answered
          ? 'answered'
          : inbound
            ? roll < 0.9
              ? 'missed'
              : 'declined'
            : roll < 0.85
              ? 'busy'
              : roll < 0.95
                ? 'cancelled'
                : 'failed';
        const ringMs = 1000 + Math.floor(random() * 20_000);
        const talkMs = answered ? 5000 + Math.floor(random() * 600_000) : null;
        const answeredAt = answered ? created + ringMs : null;
        const ended = created + ringMs + (talkMs ?? 0);
        const reason = answered ? (random() < 0.5 ? 'remote-hangup' : 'local-hangup') : outcome;
        insertCall.run(
          id,
          `${i.toString(36)}-${Math.floor(random() * 2 ** 32).toString(16)}@pbx.example.com`,
          inbound ? 'inbound' : 'outbound',
          'sip:101@pbx.example.com',
          remote,
          e164,
          random() < 0.4 ? names[i % names.length] : null,
          `sip:${remote}@pbx.example.com`,
          'ended',
          created,
          created,
          answeredAt,
          ended,
          ended,
          ringMs,
          talkMs,
          answered && random() < 0.2 ? Math.floor(random() * 60_000) : 0,
          answered ? Math.floor(random() * 120_000) : null,
          reason,
          reason === 'local-hangup' || reason === 'declined' ? 'local' : 'remote',
          answered ? null : 486,
          outcome,
          e164 ? (contactOf.get(e164) ?? null) : null,
        );
        // The events every call has (created, the end) and, when answered, the answer.
        insertEvent.run(id, created, inbound ? 'created:ringing' : 'created:dialing', null);
        if (answeredAt !== null) insertEvent.run(id, answeredAt, 'active', null);
        insertEvent.run(id, ended, 'ended', `{"reason":"${reason}","outcome":"${outcome}"}`);
      }
    })();
  }
  db.close();
  return { seconds: (performance.now() - started) / 1000 };
}

/** The cached database for this generator and schema, generated if missing. */
export function cachedBigDatabase(): { path: string; generatedIn?: number; calls: number; contacts: number } {
  const dir = resolve('.tmp', 'bench-cache');
  mkdirSync(dir, { recursive: true });
  const name = `store-${cacheKey()}.db`;
  const path = join(dir, name);
  if (existsSync(path)) return { path, calls: CALLS, contacts: CONTACTS };
  // An older generator's or schema's database is of no use any more (and ~800 MB).
  for (const file of readdirSync(dir))
    if (file.startsWith('store-') && file.endsWith('.db') && file !== name)
      rmSync(join(dir, file), { force: true });
  const partial = `${path}.partial-${process.pid}`;
  try {
    const { seconds } = generate(partial);
    renameSync(partial, path);
    return { path, generatedIn: seconds, calls: CALLS, contacts: CONTACTS };
  } finally {
    rmSync(partial, { force: true });
  }
}
