import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../app-error.ts';
import type { Logger } from '../log/logger.ts';
import { BACKUP_DIR, fileStamp, listBackups, type BackupFile } from './backups.ts';
import { openDatabase, type Db } from './database.ts';
import { NewerSchemaError, type Migration } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';

// Opening the database at start-up, safely. The file is checked (PRAGMA quick_check) before it is
// used; a damaged one is moved aside into `quarantine/` with its -wal/-shm (never deleted), the
// newest backup that passes the same check is copied in (or a new database started), and what can
// still be read from the damaged file is carried over: first the undelivered outbox rows (records
// the company's systems have not received yet), then, best effort, the call log, contacts,
// wrap-ups and settings secrets. What happened is returned so the operator can be told.
//
// A database written by a newer Hotline is not damage: it is refused as it is (NewerSchemaError).

export const DB_FILE = 'hotline.db';
export const QUARANTINE_DIR = 'quarantine';
const SIDE_FILES = ['-wal', '-shm', '-journal'] as const;

export interface StoreRecovery {
  at: number;
  /** The damaged database file, moved aside. */
  quarantinedTo: string;
  /** When the restored backup was taken; null when there was none and a new database was started. */
  backupTakenAt: number | null;
  /** Undelivered outbox rows of the damaged file that are in the database now. */
  outboxRecovered: number;
}

export interface OpenedStore {
  db: Db;
  recovered?: StoreRecovery;
}

export interface OpenStoreOptions {
  dataDir: string;
  log: Logger;
  migrations?: readonly Migration[];
  busyTimeoutMs?: number;
  now?: () => number;
}

/** SQLite's words for "this file is damaged" (not: locked, read-only, missing, full). */
export function isCorruptionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}

type Verdict = { ok: true } | { ok: false; reason: string };

/** quick_check on a connection: 'ok', or the first problems it lists. */
function quickCheck(db: Db): Verdict {
  const rows = db.pragma('quick_check') as Array<{ quick_check: string }>;
  const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
  return problems.length === 0 ? { ok: true } : { ok: false, reason: problems.slice(0, 5).join('; ') };
}

/**
 * Checks the file at `path` without changing it (read-only connection). Throws NewerSchemaError for
 * a newer schema; other failures that are not damage (cannot open, I/O) are thrown as AppError.
 */
function inspect(path: string, latest: number): Verdict {
  try {
    return inspectWith(path, latest, true);
  } catch (error) {
    // After a crash (power loss, a kill) the file may carry a hot rollback journal or a WAL that needs
    // recovery; a read-only connection cannot finish either (SQLITE_READONLY_ROLLBACK / _RECOVERY).
    // That is SQLite's normal crash recovery, not damage: let a writable connection do it and check.
    if (!isReadOnlyRecovery(error)) throw error;
    return inspectWith(path, latest, false);
  }
}

function isReadOnlyRecovery(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_READONLY');
}

function inspectWith(path: string, latest: number, readonly: boolean): Verdict {
  let db: Db;
  try {
    db = new Database(path, { readonly, fileMustExist: true });
  } catch (error) {
    if (isCorruptionError(error)) return { ok: false, reason: (error as Error).message };
    if (readonly && isReadOnlyRecovery(error)) throw error;
    throw new AppError('STORAGE', `Cannot open the database at ${path}: ${(error as Error).message}`);
  }
  try {
    // Read first: a file that is not a database fails here (SQLITE_NOTADB).
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latest) throw new NewerSchemaError(version, latest);
    return quickCheck(db);
  } catch (error) {
    if (isCorruptionError(error)) return { ok: false, reason: (error as Error).message };
    throw error;
  } finally {
    db.close();
  }
}

/** Moves the database and its side files into `quarantine/` under one timestamped name. */
function quarantine(path: string, dataDir: string, at: number): string {
  const dir = join(dataDir, QUARANTINE_DIR);
  mkdirSync(dir, { recursive: true });
  let target = '';
  for (let n = 1; ; n++) {
    target = join(dir, n === 1 ? `hotline-${fileStamp(at)}.db` : `hotline-${fileStamp(at)}-${n}.db`);
    if (![target, ...SIDE_FILES.map((s) => target + s)].some((f) => existsSync(f))) break;
  }
  try {
    renameSync(path, target);
    // The -wal may hold the newest committed pages: it stays next to its database under the new name.
    for (const suffix of SIDE_FILES)
      if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix);
  } catch (error) {
    throw new AppError(
      'STORAGE',
      `The database at ${path} is damaged and cannot be moved aside: ${(error as Error).message}`,
    );
  }
  return target;
}

