import type { Db } from './database.ts';

export interface SecretRow {
  name: string;
  scheme: string;
  ciphertext: Buffer;
  updatedAt: number;
}

interface SecretSqlRow {
  name: string;
  scheme: string;
  ciphertext: Buffer;
  updated_at: number;
}

function fromRow(row: SecretSqlRow): SecretRow {
  return { name: row.name, scheme: row.scheme, ciphertext: row.ciphertext, updatedAt: row.updated_at };
}

export function getSecretRow(db: Db, name: string): SecretRow | undefined {
  const row = db
    .prepare('SELECT name, scheme, ciphertext, updated_at FROM secrets WHERE name = ?')
    .get(name) as SecretSqlRow | undefined;
  return row && fromRow(row);
}

export function putSecretRow(db: Db, row: Omit<SecretRow, 'updatedAt'>, now = Date.now()): void {
  db.prepare(
    `INSERT INTO secrets (name, scheme, ciphertext, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET scheme = excluded.scheme, ciphertext = excluded.ciphertext,
       updated_at = excluded.updated_at`,
  ).run(row.name, row.scheme, row.ciphertext, now);
}

export function deleteSecretRow(db: Db, name: string): void {
  db.prepare('DELETE FROM secrets WHERE name = ?').run(name);
}
