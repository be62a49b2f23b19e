import type { Migration } from '../migrate.ts';

/**
 * The operator's state history, for reports (time Ready, Not ready by reason, on calls, in
 * wrap-up, offline). One row per state, in order: the current one has `ended_at` NULL, and a state
 * change closes it and opens the next in one transaction, so the rows never overlap or leave gaps.
 *
 * `seen_at` is refreshed while the state lasts (about once a minute), so a crash costs at most that
 * much: at start-up an open row is closed at its `seen_at` and marked `interrupted`.
 *
 * Reports ask for the states overlapping a time range: the rows that start inside it (the
 * `started_at` index) plus the one row that started before it (the latest before `from`).
 */
export const operatorStates: Migration = {
  version: 46,
  name: 'operator-states',
  up(db) {
    db.exec(`
      CREATE TABLE operator_states (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        state       TEXT NOT NULL CHECK (state IN ('offline', 'ready', 'not-ready', 'on-call', 'wrap-up')),
        reason      TEXT,
        started_at  INTEGER NOT NULL,
        ended_at    INTEGER,
        seen_at     INTEGER NOT NULL,
        interrupted INTEGER NOT NULL DEFAULT 0 CHECK (interrupted IN (0, 1)),
        CHECK (ended_at IS NULL OR ended_at >= started_at)
      ) STRICT;
      CREATE INDEX operator_states_by_start ON operator_states(started_at, seq);
      -- At most one open state: a second one would be a bug, refused by the database.
      CREATE UNIQUE INDEX operator_states_open ON operator_states((ended_at IS NULL)) WHERE ended_at IS NULL;
    `);
  },
};