/** The newest backup that opens, passes quick_check and is not from a newer schema. */
function newestGoodBackup(dataDir: string, latest: number, log: Logger): BackupFile | undefined {
  for (const backup of listBackups(join(dataDir, BACKUP_DIR))) {
    try {
      const verdict = inspect(backup.file, latest);
      if (verdict.ok) return backup;
      log.warn('backup is damaged too; trying an older one', { file: backup.file, reason: verdict.reason });
    } catch (error) {
      log.warn('backup cannot be used; trying an older one', { file: backup.file, error });
    }
  }
  return undefined;
}

export function openStore(options: OpenStoreOptions): OpenedStore {
  const { dataDir, log } = options;
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.at(-1)?.version ?? 0;
  const now = options.now ?? Date.now;
  const path = join(dataDir, DB_FILE);
  const open = () => openDatabase({ path, log, migrations, busyTimeoutMs: options.busyTimeoutMs });

  let reason: string;
  const verdict = existsSync(path) ? inspect(path, latest) : ({ ok: true } as const);
  if (verdict.ok) {
    try {
      return { db: open() };
    } catch (error) {
      // quick_check does not read every byte (e.g. index contents): damage may still show here.
      if (!isCorruptionError(error)) throw error;
      reason = (error as Error).message;
    }
  } else reason = verdict.reason;

  const at = now();
  const quarantinedTo = quarantine(path, dataDir, at);
  log.error('the database is damaged: moved aside, never deleted', { reason, quarantinedTo });

  let backup = newestGoodBackup(dataDir, latest, log);
  if (backup) {
    const temp = `${path}.restoring`;
    copyFileSync(backup.file, temp);
    renameSync(temp, path);
    log.warn('restored the newest good backup', { file: backup.file, takenAt: backup.takenAt });
  } else {
    log.warn('no usable backup: starting a new database');
  }
  let db: Db;
  try {
    db = open();
  } catch (error) {
    // The restored copy must not fail, but if it does, start empty rather than not at all.
    if (!backup || !isCorruptionError(error)) throw error;
    log.error('the restored backup cannot be opened; starting a new database', { error });
    // Only the copy is removed: the backup itself stays in backups/.
    for (const file of [path, ...SIDE_FILES.map((s) => path + s)]) rmSync(file, { force: true });
    backup = undefined;
    db = open();
  }

  const salvaged = salvage(db, quarantinedTo, log);
  const recovered: StoreRecovery = {
    at,
    quarantinedTo,
    backupTakenAt: backup?.takenAt ?? null,
    outboxRecovered: salvaged.outboxRecovered,
  };
  log.warn('database recovered', { ...recovered, salvaged: salvaged.tables });
  return { db, recovered };
}

// ---- salvage -----------------------------------------------------------------------------------

const OUTBOX_COLUMNS = [
  'id',
  'kind',
  'aggregate_id',
  'payload',
  'created_at',
  'state',
  'attempts',
  'next_attempt_at',
  'last_error',
  'last_status',
  'delivered_at',
] as const;

/** Columns that say which copy of a row is newer, in order of preference. */
const NEWER_COLUMNS = ['updated_at', 'last_event_at'] as const;

export interface SalvageResult {
  outboxRecovered: number;
  /** Per table: rows read from the damaged file, rows written, and whether damage cut reading short. */
  tables: Record<string, { read: number; written: number; complete: boolean; error?: string }>;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

interface ColumnInfo {
  name: string;
  notnull: number;
  pk: number;
}

function columnInfo(db: Db, table: string): ColumnInfo[] {
  return db.pragma(`table_info(${quote(table)})`) as ColumnInfo[];
}

interface ForeignKey {
  table: string;
  from: string[];
  to: string[];
}

function foreignKeysOf(db: Db, table: string): ForeignKey[] {
  const rows = db.pragma(`foreign_key_list(${quote(table)})`) as Array<{
    id: number;
    table: string;
    from: string;
    to: string | null;
  }>;
  const byId = new Map<number, ForeignKey>();
  for (const row of rows) {
    let fk = byId.get(row.id);
    if (!fk) byId.set(row.id, (fk = { table: row.table, from: [], to: [] }));
    fk.from.push(row.from);
    // No column named: the parent's primary key.
    fk.to.push(row.to ?? '');
  }
  for (const fk of byId.values())
    if (fk.to.some((c) => c === '')) {
      const pk = columnInfo(db, fk.table)
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name);
      fk.to = pk.length === fk.from.length ? pk : fk.from.map(() => 'rowid');
    }
  return [...byId.values()];
}

