import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import {
  KbArticleInputSchema,
  KbSearchRequestSchema,
  type KbArticle,
  type KbHit,
  type KbImportIssue,
  type KbImportReport,
  type KbSearchRequest,
  type KbSearchResult,
  type KbValidity,
} from '../../../shared/model/knowledge.ts';
import { AppError } from '../app-error.ts';
import type { Logger } from '../log/logger.ts';
import type { Db } from '../store/database.ts';
import { writeInSlices } from '../store/write-in-slices.ts';
import {
  addWords,
  countArticles,
  deleteArticle,
  getArticle,
  getArticlesBySeq,
  kbGeneration,
  putArticle,
  readVocabulary,
  readWords,
  sameContent,
  searchIndex,
  type ArticleRecord,
  type IndexHit,
} from './articles-table.ts';
import { highlightRanges, makeSnippet } from './highlight.ts';
import { parseCsv } from './import/csv.ts';
import { JsonImportError, parseJsonArticles } from './import/json.ts';
import { MarkdownImportError, parseMarkdownArticle } from './import/markdown.ts';
import { analyzeQuery, estimateMatches, HEADLINE_COLUMNS, TermMatcher, toMatchExpression } from './query.ts';
import { fold, markdownToPlain } from './text.ts';
import { Vocabulary } from './vocabulary.ts';

// The product knowledge base: search as the operator types (morphology, typos, ranking, highlights),
// articles by id, and imports from Markdown, CSV and JSON files.

export type KbImportFormat = 'markdown' | 'csv' | 'json';

export interface KbImportFile {
  format: KbImportFormat;
  /** The file's name (or path): the default `source` of its articles, and where issues point. */
  name: string;
  content: string;
}

export interface KnowledgeService {
  search(query: string, options?: Omit<KbSearchRequest, 'query'>): KbSearchResult;
  get(id: string): KbArticle | undefined;
  /**
   * Imports the good entries of every file, written in slices with the event loop free between them;
   * reports the bad ones with their place. A write failure keeps the slices before it.
   */
  import(files: KbImportFile | readonly KbImportFile[]): Promise<KbImportReport>;
  /** Reads files from disk (format from the extension: .md, .markdown, .csv, .json) and imports them. */
  importPaths(paths: readonly string[]): Promise<KbImportReport>;
  delete(id: string): boolean;
  count(): number;
}

export interface KnowledgeServiceOptions {
  db: Db;
  log: Logger;
  /** The clock: validity is judged by today's date in local time. */
  now?: () => Date;
}

/** Candidates read from the index per search: validity reorders within them. */
const WINDOW_FACTOR = 3;
const MIN_WINDOW = 30;
/** Above this many (estimated) matching articles a query is "broad" (see search). */
const BROAD_QUERY = 2000;

export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function validityOn(today: string, from: string | null, to: string | null): KbValidity {
  if (from !== null && from > today) return 'upcoming';
  if (to !== null && to < today) return 'expired';
  return 'current';
}

const VALIDITY_ORDER: Record<KbValidity, number> = { current: 0, upcoming: 1, expired: 2 };

function slug(text: string): string {
  return (
    fold(text)
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'article'
  );
}

/** CSV header names, in English and Russian, for the article's fields. */
const CSV_COLUMNS: Record<string, keyof ArticleRecord> = {
  id: 'id',
  title: 'title',
  name: 'title',
  заголовок: 'title',
  название: 'title',
  body: 'body',
  text: 'body',
  content: 'body',
  текст: 'body',
  содержание: 'body',
  tags: 'tags',
  теги: 'tags',
  метки: 'tags',
  valid_from: 'valid_from',
  validfrom: 'valid_from',
  from: 'valid_from',
  'действует с': 'valid_from',
  действует_с: 'valid_from',
  valid_to: 'valid_to',
  validto: 'valid_to',
  until: 'valid_to',
  to: 'valid_to',
  'действует до': 'valid_to',
  действует_до: 'valid_to',
  source: 'source',
  источник: 'source',
};

interface Entry {
  file: string;
  line?: number;
  index?: number;
  raw: unknown;
  /** The id when the entry has none: stable across imports of the same file. */
  fallbackId: (title: string) => string;
}

function describe(entry: Pick<Entry, 'line' | 'index'>): string {
  return entry.line !== undefined
    ? `line ${entry.line}`
    : entry.index !== undefined
      ? `entry ${entry.index}`
      : 'the file';
}

