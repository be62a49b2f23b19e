import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../app-error.ts';
import type { Logger } from '../log/logger.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { migrate, type Migration } from './migrate.ts';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /** A file path, or ':memory:' in tests. */
  path: string;
  log: Logger;
  migrations?: readonly Migration[];
  busyTimeoutMs?: number;
}

/**
 * Opens the single writer connection main keeps for its lifetime, sets the pragmas explicitly (a new
 * WAL database reports synchronous=FULL only on the connection that switched it, later ones default
 * to NORMAL, so nothing is left to defaults), then brings the schema up to date.
 */
export function openDatabase(options: OpenDatabaseOptions): Db {
  const { path, log } = options;
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: Db;
  try {
    db = new Database(path);
  } catch (error) {
    throw new AppError('STORAGE', `Cannot open the database at ${path}: ${(error as Error).message}`);
  }
  try {
    applyPragmas(db, options.busyTimeoutMs ?? 5000);
    migrate(db, options.migrations ?? MIGRATIONS, log);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

export function applyPragmas(db: Db, busyTimeoutMs: number): void {
  db.pragma('journal_mode = WAL');
  // A call record must survive power loss; the write volume is tiny, so FULL costs little.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
}

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * The prepared statement for `sql` on this connection, compiled once: the call log writes on every
 * change of every call, and compiling the same SQL each time would be wasted work.
 */
export function prepared(db: Db, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  return statement;
}