/**
 * The ordinary tables of this build's schema (not virtual tables or their shadow tables: those are
 * rebuilt by their triggers as rows arrive), parents before children.
 */
function tablesInOrder(db: Db): Array<{ name: string; withoutRowid: boolean }> {
  const list = (
    db.pragma('table_list') as Array<{ schema: string; name: string; type: string; wr: number }>
  ).filter((t) => t.schema === 'main' && t.type === 'table' && !t.name.startsWith('sqlite_'));
  const names = new Set(list.map((t) => t.name));
  const ordered: typeof list = [];
  const placed = new Set<string>();
  const visit = (table: (typeof list)[number], path: Set<string>) => {
    if (placed.has(table.name) || path.has(table.name)) return;
    path.add(table.name);
    for (const fk of foreignKeysOf(db, table.name)) {
      const parent = list.find((t) => t.name === fk.table);
      if (parent && names.has(parent.name)) visit(parent, path);
    }
    placed.add(table.name);
    ordered.push(table);
  };
  for (const table of list.sort((a, b) => a.name.localeCompare(b.name))) visit(table, new Set());
  return ordered.map((t) => ({ name: t.name, withoutRowid: t.wr === 1 }));
}

/**
 * Reads the rows of `table` one at a time and steps over damaged pages: after a read fails, it
 * seeks ahead by rowid (through the table's interior pages, which are usually intact) with growing
 * steps until a readable row is found, and goes on from there. (A WITHOUT ROWID table is read until
 * the first damage.) `take` gets each row; returns whether every row could be read, and the first
 * error.
 */
function readAroundDamage(
  source: Db,
  table: string,
  columns: readonly string[],
  withoutRowid: boolean,
  take: (row: Record<string, unknown>) => void,
): { complete: boolean; error?: string } {
  const list = columns.map(quote).join(', ');
  if (withoutRowid) {
    try {
      for (const row of source.prepare(`SELECT ${list} FROM ${quote(table)}`).iterate() as Iterable<
        Record<string, unknown>
      >)
        take(row);
      return { complete: true };
    } catch (error) {
      return { complete: false, error: (error as Error).message };
    }
  }
  const scan = source.prepare(
    `SELECT rowid AS "__rowid", ${list} FROM ${quote(table)} WHERE rowid >= ? ORDER BY rowid`,
  );
  const seek = source
    .prepare(`SELECT rowid FROM ${quote(table)} WHERE rowid >= ? ORDER BY rowid LIMIT 1`)
    .pluck();
  /** The last rowid read (or given up on). */
  let after: number | undefined;
  /** Where the scan starts: the row after `after`, or the readable row found past damage. */
  let resume = Number.MIN_SAFE_INTEGER;
  let firstError: string | undefined;
  for (let region = 0; region < 1000; region++) {
    try {
      for (const row of scan.iterate(resume) as Iterable<Record<string, unknown>>) {
        after = Number(row.__rowid);
        take(row);
      }
      return firstError === undefined ? { complete: true } : { complete: false, error: firstError };
    } catch (error) {
      firstError ??= (error as Error).message;
    }
    // The next readable row past the damage: probe 1, 2, 4… rowids ahead (rowids start at 1), then
    // narrow down between the last probe that failed and the first that worked, so no readable row
    // just past the damaged page is skipped.
    const from = after ?? 0;
    const probe = (at: number): number | undefined | 'damaged' => {
      try {
        const found = seek.get(at) as number | bigint | undefined;
        if (found === undefined) return undefined;
        // A damaged page can also answer nonsense instead of failing.
        return Number(found) >= at ? Number(found) : 'damaged';
      } catch {
        return 'damaged';
      }
    };
    let failed = from;
    let next: number | undefined;
    let worked = 0;
    for (let step = 1; step <= 2 ** 52; step *= 2) {
      const found = probe(from + step);
      if (found === undefined) return { complete: false, error: firstError };
      if (found !== 'damaged') {
        next = found;
        worked = from + step;
        break;
      }
      failed = from + step;
    }
    while (next !== undefined && worked - failed > 1) {
      const mid = Math.floor((failed + worked) / 2);
      const found = probe(mid);
      if (found === 'damaged') failed = mid;
      else {
        worked = mid;
        if (found !== undefined) next = Math.min(next, found);
      }
    }
    if (next === undefined) break;
    // The row found is where reading resumes; should it fail there again, probing starts past it.
    after = next === resume ? next : next - 1;
    resume = next === resume ? next + 1 : next;
  }
  return { complete: false, error: firstError };
}

