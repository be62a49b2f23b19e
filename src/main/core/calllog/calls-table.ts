import { prepared, type Db } from '../store/database.ts';
import type { CallOutcome, EndedBy } from './outcome.ts';

// The `calls` table: one row per call, from the first INVITE or dial.

export interface CallRow {
  id: string;
  sipCallId: string | null;
  direction: 'inbound' | 'outbound';
  account: string | null;
  remoteNumber: string;
  remoteE164: string | null;
  remoteName: string | null;
  remoteUri: string | null;
  calledNumber: string | null;
  state: string;
  createdAt: number;
  ringingAt: number | null;
  answeredAt: number | null;
  endedAt: number | null;
  lastEventAt: number;
  ringMs: number | null;
  talkMs: number | null;
  holdMs: number;
  heldSince: number | null;
  wrapupMs: number | null;
  endReason: string | null;
  endedBy: EndedBy | null;
  sipStatus: number | null;
  sipReason: string | null;
  transferredTo: string | null;
  outcome: CallOutcome | null;
  quality: string | null;
  contactId: string | null;
}

const COLUMNS: ReadonlyArray<[keyof CallRow, string]> = [
  ['id', 'id'],
  ['sipCallId', 'sip_call_id'],
  ['direction', 'direction'],
  ['account', 'account'],
  ['remoteNumber', 'remote_number'],
  ['remoteE164', 'remote_e164'],
  ['remoteName', 'remote_name'],
  ['remoteUri', 'remote_uri'],
  ['calledNumber', 'called_number'],
  ['state', 'state'],
  ['createdAt', 'created_at'],
  ['ringingAt', 'ringing_at'],
  ['answeredAt', 'answered_at'],
  ['endedAt', 'ended_at'],
  ['lastEventAt', 'last_event_at'],
  ['ringMs', 'ring_ms'],
  ['talkMs', 'talk_ms'],
  ['holdMs', 'hold_ms'],
  ['heldSince', 'held_since'],
  ['wrapupMs', 'wrapup_ms'],
  ['endReason', 'end_reason'],
  ['endedBy', 'ended_by'],
  ['sipStatus', 'sip_status'],
  ['sipReason', 'sip_reason'],
  ['transferredTo', 'transferred_to'],
  ['outcome', 'outcome'],
  ['quality', 'quality'],
  ['contactId', 'contact_id'],
];
const SELECT = `SELECT ${COLUMNS.map(([, c]) => c).join(', ')} FROM calls`;

function fromSql(row: Record<string, unknown>): CallRow {
  return Object.fromEntries(COLUMNS.map(([key, column]) => [key, row[column] ?? null])) as unknown as CallRow;
}

export function getCall(db: Db, id: string): CallRow | undefined {
  const row = prepared(db, `${SELECT} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
  return row && fromSql(row);
}

const NAMES = COLUMNS.map(([, column]) => column);
const PUT_CALL_SQL = `INSERT INTO calls (${NAMES.join(', ')}) VALUES (${NAMES.map((n) => `@${n}`).join(', ')})
  ON CONFLICT(id) DO UPDATE SET ${NAMES.filter((n) => n !== 'id')
    .map((n) => `${n} = excluded.${n}`)
    .join(', ')}`;

/** Inserts or replaces the whole row (the recorder always holds the complete row). */
export function putCall(db: Db, row: CallRow): void {
  prepared(db, PUT_CALL_SQL).run(Object.fromEntries(COLUMNS.map(([key, column]) => [column, row[key]])));
}

/** Calls that never ended: the app stopped (crash, power loss) while they were in progress. */
export function unfinishedCalls(db: Db): CallRow[] {
  return (prepared(db, `${SELECT} WHERE ended_at IS NULL`).all() as Array<Record<string, unknown>>).map(
    fromSql,
  );
}

/** The newest calls first; `before` pages back through history (created_at of the last row seen). */
export const RECENT_CALLS_SQL = `${SELECT} WHERE created_at < ? ORDER BY created_at DESC LIMIT ?`;
export function recentCalls(db: Db, limit: number, before = Number.MAX_SAFE_INTEGER): CallRow[] {
  return (prepared(db, RECENT_CALLS_SQL).all(before, limit) as Array<Record<string, unknown>>).map(fromSql);
}

/** This number's calls, newest first: for the caller card while the phone rings. */
export const CALLS_BY_NUMBER_SQL = `${SELECT} WHERE remote_e164 = ? ORDER BY created_at DESC LIMIT ?`;
export function callsByNumber(db: Db, e164: string, limit: number): CallRow[] {
  return (prepared(db, CALLS_BY_NUMBER_SQL).all(e164, limit) as Array<Record<string, unknown>>).map(fromSql);
}

/** After-call work: from the end of the call to the wrap-up's submission. */
export function setWrapupMs(db: Db, id: string, wrapupMs: number): void {
  prepared(db, 'UPDATE calls SET wrapup_ms = ? WHERE id = ?').run(Math.max(0, Math.round(wrapupMs)), id);
}
