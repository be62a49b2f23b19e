import { randomUUID } from 'node:crypto';
import { prepared, type Db } from '../store/database.ts';

// The `outbox` table: documents waiting to be delivered to the company's systems. A row is written
// in the same transaction as the change it reports; the sync worker reads the rows that are due,
// one per call at a time (the oldest undelivered row of a call goes first), and records the result.

export type OutboxState = 'pending' | 'delivered' | 'failed';

export interface OutboxRow {
  seq: number;
  /** The Idempotency-Key: the receiver keeps the first copy of each key and acknowledges repeats. */
  id: string;
  kind: string;
  /** The call the document belongs to: delivery is in order per aggregate. */
  aggregateId: string;
  payload: string;
  createdAt: number;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  lastStatus: number | null;
  deliveredAt: number | null;
}

interface SqlRow {
  seq: number;
  id: string;
  kind: string;
  aggregate_id: string;
  payload: string;
  created_at: number;
  state: OutboxState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  last_status: number | null;
  delivered_at: number | null;
}

function fromSql(r: SqlRow): OutboxRow {
  return {
    seq: r.seq,
    id: r.id,
    kind: r.kind,
    aggregateId: r.aggregate_id,
    payload: r.payload,
    createdAt: r.created_at,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    lastStatus: r.last_status,
    deliveredAt: r.delivered_at,
  };
}

/** Adds a document to deliver. Call inside the transaction that makes the change it reports. */
export function enqueueOutbox(
  db: Db,
  item: { kind: string; aggregateId: string; payload: unknown; createdAt: number; id?: string },
): string {
  const id = item.id ?? randomUUID();
  prepared(
    db,
    `INSERT INTO outbox (id, kind, aggregate_id, payload, created_at, next_attempt_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(id, item.kind, item.aggregateId, JSON.stringify(item.payload), item.createdAt, item.createdAt);
  return id;
}

/**
 * The rows to send now, oldest first: pending, due, and the oldest undelivered row of their call
 * (a later document of a call waits while an earlier one is pending or parked, so the receiver
 * never sees a wrap-up before its call).
 */
export const DUE_OUTBOX_SQL = `SELECT o.* FROM outbox o
  WHERE o.state != 'delivered' AND o.state = 'pending' AND o.next_attempt_at <= ?
    AND NOT EXISTS (SELECT 1 FROM outbox p
                    WHERE p.aggregate_id = o.aggregate_id AND p.state != 'delivered' AND p.seq < o.seq)
  ORDER BY o.seq LIMIT ?`;
export function dueOutbox(db: Db, now: number, limit: number): OutboxRow[] {
  return (prepared(db, DUE_OUTBOX_SQL).all(now, limit) as SqlRow[]).map(fromSql);
}

export function markDelivered(db: Db, seq: number, at: number, status: number): void {
  prepared(
    db,
    `UPDATE outbox SET state = 'delivered', delivered_at = ?, last_status = ?, last_error = NULL,
       attempts = attempts + 1 WHERE seq = ?`,
  ).run(at, status, seq);
}

/** A failed try that will be repeated: the row stays pending until `nextAttemptAt`. */
export function markAttemptFailed(
  db: Db,
  seq: number,
  failure: { error: string; status: number | null; nextAttemptAt: number },
): void {
  prepared(
    db,
    `UPDATE outbox SET attempts = attempts + 1, last_error = ?, last_status = ?, next_attempt_at = ?
     WHERE seq = ? AND state = 'pending'`,
  ).run(failure.error, failure.status, failure.nextAttemptAt, seq);
}

/** The server refused the document itself (a 4xx): parked until someone asks to send it again. */
export function markParked(db: Db, seq: number, failure: { error: string; status: number }): void {
  prepared(
    db,
    `UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ?, last_status = ?
     WHERE seq = ? AND state = 'pending'`,
  ).run(failure.error, failure.status, seq);
}

/** Parked rows back to pending, due now (after IT fixed the receiver or the operator asked). */
export function requeueParked(db: Db, now: number): number {
  return prepared(db, `UPDATE outbox SET state = 'pending', next_attempt_at = ? WHERE state = 'failed'`).run(
    now,
  ).changes;
}

export function outboxCounts(db: Db): { pending: number; failed: number } {
  const row = prepared(
    db,
    `SELECT COALESCE(SUM(state = 'pending'), 0) AS pending, COALESCE(SUM(state = 'failed'), 0) AS failed
     FROM outbox WHERE state != 'delivered'`,
  ).get() as { pending: number; failed: number };
  return { pending: row.pending, failed: row.failed };
}

/** The earliest time a pending row becomes due (undefined when nothing is pending). */
export function nextOutboxDueAt(db: Db): number | undefined {
  const row = prepared(
    db,
    `SELECT MIN(next_attempt_at) AS at FROM outbox WHERE state != 'delivered' AND state = 'pending'`,
  ).get() as { at: number | null };
  return row.at ?? undefined;
}

export function outboxRows(db: Db, options: { state?: OutboxState; aggregateId?: string } = {}): OutboxRow[] {
  const rows = prepared(
    db,
    `SELECT * FROM outbox WHERE (@state IS NULL OR state = @state)
       AND (@aggregate IS NULL OR aggregate_id = @aggregate) ORDER BY seq`,
  ).all({ state: options.state ?? null, aggregate: options.aggregateId ?? null }) as SqlRow[];
  return rows.map(fromSql);
}
