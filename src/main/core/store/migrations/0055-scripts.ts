import type { Migration } from '../migrate.ts';

/**
 * Call scripts: the company's imported scripts, and the path each call took through its script.
 *
 * `scripts`: every imported revision of a script, the document as JSON (already validated). One
 * revision per id is `active` (the one offered and chosen); older ones stay so that a call that ran
 * on them still shows its steps and labels. Built-in scripts live in the code and IT's in the managed
 * settings: neither is stored here.
 *
 * `call_script_runs`: one row per call and script run (`seq` 1 is the script chosen when the call
 * started; the operator switching scripts adds 2, 3…). The path is a JSON array of
 * `{stepId, answer, at}` and `fields` the script field values — rewritten in one short transaction
 * per answer, so a crash keeps the path up to the last answer. No foreign key to `calls` (a run may
 * be written while the call log waits for a full disk); a trigger removes a call's runs with the call
 * (retention).
 */
export const scripts: Migration = {
  version: 55,
  name: 'scripts',
  up(db) {
    db.exec(`
      CREATE TABLE scripts (
        id          TEXT NOT NULL,
        revision    INTEGER NOT NULL,
        title       TEXT NOT NULL,
        language    TEXT NOT NULL,
        document    TEXT NOT NULL,
        source      TEXT NOT NULL,
        imported_at INTEGER NOT NULL,
        active      INTEGER NOT NULL CHECK (active IN (0, 1)),
        PRIMARY KEY (id, revision)
      ) STRICT;
      CREATE UNIQUE INDEX scripts_active ON scripts(id) WHERE active = 1;

      CREATE TABLE call_script_runs (
        call_id         TEXT NOT NULL,
        seq             INTEGER NOT NULL,
        script_id       TEXT NOT NULL,
        script_version  INTEGER NOT NULL,
        script_source   TEXT NOT NULL CHECK (script_source IN ('builtin', 'company', 'managed')),
        current_step    TEXT,
        path            TEXT NOT NULL DEFAULT '[]',
        fields          TEXT NOT NULL DEFAULT '{}',
        started_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL,
        PRIMARY KEY (call_id, seq)
      ) STRICT, WITHOUT ROWID;

      CREATE TRIGGER calls_ad_script_runs AFTER DELETE ON calls BEGIN
        DELETE FROM call_script_runs WHERE call_id = old.id;
      END;
    `);
  },
};
