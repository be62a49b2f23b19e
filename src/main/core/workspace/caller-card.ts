import type { CallView } from '../../../shared/model/call.ts';
import { CARD_COUNT_CAP, type CallerCard, type CardCall } from '../../../shared/model/caller-card.ts';
import { toE164 } from '../../../shared/phone/dial-target.ts';
import { shownNumber } from '../../../shared/phone/mask-number.ts';
import { contactByNumber } from '../calllog/contacts-table.ts';
import { prepared, type Db } from '../store/database.ts';

// The caller card: built while the phone rings, so every query here is one indexed lookup
// (calls_by_number, contact_numbers_by_e164, the wrap-ups' primary key) — bench/screenpop measures it
// on a million calls.

const RECENT_LIMIT = 5;
const NOTES_MAX = 280;

export const CARD_RECENT_CALLS_SQL = `SELECT c.id, c.created_at, c.direction, c.outcome, c.talk_ms,
    w.disposition, w.notes, w.data
  FROM calls c LEFT JOIN wrapups w ON w.call_id = c.id
  WHERE c.remote_e164 = ? AND c.id != ? ORDER BY c.created_at DESC LIMIT ?`;
/**
 * Counted on the number index alone (a covering scan): a filter on `id` would read every row of a
 * regular caller's thousands of calls from the table — 30 ms for 30,000 calls — while the phone rings.
 * Capped: past a thousand the card says "1000+", and the scan stays short for the busiest numbers.
 */
export const CARD_CALL_COUNT_SQL = `SELECT count(*) AS n FROM (SELECT 1 FROM calls WHERE remote_e164 = ? LIMIT ${CARD_COUNT_CAP + 1})`;
const IS_LOGGED_WITH_NUMBER_SQL = 'SELECT 1 FROM calls WHERE id = ? AND remote_e164 = ?';

/** Open requests and scheduled callbacks for this caller: supplied by the wrap-up module. */
export interface CardExtras {
  openRequests(e164: string, contactId: string | null): CallerCard['openRequests'];
  callbacks(e164: string, contactId: string | null): CallerCard['callbacks'];
}

export interface CallerCardOptions {
  defaultRegion: string;
  maskNumbers: boolean;
  extras?: CardExtras;
}

interface RecentSqlRow {
  id: string;
  created_at: number;
  direction: 'inbound' | 'outbound';
  outcome: string | null;
  talk_ms: number | null;
  disposition: string | null;
  notes: string | null;
  data: string | null;
}

function shorten(text: string | null): string | null {
  const trimmed = text?.trim();
  if (!trimmed) return null;
  return trimmed.length > NOTES_MAX ? `${trimmed.slice(0, NOTES_MAX - 1)}…` : trimmed;
}

function topicOf(data: string | null): string | null {
  if (!data) return null;
  try {
    const topic = (JSON.parse(data) as { topic?: unknown }).topic;
    return typeof topic === 'string' && topic.trim() ? topic.trim() : null;
  } catch {
    return null;
  }
}

function toCardCall(row: RecentSqlRow): CardCall {
  return {
    id: row.id,
    at: row.created_at,
    direction: row.direction,
    outcome: row.outcome,
    talkMs: row.talk_ms,
    disposition: row.disposition,
    topic: topicOf(row.data),
    notes: shorten(row.notes),
  };
}

export function buildCallerCard(db: Db, call: CallView, options: CallerCardOptions): CallerCard {
  const number = call.remote.number;
  const e164 = toE164(number, options.defaultRegion);
  const contact = e164 ? contactByNumber(db, e164) : undefined;
  const recent = e164
    ? (prepared(db, CARD_RECENT_CALLS_SQL).all(e164, call.id, RECENT_LIMIT) as RecentSqlRow[])
    : [];
  // Counting is only worth a second query when the first one was full.
  let previousCallCount = recent.length;
  if (recent.length === RECENT_LIMIT) {
    const all = (prepared(db, CARD_CALL_COUNT_SQL).get(e164) as { n: number }).n;
    const self = prepared(db, IS_LOGGED_WITH_NUMBER_SQL).get(call.id, e164) ? 1 : 0;
    previousCallCount = Math.min(all - self, CARD_COUNT_CAP);
  }
  const contactId = contact?.id ?? null;
  return {
    callId: call.id,
    numberDisplay: shownNumber(number, { defaultRegion: options.defaultRegion, mask: options.maskNumbers }),
    e164: options.maskNumbers ? null : e164,
    masked: options.maskNumbers,
    networkName: call.remote.displayName ?? null,
    calledNumber: call.calledNumber ?? null,
    contact: contact
      ? {
          id: contact.id,
          name: contact.name,
          company: contact.company,
          notes: contact.notes,
          tags: contact.tags,
        }
      : null,
    recentCalls: recent.map(toCardCall),
    previousCallCount,
    openRequests: e164 && options.extras ? options.extras.openRequests(e164, contactId) : [],
    callbacks: e164 && options.extras ? options.extras.callbacks(e164, contactId) : [],
  };
}
