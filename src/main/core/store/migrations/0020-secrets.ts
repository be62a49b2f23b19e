import type { Migration } from '../migrate.ts';

/**
 * Secrets encrypted by the secret-store port (safeStorage in the app). Only ciphertext is stored; the
 * scheme column says which cipher wrote it, so a blob from the dev-only store is never handed to the
 * OS decryptor (or the reverse).
 */
export const secrets: Migration = {
  version: 20,
  name: 'secrets',
  up(db) {
    db.exec(`
      CREATE TABLE secrets (
        name       TEXT PRIMARY KEY,
        scheme     TEXT NOT NULL,
        ciphertext BLOB NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