/**
 * Copies what can be read from the damaged file at `file` into `db`: the undelivered outbox rows
 * first, then every other table of the schema. Each table on its own, so one unreadable table does
 * not stop the rest. The damaged file is opened read-only and not changed.
 */
export function salvage(db: Db, file: string, log: Logger): SalvageResult {
  const result: SalvageResult = { outboxRecovered: 0, tables: {} };
  let source: Db;
  try {
    source = new Database(file, { readonly: true, fileMustExist: true });
    source.pragma('user_version', { simple: true });
  } catch (error) {
    log.warn('nothing can be read from the damaged database', { file, error });
    return result;
  }
  try {
    result.outboxRecovered = salvageOutbox(source, db, result, log);
    // Rows may arrive without what they refer to (its page was lost): checks are off while copying,
    // then the dangling references are settled.
    db.pragma('foreign_keys = OFF');
    try {
      for (const table of tablesInOrder(db))
        if (table.name !== 'outbox') salvageTable(source, db, table, result, log);
      settleForeignKeys(db, log);
    } finally {
      db.pragma('foreign_keys = ON');
    }
  } finally {
    source.close();
  }
  return result;
}

function salvageOutbox(source: Db, db: Db, result: SalvageResult, log: Logger): number {
  const undelivered = new Map<string, Record<string, unknown>>();
  const delivered: Array<Record<string, unknown>> = [];
  const read = readAroundDamage(source, 'outbox', ['seq', ...OUTBOX_COLUMNS], false, (row) => {
    if (row.state === 'delivered') delivered.push(row);
    else undelivered.set(String(row.id), row);
  });
  if (!read.complete) {
    // The index of undelivered rows may still reach rows the table scan could not.
    try {
      for (const row of source
        .prepare(`SELECT * FROM outbox WHERE state != 'delivered' ORDER BY seq`)
        .iterate() as Iterable<Record<string, unknown>>)
        undelivered.set(String(row.id), row);
    } catch {
      // what was read is kept
    }
  }
  const insert = db.prepare(
    `INSERT OR IGNORE INTO outbox (${OUTBOX_COLUMNS.join(', ')})
     VALUES (${OUTBOX_COLUMNS.map((c) => `@${c}`).join(', ')})`,
  );
  const exists = db.prepare('SELECT 1 FROM outbox WHERE id = ?').pluck();
  const markDelivered = db.prepare(
    `UPDATE outbox SET state = 'delivered', delivered_at = @delivered_at, last_status = @last_status,
       last_error = NULL WHERE id = @id AND state != 'delivered'`,
  );
  let written = 0;
  let kept = 0;
  db.transaction(() => {
    // New seqs, in the damaged file's order: each call's documents keep their order.
    const rows = [...undelivered.values()].sort((a, b) => Number(a.seq) - Number(b.seq));
    for (const row of rows) {
      try {
        written += insert.run(Object.fromEntries(OUTBOX_COLUMNS.map((c) => [c, row[c] ?? null]))).changes;
        if (exists.get(row.id)) kept++;
      } catch (error) {
        log.warn('an outbox row could not be carried over', { id: row.id, error });
      }
    }
    // Delivered in the damaged file but waiting in the backup: do not send it twice.
    for (const row of delivered) {
      try {
        markDelivered.run({
          id: row.id,
          delivered_at: row.delivered_at ?? null,
          last_status: row.last_status ?? null,
        });
      } catch {
        // best effort
      }
    }
  })();
  result.tables.outbox = { read: undelivered.size + delivered.length, written, complete: read.complete };
  if (read.error) result.tables.outbox.error = read.error;
  return kept;
}

