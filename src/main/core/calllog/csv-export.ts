import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { CallLogCursor, CallLogFilter, ExportLocale } from '../../../shared/model/call-history.ts';
import { mainText, type MainStringKey } from '../i18n/main-strings.ts';
import type { Db } from '../store/database.ts';
import { buildHistoryQuery, displayNumber, iterateHistoryRows, type HistorySqlRow } from './history-query.ts';
import type { CallOutcome } from './outcome.ts';

// The call history as a CSV file for Excel and LibreOffice, streamed: rows are read in keyset
// batches (the same query as the History screen), each batch iterated from its statement and
// written as one chunk, so a million calls never sit in memory and the main process answers SIP
// and IPC between batches. The file appears only when complete: written beside the target under a
// temporary name, then renamed.
//
// Format choices:
// - UTF-8 with a BOM (Excel otherwise reads Cyrillic as cp1251), CRLF line ends, RFC 4180 quoting:
//   a field with a quote, a delimiter of either kind, CR or LF is quoted, quotes doubled.
// - The delimiter is the one Excel expects for the language: "," in English, ";" in Russian (Excel
//   with Russian regional settings opens a comma file as one column). A "sep=" line would fix the
//   delimiter but makes Excel ignore the BOM, so it is not used.
// - Formula injection: a cell starting with = + - @ TAB or CR gets a leading apostrophe, so a
//   caller's name like "=HYPERLINK(…)" stays text.
// - Phone numbers: "+74951234567" would be a formula (or become the number 74951234567), and an
//   apostrophe in front would stay in the cell and break copying. A known number is written as a
//   tel: URI, "tel:+74951234567" (RFC 3966): Excel keeps it as text, it reads as the number, and
//   Hotline's dial box and most softphones and CRMs take it as is. Extensions and other numbers
//   are written as received; masked numbers as on screen (guarded like any other cell: they are
//   not meant to be dialled).
// - Times in the computer's local time as YYYY-MM-DD HH:mm:ss; durations in whole seconds.

export interface CsvExportOptions {
  filter: CallLogFilter;
  locale: ExportLocale;
  /** Where the finished file goes (an existing file there is replaced). */
  path: string;
  mask: boolean;
  defaultRegion: string;
  /** The disposition's name in the export's language (the code when it is not configured). */
  dispositionLabel?: (code: string) => string;
  /** Rows read and written per step; tests make it small. */
  batchSize?: number;
}

type Column =
  | 'time'
  | 'direction'
  | 'outcome'
  | 'number'
  | 'name'
  | 'contact'
  | 'ring'
  | 'talk'
  | 'hold'
  | 'disposition'
  | 'callId';

const COLUMNS: readonly Column[] = [
  'time',
  'direction',
  'outcome',
  'number',
  'name',
  'contact',
  'ring',
  'talk',
  'hold',
  'disposition',
  'callId',
];

interface Labels {
  delimiter: string;
  columns: Record<Column, string>;
  direction: Record<'inbound' | 'outbound', string>;
  outcome: Record<CallOutcome | 'in-progress', string>;
}

/** Excel's list separator for the language (see "Format choices" above). */
const DELIMITERS: Record<ExportLocale, string> = { en: ',', ru: ';' };

/** The headers and values in the export's language; the texts live with main's others in core/i18n. */
function labelsOf(locale: ExportLocale): Labels {
  const text = (key: MainStringKey) => mainText(locale, key);
  return {
    delimiter: DELIMITERS[locale],
    columns: {
      time: text('csv.column.time'),
      direction: text('csv.column.direction'),
      outcome: text('csv.column.outcome'),
      number: text('csv.column.number'),
      name: text('csv.column.name'),
      contact: text('csv.column.contact'),
      ring: text('csv.column.ring'),
      talk: text('csv.column.talk'),
      hold: text('csv.column.hold'),
      disposition: text('csv.column.disposition'),
      callId: text('csv.column.callId'),
    },
    direction: { inbound: text('csv.direction.inbound'), outbound: text('csv.direction.outbound') },
    outcome: {
      answered: text('csv.outcome.answered'),
      missed: text('csv.outcome.missed'),
      declined: text('csv.outcome.declined'),
      busy: text('csv.outcome.busy'),
      failed: text('csv.outcome.failed'),
      cancelled: text('csv.outcome.cancelled'),
      interrupted: text('csv.outcome.interrupted'),
      'in-progress': text('csv.outcome.in-progress'),
    },
  };
}

