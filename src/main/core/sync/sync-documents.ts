import { z } from 'zod';
import type { CallEventRow } from '../calllog/call-events-table.ts';
import type { CallRow } from '../calllog/calls-table.ts';
import type { WrapupView } from '../../../shared/model/wrapup.ts';
import type { CallbackView, RequestView } from '../../../shared/model/follow-ups.ts';
import type { CallArticle } from '../../../shared/model/call-articles.ts';
import { ScriptRunDocumentSchema, type ScriptRunDocument } from '../scripts/script-document.ts';

// The documents Hotline delivers to the company's systems, version 1. These schemas are the
// contract with the receiver: docs/sync/hotline-sync-v1.schema.json is generated from them
// (`node tools/sync/write-schema.ts`) and a test fails when the two differ. Changing a field's
// meaning or removing one is a new version; adding an optional field is not.

export const SYNC_SCHEMA_VERSION = 1;

const IsoTime = z.iso.datetime({ offset: false }).describe('UTC, ISO 8601 with milliseconds');
const NullableIso = IsoTime.nullable();
const Ms = z.number().int().min(0).nullable();

export const CallDocumentSchema = z
  .object({
    callId: z.string().describe("Hotline's id of the call (stable across retries)"),
    sipCallId: z.string().nullable().describe('The SIP Call-ID, to match the PBX’s records'),
    direction: z.enum(['inbound', 'outbound']),
    account: z.string().nullable().describe("The operator's SIP account (AOR) the call used"),
    remote: z.object({
      number: z.string().describe('As dialled or received'),
      e164: z.string().nullable().describe('Normalized, when the number is a phone number'),
      name: z.string().nullable(),
      uri: z.string().nullable(),
    }),
    calledNumber: z.string().nullable().describe('The queue or number called, when the PBX provides it'),
    createdAt: IsoTime,
    ringingAt: NullableIso,
    answeredAt: NullableIso,
    endedAt: IsoTime,
    durations: z.object({ ringMs: Ms, talkMs: Ms, holdMs: Ms, wrapupMs: Ms }),
    end: z.object({
      reason: z.string().nullable(),
      endedBy: z.enum(['local', 'remote', 'system']).nullable(),
      sipStatus: z.number().int().nullable(),
      sipReason: z.string().nullable(),
      transferredTo: z.string().nullable(),
    }),
    outcome: z.enum(['answered', 'missed', 'declined', 'busy', 'failed', 'cancelled', 'interrupted']),
    quality: z.string().nullable(),
    contactId: z.string().nullable(),
    events: z
      .array(
        z.object({ at: IsoTime, kind: z.string(), detail: z.record(z.string(), z.unknown()).nullable() }),
      )
      .describe('Every change of state, in order'),
  })
  .strict();

export const RequestDocumentSchema = z
  .object({
    requestId: z.string().describe("Hotline's id of the request (stable across retries)"),
    type: z.string().describe('A code from the configured request types (free text when none are)'),
    product: z.string(),
    quantity: z.number().int().nullable(),
    amount: z
      .object({
        minor: z.number().int().describe('In minor units of the currency: 125050 is 1 250.50'),
        currency: z.string().describe('ISO 4217'),
      })
      .nullable(),
    address: z.string(),
    contact: z.object({
      name: z.string(),
      phone: z.string().describe('E.164, or empty'),
      email: z.string(),
    }),
    comment: z.string(),
    number: z.string().describe("The caller's number (E.164 when it is a phone number)"),
    contactId: z.string().nullable(),
    status: z.enum(['open', 'done', 'cancelled']),
    createdAt: IsoTime,
  })
  .strict()
  .describe('The request or order the operator created with the wrap-up; empty strings for fields not used');

export const CallbackDocumentSchema = z
  .object({
    callbackId: z.string().describe("Hotline's id of the callback (stable across retries)"),
    number: z.string().describe('What to dial: E.164 for a phone number, an extension otherwise'),
    dueAt: IsoTime,
    assignee: z.enum(['me', 'anyone']).describe('"me": the operator in `account`; "anyone" on the team'),
    account: z.string().nullable().describe("The scheduling operator's SIP account"),
    note: z.string(),
    contactId: z.string().nullable(),
    createdAt: IsoTime,
  })
  .strict()
  .describe('The callback the operator scheduled with the wrap-up');

export const AttachedArticleDocumentSchema = z
  .object({
    articleId: z.string().describe("The knowledge-base article's id (as imported)"),
    title: z.string().describe('The title when it was attached (the article may have changed since)'),
    attachedAt: IsoTime,
  })
  .strict()
  .describe('A knowledge-base article the operator attached to the call: what helped');

export const WrapupDocumentSchema = z
  .object({
    callId: z.string(),
    disposition: z.string(),
    topic: z.string(),
    notes: z.string(),
    fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    startedAt: IsoTime,
    submittedAt: IsoTime,
    // Optional, added within version 1: a receiver that ignores them keeps working.
    request: RequestDocumentSchema.optional(),
    callback: CallbackDocumentSchema.optional(),
    articles: z
      .array(AttachedArticleDocumentSchema)
      .optional()
      .describe('Knowledge-base articles attached to the call, in the order attached; absent when none'),
    script: ScriptRunDocumentSchema.optional(),
  })
  .strict();

