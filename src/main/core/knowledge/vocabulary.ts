// The index's vocabulary in memory, for what FTS5 cannot do itself:
// - stems and how many articles have each (`kb_vocab`): "does any stem start with…", and an
//   estimate of how many articles a query will match;
// - word forms as they appear in the articles, each with its stem (`kb_words`): typo tolerance.
//   What the operator typed is compared with real words, within one or two edits (insert, delete,
//   substitute, swap two neighbours), and the stems of the nearest words are searched for.
// A scan over tens of thousands of words with a bounded edit distance takes about a millisecond,
// and runs only for a word that matches nothing.

export interface NearTerm {
  /** The stem to search for. */
  term: string;
  /** The word form that was near. */
  word: string;
  distance: number;
  doc: number;
}

/** How many edits a word of this length may have: none for short words (too many neighbours). */
export function maxEdits(length: number): number {
  if (length <= 3) return 0;
  if (length <= 6) return 1;
  return 2;
}

export class Vocabulary {
  readonly size: number;
  private readonly sorted: string[];
  private readonly docs: Map<string, number>;
  /** docsBefore[i]: the document counts of sorted[0..i) added up, for prefix estimates. */
  private readonly docsBefore: Float64Array;
  /** Word forms whose stem is in the index, grouped by length. */
  private readonly wordsByLength = new Map<number, Array<{ word: string; stem: string }>>();
  // Rows of the edit-distance table, reused between calls.
  private rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

  constructor(
    stems: ReadonlyArray<{ term: string; doc: number }>,
    words: ReadonlyArray<{ word: string; stem: string }> = [],
  ) {
    this.docs = new Map(stems.map((e) => [e.term, e.doc]));
    this.sorted = [...this.docs.keys()].sort();
    this.size = this.sorted.length;
    this.docsBefore = new Float64Array(this.size + 1);
    this.sorted.forEach((term, i) => (this.docsBefore[i + 1] = this.docsBefore[i]! + this.docs.get(term)!));
    for (const entry of words) {
      if (!this.docs.has(entry.stem)) continue;
      let bucket = this.wordsByLength.get(entry.word.length);
      if (!bucket) this.wordsByLength.set(entry.word.length, (bucket = []));
      bucket.push(entry);
    }
  }

  docCount(term: string): number {
    return this.docs.get(term) ?? 0;
  }

  /** The first index in `sorted` whose term is not below `key`. */
  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Whether any stem starts with `prefix` (a binary search). */
  hasPrefix(prefix: string): boolean {
    const i = this.lowerBound(prefix);
    return i < this.sorted.length && this.sorted[i]!.startsWith(prefix);
  }

  /**
   * An upper estimate of the articles having a stem that starts with `prefix`: the document counts
   * of those stems added up (an article with two of them counts twice).
   */
  prefixDocs(prefix: string): number {
    // Every term starting with `prefix` sorts below prefix + the highest UTF-16 unit.
    const from = this.lowerBound(prefix);
    const to = this.lowerBound(`${prefix}\uffff`);
    return this.docsBefore[to]! - this.docsBefore[from]!;
  }

  /**
   * The stems of the word forms within `maxDistance` edits of `typed` (of a beginning of the word
   * when `prefix`: the operator is still typing it), nearest first, then the most common.
   */
  near(typed: string, maxDistance: number, options: { prefix?: boolean; limit?: number } = {}): NearTerm[] {
    if (maxDistance <= 0) return [];
    const prefix = options.prefix ?? false;
    const best = new Map<string, NearTerm>();
    for (const [length, bucket] of this.wordsByLength) {
      if (prefix ? length < typed.length - maxDistance : Math.abs(length - typed.length) > maxDistance)
        continue;
      for (const { word, stem } of bucket) {
        if (word === typed) continue;
        const distance = this.distance(typed, word, maxDistance, prefix);
        if (distance > maxDistance) continue;
        const known = best.get(stem);
        if (!known || distance < known.distance)
          best.set(stem, { term: stem, word, distance, doc: this.docs.get(stem)! });
      }
    }
    return [...best.values()]
      .sort((a, b) => a.distance - b.distance || b.doc - a.doc || (a.term < b.term ? -1 : 1))
      .slice(0, options.limit ?? 3);
  }

  /**
   * Optimal-string-alignment distance between `a` and `b` (or the closest beginning of `b`),
   * giving up as soon as it must exceed `max`.
   */
  private distance(a: string, b: string, max: number, prefix: boolean): number {
    const bLength = prefix ? Math.min(b.length, a.length + max) : b.length;
    const width = bLength + 1;
    if (this.rows[0]!.length < width) this.rows = [0, 1, 2].map(() => new Int32Array(width * 2));
    let [prev2, prev, row] = this.rows as [Int32Array, Int32Array, Int32Array];
    for (let j = 0; j < width; j++) prev[j] = j;
    for (let i = 1; i <= a.length; i++) {
      row[0] = i;
      let rowMin = i;
      const ca = a.charCodeAt(i - 1);
      for (let j = 1; j < width; j++) {
        const cb = b.charCodeAt(j - 1);
        let value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (ca === cb ? 0 : 1));
        if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
          value = Math.min(value, prev2[j - 2]! + 1);
        }
        row[j] = value;
        if (value < rowMin) rowMin = value;
      }
      if (rowMin > max) return max + 1;
      [prev2, prev, row] = [prev, row, prev2];
    }
    // `prev` holds the last row: the whole of b, or (prefix) the best cut of it.
    if (!prefix) return prev[bLength]!;
    let best = max + 1;
    for (let j = Math.max(0, a.length - max); j < width; j++) best = Math.min(best, prev[j]!);
    return best;
  }
}