export function createKnowledgeService(options: KnowledgeServiceOptions): KnowledgeService {
  const { db, log } = options;
  const now = options.now ?? (() => new Date());
  let vocabulary: { generation: number; value: Vocabulary } | undefined;

  function currentVocabulary(): Vocabulary {
    const generation = kbGeneration(db);
    if (vocabulary?.generation !== generation) {
      const started = performance.now();
      vocabulary = { generation, value: new Vocabulary(readVocabulary(db), readWords(db)) };
      log.debug('vocabulary loaded', {
        stems: vocabulary.value.size,
        ms: Math.round(performance.now() - started),
      });
    }
    return vocabulary.value;
  }

  function runIndex(match: string, window: number): IndexHit[] {
    try {
      return searchIndex(db, match, window);
    } catch (error) {
      // The expression is built from letters and digits only; a failure here is a bug, not input.
      log.error('knowledge search failed', { error, match });
      throw new AppError('INTERNAL', 'The knowledge base search failed');
    }
  }

  function search(query: string, searchOptions: Omit<KbSearchRequest, 'query'> = {}): KbSearchResult {
    const request = KbSearchRequestSchema.parse({ ...searchOptions, query });
    const terms = analyzeQuery(request.query, currentVocabulary());
    const corrections = terms
      .filter((t) => t.corrected)
      .map((t) => ({ typed: t.typed, matched: t.corrected! }));
    if (terms.length === 0) return { hits: [], corrections, mode: 'none' };

    const window = Math.max(MIN_WINDOW, request.limit * WINDOW_FACTOR);
    const vocab = currentVocabulary();
    const find = (how: 'all' | 'any'): IndexHit[] => {
      // bm25 costs about a microsecond per matching article: a query matching thousands (the first
      // letters of a word) looks in titles and tags first, where the best answers are anyway, and
      // in bodies only when titles and tags do not fill the list.
      if (estimateMatches(terms, how, vocab) > BROAD_QUERY) {
        const headline = runIndex(toMatchExpression(terms, how, HEADLINE_COLUMNS), window);
        if (headline.length >= request.limit) return headline;
      }
      return runIndex(toMatchExpression(terms, how), window);
    };
    let mode: KbSearchResult['mode'] = 'all';
    let rows = find('all');
    if (rows.length === 0 && terms.length > 1) {
      // Nothing has every word: show what has some of them, most matched first (bm25 adds up).
      mode = 'any';
      rows = find('any');
    }
    if (rows.length === 0) return { hits: [], corrections, mode: 'none' };

    const today = localDay(now());
    const ranked = rows
      .map((row) => ({ ...row, validity: validityOn(today, row.valid_from, row.valid_to) }))
      .filter((row) => !request.currentOnly || row.validity === 'current')
      .sort((a, b) => VALIDITY_ORDER[a.validity] - VALIDITY_ORDER[b.validity] || a.score - b.score)
      .slice(0, request.limit);
    const articles = getArticlesBySeq(
      db,
      ranked.map((r) => r.seq),
    );
    const matcher = new TermMatcher(terms);
    const hits: KbHit[] = [];
    for (const row of ranked) {
      const article = articles.get(row.seq);
      if (!article) continue;
      const snippet = makeSnippet(markdownToPlain(article.body), matcher);
      hits.push({
        id: article.id,
        title: article.title,
        tags: article.tags,
        source: article.source,
        validFrom: article.validFrom,
        validTo: article.validTo,
        validity: row.validity,
        updatedAt: article.updatedAt,
        score: row.score,
        titleHighlights: highlightRanges(article.title, matcher),
        snippet: snippet.text,
        snippetHighlights: snippet.highlights,
      });
    }
    return { hits, corrections, mode };
  }

  function entriesOf(file: KbImportFile, issues: KbImportIssue[]): Entry[] {
    const byTitle = (title: string) => `${file.name}#${slug(title)}`;
    switch (file.format) {
      case 'markdown': {
        try {
          const { fields } = parseMarkdownArticle(file.content);
          const fileId = slug(file.name.replace(/\.(md|markdown)$/i, ''));
          return [{ file: file.name, line: 1, raw: fields, fallbackId: () => fileId }];
        } catch (error) {
          if (!(error instanceof MarkdownImportError)) throw error;
          issues.push({ file: file.name, line: error.line, message: error.message });
          return [];
        }
      }
      case 'json': {
        try {
          return parseJsonArticles(file.content).map((raw, index) => ({
            file: file.name,
            index,
            raw,
            fallbackId: byTitle,
          }));
        } catch (error) {
          if (!(error instanceof JsonImportError)) throw error;
          issues.push({
            file: file.name,
            ...(error.line ? { line: error.line } : {}),
            message: error.message,
          });
          return [];
        }
      }
      case 'csv': {
        const { records, errors } = parseCsv(file.content);
        for (const e of errors) issues.push({ file: file.name, line: e.line, message: e.message });
        const [header, ...rows] = records;
        if (!header) {
          if (errors.length === 0) issues.push({ file: file.name, line: 1, message: 'the file is empty' });
          return [];
        }
        const columns = header.cells.map((c) => CSV_COLUMNS[fold(c.trim()).replace(/\s+/g, ' ')]);
        if (!columns.includes('title')) {
          issues.push({
            file: file.name,
            line: header.line,
            message: `the header row has no title column (found: ${header.cells.join(', ').slice(0, 200)})`,
          });
          return [];
        }
        const entries: Entry[] = [];
        for (const row of rows) {
          if (row.cells.length !== header.cells.length) {
            issues.push({
              file: file.name,
              line: row.line,
              message: `${row.cells.length} fields where the header has ${header.cells.length}`,
            });
            continue;
          }
          const raw: Record<string, string> = {};
          columns.forEach((column, i) => {
            if (column) raw[column] = row.cells[i]!;
          });
          for (const key of ['id', 'source'] as const) if (raw[key]?.trim() === '') delete raw[key];
          entries.push({ file: file.name, line: row.line, raw, fallbackId: byTitle });
        }
        return entries;
      }
    }
  }

  async function importFiles(input: KbImportFile | readonly KbImportFile[]): Promise<KbImportReport> {
    const files = Array.isArray(input) ? (input as readonly KbImportFile[]) : [input as KbImportFile];
    const issues: KbImportIssue[] = [];
    const good: Array<{ record: ArticleRecord; entry: Entry }> = [];
    const seen = new Map<string, Entry>();
    for (const file of files) {
      for (const entry of entriesOf(file, issues)) {
        const parsed = KbArticleInputSchema.safeParse(entry.raw);
        const where = { file: entry.file, ...(entry.line !== undefined ? { line: entry.line } : {}) };
        const place = entry.index !== undefined ? { ...where, index: entry.index } : where;
        if (!parsed.success) {
          const message = parsed.error.issues
            .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
            .join('; ');
          issues.push({ ...place, message });
          continue;
        }
        const fields = parsed.data;
        const id = fields.id ?? entry.fallbackId(fields.title);
        const earlier = seen.get(id);
        if (earlier) {
          issues.push({
            ...place,
            message: `the same id "${id}" as ${describe(earlier)}${earlier.file === entry.file ? '' : ` of ${earlier.file}`}`,
          });
          continue;
        }
        seen.set(id, entry);
        good.push({
          entry,
          record: {
            id,
            title: fields.title,
            body: fields.body,
            tags: fields.tags,
            valid_from: fields.valid_from,
            valid_to: fields.valid_to,
            source: fields.source ?? entry.file,
          },
        });
      }
    }

    const at = now().getTime();
    const counts = { created: 0, updated: 0, unchanged: 0 };
    // In slices (store/write-in-slices.ts): indexing thousands of articles must not hold up the
    // phone. Each slice adds its articles' words to the typo vocabulary in the same transaction.
    let words = new Map<string, string>();
    let savedBefore = 0;
    try {
      await writeInSlices(
        db,
        good.length,
        (index) => {
          const { record } = good[index]!;
          const existing = getArticle(db, record.id);
          if (existing && sameContent(existing, record)) {
            counts.unchanged++;
            return;
          }
          putArticle(db, record, at, words);
          counts[existing ? 'updated' : 'created']++;
        },
        {
          endSlice: () => {
            addWords(db, words);
            words = new Map();
          },
          committed: () => (savedBefore = counts.created + counts.updated),
        },
      );
    } catch (error) {
      log.error('knowledge import could not be written', { error, savedBefore });
      throw new AppError(
        'STORAGE',
        `The articles could not be saved (${savedBefore} were before the failure): ${(error as Error).message}`,
      );
    }
    const report = { ...counts, failed: issues.length, issues };
    log.info('knowledge import', { files: files.length, ...counts, failed: issues.length });
    return report;
  }

  function formatOf(path: string): KbImportFormat {
    const ext = extname(path).toLowerCase();
    if (ext === '.md' || ext === '.markdown') return 'markdown';
    if (ext === '.csv') return 'csv';
    if (ext === '.json') return 'json';
    throw new AppError('VALIDATION', `Cannot import ${basename(path)}: use .md, .csv or .json files`);
  }

  return {
    search,
    get(id) {
      const article = getArticle(db, id);
      if (!article) return undefined;
      const { seq: _seq, ...view } = article;
      return view;
    },
    import: importFiles,
    async importPaths(paths) {
      const files = paths.map((path) => {
        const format = formatOf(path);
        try {
          return { format, name: basename(path), content: readFileSync(path, 'utf8') };
        } catch (error) {
          throw new AppError('NOT_FOUND', `Cannot read ${basename(path)}: ${(error as Error).message}`);
        }
      });
      return importFiles(files);
    },
    delete: (id) => deleteArticle(db, id),
    count: () => countArticles(db),
  };
}
