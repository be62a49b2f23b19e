import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../src/main/core/store/database.ts';
import { migrate } from '../../../src/main/core/store/migrate.ts';
import { MIGRATIONS } from '../../../src/main/core/store/migrations/index.ts';
import { createLogger, memorySink } from '../../../src/main/core/log/logger.ts';
import { createCallRecorder } from '../../../src/main/core/calllog/call-recorder.ts';
import {
  CALLS_BY_NUMBER_SQL,
  RECENT_CALLS_SQL,
  callsByNumber,
  getCall,
  recentCalls,
} from '../../../src/main/core/calllog/calls-table.ts';
import { eventsOfCall } from '../../../src/main/core/calllog/call-events-table.ts';
import {
  CONTACT_BY_NUMBER_SQL,
  contactByNumber,
  putContact,
} from '../../../src/main/core/calllog/contacts-table.ts';
import type { CallView } from '../../../src/shared/model/call.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';

const dirs: Array<{ cleanup(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));
function tempPath(): string {
  const dir = makeTempDir();
  dirs.push(dir);
  return join(dir.path, 'hotline.db');
}

function open(path = tempPath()) {
  const sink = memorySink();
  const log = createLogger(sink);
  const db = openDatabase({ path, log });
  const recorder = createCallRecorder({
    db,
    log,
    defaultRegion: () => 'RU',
    account: () => 'sip:101@pbx.example.com',
    retryMs: 10,
  });
  return { db, recorder, sink, path };
}

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

function inbound(patch: Partial<CallView> = {}): CallView {
  return {
    id: 'c1',
    direction: 'inbound',
    sipCallId: 'abc@pbx',
    state: 'ringing',
    remote: { number: '84951234567', displayName: 'Иван Петров', uri: 'sip:84951234567@pbx' },
    muted: false,
    earlyMedia: false,
    startedAt: T0,
    ...patch,
  };
}

describe('call log: schema', () => {
  it('migrates from the previous schema, keeping what was there', () => {
    const path = tempPath();
    const raw = new Database(path);
    const log = createLogger(memorySink());
    migrate(raw, MIGRATIONS.slice(0, 2), log);
    raw.prepare("INSERT INTO app_meta (key, value, updated_at) VALUES ('install_id', 'kept', 1)").run();
    raw.close();
    const db = openDatabase({ path, log, migrations: MIGRATIONS.filter((m) => m.version <= 30) });
    expect(db.pragma('user_version', { simple: true })).toBe(30);
    expect(db.prepare("SELECT value FROM app_meta WHERE key = 'install_id'").pluck().get()).toBe('kept');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['calls', 'call_events', 'contacts', 'contact_numbers']));
    db.close();
  });

  const plan = (db: Db, sql: string, ...params: unknown[]) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>)
      .map((r) => r.detail)
      .join(' | ');

  it('answers the hot queries from indexes, never a scan of the calls table', () => {
    const { db } = open();
    // Enough rows that the planner has a real choice to make.
    const insert = db.prepare(
      `INSERT INTO calls (id, direction, remote_number, remote_e164, state, created_at, last_event_at)
       VALUES (?, 'inbound', ?, ?, 'ended', ?, ?)`,
    );
    db.transaction(() => {
      for (let i = 0; i < 2000; i++)
        insert.run(`c${i}`, `${i}`, `+7495${1000000 + (i % 300)}`, T0 + i, T0 + i);
    })();
    db.exec('ANALYZE');
    const recent = plan(db, RECENT_CALLS_SQL, Number.MAX_SAFE_INTEGER, 50);
    expect(recent).toContain('calls_by_created');
    expect(recent).not.toMatch(/SCAN calls(?! USING)/);
    expect(recent).not.toContain('TEMP B-TREE');
    const byNumber = plan(db, CALLS_BY_NUMBER_SQL, '+74951000001', 20);
    expect(byNumber).toContain('calls_by_number');
    expect(byNumber).not.toContain('TEMP B-TREE FOR ORDER BY');
    const contact = plan(db, CONTACT_BY_NUMBER_SQL, '+74951000001');
    expect(contact).toContain('contact_numbers_by_e164');
    db.close();
  });
});