const Source = z
  .object({
    app: z.literal('Hotline'),
    version: z.string(),
    installId: z.string().describe('Random per installation: tells the desks apart'),
    account: z.string().nullable(),
  })
  .strict();

const envelope = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z
    .object({
      schemaVersion: z.literal(SYNC_SCHEMA_VERSION),
      type: z.literal(type),
      id: z.uuid().describe('Equals the Idempotency-Key header'),
      occurredAt: IsoTime,
      source: Source,
      data,
    })
    .strict();

export const SyncDocumentSchema = z
  .discriminatedUnion('type', [
    envelope('call.finished', CallDocumentSchema),
    envelope('wrapup.submitted', WrapupDocumentSchema),
  ])
  .describe('One record Hotline POSTs to the sync endpoint');
export type SyncDocument = z.infer<typeof SyncDocumentSchema>;

export interface SourceInfo {
  version: string;
  installId: string;
  account: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function callDocument(
  id: string,
  row: CallRow,
  events: CallEventRow[],
  source: SourceInfo,
): SyncDocument {
  return {
    schemaVersion: SYNC_SCHEMA_VERSION,
    type: 'call.finished',
    id,
    occurredAt: iso(row.endedAt ?? row.lastEventAt),
    source: { app: 'Hotline', ...source },
    data: {
      callId: row.id,
      sipCallId: row.sipCallId,
      direction: row.direction,
      account: row.account,
      remote: { number: row.remoteNumber, e164: row.remoteE164, name: row.remoteName, uri: row.remoteUri },
      calledNumber: row.calledNumber,
      createdAt: iso(row.createdAt),
      ringingAt: isoOrNull(row.ringingAt),
      answeredAt: isoOrNull(row.answeredAt),
      endedAt: iso(row.endedAt ?? row.lastEventAt),
      durations: { ringMs: row.ringMs, talkMs: row.talkMs, holdMs: row.holdMs, wrapupMs: row.wrapupMs },
      end: {
        reason: row.endReason,
        endedBy: row.endedBy,
        sipStatus: row.sipStatus,
        sipReason: row.sipReason,
        transferredTo: row.transferredTo,
      },
      outcome: row.outcome ?? 'interrupted',
      quality: row.quality,
      contactId: row.contactId,
      events: events.map((e) => ({ at: iso(e.at), kind: e.kind, detail: e.detail })),
    },
  };
}

function requestDocument(r: RequestView) {
  return {
    requestId: r.id,
    type: r.type,
    product: r.product,
    quantity: r.quantity,
    amount: r.amountMinor === null ? null : { minor: r.amountMinor, currency: r.currency },
    address: r.address,
    contact: { name: r.contactName, phone: r.contactPhone, email: r.email },
    comment: r.comment,
    number: r.number,
    contactId: r.contactId,
    status: r.status,
    createdAt: iso(r.createdAt),
  };
}

function callbackDocument(c: CallbackView) {
  return {
    callbackId: c.id,
    number: c.number,
    dueAt: iso(c.dueAt),
    assignee: c.assignee,
    account: c.account,
    note: c.note,
    contactId: c.contactId,
    createdAt: iso(c.createdAt),
  };
}

export function wrapupDocument(
  id: string,
  wrapup: WrapupView,
  source: SourceInfo,
  followUps: { request?: RequestView | null; callback?: CallbackView | null } = {},
  articles: readonly CallArticle[] = [],
  script?: ScriptRunDocument,
): SyncDocument {
  const submittedAt = wrapup.submittedAt ?? wrapup.updatedAt;
  return {
    schemaVersion: SYNC_SCHEMA_VERSION,
    type: 'wrapup.submitted',
    id,
    occurredAt: iso(submittedAt),
    source: { app: 'Hotline', ...source },
    data: {
      callId: wrapup.callId,
      disposition: wrapup.draft.disposition ?? '',
      topic: wrapup.draft.topic,
      notes: wrapup.draft.notes,
      fields: wrapup.draft.fields,
      startedAt: iso(wrapup.startedAt),
      submittedAt: iso(submittedAt),
      ...(followUps.request ? { request: requestDocument(followUps.request) } : {}),
      ...(followUps.callback ? { callback: callbackDocument(followUps.callback) } : {}),
      ...(articles.length > 0
        ? {
            articles: articles.map((a) => ({
              articleId: a.articleId,
              title: a.title,
              attachedAt: iso(a.attachedAt),
            })),
          }
        : {}),
      ...(script ? { script } : {}),
    },
  };
}

/** The JSON Schema published in docs/ (generated, never edited by hand). */
export function syncJsonSchema(): unknown {
  return {
    $id: 'https://hotline.local/schemas/hotline-sync-v1.schema.json',
    title: 'Hotline sync record, version 1',
    ...(z.toJSONSchema(SyncDocumentSchema, { target: 'draft-2020-12' }) as object),
  };
}
