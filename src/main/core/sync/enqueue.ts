import { eventsOfCall } from '../calllog/call-events-table.ts';
import type { CallRow } from '../calllog/calls-table.ts';
import type { WrapupView } from '../../../shared/model/wrapup.ts';
import type { CallbackView, RequestView } from '../../../shared/model/follow-ups.ts';
import type { Db } from '../store/database.ts';
import { randomUUID } from 'node:crypto';
import { enqueueOutbox } from './outbox-table.ts';
import { articlesOfCall } from '../knowledge/call-articles-table.ts';
import { scriptDocumentOfCall } from '../scripts/script-document.ts';
import { callDocument, wrapupDocument, type SourceInfo } from './sync-documents.ts';

// What goes into the outbox, built from the rows just written. Called inside the transaction
// that finishes the call or submits the wrap-up, so the document and the change commit together.

export function enqueueFinishedCall(db: Db, row: CallRow, source: SourceInfo): string {
  const id = randomUUID();
  const document = callDocument(id, row, eventsOfCall(db, row.id), source);
  return enqueueOutbox(db, {
    id,
    kind: document.type,
    aggregateId: row.id,
    payload: document,
    createdAt: Date.now(),
  });
}

export function enqueueSubmittedWrapup(
  db: Db,
  wrapup: WrapupView,
  source: SourceInfo,
  followUps: { request?: RequestView | null; callback?: CallbackView | null } = {},
): string {
  const id = randomUUID();
  // The knowledge-base articles attached to the call travel with its wrap-up.
  // So does the call script's path (and its field values).
  const document = wrapupDocument(
    id,
    wrapup,
    source,
    followUps,
    articlesOfCall(db, wrapup.callId),
    scriptDocumentOfCall(db, wrapup.callId),
  );
  return enqueueOutbox(db, {
    id,
    kind: document.type,
    aggregateId: wrapup.callId,
    payload: document,
    createdAt: Date.now(),
  });
}