describe('call log: written as it happens', () => {
  it('has the row from the first INVITE, and one event per change, each in the same transaction', () => {
    const { db, recorder } = open();
    recorder.record(inbound(), T0);
    let row = getCall(db, 'c1')!;
    expect(row).toMatchObject({
      direction: 'inbound',
      sipCallId: 'abc@pbx',
      account: 'sip:101@pbx.example.com',
      remoteNumber: '84951234567',
      remoteE164: '+74951234567',
      remoteName: 'Иван Петров',
      state: 'ringing',
      ringingAt: T0,
      endedAt: null,
    });

    recorder.record(inbound({ state: 'active', answeredAt: T0 + 4000 }), T0 + 4000);
    recorder.record(inbound({ state: 'active', answeredAt: T0 + 4000, muted: true }), T0 + 5000);
    recorder.record(inbound({ state: 'held', answeredAt: T0 + 4000 }), T0 + 10_000);
    recorder.record(inbound({ state: 'active', answeredAt: T0 + 4000 }), T0 + 25_000);
    recorder.record(
      inbound({
        state: 'ended',
        answeredAt: T0 + 4000,
        endedAt: T0 + 64_000,
        end: { reason: 'remote-hangup' },
      }),
      T0 + 64_000,
    );
    row = getCall(db, 'c1')!;
    expect(row).toMatchObject({
      state: 'ended',
      answeredAt: T0 + 4000,
      endedAt: T0 + 64_000,
      ringMs: 4000,
      talkMs: 60_000,
      holdMs: 15_000,
      endReason: 'remote-hangup',
      endedBy: 'remote',
      outcome: 'answered',
    });
    expect(eventsOfCall(db, 'c1').map((e) => [e.kind, e.at - T0])).toEqual([
      ['created:ringing', 0],
      ['active', 4000],
      ['held', 10_000],
      ['active', 25_000],
      ['ended', 64_000],
    ]);
    // A late duplicate of the end changes nothing.
    recorder.record(
      inbound({ state: 'ended', endedAt: T0 + 99_000, end: { reason: 'local-hangup' } }),
      T0 + 99_000,
    );
    expect(getCall(db, 'c1')!.endedAt).toBe(T0 + 64_000);
    db.close();
  });

  it.each([
    ['inbound', 'caller-cancelled', undefined, 'missed', 'remote'],
    ['inbound', 'declined', 603, 'declined', 'local'],
    ['inbound', 'no-answer', 480, 'missed', 'system'],
    ['outbound', 'busy', 486, 'busy', 'remote'],
    ['outbound', 'cancelled', undefined, 'cancelled', 'local'],
    ['outbound', 'not-found', 404, 'failed', 'remote'],
    ['outbound', 'unavailable', 503, 'failed', 'remote'],
  ] as const)(
    'files an unanswered %s call ended by %s as %s',
    (direction, reason, statusCode, outcome, by) => {
      const { db, recorder } = open();
      const base = inbound({ direction, state: direction === 'inbound' ? 'ringing' : 'dialing' });
      recorder.record(base, T0);
      if (direction === 'outbound') recorder.record({ ...base, state: 'ringback' }, T0 + 300);
      recorder.record(
        { ...base, state: 'ended', endedAt: T0 + 9000, end: { reason, statusCode } },
        T0 + 9000,
      );
      const row = getCall(db, 'c1')!;
      expect(row).toMatchObject({ outcome, endedBy: by, sipStatus: statusCode ?? null, talkMs: null });
      expect(row.ringMs).toBe(direction === 'outbound' ? 8700 : 9000);
      db.close();
    },
  );

  it('closes calls a crashed run left open as "interrupted", at their last event', () => {
    const path = tempPath();
    const first = open(path);
    first.recorder.record(inbound(), T0);
    first.recorder.record(inbound({ id: 'c2', state: 'active', answeredAt: T0 + 1000 }), T0 + 1000);
    first.recorder.record(inbound({ id: 'c2', state: 'held', answeredAt: T0 + 1000 }), T0 + 30_000);
    first.db.close(); // no end recorded: the app died here

    const second = open(path);
    expect(second.recorder.closeInterrupted(T0 + 500_000)).toBe(2);
    expect(getCall(second.db, 'c1')).toMatchObject({
      outcome: 'interrupted',
      endedAt: T0,
      endedBy: 'system',
    });
    expect(getCall(second.db, 'c2')).toMatchObject({
      outcome: 'interrupted',
      endedAt: T0 + 30_000,
      talkMs: 29_000,
      holdMs: 0,
    });
    expect(eventsOfCall(second.db, 'c2').at(-1)).toMatchObject({ kind: 'interrupted', at: T0 + 500_000 });
    expect(second.recorder.closeInterrupted()).toBe(0);
    second.db.close();
  });

  it('keeps records in memory while the database refuses writes, and writes them in order later', async () => {
    const { db, recorder, path, sink } = open();
    recorder.record(inbound(), T0);
    // Another connection holds the write lock: every write here fails (busy) until it lets go.
    const blocker = new Database(path, { timeout: 0 });
    db.pragma('busy_timeout = 0');
    blocker.exec('BEGIN IMMEDIATE');
    recorder.record(inbound({ state: 'active', answeredAt: T0 + 2000 }), T0 + 2000);
    recorder.record(
      inbound({ state: 'ended', answeredAt: T0 + 2000, endedAt: T0 + 9000, end: { reason: 'local-hangup' } }),
      T0 + 9000,
    );
    expect(recorder.pendingCount()).toBe(2);
    expect(sink.records.some((r) => r.level === 'error' && /cannot be written/.test(r.message))).toBe(true);
    blocker.exec('ROLLBACK');
    blocker.close();
    await expect.poll(() => recorder.pendingCount(), { timeout: 2000 }).toBe(0);
    expect(getCall(db, 'c1')).toMatchObject({ outcome: 'answered', talkMs: 7000 });
    expect(eventsOfCall(db, 'c1').map((e) => e.kind)).toEqual(['created:ringing', 'active', 'ended']);
    recorder.dispose();
    db.close();
  });

  it('a read-only database: recording never throws (the phone goes on) and the records wait', () => {
    const { db, recorder, path } = open();
    recorder.dispose();
    db.close();
    // Opened read-only (root ignores file modes, so the flag stands in for a read-only volume).
    const readOnly = new Database(path, { readonly: true });
    const waiting = createCallRecorder({
      db: readOnly,
      log: createLogger(memorySink()),
      defaultRegion: () => 'RU',
      account: () => undefined,
      retryMs: 60_000,
    });
    expect(() => waiting.record(inbound(), T0)).not.toThrow();
    expect(() => waiting.record(inbound({ state: 'active', answeredAt: T0 + 1 }), T0 + 1)).not.toThrow();
    expect(waiting.pendingCount()).toBe(2);
    waiting.dispose();
    readOnly.close();
  });
});

