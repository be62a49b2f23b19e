import type { Migration } from '../migrate.ts';

/**
 * What a wrap-up leaves to do: `requests` (orders, service requests) and `callbacks`, each written in
 * the wrap-up's submitting transaction together with its outbox document.
 *
 * Both link to the call with ON DELETE SET NULL, not CASCADE: retention deletes old calls, and an
 * open order or a scheduled callback must outlive the call it came from. `number` is the caller's
 * number (E.164 when it is a phone number), so the caller card finds them for an unknown caller
 * too; `contact_id` when the caller is a known contact.
 *
 * `requests.amount_minor` is an integer in minor units of `currency` (kopecks): exact sums, no
 * floating point. Callbacks: `due_at` epoch ms; `assignee` 'me' (the `account` that scheduled it)
 * or 'anyone'; `reminded_at` set when the reminder went out, so a restart does not remind twice.
 *
 * Indexes: the caller card's "open requests / scheduled callbacks by contact / by number" (state
 * in the key, so any state can be listed the same way), callbacks by state and due time (the list,
 * and the reminder's "next scheduled one not yet reminded"), and call_id for the foreign key's
 * SET NULL.
 */
export const requestsAndCallbacks: Migration = {
  version: 47,
  name: 'requests-callbacks',
  up(db) {
    db.exec(`
      CREATE TABLE requests (
        id            TEXT PRIMARY KEY,
        call_id       TEXT REFERENCES calls(id) ON DELETE SET NULL,
        contact_id    TEXT REFERENCES contacts(id) ON DELETE SET NULL,
        number        TEXT NOT NULL,
        type          TEXT NOT NULL DEFAULT '',
        product       TEXT NOT NULL DEFAULT '',
        quantity      INTEGER,
        amount_minor  INTEGER,
        currency      TEXT NOT NULL,
        address       TEXT NOT NULL DEFAULT '',
        contact_name  TEXT NOT NULL DEFAULT '',
        contact_phone TEXT NOT NULL DEFAULT '',
        email         TEXT NOT NULL DEFAULT '',
        comment       TEXT NOT NULL DEFAULT '',
        status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX requests_by_number ON requests(number, status, created_at DESC);
      CREATE INDEX requests_by_contact ON requests(contact_id, status, created_at DESC)
        WHERE contact_id IS NOT NULL;
      CREATE INDEX requests_by_call ON requests(call_id) WHERE call_id IS NOT NULL;

      CREATE TABLE callbacks (
        id          TEXT PRIMARY KEY,
        call_id     TEXT REFERENCES calls(id) ON DELETE SET NULL,
        contact_id  TEXT REFERENCES contacts(id) ON DELETE SET NULL,
        number      TEXT NOT NULL,
        due_at      INTEGER NOT NULL,
        assignee    TEXT NOT NULL CHECK (assignee IN ('me', 'anyone')),
        account     TEXT,
        note        TEXT NOT NULL DEFAULT '',
        state       TEXT NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled', 'done', 'cancelled')),
        reminded_at INTEGER,
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX callbacks_by_number ON callbacks(number, state, due_at);
      CREATE INDEX callbacks_by_contact ON callbacks(contact_id, state, due_at) WHERE contact_id IS NOT NULL;
      CREATE INDEX callbacks_by_state_due ON callbacks(state, due_at);
      CREATE INDEX callbacks_by_call ON callbacks(call_id) WHERE call_id IS NOT NULL;
    `);
  },
};
