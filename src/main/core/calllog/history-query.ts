import type {
  CallLogCursor,
  CallLogEntry,
  CallLogFilter,
  CallOutcomeValue,
} from '../../../shared/model/call-history.ts';
import { parseDialTarget, toE164 } from '../../../shared/phone/dial-target.ts';
import { shownNumber } from '../../../shared/phone/mask-number.ts';
import { prepared, type Db } from '../store/database.ts';
import type { CallOutcome } from './outcome.ts';

// The call history query, shared by the History screen (pages of 50) and the CSV export (batches
// of a thousand): one SQL shape per combination of filters, newest first, keyset by
// (created_at, id) so page N costs the same as page 1. Ordering and the direction/outcome filters
// come from the `calls_history` index (migration 0045); a whole number uses `calls_by_number`.
// Substring search (name, part of a number) has to look at rows, but only walks the index order
// until the page is full — the period bounds it.

// The shared outcome list and the core's must be the same set (a compile error otherwise).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _outcomesMatch: Same<CallOutcome, CallOutcomeValue> = true;

export interface HistorySqlRow {
  id: string;
  direction: 'inbound' | 'outbound';
  remote_number: string;
  remote_e164: string | null;
  remote_name: string | null;
  remote_uri: string | null;
  created_at: number;
  answered_at: number | null;
  ended_at: number | null;
  ring_ms: number | null;
  talk_ms: number | null;
  hold_ms: number;
  outcome: CallOutcome | null;
  contact_name: string | null;
  disposition: string | null;
}

export interface HistoryQuery {
  sql: string;
  params: Record<string, string | number>;
}

const SELECT = `SELECT c.id, c.direction, c.remote_number, c.remote_e164, c.remote_name, c.remote_uri,
  c.created_at, c.answered_at, c.ended_at, c.ring_ms, c.talk_ms, c.hold_ms, c.outcome,
  ct.name AS contact_name, w.disposition
FROM calls c
LEFT JOIN contacts ct ON ct.id = c.contact_id
LEFT JOIN wrapups w ON w.call_id = c.id`;

const escapeLike = (text: string) => `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
const PHONE_LIKE = /^[0-9+*#()\-.\s\u00A0\u2010-\u2015]+$/;
const SEPARATORS = /[()\-.\s\u00A0\u2010-\u2015]/g;

/**
 * SQLite's LIKE ignores case for ASCII only, so "иван" would miss "Иван": search the spellings a
 * name is written in (as typed, lower, UPPER, Capitalized, Each Word) instead of a per-row function,
 * which would cost a JavaScript call for every row scanned.
 */
export function caseVariants(text: string): string[] {
  if (/^[\x20-\x7e]*$/.test(text)) return [text];
  const lower = text.toLocaleLowerCase();
  const capitalize = (word: string) => word.charAt(0).toLocaleUpperCase() + word.slice(1);
  return [
    ...new Set([
      text,
      lower,
      text.toLocaleUpperCase(),
      capitalize(lower),
      lower.split(' ').map(capitalize).join(' '),
    ]),
  ];
}

/** The SQL and parameters for one page (or export batch) of the filtered history. */
export function buildHistoryQuery(
  filter: CallLogFilter,
  options: { cursor?: CallLogCursor; limit: number; defaultRegion: string },
): HistoryQuery {
  const where: string[] = [];
  const params: Record<string, string | number> = { limit: options.limit };
  if (options.cursor) {
    where.push('(c.created_at, c.id) < (@cursorAt, @cursorId)');
    params.cursorAt = options.cursor.createdAt;
    params.cursorId = options.cursor.id;
  }
  if (filter.from !== undefined) {
    where.push('c.created_at >= @from');
    params.from = filter.from;
  }
  if (filter.to !== undefined) {
    where.push('c.created_at < @to');
    params.to = filter.to;
  }
  if (filter.direction) {
    where.push('c.direction = @direction');
    params.direction = filter.direction;
  }
  const outcomes = [...new Set(filter.outcomes ?? [])];
  if (outcomes.length > 0) {
    where.push(`c.outcome IN (${outcomes.map((_, i) => `@outcome${i}`).join(', ')})`);
    outcomes.forEach((o, i) => (params[`outcome${i}`] = o));
  }
  const number = filter.number?.trim();
  if (number) {
    const e164 = toE164(number, options.defaultRegion);
    if (e164) {
      where.push('c.remote_e164 = @numberE164');
      params.numberE164 = e164;
    } else {
      const compact = PHONE_LIKE.test(number) ? number.replace(SEPARATORS, '') : number;
      where.push(
        "(c.remote_number LIKE @numberLike ESCAPE '\\' OR c.remote_e164 LIKE @numberLike ESCAPE '\\')",
      );
      params.numberLike = escapeLike(compact || number);
    }
  }
  const text = filter.text?.trim();
  if (text) {
    const any: string[] = [];
    caseVariants(text).forEach((variant, i) => {
      any.push(`c.remote_name LIKE @text${i} ESCAPE '\\'`, `ct.name LIKE @text${i} ESCAPE '\\'`);
      params[`text${i}`] = escapeLike(variant);
    });
    any.push("c.remote_number LIKE @text0 ESCAPE '\\'");
    const compact = text.replace(SEPARATORS, '');
    if (PHONE_LIKE.test(text) && /\d/.test(compact)) {
      any.push("c.remote_number LIKE @textDigits ESCAPE '\\'", "c.remote_e164 LIKE @textDigits ESCAPE '\\'");
      params.textDigits = escapeLike(compact);
      const e164 = toE164(text, options.defaultRegion);
      if (e164) {
        any.push('c.remote_e164 = @textE164');
        params.textE164 = e164;
      }
    }
    where.push(`(${any.join(' OR ')})`);
  }
  const sql = `${SELECT}${where.length ? `\nWHERE ${where.join('\n  AND ')}` : ''}
