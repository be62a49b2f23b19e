import type { Migration } from '../migrate.ts';

/** Small facts about this installation (install id, first start) as key/value text. */
export const appMeta: Migration = {
  version: 10,
  name: 'app-meta',
  up(db) {
    db.exec(`
      CREATE TABLE app_meta (
        key        TEXT PRIMARY KEY,
        value      TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