export const CSV_LABELS: Record<ExportLocale, Labels> = { en: labelsOf('en'), ru: labelsOf('ru') };

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell that no spreadsheet evaluates. */
export function guardFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** RFC 4180: quote a field holding a quote, a delimiter (either kind), CR or LF; double quotes. */
export function quoteField(value: string): string {
  return /[",;\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Local time, YYYY-MM-DD HH:mm:ss. */
export function localTimestamp(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  );
}

const seconds = (ms: number | null) => (ms === null ? '' : String(Math.round(ms / 1000)));

/** The number column; masking parses each number, so a batch of calls reuses repeated numbers. */
function numberCells(options: CsvExportOptions): (row: HistorySqlRow) => string {
  const masked = new Map<string, string>();
  return (row) => {
    if (!options.mask) return row.remote_e164 ? `tel:${row.remote_e164}` : guardFormula(row.remote_number);
    const key = `${row.remote_e164 ?? ''}|${row.remote_number}`;
    let cell = masked.get(key);
    if (cell === undefined) {
      if (masked.size >= 10_000) masked.clear();
      masked.set(key, (cell = guardFormula(displayNumber(row, options))));
    }
    return cell;
  };
}

function line(cells: string[], delimiter: string): string {
  return `${cells.map(quoteField).join(delimiter)}\r\n`;
}

function rowLine(
  row: HistorySqlRow,
  numberCell: (row: HistorySqlRow) => string,
  labels: Labels,
  dispositionLabel: (code: string) => string,
): string {
  const values: Record<Column, string> = {
    time: localTimestamp(row.created_at),
    direction: labels.direction[row.direction],
    outcome: labels.outcome[row.outcome ?? 'in-progress'],
    number: numberCell(row),
    name: guardFormula(row.remote_name ?? ''),
    contact: guardFormula(row.contact_name ?? ''),
    ring: seconds(row.ring_ms),
    talk: seconds(row.talk_ms),
    hold: seconds(row.hold_ms),
    disposition: guardFormula(row.disposition ? dispositionLabel(row.disposition) : ''),
    callId: guardFormula(row.id),
  };
  return line(
    COLUMNS.map((c) => values[c]),
    labels.delimiter,
  );
}

/** Writes the filtered history to `options.path`; returns the number of calls written. */
export async function exportCallsCsv(db: Db, options: CsvExportOptions): Promise<number> {
  const labels = CSV_LABELS[options.locale];
  const batchSize = options.batchSize ?? 1000;
  const temp = join(
    dirname(options.path),
    `.${basename(options.path)}.${randomBytes(4).toString('hex')}.part`,
  );
  const file = await open(temp, 'wx');
  const numberCell = numberCells(options);
  const dispositionLabel = options.dispositionLabel ?? ((code: string) => code);
  let count = 0;
  try {
    await file.write(
      `\uFEFF${line(
        COLUMNS.map((c) => labels.columns[c]),
        labels.delimiter,
      )}`,
    );
    let cursor: CallLogCursor | undefined;
    for (;;) {
      const query = buildHistoryQuery(options.filter, {
        cursor,
        limit: batchSize,
        defaultRegion: options.defaultRegion,
      });
      // The statement is iterated to the end before any await: the connection is the core's only
      // one, and the call log must be able to write between batches.
      let chunk = '';
      let last: HistorySqlRow | undefined;
      let inBatch = 0;
      for (const row of iterateHistoryRows(db, query)) {
        chunk += rowLine(row, numberCell, labels, dispositionLabel);
        last = row;
        inBatch++;
      }
      if (chunk) await file.write(chunk);
      count += inBatch;
      if (!last || inBatch < batchSize) break;
      cursor = { createdAt: last.created_at, id: last.id };
    }
    await file.sync();
    await file.close();
    await rename(temp, options.path);
    return count;
  } catch (error) {
    await file.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}
