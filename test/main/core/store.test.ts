import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { openDatabase } from '../../../src/main/core/store/database.ts';
import { migrate, type Migration } from '../../../src/main/core/store/migrate.ts';
import { MIGRATIONS } from '../../../src/main/core/store/migrations/index.ts';
import { getMeta, setMeta } from '../../../src/main/core/store/app-meta.ts';
import { createLogger, memorySink } from '../../../src/main/core/log/logger.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';

const log = createLogger(memorySink());
const dirs: Array<{ cleanup(): void }> = [];
function tempDb(): string {
  const dir = makeTempDir();
  dirs.push(dir);
  return join(dir.path, 'hotline.db');
}
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

describe('store: open and migrate', () => {
  it('migrates an empty database to the latest schema', () => {
    const db = openDatabase({ path: tempDb(), log });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(expect.arrayContaining(['app_meta', 'secrets']));
    setMeta(db, 'install_id', 'abc');
    expect(getMeta(db, 'install_id')).toBe('abc');
    db.close();
  });

  it('sets the pragmas the design asks for, on every open (not only the first)', () => {
    const path = tempDb();
    openDatabase({ path, log }).close();
    const db = openDatabase({ path, log, busyTimeoutMs: 4321 });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(4321);
    db.close();
  });

  it('is idempotent: reopening applies nothing', () => {
    const path = tempDb();
    openDatabase({ path, log }).close();
    const raw = new Database(path);
    expect(migrate(raw, MIGRATIONS, log)).toEqual({
      from: MIGRATIONS.at(-1)!.version,
      to: MIGRATIONS.at(-1)!.version,
    });
    raw.close();
  });

  it('refuses a database from a newer version, with a clear message, without changing it', () => {
    const path = tempDb();
    const raw = new Database(path);
    raw.pragma('user_version = 9990');
    raw.exec('CREATE TABLE future (x)');
    raw.close();
    expect(() => openDatabase({ path, log })).toThrowError(
      /newer version of Hotline.*has not been opened or changed/s,
    );
    const after = new Database(path);
    expect(after.pragma('user_version', { simple: true })).toBe(9990);
    expect(after.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'app_meta'").pluck().get()).toBe(0);
    after.close();
  });

  it('runs all pending migrations in one transaction: a failing step leaves the schema untouched', () => {
    const path = tempDb();
    const broken: Migration[] = [
      ...MIGRATIONS,
      { version: 990, name: 'ok', up: (db) => db.exec('CREATE TABLE added (x)') },
      { version: 1000, name: 'broken', up: (db) => db.exec('CREATE TABLE oops (') },
    ];
    expect(() => openDatabase({ path, log, migrations: broken })).toThrow();
    const raw = new Database(path);
    expect(raw.pragma('user_version', { simple: true })).toBe(0);
    expect(raw.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get()).toBe(0);
    raw.close();
  });

  it('refuses migrations listed out of order', () => {
    const db = new Database(':memory:');
    const bad: Migration[] = [
      { version: 20, name: 'b', up: () => undefined },
      { version: 10, name: 'a', up: () => undefined },
    ];
    expect(() => migrate(db, bad, log)).toThrow(/out of order/);
  });

  // Numbered in tens so a later step can be slotted in between (0045 after 0040): file names match
  // versions, in order.
  it('names migration files by their version, in order', async () => {
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(join(import.meta.dirname, '../../../src/main/core/store/migrations')).filter(
      (f) => /^\d{4}-/.test(f),
    );
    expect(files.map((f) => Number(f.slice(0, 4)))).toEqual(MIGRATIONS.map((m) => m.version));
    for (let i = 1; i < MIGRATIONS.length; i++)
      expect(MIGRATIONS[i]!.version).toBeGreaterThan(MIGRATIONS[i - 1]!.version);
  });
});
