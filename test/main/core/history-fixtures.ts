import { join } from 'node:path';
import { createLogger, memorySink } from '../../../src/main/core/log/logger.ts';
import { openDatabase, type Db } from '../../../src/main/core/store/database.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';

// Call-log rows written straight into the tables, for the history and export tests: the recorder
// is tested on its own; here what matters is what the queries find.

export interface SeedCall {
  id: string;
  createdAt: number;
  direction?: 'inbound' | 'outbound';
  number?: string;
  e164?: string | null;
  name?: string | null;
  uri?: string | null;
  outcome?: string | null;
  answeredAt?: number | null;
  endedAt?: number | null;
  ringMs?: number | null;
  talkMs?: number | null;
  holdMs?: number;
  contactId?: string | null;
  disposition?: string;
}

export function openTempDb(dirs: Array<{ cleanup(): void }>): { db: Db; dir: string } {
  const dir = makeTempDir();
  dirs.push(dir);
  const db = openDatabase({ path: join(dir.path, 'hotline.db'), log: createLogger(memorySink()) });
  return { db, dir: dir.path };
}

export function seedCalls(db: Db, calls: SeedCall[]): void {
  const insert = db.prepare(
    `INSERT INTO calls (id, direction, remote_number, remote_e164, remote_name, remote_uri, state,
       created_at, answered_at, ended_at, last_event_at, ring_ms, talk_ms, hold_ms, outcome, contact_id)
     VALUES (@id, @direction, @number, @e164, @name, @uri, @state, @createdAt, @answeredAt, @endedAt,
       @createdAt, @ringMs, @talkMs, @holdMs, @outcome, @contactId)`,
  );
  const wrapup = db.prepare(
    `INSERT INTO wrapups (call_id, state, disposition, notes, data, started_at, updated_at, submitted_at)
     VALUES (?, 'submitted', ?, '', '{}', ?, ?, ?)`,
  );
  db.transaction(() => {
    for (const c of calls) {
      const outcome = c.outcome === undefined ? 'answered' : c.outcome;
      insert.run({
        id: c.id,
        direction: c.direction ?? 'inbound',
        number: c.number ?? '84951234567',
        e164: c.e164 === undefined ? '+74951234567' : c.e164,
        name: c.name ?? null,
        uri: c.uri ?? null,
        state: outcome === null ? 'active' : 'ended',
        createdAt: c.createdAt,
        answeredAt: c.answeredAt ?? null,
        endedAt: c.endedAt ?? (outcome === null ? null : c.createdAt + 60_000),
        ringMs: c.ringMs === undefined ? 5000 : c.ringMs,
        talkMs: c.talkMs === undefined ? 55_000 : c.talkMs,
        holdMs: c.holdMs ?? 0,
        outcome,
        contactId: c.contactId ?? null,
      });
      if (c.disposition !== undefined) wrapup.run(c.id, c.disposition, c.createdAt, c.createdAt, c.createdAt);
    }
  })();
}

/** `count` ended calls a minute apart, alternating direction, from `start` on. */
export function seedMany(db: Db, count: number, start: number): void {
  const outcomes = ['answered', 'answered', 'missed', 'declined', 'busy', 'failed', 'cancelled'];
  const insert = db.prepare(
    `INSERT INTO calls (id, direction, remote_number, remote_e164, remote_name, state, created_at,
       ended_at, last_event_at, talk_ms, outcome)
     VALUES (?, ?, ?, ?, ?, 'ended', ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const n = String(1_000_000 + (i % 9000)).slice(-7);
      const at = start + i * 60_000;
      insert.run(
        `m${String(i).padStart(7, '0')}`,
        i % 2 ? 'inbound' : 'outbound',
        `8495${n}`,
        `+7495${n}`,
        i % 3 ? `Клиент ${i}` : null,
        at,
        at + 30_000,
        at + 30_000,
        i % 7 < 2 ? 25_000 : null,
        outcomes[i % 7]!,
      );
    }
  })();
}
