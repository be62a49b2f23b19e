import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  writeFileSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createCore, type Core } from '../../../src/main/core/create-core.ts';
import { createLogger, memorySink } from '../../../src/main/core/log/logger.ts';
import { openDatabase, type Db } from '../../../src/main/core/store/database.ts';
import { NewerSchemaError } from '../../../src/main/core/store/migrate.ts';
import { MIGRATIONS } from '../../../src/main/core/store/migrations/index.ts';
import { DB_FILE, QUARANTINE_DIR, openStore } from '../../../src/main/core/store/open-store.ts';
import {
  BACKUP_DIR,
  createBackupService,
  listBackups,
  takeBackup,
} from '../../../src/main/core/store/backups.ts';
import {
  EXPIRED_CALLS_SQL,
  EXPIRED_OUTBOX_SQL,
  applyRetention,
  createRetentionService,
} from '../../../src/main/core/calllog/retention.ts';
import { createCallRecorder } from '../../../src/main/core/calllog/call-recorder.ts';
import { beginWrapup } from '../../../src/main/core/calllog/wrapups-table.ts';
import { getCall } from '../../../src/main/core/calllog/calls-table.ts';
import { enqueueOutbox, markDelivered, outboxRows } from '../../../src/main/core/sync/outbox-table.ts';
import type { CallView } from '../../../src/shared/model/call.ts';
import { createNodePorts } from '../../../tools/harness/node-ports.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);
const DAY = 86_400_000;
const LATEST = MIGRATIONS.at(-1)!.version;

function dataDir(): string {
  const dir = makeTempDir();
  cleanups.push(() => dir.cleanup());
  return dir.path;
}

function quietLog() {
  const sink = memorySink();
  return { sink, log: createLogger(sink) };
}

/** A database in `dir` as the app would leave it, filled by `fill`, closed (WAL checkpointed). */
function seed(dir: string, fill: (db: Db) => void): void {
  const db = openDatabase({ path: join(dir, DB_FILE), log: quietLog().log });
  fill(db);
  db.close();
}

