import { parse } from 'csv-parse';
import { AppError } from '../../app-error.ts';
import { labelFromWords, splitList, type ImportRecord, type ParsedEntry } from './records.ts';
import { eventLoopTurns } from './turns.ts';

// Contacts from a CSV file as spreadsheets, CRMs and phone apps write them: a header row names the
// columns, in English or Russian and in many spellings ("ФИО", "Full Name", "Рабочий телефон",
// "Phone 1 - Value"…); the delimiter is a comma, a semicolon (Excel with a Russian locale) or a
// tab, found from the header; quoting as RFC 4180, read by csv-parse and forgiving a stray quote.
// A row that still cannot be read is reported at the line it starts on, and the rest go on.

type Field = 'name' | 'given' | 'middle' | 'family' | 'company' | 'phone' | 'email' | 'notes' | 'tags';

interface Column {
  index: number;
  field: Field;
  /** For phone columns: the label its header implies. */
  label?: ReturnType<typeof labelFromWords>;
}

const NAME = new Set([
  'name',
  'fullname',
  'displayname',
  'contactname',
  'contact',
  'фио',
  'полноеимя',
  'контакт',
  'имяконтакта',
  'клиент',
  'абонент',
  'наименование',
  'название',
]);
const GIVEN = new Set(['firstname', 'givenname', 'first', 'имя']);
const MIDDLE = new Set(['middlename', 'additionalname', 'secondname', 'отчество']);
const FAMILY = new Set(['lastname', 'familyname', 'surname', 'last', 'фамилия']);
const COMPANY = new Set([
  'company',
  'companyname',
  'organization',
  'organisation',
  'org',
  'organizationname',
  'organization1name',
  'компания',
  'организация',
  'фирма',
  'предприятие',
  'названиекомпании',
]);
const NOTES = new Set([
  'notes',
  'note',
  'comment',
  'comments',
  'description',
  'заметки',
  'заметка',
  'примечание',
  'примечания',
  'комментарий',
  'комментарии',
  'описание',
]);
const TAGS = new Set([
  'tags',
  'tag',
  'labels',
  'label',
  'groups',
  'group',
  'groupmembership',
  'categories',
  'category',
  'теги',
  'тег',
  'метки',
  'метка',
  'группы',
  'группа',
  'категории',
  'категория',
]);
const EMAIL = /^(email|mail|почта|электроннаяпочта|элпочта|эпочта|емейл|имейл)/;
const PHONE = /phone|^tel|mobile|^cell|телефон|^тел|^моб|^сотов|номер/;

/** Which field a header names, if any ("Имя" is a first name only next to a "Фамилия" column). */
function fieldOf(header: string, hasFamily: boolean): Field | undefined {
  const compact = header
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]/gu, '');
  if (compact === '') return undefined;
  // Google's "Phone 1 - Type" beside "Phone 1 - Value": the type column is not a number.
  if (/type$|тип$/.test(compact)) return undefined;
  if (compact === 'имя') return hasFamily ? 'given' : 'name';
  if (NAME.has(compact)) return 'name';
  if (GIVEN.has(compact)) return 'given';
  if (MIDDLE.has(compact)) return 'middle';
  if (FAMILY.has(compact)) return 'family';
  if (COMPANY.has(compact)) return 'company';
  if (NOTES.has(compact)) return 'notes';
  if (TAGS.has(compact)) return 'tags';
  if (EMAIL.test(compact)) return 'email';
  if (/fax|факс/.test(compact)) return undefined;
  if (PHONE.test(compact)) return 'phone';
  return undefined;
}

export function mapColumns(header: readonly string[]): Column[] {
  const hasFamily = header.some((h) => fieldOf(h, false) === 'family');
  const columns: Column[] = [];
  header.forEach((h, index) => {
    const field = fieldOf(h, hasFamily);
    if (!field) return;
    columns.push(field === 'phone' ? { index, field, label: labelFromWords(h) } : { index, field });
  });
  return columns;
}

