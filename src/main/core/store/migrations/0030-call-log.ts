import type { Migration } from '../migrate.ts';

/**
 * The call log: one row per call, written from the first INVITE or dial and updated as the call
 * changes; an append-only event row per state change (audit and shift reports); contacts with any
 * number of normalized numbers. Times are epoch milliseconds. Durations are derived when the call
 * ends and stored, so reports never recompute them from events.
 */
export const callLog: Migration = {
  version: 30,
  name: 'call-log',
  up(db) {
    db.exec(`
      CREATE TABLE contacts (
        id         TEXT PRIMARY KEY,
        name       TEXT NOT NULL,
        company    TEXT,
        notes      TEXT,
        tags       TEXT NOT NULL DEFAULT '[]',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE contact_numbers (
        contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        number     TEXT NOT NULL,
        e164       TEXT,
        label      TEXT,
        PRIMARY KEY (contact_id, number)
      ) STRICT;
      -- "who is calling": the caller card looks a number up while the phone rings.
      CREATE INDEX contact_numbers_by_e164 ON contact_numbers(e164) WHERE e164 IS NOT NULL;

      CREATE TABLE calls (
        id                TEXT PRIMARY KEY,
        sip_call_id       TEXT,
        direction         TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        account           TEXT,
        remote_number     TEXT NOT NULL,
        remote_e164       TEXT,
        remote_name       TEXT,
        remote_uri        TEXT,
        called_number     TEXT,
        state             TEXT NOT NULL,
        created_at        INTEGER NOT NULL,
        ringing_at        INTEGER,
        answered_at       INTEGER,
        ended_at          INTEGER,
        last_event_at     INTEGER NOT NULL,
        ring_ms           INTEGER,
        talk_ms           INTEGER,
        hold_ms           INTEGER NOT NULL DEFAULT 0,
        held_since        INTEGER,
        wrapup_ms         INTEGER,
        end_reason        TEXT,
        ended_by          TEXT CHECK (ended_by IN ('local', 'remote', 'system')),
        sip_status        INTEGER,
        sip_reason        TEXT,
        transferred_to    TEXT,
        outcome           TEXT CHECK (outcome IN
                            ('answered', 'missed', 'declined', 'busy', 'failed', 'cancelled', 'interrupted')),
        quality           TEXT,
        contact_id        TEXT REFERENCES contacts(id) ON DELETE SET NULL
      ) STRICT;
      CREATE INDEX calls_by_created ON calls(created_at DESC);
      CREATE INDEX calls_by_number ON calls(remote_e164, created_at DESC);
      CREATE INDEX calls_unfinished ON calls(id) WHERE ended_at IS NULL;
      CREATE INDEX calls_by_contact ON calls(contact_id, created_at DESC) WHERE contact_id IS NOT NULL;

      CREATE TABLE call_events (
        seq     INTEGER PRIMARY KEY AUTOINCREMENT,
        call_id TEXT NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
        at      INTEGER NOT NULL,
        kind    TEXT NOT NULL,
        detail  TEXT
      ) STRICT;
      CREATE INDEX call_events_by_call ON call_events(call_id, seq);
      CREATE INDEX call_events_by_time ON call_events(at);
    `);
  },
};