function salvageTable(
  source: Db,
  db: Db,
  table: { name: string; withoutRowid: boolean },
  result: SalvageResult,
  log: Logger,
): void {
  const entry: SalvageResult['tables'][string] = { read: 0, written: 0, complete: false };
  result.tables[table.name] = entry;
  try {
    const target = columnInfo(db, table.name);
    const sourceColumns = new Set(columnInfo(source, table.name).map((c) => c.name));
    if (sourceColumns.size === 0) {
      entry.complete = true;
      entry.error = 'not in the damaged file';
      return;
    }
    const columns = target.map((c) => c.name).filter((c) => sourceColumns.has(c));
    const key = target
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    // Without a declared key, the rowid is the row's identity.
    if (key.length === 0 && !table.withoutRowid) columns.unshift('rowid');
    const newer = NEWER_COLUMNS.find((c) => columns.includes(c));
    const updates = columns.filter((c) => !key.includes(c) && c !== 'rowid');
    const keyed = key.length > 0 && key.every((k) => columns.includes(k));
    const onConflict =
      keyed && newer && updates.length > 0
        ? `ON CONFLICT(${key.map(quote).join(', ')}) DO UPDATE SET ${updates
            .map((c) => `${quote(c)} = excluded.${quote(c)}`)
            .join(', ')} WHERE excluded.${quote(newer)} > ${quote(table.name)}.${quote(newer)}`
        : 'ON CONFLICT DO NOTHING';
    const insert = db.prepare(
      `INSERT INTO ${quote(table.name)} (${columns.map(quote).join(', ')})
       VALUES (${columns.map(() => '?').join(', ')}) ${onConflict}`,
    );
    db.transaction(() => {
      const read = readAroundDamage(source, table.name, columns, table.withoutRowid, (row) => {
        entry.read++;
        try {
          entry.written += insert.run(columns.map((c) => row[c])).changes;
        } catch {
          // A row the current schema refuses (a CHECK, another unique key): skipped, the rest go on.
        }
      });
      entry.complete = read.complete;
      if (read.error) entry.error = read.error;
    })();
  } catch (error) {
    entry.error = (error as Error).message;
    log.warn('a table could not be carried over from the damaged database', { table: table.name, error });
  }
}

/**
 * After copying with foreign keys off: a reference whose parent was lost is cleared where the
 * column may be empty (a call keeps its row without its contact) and the row dropped where it may
 * not (an event without its call). Dropped from the new copy only: the damaged file keeps them.
 */
function settleForeignKeys(db: Db, log: Logger): void {
  let settled = 0;
  db.transaction(() => {
    // Dropping a row can orphan its own children: repeat until nothing changes.
    for (let pass = 0; pass < 10; pass++) {
      let changed = 0;
      for (const { name } of tablesInOrder(db)) {
        const nullable = new Set(
          columnInfo(db, name)
            .filter((c) => c.notnull === 0 && c.pk === 0)
            .map((c) => c.name),
        );
        for (const fk of foreignKeysOf(db, name)) {
          const dangling =
            fk.from.map((c) => `t.${quote(c)} IS NOT NULL`).join(' AND ') +
            ` AND NOT EXISTS (SELECT 1 FROM ${quote(fk.table)} p WHERE ${fk.from
              .map((c, i) => `p.${quote(fk.to[i]!)} = t.${quote(c)}`)
              .join(' AND ')})`;
          const sql = fk.from.every((c) => nullable.has(c))
            ? `UPDATE ${quote(name)} AS t SET ${fk.from.map((c) => `${quote(c)} = NULL`).join(', ')} WHERE ${dangling}`
            : `DELETE FROM ${quote(name)} AS t WHERE ${dangling}`;
          changed += db.prepare(sql).run().changes;
        }
      }
      settled += changed;
      if (changed === 0) break;
    }
  })();
  if (settled > 0) log.warn('salvaged rows whose parent was lost were settled', { count: settled });
  const left = db.pragma('foreign_key_check') as unknown[];
  if (left.length > 0) log.error('dangling references remain after the salvage', { count: left.length });
}
