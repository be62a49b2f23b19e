import {
  CallbackDraftSchema,
  RequestDraftSchema,
  WrapupDraftSchema,
  type WrapupDraft,
  type WrapupView,
} from '../../../shared/model/wrapup.ts';
import { prepared, type Db } from '../store/database.ts';

// The `wrapups` table: one per call, a draft while the operator types, then submitted.

interface SqlRow {
  call_id: string;
  state: 'draft' | 'submitted';
  disposition: string | null;
  notes: string;
  data: string;
  started_at: number;
  updated_at: number;
  submitted_at: number | null;
  remote_number: string | null;
  remote_name: string | null;
}

// The caller, for lists of drafts (primary-key lookups per wrap-up): the contact's name when the
// call is linked to one, else the name the network sent.
const SELECT = `SELECT w.*, c.remote_number, coalesce(k.name, c.remote_name) AS remote_name
  FROM wrapups w LEFT JOIN calls c ON c.id = w.call_id LEFT JOIN contacts k ON k.id = c.contact_id`;

function fromSql(r: SqlRow): WrapupView {
  let extra: { topic?: unknown; fields?: unknown; request?: unknown; callback?: unknown } = {};
  try {
    extra = JSON.parse(r.data) as typeof extra;
  } catch {
    // A damaged data column keeps the disposition and notes; the extra fields start empty.
  }
  const draft = WrapupDraftSchema.safeParse({
    disposition: r.disposition,
    notes: r.notes,
    topic: typeof extra.topic === 'string' ? extra.topic : '',
    fields: extra.fields ?? {},
  });
  // Each part on its own: a part that no longer parses costs that part only.
  const request = RequestDraftSchema.safeParse(extra.request);
  const callback = CallbackDraftSchema.safeParse(extra.callback);
  return {
    callId: r.call_id,
    state: r.state,
    draft: {
      ...(draft.success ? draft.data : { disposition: r.disposition, notes: r.notes, topic: '', fields: {} }),
      ...(request.success ? { request: request.data } : {}),
      ...(callback.success ? { callback: callback.data } : {}),
    },
    startedAt: r.started_at,
    updatedAt: r.updated_at,
    submittedAt: r.submitted_at,
    ...(r.remote_number === null ? {} : { caller: { number: r.remote_number, name: r.remote_name } }),
  };
}

export function getWrapup(db: Db, callId: string): WrapupView | undefined {
  const row = prepared(db, `${SELECT} WHERE w.call_id = ?`).get(callId) as SqlRow | undefined;
  return row && fromSql(row);
}

/** Creates or replaces the draft; `started_at` stays the time of the first keystroke. */
export function putWrapupDraft(db: Db, callId: string, draft: WrapupDraft, at: number): void {
  prepared(
    db,
    `INSERT INTO wrapups (call_id, state, disposition, notes, data, started_at, updated_at)
     VALUES (?, 'draft', ?, ?, ?, ?, ?)
     ON CONFLICT(call_id) DO UPDATE SET disposition = excluded.disposition, notes = excluded.notes,
       data = excluded.data, updated_at = excluded.updated_at
     WHERE wrapups.state = 'draft'`,
  ).run(
    callId,
    draft.disposition,
    draft.notes,
    JSON.stringify({
      topic: draft.topic,
      fields: draft.fields,
      ...(draft.request ? { request: draft.request } : {}),
      ...(draft.callback ? { callback: draft.callback } : {}),
    }),
    at,
    at,
  );
}

/** An empty draft for a call that needs a wrap-up; nothing when it has one already. */
export function beginWrapup(db: Db, callId: string, at: number): void {
  prepared(
    db,
    `INSERT INTO wrapups (call_id, state, disposition, notes, data, started_at, updated_at)
     VALUES (?, 'draft', NULL, '', '{}', ?, ?) ON CONFLICT(call_id) DO NOTHING`,
  ).run(callId, at, at);
}

export function markWrapupSubmitted(db: Db, callId: string, at: number): void {
  prepared(
    db,
    `UPDATE wrapups SET state = 'submitted', submitted_at = ?, updated_at = ? WHERE call_id = ? AND state = 'draft'`,
  ).run(at, at, callId);
}

/** Drafts not yet submitted, newest first: what to bring back after a crash or a reload. */
export function openWrapupDrafts(db: Db): WrapupView[] {
  return (prepared(db, `${SELECT} WHERE w.state = 'draft' ORDER BY w.updated_at DESC`).all() as SqlRow[]).map(
    fromSql,
  );
}
