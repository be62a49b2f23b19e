import type { Migration } from '../migrate.ts';

/**
 * The transactional outbox and the wrap-up the operator writes after a call.
 *
 * `outbox`: one row per document to deliver to the company's systems, written in the same
 * transaction as the domain change it reports (a finished call, a submitted wrap-up), so a crash can
 * never leave one without the other. `id` is the Idempotency-Key the receiver deduplicates on;
 * `aggregate_id` (the call) orders delivery: a row waits while an older row of the same call is
 * undelivered. Backoff (`attempts`, `next_attempt_at`) is persisted so a restart does not hammer a
 * struggling server. `state`: pending → delivered, or failed (parked: the server refused it with a
 * 4xx; shown to the operator, retried only when asked).
 *
 * `wrapups`: one per call; `state` draft while the operator types (saved on every change, so a
 * crash or reload loses nothing), submitted once sent on. `data` holds the structured fields the
 * workspace form defines (requests, orders, callback) as JSON, validated by the core on write.
 */
export const outboxAndWrapups: Migration = {
  version: 40,
  name: 'outbox-wrapups',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        seq             INTEGER PRIMARY KEY AUTOINCREMENT,
        id              TEXT NOT NULL UNIQUE,
        kind            TEXT NOT NULL,
        aggregate_id    TEXT NOT NULL,
        payload         TEXT NOT NULL,
        created_at      INTEGER NOT NULL,
        state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error      TEXT,
        last_status     INTEGER,
        delivered_at    INTEGER
      ) STRICT;
      -- The worker's scan: undelivered rows in order; also "is an older row of this call waiting?".
      CREATE INDEX outbox_undelivered ON outbox(seq) WHERE state != 'delivered';
      CREATE INDEX outbox_by_aggregate ON outbox(aggregate_id, seq) WHERE state != 'delivered';
      CREATE INDEX outbox_delivered_at ON outbox(delivered_at) WHERE state = 'delivered';

      CREATE TABLE wrapups (
        call_id      TEXT PRIMARY KEY REFERENCES calls(id) ON DELETE CASCADE,
        state        TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted')),
        disposition  TEXT,
        notes        TEXT NOT NULL DEFAULT '',
        data         TEXT NOT NULL DEFAULT '{}',
        started_at   INTEGER NOT NULL,
        updated_at   INTEGER NOT NULL,
        submitted_at INTEGER
      ) STRICT;
      CREATE INDEX wrapups_drafts ON wrapups(updated_at) WHERE state = 'draft';
    `);
  },
};
