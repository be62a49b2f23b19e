import { decodeCharset } from './decode.ts';
import { labelFromWords, type ImportRecord, type ParsedEntry } from './records.ts';
import { eventLoopTurns } from './turns.ts';

// Contacts from vCard files (.vcf): 3.0 and 4.0 (RFC 2426, RFC 6350) and the 2.1 that phones still
// export, with QUOTED-PRINTABLE values in a CHARSET and "=" soft line breaks. A small reader of our
// own: the maintained parsers handle 3.0/4.0 but not 2.1's quoted-printable, and what we need is
// small — FN, N, ORG, TEL (each, with its TYPE), EMAIL, NOTE, CATEGORIES. Each card is reported at
// the line of its BEGIN:VCARD; a card without its END is "malformed" and the next card goes on.

interface Property {
  name: string;
  params: Map<string, string[]>;
  value: string;
}

interface LogicalLine {
  line: number;
  text: string;
}

const isQuotedPrintable = (head: string) =>
  /(^|;)\s*(encoding\s*=\s*)?quoted-printable\s*(;|:|$)/i.test(head);

/** The physical lines of a text, one at a time (a 20 MB file is not split into an array at once). */
function* physicalLines(text: string): Generator<string> {
  const breaks = /\r\n|\r|\n/g;
  let start = 0;
  for (let found = breaks.exec(text); found; found = breaks.exec(text)) {
    yield text.slice(start, found.index);
    start = found.index + found[0].length;
  }
  yield text.slice(start);
}

/** Physical lines joined into content lines: folding (a leading space or tab) and QP soft breaks. */
function* logicalLines(text: string): Generator<LogicalLine> {
  let current: LogicalLine | undefined;
  let softBreak = false;
  let index = 0;
  for (const raw of physicalLines(text)) {
    index++;
    if (current && softBreak) {
      current.text = current.text.slice(0, -1) + raw.replace(/^[ \t]/, '');
    } else if (current && /^[ \t]/.test(raw)) {
      current.text += raw.slice(1);
    } else {
      if (current) yield current;
      current = { line: index, text: raw };
    }
    const colon = current.text.indexOf(':');
    softBreak = colon > 0 && isQuotedPrintable(current.text.slice(0, colon)) && current.text.endsWith('=');
  }
  if (current) yield current;
}

/** Splits at `separator` outside double quotes. */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === separator && !quoted) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

function parseProperty(text: string): Property | undefined {
  let quoted = false;
  let colon = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === ':' && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon <= 0) return undefined;
  const [nameWithGroup, ...rawParams] = splitOutsideQuotes(text.slice(0, colon), ';');
  const name = nameWithGroup!.replace(/^.*\./, '').trim().toUpperCase();
  const params = new Map<string, string[]>();
  for (const param of rawParams) {
    const eq = param.indexOf('=');
    // vCard 2.1 writes bare values: TEL;CELL;VOICE:… and …;QUOTED-PRINTABLE:…
    const key =
      eq < 0
        ? /^(quoted-printable|base64|b|8bit|7bit)$/i.test(param.trim())
          ? 'ENCODING'
          : 'TYPE'
        : param.slice(0, eq);
    const values = eq < 0 ? [param] : splitOutsideQuotes(param.slice(eq + 1), ',');
    const list = params.get(key.trim().toUpperCase()) ?? [];
    list.push(...values.map((v) => v.trim().replace(/^"|"$/g, '')).filter((v) => v !== ''));
    params.set(key.trim().toUpperCase(), list);
  }
  return { name, params, value: text.slice(colon + 1) };
}

function decodeQuotedPrintable(value: string, charset: string | undefined): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (ch === '=' && i === value.length - 1) {
      // a soft break left at the very end
    } else {
      bytes.push(...new TextEncoder().encode(ch));
    }
  }
  return decodeCharset(Uint8Array.from(bytes), charset);
}

