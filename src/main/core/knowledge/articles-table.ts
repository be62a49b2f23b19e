import type { KbArticle, KbArticleFields } from '../../../shared/model/knowledge.ts';
import { prepared, type Db } from '../store/database.ts';
import { indexTerms, markdownToPlain } from './text.ts';

// The `kb_articles` table and its FTS5 index `kb_fts` (migration 0050). All SQL of the knowledge
// base is here; the triggers keep the index in step with every write.

interface SqlRow {
  seq: number;
  id: string;
  title: string;
  body: string;
  tags: string;
  valid_from: string | null;
  valid_to: string | null;
  source: string;
  updated_at: number;
}

export type StoredArticle = KbArticle & { seq: number };

function fromSql(r: SqlRow): StoredArticle {
  let tags: string[] = [];
  try {
    const parsed: unknown = JSON.parse(r.tags);
    if (Array.isArray(parsed)) tags = parsed.filter((t): t is string => typeof t === 'string');
  } catch {
    // A damaged tags column costs the tags only.
  }
  return {
    seq: r.seq,
    id: r.id,
    title: r.title,
    body: r.body,
    tags,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    source: r.source,
    updatedAt: r.updated_at,
  };
}

const COLUMNS = 'seq, id, title, body, tags, valid_from, valid_to, source, updated_at';

export function getArticle(db: Db, id: string): StoredArticle | undefined {
  const row = prepared(db, `SELECT ${COLUMNS} FROM kb_articles WHERE id = ?`).get(id) as SqlRow | undefined;
  return row && fromSql(row);
}

export function getArticlesBySeq(db: Db, seqs: readonly number[]): Map<number, StoredArticle> {
  const out = new Map<number, StoredArticle>();
  if (seqs.length === 0) return out;
  // One statement per list length would flood the statement cache: read them one by one, by key.
  const statement = prepared(db, `SELECT ${COLUMNS} FROM kb_articles WHERE seq = ?`);
  for (const seq of seqs) {
    const row = statement.get(seq) as SqlRow | undefined;
    if (row) out.set(seq, fromSql(row));
  }
  return out;
}

export type ArticleRecord = Required<Omit<KbArticleFields, 'id' | 'source'>> & { id: string; source: string };

/** Same content (what the index and the reader see), so an import of the same file changes nothing. */
export function sameContent(a: KbArticle, b: ArticleRecord): boolean {
  return (
    a.title === b.title &&
    a.body === b.body &&
    a.source === b.source &&
    a.validFrom === b.valid_from &&
    a.validTo === b.valid_to &&
    JSON.stringify(a.tags) === JSON.stringify(b.tags)
  );
}

/**
 * Inserts or updates by id; the stems for the index are computed here, from the same text. `words`
 * collects the article's word forms and their stems (for addWords).
 */
export function putArticle(db: Db, article: ArticleRecord, at: number, words?: Map<string, string>): void {
  const plain = markdownToPlain(article.body);
  const tags = article.tags.join(' ');
  prepared(
    db,
    `INSERT INTO kb_articles (id, title, body, tags, valid_from, valid_to, source, updated_at,
                              title_terms, tags_terms, body_terms)
     VALUES (@id, @title, @body, @tags, @valid_from, @valid_to, @source, @updated_at,
             @title_terms, @tags_terms, @body_terms)
     ON CONFLICT (id) DO UPDATE SET
       title = excluded.title, body = excluded.body, tags = excluded.tags,
       valid_from = excluded.valid_from, valid_to = excluded.valid_to, source = excluded.source,
       updated_at = excluded.updated_at, title_terms = excluded.title_terms,
       tags_terms = excluded.tags_terms, body_terms = excluded.body_terms`,
  ).run({
    id: article.id,
    title: article.title,
    body: article.body,
    tags: JSON.stringify(article.tags),
    valid_from: article.valid_from,
    valid_to: article.valid_to,
    source: article.source,
    updated_at: at,
    title_terms: indexTerms(article.title, words),
    tags_terms: indexTerms(tags, words),
    body_terms: indexTerms(plain, words),
  });
}

export function deleteArticle(db: Db, id: string): boolean {
  return prepared(db, 'DELETE FROM kb_articles WHERE id = ?').run(id).changes > 0;
}

export function countArticles(db: Db): number {
  return prepared(db, 'SELECT count(*) FROM kb_articles').pluck().get() as number;
}

/** Changes with every write to the articles (triggers): the vocabulary cache's key. */
export function kbGeneration(db: Db): number {
  return prepared(db, 'SELECT generation FROM kb_state WHERE id = 1').pluck().get() as number;
}

/** Word forms (folded) with their stems, for typo tolerance; a word already known is kept as is. */
export function addWords(db: Db, entries: Iterable<[word: string, stem: string]>): void {
  const insert = prepared(db, 'INSERT OR IGNORE INTO kb_words (word, stem) VALUES (?, ?)');
  for (const [word, stem] of entries) insert.run(word, stem);
}

export function readWords(db: Db): Array<{ word: string; stem: string }> {
  return prepared(db, 'SELECT word, stem FROM kb_words').all() as Array<{ word: string; stem: string }>;
}

/** Every indexed term and how many articles have it. */
export function readVocabulary(db: Db): Array<{ term: string; doc: number }> {
  return prepared(db, 'SELECT term, doc FROM kb_vocab').all() as Array<{ term: string; doc: number }>;
}

/** bm25 column weights: a word in the title counts most, then a tag, then the body. */
export const BM25_WEIGHTS = { title: 10, tags: 5, body: 1 } as const;

// The FTS query ranks and cuts first (bm25 for every match happens inside FTS5), then the window's
// validity days come by primary key: validity reorders the window, it never scans the table.
export const SEARCH_SQL = `SELECT f.seq, f.score, a.valid_from, a.valid_to
  FROM (SELECT rowid AS seq, bm25(kb_fts, ${BM25_WEIGHTS.title}, ${BM25_WEIGHTS.tags}, ${BM25_WEIGHTS.body}) AS score
          FROM kb_fts WHERE kb_fts MATCH ? ORDER BY score LIMIT ?) AS f
  JOIN kb_articles a ON a.seq = f.seq
  ORDER BY f.score`;

export interface IndexHit {
  seq: number;
  score: number;
  valid_from: string | null;
  valid_to: string | null;
}

/** The best `limit` articles for an FTS5 query expression, by bm25 (lower is better). */
export function searchIndex(db: Db, match: string, limit: number): IndexHit[] {
  return prepared(db, SEARCH_SQL).all(match, limit) as IndexHit[];
}
