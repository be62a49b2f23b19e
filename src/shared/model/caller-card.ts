import { z } from 'zod';

// What the operator sees about the other party the moment the phone rings (or an outbound call
// starts): who it is, what they called, and what happened the last times. Built by the core from
// the call log, contacts and wrap-ups, pushed with the `call:card` event so the screen pop costs no
// extra round trip.

/** The card counts a caller's earlier calls up to this many, then says "1000+". */
export const CARD_COUNT_CAP = 1000;

export const CardCallSchema = z.object({
  id: z.string(),
  at: z.number(),
  direction: z.enum(['inbound', 'outbound']),
  outcome: z.string().nullable(),
  talkMs: z.number().nullable(),
  /** Disposition code from the wrap-up; the renderer shows its label from the settings. */
  disposition: z.string().nullable(),
  topic: z.string().nullable(),
  /** The wrap-up notes, shortened for the card. */
  notes: z.string().nullable(),
});
export type CardCall = z.infer<typeof CardCallSchema>;

export const CardRequestSchema = z.object({
  id: z.string(),
  type: z.string(),
  summary: z.string(),
  createdAt: z.number(),
});
export const CardCallbackSchema = z.object({
  id: z.string(),
  dueAt: z.number(),
  note: z.string().nullable(),
});

export const CallerCardSchema = z.object({
  callId: z.string(),
  /** The number as the operator should read it: formatted, or masked when the setting says so. */
  numberDisplay: z.string(),
  /** Normalized number (null when masked or not a phone number): search, click-to-call. */
  e164: z.string().nullable(),
  masked: z.boolean(),
  /** Display name the network sent (From / P-Asserted-Identity). */
  networkName: z.string().nullable(),
  /** The queue or company number the caller dialled, when the PBX says so. */
  calledNumber: z.string().nullable(),
  contact: z
    .object({
      id: z.string(),
      name: z.string(),
      company: z.string().nullable(),
      notes: z.string().nullable(),
      tags: z.array(z.string()),
    })
    .nullable(),
  /** Calls with this number before this one, newest first (at most a handful). */
  recentCalls: z.array(CardCallSchema),
  /** All calls with this number before this one, up to 1000 (then "1000+"). */
  previousCallCount: z.number().int(),
  openRequests: z.array(CardRequestSchema),
  callbacks: z.array(CardCallbackSchema),
});
export type CallerCard = z.infer<typeof CallerCardSchema>;
