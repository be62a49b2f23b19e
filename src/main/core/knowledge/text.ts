import { stemmer as stemEnglish } from '@orama/stemmers/english';
import { stemmer as stemRussian } from '@orama/stemmers/russian';

// Text analysis shared by indexing, querying and highlighting: the same folding and the same
// Snowball stems on both sides, or a query would never meet its article.

/** A word of the original text, with its offsets there and its folded (lower case, ё→е) form. */
export interface WordToken {
  start: number;
  end: number;
  folded: string;
}

const WORD = /[\p{L}\p{N}]+/gu;
const CYRILLIC = /[\u0400-\u04ff]/;
const LATIN = /[a-z]/;

export function fold(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е');
}

/** Every word of `text` with its offsets (letters and digits; ' and - split words, as FTS5 does). */
export function words(text: string): WordToken[] {
  const out: WordToken[] = [];
  for (const m of text.matchAll(WORD)) {
    out.push({ start: m.index, end: m.index + m[0].length, folded: fold(m[0]) });
  }
  return out;
}

// Stems repeat endlessly (an index of 10,000 articles has a few thousand distinct words): memoise.
const STEM_CACHE_LIMIT = 200_000;
const stemCache = new Map<string, string>();

/**
 * Russian Snowball, made consistent across the forms of a word:
 * - applied until the stem stops changing: Snowball cuts «модем» to «мод» but «модема» to «модем»
 *   (and «кредит»/«кред», «проблем»/«проблем»…); a second pass brings them together;
 * - the fleeting vowel of «-ок/-ек/-ец» dropped: «доставок», «скидок», «звонок» meet «доставк»,
 *   «скидк», «звонк» (Snowball's stems of «доставка», «скидки», «звонка»).
 * Index and query go through the same function, so a collision it may add («мода» and «модем»
 * share «мод») costs a little precision, never a missed form.
 */
function stemRussianWord(word: string): string {
  let current = word;
  for (let i = 0; i < 3; i++) {
    const next = stemRussian(current);
    if (next === current) break;
    current = next;
  }
  return current.length >= 4 ? current.replace(/([^аеиоуыэюяй])[ое]([кц])$/, '$1$2') : current;
}

/**
 * The stem of a folded word: Russian Snowball for Cyrillic words (see above), English Snowball
 * (Porter2) for Latin ones, numbers as they are. «тарифы», «тарифов» → «тариф»; "tariffs" → "tariff".
 */
export function stem(folded: string): string {
  let result = stemCache.get(folded);
  if (result !== undefined) return result;
  if (CYRILLIC.test(folded)) result = stemRussianWord(folded);
  else if (LATIN.test(folded)) result = stemEnglish(folded);
  else result = folded;
  // A stem never comes out empty or longer than the word (guards against odd inputs).
  if (result.length === 0 || result.length > folded.length + 1) result = folded;
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(folded, result);
  return result;
}

/**
 * The text the FTS index stores for a column: its stems, space-separated. `words`, when given,
 * collects each word form with its stem.
 */
export function indexTerms(text: string, words?: Map<string, string>): string {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) {
    const folded = fold(m[0]);
    const s = stem(folded);
    out.push(s);
    words?.set(folded, s);
  }
  return out.join(' ');
}

/** Words a query can drop: they match nearly every article and say nothing about the topic. */
export const STOPWORDS = new Set(
  (
    'и в во не на с со к ко о об обо от до по за из у для при без под над про как что это то ли же бы ' +
    'а но или да нет ни его ее их мне мой моя мое мои наш ваш вы я мы он она они так там тут где когда ' +
    'чем чтобы если уже еще есть быть был была были будет можно нужно какой какая какие сколько ' +
    'a an the of to in on at for by with from and or not is are was were be been it this that these ' +
    'those how what which who when where do does did can my your our their me you we they i'
  ).split(/\s+/),
);

/**
 * Markdown as plain text for snippets and indexing: the words a reader sees, without markup, link
 * targets or images' addresses. Deliberately simple (no full CommonMark parse): it only has to
 * keep words and drop syntax.
 */
export function markdownToPlain(markdown: string): string {
  return (
    markdown
      // images and links keep their text, not their address
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      .replace(/<(https?:[^>\s]+)>/g, '$1')
      .replace(/<\/?[a-zA-Z][^>]*>/g, ' ')
      // fences, headings, quotes, list markers, table rules
      .replace(/^\s*(```|~~~).*$/gm, '')
      .replace(/^\s{0,3}#{1,6}\s+/gm, '')
      .replace(/^\s{0,3}>\s?/gm, '')
      .replace(/^\s*(?:[-*+]|\d+[.)])\s+/gm, '')
      .replace(/^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$/gm, '')
      .replace(/\|/g, ' ')
      // emphasis and code marks
      .replace(/(\*\*|__|~~|`)/g, '')
      .replace(/(^|[\s(])[*_](?=\S)/g, '$1')
      .replace(/(?<=\S)[*_](?=[\s).,;:!?]|$)/gm, '')
      .replace(/[ \t]+/g, ' ')
      .replace(/\s*\n\s*/g, '\n')
      .trim()
  );
}
