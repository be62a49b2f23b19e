import type { Migration } from '../migrate.ts';

/**
 * Knowledge-base articles attached to a call: what helped, for reports (and the wrap-up's sync
 * document). One row per call and article; attaching again changes nothing.
 *
 * `call_id` references the call with ON DELETE CASCADE: retention deletes old calls, and their
 * attachments mean nothing without them. `article_id` deliberately has no foreign key: an article
 * deleted or re-imported later must not take the record of what was used with it, so the title is
 * kept as it was when attached (`title`). `attached_at` epoch ms. The primary key (call_id, …)
 * serves "the articles of this call" in attachment order via `attached_at`.
 */
export const callArticles: Migration = {
  version: 56,
  name: 'call-articles',
  up(db) {
    db.exec(`
      CREATE TABLE call_articles (
        call_id     TEXT NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
        article_id  TEXT NOT NULL,
        title       TEXT NOT NULL,
        attached_at INTEGER NOT NULL,
        PRIMARY KEY (call_id, article_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