/** The delimiter the header line uses most, outside quotes: `,` `;` or a tab. */
export function detectDelimiter(text: string): string {
  // The first non-empty line, without splitting the whole (possibly 20 MB) text into lines.
  let firstLine = '';
  for (let start = 0; start < text.length && firstLine.trim() === '';) {
    const end = text.indexOf('\n', start);
    firstLine = text.slice(start, end === -1 ? text.length : end);
    start = end === -1 ? text.length : end + 1;
  }
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [ch, count] of counts) if (count > counts.get(best)!) best = ch;
  return best;
}

/** The line a record starts on, from the line it ends on and its raw text (see parseCsv). */
function startLine(endLine: number, raw: string | undefined): number {
  const body = (raw ?? '').replace(/^\n+/, '').replace(/\n$/, '');
  return Math.max(1, endLine - (body.match(/\n/g)?.length ?? 0));
}

/** Text per piece fed to the parser: about 10 ms of parsing, then the event loop gets a turn. */
const CSV_PIECE_CHARS = 256 * 1024;

export async function parseCsv(input: string, pieceChars = CSV_PIECE_CHARS): Promise<ParsedEntry[]> {
  // One kind of line break, so csv-parse's line count is the editor's (it counts CR LF inside quotes
  // as two lines).
  const text = input.replace(/\r\n?/g, '\n');
  const delimiter = detectDelimiter(text);
  const entries: ParsedEntry[] = [];
  const rows: Array<{ record: string[]; info: { lines: number }; raw: string }> = [];
  // The streaming parser, fed piece by piece with a turn of the event loop between pieces: the core
  // also answers the phone, and a 20 MB file takes most of a second to parse.
  const parser = parse({
    delimiter,
    info: true,
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error, raw) => {
      const lines = (error as { lines?: number } | undefined)?.lines ?? 1;
      entries.push({ line: startLine(lines, raw), error: 'malformed' });
    },
  });
  parser.on('data', (row: (typeof rows)[number]) => rows.push(row));
  const parsed = new Promise<void>((resolveParsed, reject) => {
    parser.on('end', resolveParsed);
    parser.on('error', reject);
  });
  for (let at = 0; at < text.length;) {
    let end = Math.min(text.length, at + pieceChars);
    // Never split a surrogate pair (an emoji in a name) between two pieces.
    if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end++;
    parser.write(text.slice(at, end));
    at = end;
    await new Promise<void>((resolveTurn) => setImmediate(resolveTurn));
  }
  parser.end();
  await parsed;
  const [head, ...body] = rows;
  if (!head) return entries;
  const columns = mapColumns(head.record);
  const named = columns.some(
    (c) => c.field !== 'phone' && c.field !== 'email' && c.field !== 'notes' && c.field !== 'tags',
  );
  if (!named || !columns.some((c) => c.field === 'phone'))
    throw new AppError('VALIDATION', 'The CSV header has no name or no phone column', [
      { path: 'file', message: 'no-columns' },
    ]);
  const turns = eventLoopTurns();
  for (const row of body) {
    const pause = turns.turn();
    if (pause) await pause;
    const cells = row.record;
    if (cells.every((c) => c.trim() === '')) continue;
    entries.push({ line: startLine(row.info.lines, row.raw), record: recordOf(cells, columns) });
  }
  return entries.sort((a, b) => a.line - b.line);
}

function recordOf(cells: readonly string[], columns: readonly Column[]): ImportRecord {
  const record: ImportRecord = { name: '', company: '', email: '', notes: '', tags: [], numbers: [] };
  const parts: Record<'given' | 'middle' | 'family', string> = { given: '', middle: '', family: '' };
  const notes: string[] = [];
  for (const column of columns) {
    const value = (cells[column.index] ?? '').trim();
    if (value === '') continue;
    switch (column.field) {
      case 'name':
        record.name ||= value;
        break;
      case 'given':
      case 'middle':
      case 'family':
        parts[column.field] ||= value;
        break;
      case 'company':
        record.company ||= value;
        break;
      case 'email':
        record.email ||= splitList(value)[0] ?? '';
        break;
      case 'notes':
        notes.push(value);
        break;
      case 'tags':
        record.tags.push(...splitList(value));
        break;
      case 'phone':
        for (const raw of splitList(value)) record.numbers.push({ raw, label: column.label ?? 'other' });
        break;
    }
  }
  record.name ||= [parts.given, parts.middle, parts.family].filter((p) => p !== '').join(' ');
  record.notes = notes.join('\n');
  return record;
}
