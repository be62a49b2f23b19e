import { parsePhoneNumberWithError } from 'libphonenumber-js/max';

// What the contacts search matches on. Each contact gets a set of terms — the words of its name and
// company, and the digits of each number in the forms people type them (+7 495…, 8 495…, 495…) —
// kept in `contact_terms` with an index on the term, so a prefix of any of them is one index range
// read, also on 200,000 contacts. Text is folded so that case, "ё"/"е" and accents do not matter.

const MAX_TERM = 64;
/** Sorts after every character that can follow a prefix: `prefix ≤ term < prefix + TOP`. */
const TOP = '\u{10FFFF}';

/** Lower case, ё → е, accents dropped (é → e) but й kept, so search ignores what people skip typing. */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  // ASCII needs nothing more (most numbers and many names): skip the Unicode work.
  if (!/[\u0080-\uffff]/.test(lower)) return lower;
  // Accents come off in the decomposed form; the breve stays, so NFC puts й back together.
  return lower
    .normalize('NFD')
    .replace(/[\u0300-\u0305\u0307-\u036f]/g, '')
    .normalize('NFC')
    .replace(/ё/g, 'е');
}

/** The words of a text, folded. */
export function wordsOf(text: string | null | undefined): string[] {
  if (!text) return [];
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '')
    .map((w) => w.slice(0, MAX_TERM));
}

/** The sort key of a contact's name (list order). */
export const nameKeyOf = (name: string): string => foldText(name).trim().slice(0, 200);

/** The digit forms of a number that a search may start with. */
export function numberTerms(number: { number: string; e164: string | null }): string[] {
  const out = new Set<string>();
  if (number.e164) {
    out.add(number.e164.replace(/\D/g, ''));
    try {
      const parsed = parsePhoneNumberWithError(number.e164);
      out.add(String(parsed.nationalNumber));
      out.add(parsed.formatNational().replace(/\D/g, ''));
    } catch {
      // the E.164 digits alone
    }
  } else {
    const digits = number.number.replace(/\D/g, '');
    if (digits) out.add(digits);
  }
  return [...out].filter((t) => t !== '').map((t) => t.slice(0, MAX_TERM));
}

export function termsOf(
  contact: { name: string; company: string | null },
  numbers: ReadonlyArray<{ number: string; e164: string | null }>,
): string[] {
  return [
    ...new Set([...wordsOf(contact.name), ...wordsOf(contact.company), ...numbers.flatMap(numberTerms)]),
  ];
}

/**
 * What a search query asks for: one prefix per word. A query that looks like a phone number
 * ("+7 (495) 12") is one prefix of its digits, however it is spaced.
 */
export function queryPrefixes(query: string): string[] {
  const trimmed = query.trim();
  if (/\d/.test(trimmed) && /^[\d\s()+\-.\u00A0]+$/.test(trimmed)) return [trimmed.replace(/\D/g, '')];
  return [...new Set(wordsOf(trimmed))].slice(0, 5);
}

/** The index range `[low, high)` that holds every term starting with `prefix`. */
export const prefixRange = (prefix: string): [string, string] => [prefix, prefix + TOP];