describe('call log: lookups', () => {
  it('finds recent calls, a number’s calls and the contact behind a number', () => {
    const { db, recorder } = open();
    for (let i = 0; i < 5; i++)
      recorder.record(
        inbound({
          id: `c${i}`,
          startedAt: T0 + i * 1000,
          remote: { number: i % 2 ? '+7 495 123-45-67' : '8 (812) 000-00-00', uri: 'sip:x@y' },
        }),
        T0 + i * 1000,
      );
    expect(recentCalls(db, 3).map((c) => c.id)).toEqual(['c4', 'c3', 'c2']);
    expect(recentCalls(db, 10, T0 + 2000).map((c) => c.id)).toEqual(['c1', 'c0']);
    expect(callsByNumber(db, '+74951234567', 10).map((c) => c.id)).toEqual(['c3', 'c1']);
    putContact(db, { id: 'k1', name: 'ООО Ромашка', company: 'Ромашка', notes: null, tags: ['vip'] }, [
      { number: '+7 495 123-45-67', e164: '+74951234567' },
    ]);
    expect(contactByNumber(db, '+74951234567')).toMatchObject({ name: 'ООО Ромашка', tags: ['vip'] });
    expect(contactByNumber(db, '+78120000000')).toBeUndefined();
    db.close();
  });
});
