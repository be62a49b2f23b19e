import type { CallbackView } from '../../../shared/model/follow-ups.ts';
import { prepared, type Db } from '../store/database.ts';

// The `callbacks` table: calls to make back, scheduled from a wrap-up, reminded when due.

interface SqlRow {
  id: string;
  call_id: string | null;
  contact_id: string | null;
  name: string | null;
  number: string;
  due_at: number;
  assignee: CallbackView['assignee'];
  account: string | null;
  note: string;
  state: CallbackView['state'];
  reminded_at: number | null;
  created_at: number;
  updated_at: number;
}

const fromSql = (r: SqlRow): CallbackView => ({
  id: r.id,
  callId: r.call_id,
  contactId: r.contact_id,
  name: r.name,
  number: r.number,
  dueAt: r.due_at,
  assignee: r.assignee,
  account: r.account,
  note: r.note,
  state: r.state,
  remindedAt: r.reminded_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

// The name comes from the contact, else from the call (primary-key lookups, one per row).
const SELECT = `SELECT b.*, COALESCE(ct.name, c.remote_name) AS name
  FROM callbacks b LEFT JOIN contacts ct ON ct.id = b.contact_id LEFT JOIN calls c ON c.id = b.call_id`;

export type NewCallback = Omit<CallbackView, 'name' | 'state' | 'remindedAt' | 'createdAt' | 'updatedAt'>;

export function insertCallback(db: Db, callback: NewCallback, at: number): CallbackView {
  prepared(
    db,
    `INSERT INTO callbacks (id, call_id, contact_id, number, due_at, assignee, account, note, state,
       reminded_at, created_at, updated_at)
     VALUES (@id, @callId, @contactId, @number, @dueAt, @assignee, @account, @note, 'scheduled',
       NULL, @at, @at)`,
  ).run({ ...callback, at });
  return getCallback(db, callback.id)!;
}

export function getCallback(db: Db, id: string): CallbackView | undefined {
  const row = prepared(db, `${SELECT} WHERE b.id = ?`).get(id) as SqlRow | undefined;
  return row && fromSql(row);
}

/** Callbacks in a state, soonest first, optionally only those due before a time (callbacks_by_state_due). */
export const CALLBACKS_BY_STATE_SQL = `${SELECT}
  WHERE b.state = ? AND b.due_at < ? ORDER BY b.due_at LIMIT ?`;
/** The caller card's "callbacks for this number" (callbacks_by_number). */
export const CALLBACKS_BY_NUMBER_SQL = `${SELECT}
  WHERE b.number = ? AND b.state = ? AND b.due_at < ? ORDER BY b.due_at LIMIT ?`;
/** The same for a known contact (callbacks_by_contact). */
export const CALLBACKS_BY_CONTACT_SQL = `${SELECT}
  WHERE b.contact_id = ? AND b.state = ? AND b.due_at < ? ORDER BY b.due_at LIMIT ?`;
/** The reminder's next one to wait for (callbacks_by_state_due). */
export const NEXT_TO_REMIND_SQL = `SELECT due_at FROM callbacks
  WHERE state = 'scheduled' AND reminded_at IS NULL ORDER BY due_at LIMIT 1`;
/** Every callback due by now and not yet reminded (callbacks_by_state_due). */
export const DUE_TO_REMIND_SQL = `SELECT id FROM callbacks
  WHERE state = 'scheduled' AND reminded_at IS NULL AND due_at <= ? ORDER BY due_at LIMIT ?`;

export interface CallbackQuery {
  state: CallbackView['state'];
  dueBefore?: number;
  contactId?: string;
  number?: string;
  limit: number;
}

export function listCallbacks(db: Db, query: CallbackQuery): CallbackView[] {
  const before = query.dueBefore ?? Number.MAX_SAFE_INTEGER;
  const rows =
    query.number !== undefined
      ? prepared(db, CALLBACKS_BY_NUMBER_SQL).all(query.number, query.state, before, query.limit)
      : query.contactId !== undefined
        ? prepared(db, CALLBACKS_BY_CONTACT_SQL).all(query.contactId, query.state, before, query.limit)
        : prepared(db, CALLBACKS_BY_STATE_SQL).all(query.state, before, query.limit);
  return (rows as SqlRow[]).map(fromSql);
}

export function nextReminderAt(db: Db): number | undefined {
  const row = prepared(db, NEXT_TO_REMIND_SQL).get() as { due_at: number } | undefined;
  return row?.due_at;
}

export function dueToRemind(db: Db, now: number, limit: number): string[] {
  return prepared(db, DUE_TO_REMIND_SQL).pluck().all(now, limit) as string[];
}

export function markReminded(db: Db, id: string, at: number): void {
  prepared(
    db,
    'UPDATE callbacks SET reminded_at = ?, updated_at = ? WHERE id = ? AND reminded_at IS NULL',
  ).run(at, at, id);
}

/** Scheduled → done (or cancelled); false when it was not scheduled. */
export function finishCallback(db: Db, id: string, state: 'done' | 'cancelled', at: number): boolean {
  return (
    prepared(db, "UPDATE callbacks SET state = ?, updated_at = ? WHERE id = ? AND state = 'scheduled'").run(
      state,
      at,
      id,
    ).changes > 0
  );
}
