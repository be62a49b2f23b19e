import { AppError } from '../app-error.ts';
import type { Logger } from '../log/logger.ts';
import type { Db } from './database.ts';

/** One schema step. Versions are numbered in tens (0010, 0020…) so a step can be slotted in later. */
export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

/**
 * The database was written by a newer Hotline. Not damage: start-up must refuse it as it is, never
 * move it aside or restore a backup over it.
 */
export class NewerSchemaError extends AppError {
  readonly schemaVersion: number;
  readonly knownVersion: number;

  constructor(schemaVersion: number, knownVersion: number) {
    super(
      'STORAGE',
      `The database was written by a newer version of Hotline (schema ${schemaVersion}, this version knows up to ${knownVersion}). ` +
        'Update Hotline; the database has not been opened or changed.',
    );
    this.name = 'NewerSchemaError';
    this.schemaVersion = schemaVersion;
    this.knownVersion = knownVersion;
  }
}

/**
 * Applies every pending migration in one transaction and records the result in PRAGMA user_version.
 * A database written by a newer Hotline is refused: opening it could lose data the newer version
 * relies on.
 */
export function migrate(db: Db, migrations: readonly Migration[], log: Logger): { from: number; to: number } {
  assertOrdered(migrations);
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) throw new NewerSchemaError(current, latest);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return { from: current, to: current };
  db.transaction(() => {
    for (const migration of pending) {
      log.info('applying migration', { version: migration.version, name: migration.name });
      migration.up(db);
    }
    // user_version cannot take a bound parameter; the value is an integer we control.
    db.pragma(`user_version = ${latest}`);
  })();
  return { from: current, to: latest };
}

function assertOrdered(migrations: readonly Migration[]): void {
  for (let i = 1; i < migrations.length; i++) {
    const prev = migrations[i - 1]!;
    const next = migrations[i]!;
    if (next.version <= prev.version) {
      throw new Error(`Migrations out of order: ${prev.version} before ${next.version}`);
    }
  }
}
