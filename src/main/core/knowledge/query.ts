import { STOPWORDS, stem, words } from './text.ts';
import { maxEdits, type Vocabulary } from './vocabulary.ts';

// From what the operator typed to an FTS5 query over stems. Each word becomes its Snowball stem;
// the last word, while it is still being typed, becomes a prefix; a word the index does not know
// becomes the known stems one or two typing mistakes away from it.

/** A prefix shorter than this would expand to most of the vocabulary. */
export const MIN_PREFIX = 2;

export interface QueryTerm {
  /** The word as typed, folded. */
  typed: string;
  /** Stems to match exactly. */
  exact: string[];
  /** Stems to match by their beginning. */
  prefixes: string[];
  /** Set when the word matched nothing and was read as these words of the articles. */
  corrected?: string[];
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}

export function analyzeQuery(query: string, vocabulary: Vocabulary): QueryTerm[] {
  const tokens = words(query);
  if (tokens.length === 0) return [];
  // Still typing the last word: nothing (no space, no punctuation) after it.
  const typing = tokens.at(-1)!.end === query.length;
  // Stop words say nothing about the topic («тарифы на интернет»), except the word being typed,
  // which may be the start of another («на» → «наличие»); and one letter says nothing yet.
  const candidates = tokens
    .map((token, i) => ({ folded: token.folded, last: typing && i === tokens.length - 1 }))
    .filter((c) => (c.last ? c.folded.length >= MIN_PREFIX : !STOPWORDS.has(c.folded)));

  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  for (const { folded, last } of candidates) {
    const key = `${last ? '*' : ''}${folded}`;
    if (seen.has(key)) continue;
    seen.add(key);
    terms.push(last ? prefixTerm(folded, vocabulary) : wordTerm(folded, vocabulary));
  }
  return terms;
}

function wordTerm(folded: string, vocabulary: Vocabulary): QueryTerm {
  const s = stem(folded);
  if (vocabulary.docCount(s) > 0) return { typed: folded, exact: [s], prefixes: [] };
  // Not a known stem. A cut-short word («интер») is the start of known ones…
  if (s.length >= 3 && vocabulary.hasPrefix(s)) return { typed: folded, exact: [], prefixes: [s] };
  // …otherwise look for a typing mistake: the word forms of the articles nearest to it.
  const near = vocabulary.near(folded, maxEdits(folded.length));
  if (near.length > 0) {
    return {
      typed: folded,
      exact: unique(near.map((n) => n.term)),
      prefixes: [],
      corrected: near.map((n) => n.word),
    };
  }
  return { typed: folded, exact: [s], prefixes: [] };
}

function prefixTerm(folded: string, vocabulary: Vocabulary): QueryTerm {
  const s = stem(folded);
  // The stem as a prefix finds the other forms («тарифо» → тариф*); the typed word covers the
  // rare stem that is not a beginning of the word (English "delivery" → "deliveri").
  const prefixes = unique([s.length >= MIN_PREFIX ? s : folded, ...(folded.startsWith(s) ? [] : [folded])]);
  if (prefixes.some((p) => vocabulary.hasPrefix(p))) return { typed: folded, exact: [], prefixes };
  const near = vocabulary.near(folded, maxEdits(folded.length), { prefix: true, limit: 5 });
  if (near.length > 0) {
    return {
      typed: folded,
      exact: unique(near.map((n) => n.term)),
      prefixes: [],
      corrected: near.map((n) => n.word),
    };
  }
  return { typed: folded, exact: [], prefixes };
}

/** FTS5 columns searched when a query is too broad to rank every article it matches. */
export const HEADLINE_COLUMNS = '{title_terms tags_terms}';

/**
 * The FTS5 expression: every term (`all`) or any of them (`any`), optionally only in some columns.
 * Terms are letters and digits only (words()), so quoting them is enough.
 */
export function toMatchExpression(
  terms: readonly QueryTerm[],
  mode: 'all' | 'any',
  columns?: string,
): string {
  const parts = terms.map((term) => {
    const options = [...term.exact.map((t) => `"${t}"`), ...term.prefixes.map((p) => `"${p}"*`)];
    return options.length === 1 ? options[0]! : `(${options.join(' OR ')})`;
  });
  const expression = parts.join(mode === 'all' ? ' AND ' : ' OR ');
  return columns ? `${columns} : (${expression})` : expression;
}

/**
 * About how many articles the query matches, from the vocabulary's document counts: the fewest of
 * any term when all must match, the sum when any may. Used to keep unselective queries (the first
 * letters typed, «по», «те») from ranking the whole knowledge base on every keystroke.
 */
export function estimateMatches(
  terms: readonly QueryTerm[],
  mode: 'all' | 'any',
  vocabulary: Vocabulary,
): number {
  const perTerm = terms.map(
    (term) =>
      term.exact.reduce((sum, t) => sum + vocabulary.docCount(t), 0) +
      term.prefixes.reduce((sum, p) => sum + vocabulary.prefixDocs(p), 0),
  );
  return mode === 'all' ? Math.min(...perTerm) : perTerm.reduce((a, b) => a + b, 0);
}

/**
 * Tells which query term a word of an article matches (for highlighting the original text, where
 * the index only has stems), or -1. Cheap for the words that cannot match: most are rejected by
 * their first letter before any stemming.
 */
export class TermMatcher {
  private readonly exact = new Map<string, number>();
  private readonly prefixes: Array<{ prefix: string; term: number }> = [];
  private readonly firstLetters = new Set<string>();

  constructor(terms: readonly QueryTerm[]) {
    terms.forEach((term, index) => {
      for (const t of term.exact) {
        if (!this.exact.has(t)) this.exact.set(t, index);
        this.firstLetters.add(t[0]!);
      }
      for (const p of term.prefixes) {
        this.prefixes.push({ prefix: p, term: index });
        this.firstLetters.add(p[0]!);
      }
    });
  }

  match(folded: string): number {
    if (!this.firstLetters.has(folded[0]!)) return -1;
    const s = stem(folded);
    const exact = this.exact.get(s);
    if (exact !== undefined) return exact;
    for (const { prefix, term } of this.prefixes) {
      if (s.startsWith(prefix) || folded.startsWith(prefix)) return term;
    }
    return -1;
  }
}
