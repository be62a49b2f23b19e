import type { Migration } from '../migrate.ts';

/**
 * The product knowledge base and its full-text index.
 *
 * `kb_articles`: the articles as written (title, Markdown body, tags as a JSON array, validity days
 * `YYYY-MM-DD` inclusive, the file they came from), plus `*_terms`: the same text as Snowball stems
 * computed in TypeScript (SQLite has no Russian stemmer). Storing the stems next to the text is what
 * lets `kb_fts` be an *external-content* FTS5 table kept in sync by triggers: every insert, update
 * and delete of an article — through the service or by hand — updates the index in the same
 * transaction, the index can be rebuilt from the table at any time
 * (`INSERT INTO kb_fts(kb_fts) VALUES('rebuild')`), and FTS5's integrity check works. A contentless
 * table would store less but needs the old stems on every delete from the application; an FTS5
 * table with its own content would store the stems twice.
 *
 * `kb_fts` indexes stems only (`unicode61`, no diacritic removal: «й» stays «й»; case and ё are
 * already folded), with prefix indexes for 2 and 3 characters because the operator searches as they
 * type. Snippets and highlights are made from the original text in TypeScript, not by FTS5
 * (whose snippet() would show stems).
 *
 * `kb_vocab`: FTS5's own view of the index's terms (stems) with their document counts, always in
 * step with the index. `kb_words`: every word form seen in the articles with its stem, written by
 * the importer: typo tolerance compares what was typed with real words («модемм» → «модем»), not
 * with stems, which can be much shorter than the word («модем» → «мод»). A word whose articles are
 * all deleted stays in `kb_words` harmlessly: its stem has no documents left in `kb_vocab`.
 * `kb_state.generation` changes with every write, so the in-memory copy of both knows when to reload.
 */
export const knowledge: Migration = {
  version: 50,
  name: 'knowledge',
  up(db) {
    db.exec(`
      CREATE TABLE kb_articles (
        seq         INTEGER PRIMARY KEY,
        id          TEXT NOT NULL UNIQUE,
        title       TEXT NOT NULL,
        body        TEXT NOT NULL,
        tags        TEXT NOT NULL DEFAULT '[]',
        valid_from  TEXT,
        valid_to    TEXT,
        source      TEXT NOT NULL,
        updated_at  INTEGER NOT NULL,
        title_terms TEXT NOT NULL,
        tags_terms  TEXT NOT NULL,
        body_terms  TEXT NOT NULL,
        CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)
      ) STRICT;
      CREATE INDEX kb_articles_source ON kb_articles(source);

      CREATE VIRTUAL TABLE kb_fts USING fts5(
        title_terms, tags_terms, body_terms,
        content = 'kb_articles', content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 0',
        prefix = '2 3'
      );
      CREATE VIRTUAL TABLE kb_vocab USING fts5vocab(kb_fts, 'row');

      CREATE TABLE kb_words (
        word TEXT PRIMARY KEY,
        stem TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE kb_state (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        generation INTEGER NOT NULL
      ) STRICT;
      INSERT INTO kb_state (id, generation) VALUES (1, 0);

      CREATE TRIGGER kb_articles_ai AFTER INSERT ON kb_articles BEGIN
        INSERT INTO kb_fts (rowid, title_terms, tags_terms, body_terms)
          VALUES (new.seq, new.title_terms, new.tags_terms, new.body_terms);
        UPDATE kb_state SET generation = generation + 1;
      END;
      CREATE TRIGGER kb_articles_ad AFTER DELETE ON kb_articles BEGIN
        INSERT INTO kb_fts (kb_fts, rowid, title_terms, tags_terms, body_terms)
          VALUES ('delete', old.seq, old.title_terms, old.tags_terms, old.body_terms);
        UPDATE kb_state SET generation = generation + 1;
      END;
      CREATE TRIGGER kb_articles_au AFTER UPDATE ON kb_articles BEGIN
        INSERT INTO kb_fts (kb_fts, rowid, title_terms, tags_terms, body_terms)
          VALUES ('delete', old.seq, old.title_terms, old.tags_terms, old.body_terms);
        INSERT INTO kb_fts (rowid, title_terms, tags_terms, body_terms)
          VALUES (new.seq, new.title_terms, new.tags_terms, new.body_terms);
        UPDATE kb_state SET generation = generation + 1;
      END;
    `);
  },
};
