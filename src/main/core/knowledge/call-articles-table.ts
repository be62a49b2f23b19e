import type { CallArticle } from '../../../shared/model/call-articles.ts';
import { prepared, type Db } from '../store/database.ts';

// The `call_articles` table (migration 0056): knowledge-base articles attached to a call.

export const CALL_ARTICLES_SQL =
  'SELECT article_id, title, attached_at FROM call_articles WHERE call_id = ? ORDER BY attached_at, article_id';

interface Row {
  article_id: string;
  title: string;
  attached_at: number;
}

export function articlesOfCall(db: Db, callId: string): CallArticle[] {
  return (prepared(db, CALL_ARTICLES_SQL).all(callId) as Row[]).map((row) => ({
    articleId: row.article_id,
    title: row.title,
    attachedAt: row.attached_at,
  }));
}

/** True when the row was added; false when this article was already attached to the call. */
export function attachArticle(db: Db, callId: string, article: CallArticle): boolean {
  const result = prepared(
    db,
    `INSERT INTO call_articles (call_id, article_id, title, attached_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (call_id, article_id) DO NOTHING`,
  ).run(callId, article.articleId, article.title, article.attachedAt);
  return result.changes > 0;
}
