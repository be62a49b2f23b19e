import type { Migration } from '../migrate.ts';

/**
 * The History screen and the CSV export page through the whole log newest first, keyset by
 * (created_at, id). This index gives that order without a sort, and carries direction and outcome
 * so those filters are checked in the index: a rare outcome over a million calls reads the index
 * only, not every row of the table.
 */
export const callHistory: Migration = {
  version: 45,
  name: 'call-history',
  up(db) {
    db.exec(`CREATE INDEX calls_history ON calls(created_at DESC, id DESC, direction, outcome);`);
  },
};
