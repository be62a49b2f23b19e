import { ScriptDocumentSchema, type ScriptDocument } from '../../../shared/scripts/format.ts';
import { prepared, type Db } from '../store/database.ts';

// The company's imported scripts (table `scripts`, migration 0055): every revision kept, one active.

export interface StoredScript {
  script: ScriptDocument;
  /** The file it was imported from. */
  source: string;
  importedAt: number;
  active: boolean;
}

interface SqlRow {
  document: string;
  source: string;
  imported_at: number;
  active: number;
}

function fromSql(row: SqlRow): StoredScript {
  // Validated before it was stored; parsed again so a row edited by hand cannot crash the app.
  return {
    script: ScriptDocumentSchema.parse(JSON.parse(row.document)),
    source: row.source,
    importedAt: row.imported_at,
    active: row.active === 1,
  };
}

function safely(row: SqlRow | undefined): StoredScript | undefined {
  if (!row) return undefined;
  try {
    return fromSql(row);
  } catch {
    return undefined;
  }
}

export const ACTIVE_SCRIPTS_SQL =
  'SELECT document, source, imported_at, active FROM scripts WHERE active = 1 ORDER BY id';

export function activeScripts(db: Db): StoredScript[] {
  return (prepared(db, ACTIVE_SCRIPTS_SQL).all() as SqlRow[])
    .map(safely)
    .filter((s): s is StoredScript => s !== undefined);
}

export function activeScript(db: Db, id: string): StoredScript | undefined {
  return safely(
    prepared(db, 'SELECT document, source, imported_at, active FROM scripts WHERE id = ? AND active = 1').get(
      id,
    ) as SqlRow | undefined,
  );
}

/** A given revision (active or not): what a call's run was made with. */
export function scriptRevision(db: Db, id: string, revision: number): StoredScript | undefined {
  return safely(
    prepared(
      db,
      'SELECT document, source, imported_at, active FROM scripts WHERE id = ? AND revision = ?',
    ).get(id, revision) as SqlRow | undefined,
  );
}

/**
 * Stores a script and makes that revision the active one (the same id and revision again replaces
 * it). Returns whether a script with this id existed. Call inside a transaction.
 */
export function putActiveScript(db: Db, script: ScriptDocument, source: string, at: number): boolean {
  const existed = prepared(db, 'SELECT 1 FROM scripts WHERE id = ? LIMIT 1').get(script.id) !== undefined;
  prepared(db, 'UPDATE scripts SET active = 0 WHERE id = ? AND active = 1').run(script.id);
  prepared(
    db,
    `INSERT INTO scripts (id, revision, title, language, document, source, imported_at, active)
     VALUES (?, ?, ?, ?, ?, ?, ?, 1)
     ON CONFLICT(id, revision) DO UPDATE SET title = excluded.title, language = excluded.language,
       document = excluded.document, source = excluded.source, imported_at = excluded.imported_at, active = 1`,
  ).run(script.id, script.revision, script.title, script.language, JSON.stringify(script), source, at);
  return existed;
}
