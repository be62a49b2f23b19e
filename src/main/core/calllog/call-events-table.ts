import { prepared, type Db } from '../store/database.ts';

// The `call_events` table: append-only, one row per change of a call, for audit and reports.

export interface CallEventRow {
  seq: number;
  callId: string;
  at: number;
  kind: string;
  detail: Record<string, unknown> | null;
}

export function appendCallEvent(
  db: Db,
  event: { callId: string; at: number; kind: string; detail?: Record<string, unknown> },
): void {
  prepared(db, 'INSERT INTO call_events (call_id, at, kind, detail) VALUES (?, ?, ?, ?)').run(
    event.callId,
    event.at,
    event.kind,
    event.detail ? JSON.stringify(event.detail) : null,
  );
}

export function eventsOfCall(db: Db, callId: string): CallEventRow[] {
  const rows = prepared(
    db,
    'SELECT seq, call_id, at, kind, detail FROM call_events WHERE call_id = ? ORDER BY seq',
  ).all(callId) as Array<{ seq: number; call_id: string; at: number; kind: string; detail: string | null }>;
  return rows.map((r) => ({
    seq: r.seq,
    callId: r.call_id,
    at: r.at,
    kind: r.kind,
    detail: r.detail === null ? null : (JSON.parse(r.detail) as Record<string, unknown>),
  }));
}