/** A value's components (N, ORG) or list items (CATEGORIES), split at unescaped separators. */
function splitEscaped(value: string, separator: ';' | ','): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '\\' && i + 1 < value.length) {
      current += ch + value[i + 1];
      i++;
    } else if (ch === separator) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out;
}

const unescape = (value: string): string =>
  value.replace(/\\([nN,;:\\])/g, (_, ch: string) => (ch === 'n' || ch === 'N' ? '\n' : ch)).trim();

function textOf(property: Property): string {
  const encoding = property.params.get('ENCODING')?.[0]?.toLowerCase();
  if (encoding === 'quoted-printable')
    return decodeQuotedPrintable(property.value, property.params.get('CHARSET')?.[0]);
  return property.value;
}

function recordOf(properties: readonly Property[]): ImportRecord {
  const record: ImportRecord = { name: '', company: '', email: '', notes: '', tags: [], numbers: [] };
  const notes: string[] = [];
  let structuredName = '';
  for (const property of properties) {
    if (property.params.get('ENCODING')?.some((e) => /^(b|base64)$/i.test(e))) continue; // photos, keys
    const text = textOf(property);
    switch (property.name) {
      case 'FN':
        record.name ||= unescape(text);
        break;
      case 'N': {
        // Family;Given;Additional;Prefix;Suffix — written as people say it: Given Additional Family.
        const [family = '', given = '', additional = ''] = splitEscaped(text, ';').map(unescape);
        structuredName ||= [given, additional, family].filter((p) => p !== '').join(' ');
        break;
      }
      case 'ORG':
        // Organization;Unit;… — the organization's name is the company.
        record.company ||= unescape(splitEscaped(text, ';')[0] ?? '');
        break;
      case 'TEL': {
        const raw = unescape(text).replace(/^tel:/i, '').replace(/;.*$/, '');
        if (raw === '') break;
        const types = (property.params.get('TYPE') ?? []).join(' ');
        record.numbers.push({ raw, label: labelFromWords(types) });
        break;
      }
      case 'EMAIL':
        record.email ||= unescape(text);
        break;
      case 'NOTE': {
        const note = unescape(text);
        if (note !== '') notes.push(note);
        break;
      }
      case 'CATEGORIES':
        record.tags.push(
          ...splitEscaped(text, ',')
            .map(unescape)
            .filter((t) => t !== ''),
        );
        break;
    }
  }
  record.name ||= structuredName;
  record.notes = notes.join('\n');
  return record;
}

/** The cards of a vCard file; gives the event loop a turn every few milliseconds (see turns.ts). */
export async function parseVcards(text: string, sliceMs?: number): Promise<ParsedEntry[]> {
  const entries: ParsedEntry[] = [];
  const turns = eventLoopTurns(sliceMs);
  let card: { line: number; properties: Property[] } | undefined;
  for (const { line, text: content } of logicalLines(text)) {
    const pause = turns.turn();
    if (pause) await pause; // (not `await` on every line: a microtask each would double the time)
    if (content.trim() === '') continue;
    const property = parseProperty(content);
    if (property?.name === 'BEGIN' && property.value.trim().toUpperCase() === 'VCARD') {
      if (card) entries.push({ line: card.line, error: 'malformed' });
      card = { line, properties: [] };
    } else if (property?.name === 'END' && property.value.trim().toUpperCase() === 'VCARD') {
      if (card) entries.push({ line: card.line, record: recordOf(card.properties) });
      card = undefined;
    } else if (card && property) {
      card.properties.push(property);
    }
    // Anything else (text between cards, base64 lines of a photo) is not a contact's field.
  }
  if (card) entries.push({ line: card.line, error: 'malformed' });
  return entries;
}

/** Whether a text is a vCard file (its first content line is BEGIN:VCARD). */
export const looksLikeVcard = (text: string): boolean => /^\s*BEGIN\s*:\s*VCARD/i.test(text);