ORDER BY c.created_at DESC, c.id DESC
LIMIT @limit`;
  return { sql, params };
}

/** The rows of one page, in order; `iterate` for the export, which streams them. */
export function historyRows(db: Db, query: HistoryQuery): HistorySqlRow[] {
  return prepared(db, query.sql).all(query.params) as HistorySqlRow[];
}

export function iterateHistoryRows(db: Db, query: HistoryQuery): IterableIterator<HistorySqlRow> {
  return prepared(db, query.sql).iterate(query.params) as IterableIterator<HistorySqlRow>;
}

const ANONYMOUS_URI = /@anonymous\.invalid\b|^sips?:anonymous@/i;

/** What calling this row back dials, or undefined when there is nothing to dial. */
export function callbackTarget(
  row: Pick<HistorySqlRow, 'remote_number' | 'remote_e164' | 'remote_uri'>,
  defaultRegion: string,
): string | undefined {
  if (row.remote_e164) return row.remote_e164;
  if (parseDialTarget(row.remote_number, { defaultRegion }).ok) return row.remote_number;
  if (row.remote_uri && /^sips?:[^@\s]+@\S+$/i.test(row.remote_uri) && !ANONYMOUS_URI.test(row.remote_uri))
    return row.remote_uri;
  return undefined;
}

export interface EntryOptions {
  mask: boolean;
  defaultRegion: string;
}

/** The number as the list and the export show it: masked, or formatted for reading. */
export function displayNumber(
  row: Pick<HistorySqlRow, 'remote_number' | 'remote_e164'>,
  options: EntryOptions,
): string {
  return shownNumber(row.remote_e164 ?? row.remote_number, options);
}

export function toEntry(row: HistorySqlRow, options: EntryOptions): CallLogEntry {
  return {
    id: row.id,
    createdAt: row.created_at,
    answeredAt: row.answered_at,
    endedAt: row.ended_at,
    direction: row.direction,
    outcome: row.outcome,
    number: displayNumber(row, options),
    e164: options.mask ? null : row.remote_e164,
    masked: options.mask,
    name: row.remote_name,
    contactName: row.contact_name,
    ringMs: row.ring_ms,
    talkMs: row.talk_ms,
    holdMs: row.hold_ms,
    disposition: row.disposition,
    callbackRef: callbackTarget(row, options.defaultRegion) === undefined ? null : row.id,
  };
}
