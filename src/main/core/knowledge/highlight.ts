import type { TermMatcher } from './query.ts';
import { words } from './text.ts';

// Highlights in the text the operator reads. The index holds stems, so FTS5's own snippet() would
// show «тариф доставк»; instead each word of the original title or body is stemmed again and
// compared with the query's stems — the offsets are then offsets in the original text.

export type Range = [start: number, end: number];

/** How far into a long body a snippet is looked for. */
const SNIPPET_SCAN = 30_000;
/** Context kept before the first highlighted word of a snippet. */
const LEAD = 40;

export function highlightRanges(text: string, matcher: TermMatcher): Range[] {
  const out: Range[] = [];
  for (const token of words(text)) if (matcher.match(token.folded) !== -1) out.push([token.start, token.end]);
  return out;
}

/**
 * About `maxLength` characters of `plain` around the place where the most different query words
 * meet, cut at word boundaries, with "…" where cut, and the highlighted words in it.
 */
export function makeSnippet(
  plain: string,
  matcher: TermMatcher,
  maxLength = 180,
): { text: string; highlights: Range[] } {
  const tokens = words(plain.length > SNIPPET_SCAN ? plain.slice(0, SNIPPET_SCAN) : plain);
  const hits: Array<{ start: number; end: number; term: number }> = [];
  for (const token of tokens) {
    const term = matcher.match(token.folded);
    if (term !== -1) hits.push({ start: token.start, end: token.end, term });
  }

  let from = 0;
  if (hits.length > 0) {
    // The window (starting at a hit) that holds the most different query terms; the first wins ties.
    let best = -1;
    let bestStart = hits[0]!.start;
    for (let i = 0; i < hits.length && i < 200; i++) {
      const limit = hits[i]!.start + maxLength - LEAD;
      const distinct = new Set<number>();
      for (let j = i; j < hits.length && hits[j]!.end <= limit; j++) distinct.add(hits[j]!.term);
      if (distinct.size > best) {
        best = distinct.size;
        bestStart = hits[i]!.start;
      }
    }
    // Some context before it: from the sentence's start when that is near, else from a word.
    const wanted = Math.max(0, bestStart - LEAD);
    const lead = plain.slice(wanted, bestStart);
    const sentenceEnd = Math.max(
      lead.lastIndexOf('. '),
      lead.lastIndexOf('\n'),
      lead.lastIndexOf('! '),
      lead.lastIndexOf('? '),
    );
    const after = sentenceEnd === -1 ? wanted : wanted + sentenceEnd + 1;
    from = tokens.find((t) => t.start >= after)?.start ?? bestStart;
    if (from > bestStart) from = bestStart;
  }
  let to = Math.min(plain.length, from + maxLength);
  if (to < plain.length) {
    // End at the end of the last whole word.
    const last = tokens.filter((t) => t.start >= from && t.end <= to).at(-1);
    if (last) to = last.end;
  }

  const head = from > 0 ? '…' : '';
  const tail = to < plain.length ? '…' : '';
  // Line breaks become spaces, one for one, so the offsets stay true.
  const text = head + plain.slice(from, to).replace(/\s/g, ' ') + tail;
  const highlights: Range[] = hits
    .filter((h) => h.start >= from && h.end <= to)
    .map((h) => [h.start - from + head.length, h.end - from + head.length]);
  return { text, highlights };
}
