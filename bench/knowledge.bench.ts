import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createKnowledgeService } from '../src/main/core/knowledge/knowledge-service.ts';
import { createLogger } from '../src/main/core/log/logger.ts';
import { openDatabase } from '../src/main/core/store/database.ts';
import { builtInGuard } from '../src/shared/guard/guard.ts';
import { generateArticles, generateNotes, generateQueries } from './lib/ru-corpus.ts';
import { round, summarize, timingMetric, type Metric } from './lib/stats.ts';

// `npm run bench -- knowledge`: the knowledge base on 10,000 generated Russian articles (tariffs,
// internet, delivery, warranty… in all case forms) in a real database file.
// - kb.keystroke_search_ms: a search per keystroke while 200 queries are typed letter by letter
//   (morphology, prefix of the last word, typos, highlights: the full service call). Target p95
//   < 10 ms. `best_of_3_*`: each keystroke's fastest of three passes (see below). Peer: a plain
//   `LIKE '%…%'` scan over the same table, same run, on the keystrokes of the first 30 queries
//   (its worst case scans the whole table, so fewer samples), against ours on the same keystrokes.
//   LIKE's median is tiny because `LIMIT 10` stops at the first ten rows containing a short
//   substring; its p95 is the full scan.
// - kb.found_share: how many of the 200 finished queries find anything, ours and LIKE's (LIKE knows
//   neither word forms nor typos, and in SQLite it folds case for ASCII only).
// - guard.*: the forbidden-phrase guard over 2,000 operator notes of 500–2,000 characters.

const ARTICLES = Number(process.env.HOTLINE_BENCH_KB_ARTICLES ?? 10_000);
const QUERIES = 200;
const PEER_QUERIES = 30;
const NOTES = 2000;

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

export default async function* knowledgeBench(): AsyncGenerator<Metric> {
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(process.cwd(), '.tmp', 'bench-kb-'));
  const log = createLogger(() => undefined);
  const db = openDatabase({ path: join(dir, 'hotline.db'), log });
  try {
    const kb = createKnowledgeService({ db, log, now: () => new Date('2025-06-15T12:00:00') });
    const articles = generateArticles(ARTICLES);
    const content = JSON.stringify(articles);
    const importStart = performance.now();
    const report = await kb.import({ format: 'json', name: 'corpus.json', content });
    const importMs = performance.now() - importStart;
    if (report.created !== ARTICLES) throw new Error(`imported ${report.created} of ${ARTICLES}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    yield {
      metric: 'kb.import_articles_per_s',
      value: round(ARTICLES / (importMs / 1000), 0),
      unit: 'articles/s',
      n: ARTICLES,
      avg_body_chars: Math.round(articles.reduce((s, a) => s + a.body.length, 0) / ARTICLES),
      db_mb: round(statSync(join(dir, 'hotline.db')).size / 1e6, 1),
    };

    // The first search after a change loads the vocabulary (for typo tolerance) once.
    const vocabMs = time(() => kb.search('тариф'));
    yield {
      metric: 'kb.first_search_ms',
      value: round(vocabMs, 1),
      unit: 'ms',
      note: 'includes loading the vocabulary',
    };

    const queries = generateQueries(QUERIES);
    const keystrokes = (list: string[]) =>
      list.flatMap((q) => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1)));
    const all = keystrokes(queries);
    for (const k of all.slice(0, 100)) kb.search(k);
    globalThis.gc?.();
    const ours = all.map((k) => time(() => kb.search(k, { limit: 10 })));
    // The same keystrokes twice more, keeping each one's fastest time: on a shared, loaded machine
    // the single pass's tail is mostly time spent descheduled, this shows what the search costs.
    const fastest = [...ours];
    for (let pass = 0; pass < 2; pass++) {
      all.forEach(
        (k, i) =>
          (fastest[i] = Math.min(
            fastest[i]!,
            time(() => kb.search(k, { limit: 10 })),
          )),
      );
    }

    const like = db.prepare('SELECT id, title FROM kb_articles WHERE title LIKE @q OR body LIKE @q LIMIT 10');
    const peerKeys = keystrokes(queries.slice(0, PEER_QUERIES));
    const peer = peerKeys.map((k) => time(() => like.all({ q: `%${k}%` })));
    const oursOnPeerKeys = ours.slice(0, peerKeys.length);
    const full = summarize(ours);
    const subset = summarize(oursOnPeerKeys);
    const peerSummary = summarize(peer);
    const best = summarize(fastest);
    yield {
      ...timingMetric('kb.keystroke_search_ms', full),
      p99: round(full.p99, 2),
      target_p95: 10,
      queries: QUERIES,
      best_of_3_median: round(best.median, 2),
      best_of_3_p95: round(best.p95, 2),
      best_of_3_p99: round(best.p99, 2),
      peer: 'like-scan',
      peer_value: round(peerSummary.median, 2),
      peer_p95: round(peerSummary.p95, 2),
      peer_n: peerSummary.n,
      ours_on_peer_keys: round(subset.median, 2),
      ours_on_peer_keys_p95: round(subset.p95, 2),
      ratio: round(subset.median / peerSummary.median, 3),
      ratio_p95: round(subset.p95 / peerSummary.p95, 3),
      load_avg: round(loadavg()[0]!, 1),
    };

    let oursFound = 0;
    let likeFound = 0;
    for (const q of queries) {
      if (kb.search(q).hits.length > 0) oursFound++;
      if (like.all({ q: `%${q}%` }).length > 0) likeFound++;
    }
    yield {
      metric: 'kb.found_share',
      value: round(oursFound / QUERIES, 3),
      unit: 'share',
      n: QUERIES,
      peer: 'like-scan',
      peer_value: round(likeFound / QUERIES, 3),
    };

    const guard = builtInGuard();
    const notes = generateNotes(NOTES);
    for (const note of notes.slice(0, 200)) guard.check(note);
    let flagged = 0;
    const perNote = notes.map((note) => time(() => (flagged += guard.check(note).length)));
    const total = perNote.reduce((s, v) => s + v, 0);
    yield {
      ...timingMetric('guard.note_check_ms', summarize(perNote), { digits: 3 }),
      avg_note_chars: Math.round(notes.reduce((s, n) => s + n.length, 0) / NOTES),
      matches_per_note: round(flagged / NOTES, 1),
    };
    yield { metric: 'guard.notes_per_s', value: round(NOTES / (total / 1000), 0), unit: 'notes/s', n: NOTES };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
