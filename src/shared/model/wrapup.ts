import { z } from 'zod';

// The after-call wrap-up the operator fills in. Saved as a draft on every change (so a crash or a
// reload loses nothing typed), submitted once: then it goes to the call log and the sync outbox.
// A draft holds what was typed, as typed: nothing here is checked beyond size, so saving never
// fails on half-typed input. Submitting checks it against the settings (wrapup-check.ts).

const FieldValue = z.union([z.string().max(4000), z.number().finite(), z.boolean(), z.null()]);
const Typed = (max: number) => z.string().max(max).default('');

/**
 * "Create request/order": the fields as typed (quantity and amount too, so "1 250,5" survives a
 * reload exactly). Which of them count depends on the settings' field set at submit time.
 */
export const RequestDraftSchema = z
  .object({
    /** Unticking keeps what was typed (nothing is lost) but no request is created. */
    enabled: z.boolean().default(true),
    type: Typed(64),
    product: Typed(256),
    quantity: Typed(32),
    amount: Typed(32),
    address: Typed(1000),
    contactName: Typed(256),
    contactPhone: Typed(64),
    email: Typed(320),
    comment: Typed(4000),
  })
  .strict();
export type RequestDraft = z.infer<typeof RequestDraftSchema>;

/** "Schedule callback": due at `date` `time` in the local time of the computer running Hotline. */
export const CallbackDraftSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** The number to call back; the form starts with the caller's number. */
    number: Typed(64),
    /** YYYY-MM-DD as a date input gives it. */
    date: Typed(10),
    /** HH:mm as a time input gives it. */
    time: Typed(8),
    /** For me (this operator's account) or for anyone on the team. */
    assignee: z.enum(['me', 'anyone']).default('me'),
    note: Typed(2000),
  })
  .strict();
export type CallbackDraft = z.infer<typeof CallbackDraftSchema>;

export const WrapupDraftSchema = z
  .object({
    /** The disposition code from the configured list; required to submit. */
    disposition: z.string().trim().max(64).nullable().default(null),
    topic: z.string().trim().max(256).default(''),
    notes: z.string().max(20_000).default(''),
    /** Extra form fields (script answers) by field id. */
    fields: z
      .record(z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/), FieldValue)
      .refine((r) => Object.keys(r).length <= 200, { message: 'tooManyFields' })
      .default({}),
    /** Absent in drafts saved before requests existed, and when the operator never opened it. */
    request: RequestDraftSchema.optional(),
    callback: CallbackDraftSchema.optional(),
  })
  .strict();
export type WrapupDraft = z.infer<typeof WrapupDraftSchema>;

export const WrapupViewSchema = z.object({
  callId: z.string(),
  state: z.enum(['draft', 'submitted']),
  draft: WrapupDraftSchema,
  startedAt: z.number(),
  updatedAt: z.number(),
  submittedAt: z.number().nullable(),
  /** Who the call was with, so a list of open drafts can say which call each one is. */
  caller: z.object({ number: z.string(), name: z.string().nullable() }).optional(),
});
export type WrapupView = z.infer<typeof WrapupViewSchema>;

/** The answer to a submission: the wrap-up and what it created. */
export const WrapupSubmittedSchema = WrapupViewSchema.extend({
  requestId: z.string().nullable(),
  callbackId: z.string().nullable(),
});
export type WrapupSubmitted = z.infer<typeof WrapupSubmittedSchema>;