function addCall(
  db: Db,
  id: string,
  options: { at?: number; ended?: boolean; name?: string; events?: number } = {},
): void {
  const at = options.at ?? T0;
  db.prepare(
    `INSERT INTO calls (id, direction, remote_number, remote_name, state, created_at, last_event_at, ended_at, outcome)
     VALUES (?, 'inbound', '84951234567', ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    options.name ?? null,
    options.ended === false ? 'active' : 'ended',
    at,
    at + 60_000,
    options.ended === false ? null : at + 60_000,
    options.ended === false ? null : 'answered',
  );
  for (let i = 0; i < (options.events ?? 1); i++)
    db.prepare('INSERT INTO call_events (call_id, at, kind) VALUES (?, ?, ?)').run(id, at + i, `e${i}`);
}

function addWrapup(db: Db, callId: string, state: 'draft' | 'submitted', at = T0): void {
  db.prepare(
    `INSERT INTO wrapups (call_id, state, notes, started_at, updated_at) VALUES (?, ?, 'notes', ?, ?)`,
  ).run(callId, state, at, at);
}

function addOutbox(db: Db, id: string, callId: string, at = T0): number {
  enqueueOutbox(db, {
    id,
    kind: 'call.finished',
    aggregateId: callId,
    payload: { id: callId },
    createdAt: at,
  });
  return db.prepare('SELECT seq FROM outbox WHERE id = ?').pluck().get(id) as number;
}

function sha(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function countOf(db: Db, table: string): number {
  return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

/** Takes a backup of the database in `dir` now, as the backup service would, stamped `at`. */
async function backupOf(dir: string, at: number): Promise<void> {
  const db = openDatabase({ path: join(dir, DB_FILE), log: quietLog().log });
  await takeBackup(db, join(dir, BACKUP_DIR), at);
  db.close();
}

describe('data safety: a damaged database at start-up', () => {
  it('a file that is not a database is quarantined (with its -wal) and the newest good backup restored', async () => {
    const dir = dataDir();
    seed(dir, (db) => {
      addCall(db, 'old-call');
      addOutbox(db, 'doc-old', 'old-call');
    });
    await backupOf(dir, T0 - 2 * DAY);
    seed(dir, (db) => addCall(db, 'backed-up-call', { at: T0 + 1000 }));
    await backupOf(dir, T0);
    const garbage = randomBytes(16_384);
    writeFileSync(join(dir, DB_FILE), garbage);
    writeFileSync(join(dir, `${DB_FILE}-wal`), randomBytes(1000));

    const { sink, log } = quietLog();
    const { db, recovered } = openStore({ dataDir: dir, log, now: () => T0 + DAY });
    cleanups.push(() => void db.close());

    expect(recovered).toBeDefined();
    expect(recovered!.at).toBe(T0 + DAY);
    expect(recovered!.backupTakenAt).toBe(T0);
    expect(recovered!.outboxRecovered).toBe(0);
    // Moved aside, byte for byte, with its side file; never deleted.
    expect(recovered!.quarantinedTo).toBe(join(dir, QUARANTINE_DIR, 'hotline-20261125-090000.db'));
    expect(readFileSync(recovered!.quarantinedTo).equals(garbage)).toBe(true);
    expect(existsSync(`${recovered!.quarantinedTo}-wal`)).toBe(true);
    // The restored copy is the newest backup, brought to the current schema and checked.
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT id FROM calls ORDER BY id').pluck().all()).toEqual([
      'backed-up-call',
      'old-call',
    ]);
    expect(outboxRows(db).map((r) => r.id)).toEqual(['doc-old']);
    // The backups themselves are untouched (copied, not moved).
    expect(listBackups(join(dir, BACKUP_DIR))).toHaveLength(2);
    expect(sink.records.some((r) => r.level === 'error' && /damaged/.test(r.message))).toBe(true);
  });

  it('damaged pages: detected, quarantined unchanged, restored, and the readable rows carried over', async () => {
    const dir = dataDir();
    seed(dir, (db) => {
      addCall(db, 'c-backup', { at: T0 - DAY });
      addOutbox(db, 'doc-sent-later', 'c-backup', T0 - DAY);
    });
    await backupOf(dir, T0 - DAY);
    // After the backup: many calls (the call log spans many pages), undelivered and delivered records.
    seed(dir, (db) => {
      for (let i = 0; i < 400; i++)
        addCall(db, `c${String(i).padStart(3, '0')}`, { at: T0 + i * 1000, name: 'Иван Петров '.repeat(8) });
      addOutbox(db, 'doc-pending-1', 'c001', T0 + 1);
      const refused = addOutbox(db, 'doc-refused', 'c002', T0 + 2);
      db.prepare(`UPDATE outbox SET state = 'failed', last_status = 422 WHERE seq = ?`).run(refused);
      addOutbox(db, 'doc-pending-2', 'c399', T0 + 3);
      // Delivered after the backup was taken: must not be sent again from the restored copy.
      const sent = db.prepare(`SELECT seq FROM outbox WHERE id = 'doc-sent-later'`).pluck().get() as number;
      markDelivered(db, sent, T0 + 5, 200);
      addWrapup(db, 'c000', 'submitted');
      db.prepare(`INSERT INTO app_meta (key, value, updated_at) VALUES ('install_id', 'desk-7', 1)`).run();
    });

    // Overwrite some leaf pages of the calls table in the middle of the file with random bytes.
    const path = join(dir, DB_FILE);
    const inspect = new Database(path, { readonly: true });
    const pageSize = inspect.pragma('page_size', { simple: true }) as number;
    const pages = inspect
      .prepare(`SELECT pageno FROM dbstat WHERE name = 'calls' AND pagetype = 'leaf' ORDER BY pageno`)
      .pluck()
      .all() as number[];
    inspect.close();
    expect(pages.length).toBeGreaterThan(10);
    const damaged = pages.slice(Math.floor(pages.length / 2), Math.floor(pages.length / 2) + 2);
    const fd = openSync(path, 'r+');
    for (const page of damaged) writeSync(fd, randomBytes(pageSize), 0, pageSize, (page - 1) * pageSize);
    closeSync(fd);
    const damagedHash = sha(path);

    const { log } = quietLog();
    const { db, recovered } = openStore({ dataDir: dir, log, now: () => T0 + DAY });
    cleanups.push(() => void db.close());

    expect(recovered).toMatchObject({ backupTakenAt: T0 - DAY, outboxRecovered: 3 });
    expect(sha(recovered!.quarantinedTo)).toBe(damagedHash);
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // Undelivered records: carried over with their state, in their order.
    const rows = outboxRows(db);
    expect(rows.map((r) => [r.id, r.state])).toEqual([
      ['doc-sent-later', 'delivered'],
      ['doc-pending-1', 'pending'],
      ['doc-refused', 'failed'],
      ['doc-pending-2', 'pending'],
    ]);
    // Calls: the backup's, and those on readable pages on both sides of the damaged ones (with their
    // wrap-up); only the rows on the two damaged pages are lost.
    const calls = db.prepare('SELECT id FROM calls ORDER BY id').pluck().all() as string[];
    expect(calls).toEqual(expect.arrayContaining(['c-backup', 'c000', 'c001', 'c398', 'c399']));
    expect(calls.length).toBeGreaterThan(401 - 2 * 40);
    expect(calls.length).toBeLessThan(401);
    expect(countOf(db, 'wrapups')).toBe(1);
    // Events of the lost calls are not left dangling in the new database.
    expect(countOf(db, 'call_events')).toBe(calls.length);
    // Every other table too: this desk keeps its install id (receivers tell desks apart by it).
    expect(db.prepare(`SELECT value FROM app_meta WHERE key = 'install_id'`).pluck().get()).toBe('desk-7');
  });

  it('outbox rows past a damaged first page are still found and carried over', async () => {
    const dir = dataDir();
    seed(dir, (db) => {
      for (let i = 0; i < 60; i++)
        enqueueOutbox(db, {
          id: `doc-${String(i).padStart(2, '0')}`,
          kind: 'call.finished',
          aggregateId: `call-${i}`,
          payload: { notes: 'x'.repeat(300) },
          createdAt: T0 + i,
        });
    });
    const path = join(dir, DB_FILE);
    const inspect = new Database(path, { readonly: true });
    const pageSize = inspect.pragma('page_size', { simple: true }) as number;
    const first = inspect
      .prepare(`SELECT min(pageno) FROM dbstat WHERE name = 'outbox' AND pagetype = 'leaf'`)
      .pluck()
      .get() as number;
    const onFirst = inspect
      .prepare(`SELECT ncell FROM dbstat WHERE name = 'outbox' AND pageno = ?`)
      .pluck()
      .get(first) as number;
    inspect.close();
    const fd = openSync(path, 'r+');
    writeSync(fd, randomBytes(pageSize), 0, pageSize, (first - 1) * pageSize);
    closeSync(fd);

    const { db, recovered } = openStore({ dataDir: dir, log: quietLog().log });
    cleanups.push(() => void db.close());
    expect(recovered!.backupTakenAt).toBeNull();
    const ids = outboxRows(db).map((r) => r.id);
    // Only the rows on the damaged page are lost; the rest keep their order.
    expect(ids).toHaveLength(60 - onFirst);
    expect(ids.at(-1)).toBe('doc-59');
    expect(ids).toEqual([...ids].sort());
    expect(recovered!.outboxRecovered).toBe(60 - onFirst);
  });

  it('skips a damaged backup and restores an older good one', async () => {
    const dir = dataDir();
    seed(dir, (db) => addCall(db, 'good'));
    await backupOf(dir, T0 - DAY);
    await backupOf(dir, T0);
    writeFileSync(listBackups(join(dir, BACKUP_DIR))[0]!.file, randomBytes(8192));
    writeFileSync(join(dir, DB_FILE), randomBytes(8192));
    const { db, recovered } = openStore({ dataDir: dir, log: quietLog().log });
    cleanups.push(() => void db.close());
    expect(recovered!.backupTakenAt).toBe(T0 - DAY);
    expect(getCall(db, 'good')).toBeDefined();
  });

  it('no backup: a new empty database, and the status tells the operator so', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, DB_FILE), Buffer.from('SQLite format 3\0'.padEnd(4096, '\u00ff')));
    const core = startCore(dir);
    cleanups.push(() => core.close());
    const { storage } = core.status.get();
    expect(storage.recovered).toMatchObject({ backupTakenAt: null, outboxRecovered: 0 });
    expect(storage.recovered!.quarantinedTo).toMatch(/quarantine[\\/]hotline-\d{8}-\d{6}\.db$/);
    expect(readdirSync(join(dir, QUARANTINE_DIR))).toHaveLength(1);
    expect(countOf(core.db, 'calls')).toBe(0);
    expect(core.db.pragma('user_version', { simple: true })).toBe(LATEST);
  });

  it('a healthy database is opened as it is: nothing quarantined, nothing reported', () => {
    const dir = dataDir();
    seed(dir, (db) => addCall(db, 'kept'));
    const { db, recovered } = openStore({ dataDir: dir, log: quietLog().log });
    cleanups.push(() => void db.close());
    expect(recovered).toBeUndefined();
    expect(getCall(db, 'kept')).toBeDefined();
    expect(existsSync(join(dir, QUARANTINE_DIR))).toBe(false);
  });

  it('a crash in the middle of a write (a hot rollback journal) is recovered, not taken for damage', () => {
    const dir = dataDir();
    seed(dir, (db) => addCall(db, 'kept'));
    const path = join(dir, DB_FILE);
    // A process that switches to a rollback journal, spills half a transaction into the file and is
    // killed before it commits: what a power cut leaves behind.
    const child = `
      const D = require('better-sqlite3'); const db = new D(${JSON.stringify(path)});
      db.pragma('journal_mode = DELETE'); db.pragma('cache_size = 5');
      db.exec('BEGIN'); const ins = db.prepare("INSERT INTO app_meta (key, value, updated_at) VALUES (?, 'x', 0)");
      for (let i = 0; i < 3000; i++) ins.run('junk-' + i + '-' + 'x'.repeat(400));
      process.kill(process.pid, 'SIGKILL');`;
    spawnSync(process.execPath, ['-e', child], { cwd: process.cwd() });
    expect(existsSync(`${path}-journal`)).toBe(true);
    // A read-only look cannot roll that back; that is the case this test is about.
    expect(() => new Database(path, { readonly: true }).pragma('quick_check')).toThrow(/readonly/);

    const { db, recovered } = openStore({ dataDir: dir, log: quietLog().log });
    cleanups.push(() => void db.close());
    expect(recovered).toBeUndefined();
    expect(existsSync(join(dir, QUARANTINE_DIR))).toBe(false);
    expect(getCall(db, 'kept')).toBeDefined();
    expect(db.prepare("SELECT count(*) AS n FROM app_meta WHERE key LIKE 'junk-%'").get()).toEqual({ n: 0 });
  });

  it('a database from a newer Hotline is not damage: refused with a clear error, not moved, not changed', async () => {
    const dir = dataDir();
    seed(dir, (db) => addCall(db, 'x'));
    await backupOf(dir, T0);
    const raw = new Database(join(dir, DB_FILE));
    raw.pragma('user_version = 9990');
    raw.close();
    const before = sha(join(dir, DB_FILE));
    let error: unknown;
    try {
      openStore({ dataDir: dir, log: quietLog().log });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(NewerSchemaError);
    expect((error as Error).message).toMatch(/newer version of Hotline.*has not been opened or changed/s);
    expect(existsSync(join(dir, QUARANTINE_DIR))).toBe(false);
    expect(sha(join(dir, DB_FILE))).toBe(before);
  });
});

describe('data safety: backups', () => {
  it('online backups are complete, self-contained copies; only the newest N are kept', async () => {
    const dir = dataDir();
    seed(dir, (db) => addCall(db, 'c1'));
    const db = openDatabase({ path: join(dir, DB_FILE), log: quietLog().log });
    cleanups.push(() => void db.close());
    const backups = join(dir, BACKUP_DIR);
    mkdirSync(backups, { recursive: true });
    writeFileSync(join(backups, 'README.txt'), 'not a backup');
    let now = T0;
    const service = createBackupService({
      db,
      dir: backups,
      settings: () => ({ backupIntervalH: 4, backupsKept: 3 }),
      log: quietLog().log,
      now: () => now,
    });
    for (let i = 0; i < 5; i++) {
      now = T0 + i * 3_600_000;
      addCall(db, `during-${i}`, { at: now });
      await service.backupNow();
    }
    const kept = listBackups(backups);
    expect(kept.map((b) => b.name)).toEqual([
      'hotline-20261124-130000.db',
      'hotline-20261124-120000.db',
      'hotline-20261124-110000.db',
    ]);
    expect(readdirSync(backups).sort()).toEqual([...kept.map((b) => b.name), 'README.txt'].sort());
    const copy = new Database(kept[0]!.file, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
    expect(countOf(copy, 'calls')).toBe(6);
    copy.close();
    await service.stop();
  });

  it('at start-up: a backup when the newest is older than the interval, none when it is fresh', async () => {
    const dir = dataDir();
    seed(dir, () => undefined);
    const db = openDatabase({ path: join(dir, DB_FILE), log: quietLog().log });
    cleanups.push(() => void db.close());
    const backups = join(dir, BACKUP_DIR);
    await takeBackup(db, backups, T0);
    const service = (now: number) =>
      createBackupService({
        db,
        dir: backups,
        settings: () => ({ backupIntervalH: 4, backupsKept: 7 }),
        log: quietLog().log,
        now: () => now,
      });
    // A copy a crash cut short is cleaned up; it never counts as a backup.
    writeFileSync(join(backups, '.hotline-20261124-100000.db.partial'), randomBytes(100));
    const fresh = service(T0 + 3_600_000);
    fresh.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await fresh.stop();
    expect(listBackups(backups)).toHaveLength(1);
    expect(readdirSync(backups)).toEqual(['hotline-20261124-090000.db']);

    const stale = service(T0 + 5 * 3_600_000);
    stale.start();
    await expect.poll(() => listBackups(backups).length).toBe(2);
    await stale.stop();
    expect(listBackups(backups)[0]!.takenAt).toBe(T0 + 5 * 3_600_000);
  });
});

describe('data safety: retention', () => {
  function retentionDb(): Db {
    const dir = dataDir();
    const db = openDatabase({ path: join(dir, DB_FILE), log: quietLog().log });
    cleanups.push(() => void db.close());
    const old = T0 - 40 * DAY;
    for (let i = 0; i < 5; i++) {
      addCall(db, `old-${i}`, { at: old + i, events: 3 });
      addWrapup(db, `old-${i}`, 'submitted', old);
      const seq = addOutbox(db, `doc-old-${i}`, `old-${i}`, old);
      markDelivered(db, seq, old + 1000, 200);
    }
    addCall(db, 'old-unfinished', { at: old, ended: false });
    addCall(db, 'old-undelivered', { at: old });
    addOutbox(db, 'doc-pending', 'old-undelivered', old);
    addCall(db, 'old-refused', { at: old });
    const refused = addOutbox(db, 'doc-refused', 'old-refused', old);
    db.prepare(`UPDATE outbox SET state = 'failed' WHERE seq = ?`).run(refused);
    addCall(db, 'old-draft', { at: old });
    addWrapup(db, 'old-draft', 'draft', old);
    // The empty draft every answered call gets, never touched: it does not keep the call.
    addCall(db, 'old-untouched-draft', { at: old });
    beginWrapup(db, 'old-untouched-draft', old);
    addCall(db, 'recent', { at: T0 - DAY });
    const recentSeq = addOutbox(db, 'doc-recent', 'recent', T0 - DAY);
    markDelivered(db, recentSeq, T0 - DAY, 200);
    return db;
  }

  it('deletes old finished calls with their events and wrap-ups in batches; keeps unfinished and undelivered', async () => {
    const db = retentionDb();
    const running = applyRetention(db, { retentionDays: 30, now: T0, batchSize: 2 });
    // The first batch ran; the rest wait for the event loop (the phone's writes go in between).
    expect(countOf(db, 'calls')).toBe(11 - 2);
    const result = await running;
    expect(result).toMatchObject({ calls: 6, events: 16, wrapups: 6, outbox: 5 });
    expect(result.batches).toBeGreaterThanOrEqual(3 + 3);
    expect(db.prepare('SELECT id FROM calls ORDER BY id').pluck().all()).toEqual([
      'old-draft',
      'old-refused',
      'old-undelivered',
      'old-unfinished',
      'recent',
    ]);
    expect(countOf(db, 'call_events')).toBe(5);
    expect(outboxRows(db).map((r) => r.id)).toEqual(['doc-pending', 'doc-refused', 'doc-recent']);
  });

  it('0 keeps everything', async () => {
    const db = retentionDb();
    expect(await applyRetention(db, { retentionDays: 0, now: T0 })).toMatchObject({ calls: 0, outbox: 0 });
    expect(countOf(db, 'calls')).toBe(11);
  });

  it('the service runs at start and follows the setting; a failure is logged, never thrown', async () => {
    const db = retentionDb();
    let days = 30;
    const { sink, log } = quietLog();
    const service = createRetentionService({
      db,
      settings: () => ({ retentionDays: days }),
      log,
      now: () => T0,
    });
    db.pragma('query_only = ON');
    expect(await service.runNow()).toBeUndefined();
    expect(sink.records.some((r) => r.level === 'warn' && /failed/.test(r.message))).toBe(true);
    db.pragma('query_only = OFF');
    days = 0;
    expect(await service.runNow()).toBeUndefined();
    days = 30;
    service.start();
    await expect.poll(() => countOf(db, 'calls')).toBe(5);
    await service.stop();
  });

  it('its queries use the indexes', () => {
    const db = retentionDb();
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(0, 1) as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join('\n');
    // Old calls found by creation time, their outbox rows by call: no table is scanned whole.
    expect(plan(EXPIRED_CALLS_SQL)).toMatch(/SEARCH c USING (COVERING )?INDEX calls_\w+ \(created_at<\?\)/);
    expect(plan(EXPIRED_CALLS_SQL)).toMatch(/SEARCH o USING INDEX outbox_by_aggregate/);
    expect(plan(EXPIRED_CALLS_SQL)).not.toMatch(/\bSCAN\b/);
    expect(plan(EXPIRED_OUTBOX_SQL)).toMatch(/outbox_delivered_at \(delivered_at<\?\)/);
  });
});

describe('data safety: a database that refuses writes', () => {
  const view = (id: string, patch: Partial<CallView> = {}): CallView => ({
    id,
    direction: 'inbound',
    state: 'ringing',
    remote: { number: '84951234567', uri: 'sip:84951234567@pbx' },
    muted: false,
    earlyMedia: false,
    startedAt: T0,
    ...patch,
  });

  it('start-up on a read-only database: the phone goes on; the interrupted calls are closed first once writable', () => {
    const dir = dataDir();
    seed(dir, (db) => addCall(db, 'left-open', { ended: false }));
    const db = openDatabase({ path: join(dir, DB_FILE), log: quietLog().log });
    cleanups.push(() => void db.close());
    const health: boolean[] = [];
    const pending: number[] = [];
    const recorder = createCallRecorder({
      db,
      log: quietLog().log,
      defaultRegion: () => 'RU',
      account: () => undefined,
      retryMs: 60_000,
      onHealthChange: (healthy) => health.push(healthy),
      onPendingChange: (count) => pending.push(count),
    });
    cleanups.push(() => recorder.dispose());
    // query_only refuses every change like a read-only volume (root ignores file modes).
    db.pragma('query_only = ON');
    expect(recorder.closeInterrupted(T0 + 10)).toBe(0);
    expect(() => recorder.record(view('new-call'), T0 + 20)).not.toThrow();
    expect(recorder.pendingCount()).toBe(1);
    expect(health).toEqual([false]);
    db.pragma('query_only = OFF');
    expect(recorder.flush()).toBe(true);
    expect(health).toEqual([false, true]);
    expect(pending).toEqual([1, 0]);
    expect(getCall(db, 'left-open')).toMatchObject({ outcome: 'interrupted' });
    // The call of this run arrived after the close: it is not mistaken for an interrupted one.
    expect(getCall(db, 'new-call')).toMatchObject({ state: 'ringing', endedAt: null });
  });

  it('the status says so: not writable, how many wait; then written and writable again', () => {
    const dir = dataDir();
    const core = startCore(dir);
    cleanups.push(() => core.close());
    const seen: Array<{ writable: boolean; pendingWrites: number }> = [];
    core.status.onChange((s) =>
      seen.push({ writable: s.storage.writable, pendingWrites: s.storage.pendingWrites }),
    );
    core.db.pragma('query_only = ON');
    core.callLog.record(view('a'), T0);
    core.callLog.record(view('a', { state: 'active', answeredAt: T0 + 1 }), T0 + 1);
    expect(core.status.get().storage).toMatchObject({ writable: false, pendingWrites: 2 });
    core.db.pragma('query_only = OFF');
    core.callLog.flush();
    expect(core.status.get().storage).toEqual({ writable: true, pendingWrites: 0 });
    expect(getCall(core.db, 'a')).toMatchObject({ state: 'active' });
    expect(seen.at(0)).toEqual({ writable: false, pendingWrites: 1 });
    expect(seen.at(-1)).toEqual({ writable: true, pendingWrites: 0 });
  });
});

function startCore(dir: string): Core {
  const { log } = quietLog();
  const core = createCore({
    dataDir: dir,
    managedSettingsFile: join(dir, 'managed-none.json'),
    appInfo: {
      name: 'Hotline',
      version: '0.1.0-test',
      platform: process.platform,
      runtime: 'harness',
      versions: {},
      systemLocale: () => 'en-US',
    },
    ports: createNodePorts(dir, log),
    log,
  });
  return core;
}
