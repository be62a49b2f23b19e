import { z } from 'zod';

// What a wrap-up leaves behind for later: requests/orders to fulfil and callbacks to make. Both are
// linked to the call (null once retention has deleted it: the follow-up outlives its call) and to
// the contact when the caller is known, and carry the caller's number so the caller card finds them
// for an unknown caller too.

export const REQUEST_STATUSES = ['open', 'done', 'cancelled'] as const;
export const CALLBACK_STATES = ['scheduled', 'done', 'cancelled'] as const;

export const RequestViewSchema = z.object({
  id: z.string(),
  callId: z.string().nullable(),
  contactId: z.string().nullable(),
  /** The caller's number, E.164 when it is a phone number (as received otherwise). */
  number: z.string(),
  /** A code from the configured request types, or free text when none are configured. */
  type: z.string(),
  product: z.string(),
  quantity: z.number().int().nullable(),
  /**
   * In minor units of `currency` (kopecks, cents): an integer, so sums are exact. The operator
   * types "1 250,50"; this holds 125050.
   */
  amountMinor: z.number().int().nullable(),
  currency: z.string(),
  address: z.string(),
  contactName: z.string(),
  /** E.164 when it is a phone number. */
  contactPhone: z.string(),
  email: z.string(),
  comment: z.string(),
  status: z.enum(REQUEST_STATUSES),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type RequestView = z.infer<typeof RequestViewSchema>;

export const CallbackViewSchema = z.object({
  id: z.string(),
  callId: z.string().nullable(),
  contactId: z.string().nullable(),
  /** The contact's name, or the name the network gave for the call; null when neither is known. */
  name: z.string().nullable(),
  /** What to dial: E.164 for a phone number, the extension otherwise. */
  number: z.string(),
  dueAt: z.number(),
  assignee: z.enum(['me', 'anyone']),
  /** The SIP account of the operator who scheduled it ("me" means this account). */
  account: z.string().nullable(),
  note: z.string(),
  state: z.enum(CALLBACK_STATES),
  /** When the reminder went out; null until it is due. */
  remindedAt: z.number().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type CallbackView = z.infer<typeof CallbackViewSchema>;

const Id = z.string().min(1).max(64);
const NumberText = z.string().trim().min(1).max(64);

/** Exactly one of contactId / number: the caller card asks by contact or by the number calling. */
const oneOwner = (r: { contactId?: string; number?: string }) =>
  (r.contactId === undefined) !== (r.number === undefined);

export const RequestsListRequestSchema = z
  .object({
    contactId: Id.optional(),
    /** As received or typed; main normalizes it like the call log does. */
    number: NumberText.optional(),
    status: z.enum(REQUEST_STATUSES).default('open'),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict()
  .refine(oneOwner, { message: 'contactIdOrNumber', path: ['contactId'] });

export const CallbacksListRequestSchema = z
  .object({
    state: z.enum(CALLBACK_STATES).default('scheduled'),
    /** Only those due before this time (epoch ms): "what is due now". */
    dueBefore: z.number().int().min(0).optional(),
    contactId: Id.optional(),
    number: NumberText.optional(),
    limit: z.number().int().min(1).max(500).default(200),
  })
  .strict()
  .refine((r) => r.contactId === undefined || r.number === undefined, {
    message: 'contactIdOrNumber',
    path: ['contactId'],
  });
