import { z } from 'zod';

// The call history as the History screen and the CSV export see it: one filter for both, keyset
// pages (newest first), and rows carrying only what the list shows. When `data.maskNumbers` is on,
// the core masks numbers before they leave main; calling back then goes by the row's id.

export const CALL_OUTCOMES = [
  'answered',
  'missed',
  'declined',
  'busy',
  'failed',
  'cancelled',
  'interrupted',
] as const;
export const CallOutcomeSchema = z.enum(CALL_OUTCOMES);
export type CallOutcomeValue = z.infer<typeof CallOutcomeSchema>;

const Millis = z.number().int().min(0).max(8.64e15);

export const CallLogFilterSchema = z
  .object({
    /** Calls that started at or after this time (epoch ms). */
    from: Millis.optional(),
    /** Calls that started before this time (epoch ms, exclusive). */
    to: Millis.optional(),
    direction: z.enum(['inbound', 'outbound']).optional(),
    /** Any of these outcomes; omitted or empty = every call, including ones still in progress. */
    outcomes: z.array(CallOutcomeSchema).max(CALL_OUTCOMES.length).optional(),
    /** A whole number (matched by its E.164 form) or a part of one (digits as typed). */
    number: z.string().trim().max(64).optional(),
    /** Part of the caller's name, the contact's name or the number. */
    text: z.string().trim().max(100).optional(),
  })
  .strict()
  .refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to, {
    message: 'from must not be after to',
    path: ['to'],
  });
export type CallLogFilter = z.infer<typeof CallLogFilterSchema>;

/** Where the next page starts: the last row of the previous page. */
export const CallLogCursorSchema = z.object({ createdAt: Millis, id: z.string().min(1).max(64) }).strict();
export type CallLogCursor = z.infer<typeof CallLogCursorSchema>;

export const CALL_LOG_PAGE_MAX = 200;

export const CallLogListRequestSchema = z
  .object({
    filter: CallLogFilterSchema,
    cursor: CallLogCursorSchema.optional(),
    limit: z.number().int().min(1).max(CALL_LOG_PAGE_MAX).optional(),
  })
  .strict();

export const CallLogEntrySchema = z.object({
  id: z.string(),
  createdAt: z.number(),
  answeredAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  direction: z.enum(['inbound', 'outbound']),
  /** Null while the call is still in progress. */
  outcome: CallOutcomeSchema.nullable(),
  /** The number as shown: formatted, or masked when `masked` is true. */
  number: z.string(),
  /** The normalized number; null when unknown or when numbers are masked. */
  e164: z.string().nullable(),
  masked: z.boolean(),
  /** The caller's name as the network gave it. */
  name: z.string().nullable(),
  /** The linked contact's name, when the call is linked to one. */
  contactName: z.string().nullable(),
  ringMs: z.number().nullable(),
  talkMs: z.number().nullable(),
  holdMs: z.number(),
  /** From the call's wrap-up, when there is one. */
  disposition: z.string().nullable(),
  /** Pass to `calllog:callBack`; null when there is nothing to dial (anonymous, empty). */
  callbackRef: z.string().nullable(),
});
export type CallLogEntry = z.infer<typeof CallLogEntrySchema>;

export const CallLogPageSchema = z.object({
  rows: z.array(CallLogEntrySchema),
  /** Null on the last page. */
  nextCursor: CallLogCursorSchema.nullable(),
});
export type CallLogPage = z.infer<typeof CallLogPageSchema>;

export const EXPORT_LOCALES = ['ru', 'en'] as const;
export type ExportLocale = (typeof EXPORT_LOCALES)[number];

export const CallLogExportRequestSchema = z
  .object({
    filter: CallLogFilterSchema,
    /** Language of headers and values; omitted = the UI language from settings. */
    locale: z.enum(EXPORT_LOCALES).optional(),
  })
  .strict();

export const CallLogExportResultSchema = z.discriminatedUnion('cancelled', [
  z.object({ cancelled: z.literal(true) }),
  z.object({ cancelled: z.literal(false), path: z.string(), rows: z.number().int().min(0) }),
]);
export type CallLogExportResult = z.infer<typeof CallLogExportResultSchema>;
