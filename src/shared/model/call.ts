import { z } from 'zod';
import { QualitySampleSchema } from '../media/quality.ts';

// A call as the UI sees it. Main owns the truth (SIP.js sessions); every change is pushed as a
// `call:updated` event with the whole view, so the renderer never has to merge partial updates.

export const CallStateSchema = z.enum([
  /** Outbound: INVITE sent, nothing back yet. */
  'dialing',
  /** Outbound: the far end is ringing (180/183, maybe with early media). */
  'ringback',
  /** Inbound: ringing here, waiting for the operator. */
  'ringing',
  /** Talking. */
  'active',
  /** On hold (by us). */
  'held',
  'ended',
]);
export type CallState = z.infer<typeof CallStateSchema>;

export const CallEndReasonSchema = z.enum([
  'local-hangup',
  'remote-hangup',
  /** Inbound: the caller gave up while it rang (a missed call). */
  'caller-cancelled',
  /** Outbound: we cancelled before the answer. */
  'cancelled',
  'declined',
  'no-answer',
  'busy',
  'not-found',
  'unavailable',
  'rejected',
  'incompatible-media',
  'server-error',
  'transferred',
  'answered-elsewhere',
  'media-failed',
  'connection-lost',
  'renderer-gone',
]);
export type CallEndReason = z.infer<typeof CallEndReasonSchema>;

export const CallViewSchema = z.object({
  id: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  /** The SIP Call-ID of the dialog (for the call log and for matching the PBX's records). */
  sipCallId: z.string().optional(),
  state: CallStateSchema,
  remote: z.object({
    /** The user part as dialled or received (a number, an extension, or a name). */
    number: z.string(),
    displayName: z.string().optional(),
    uri: z.string(),
  }),
  /** Inbound: the queue or company number the caller dialled, when the PBX says so. */
  calledNumber: z.string().optional(),
  /** What the operator dialled, before normalization (outbound). */
  dialed: z.string().optional(),
  muted: z.boolean(),
  /** The far end hears early media / we hear ringback from the network. */
  earlyMedia: z.boolean(),
  startedAt: z.number(),
  answeredAt: z.number().optional(),
  endedAt: z.number().optional(),
  end: z
    .object({
      reason: CallEndReasonSchema,
      statusCode: z.number().optional(),
      /** The SIP reason phrase, for the log and the tooltip. */
      phrase: z.string().optional(),
      retryAfterS: z.number().optional(),
    })
    .optional(),
  /** Set while this call is a consultation for transferring another call. */
  consultFor: z.string().optional(),
  /** A transfer of this call in progress, or one that failed (the call is still ours then). */
  transfer: z
    .object({
      kind: z.enum(['blind', 'attended']),
      target: z.string(),
      state: z.enum(['pending', 'failed']),
      statusCode: z.number().optional(),
    })
    .optional(),
  /**
   * The latest audio quality measured on the call (rounded; src/shared/media/quality.ts), for the
   * indicator. Absent until media has flowed; it changes only when the level or a rounded value does.
   */
  quality: QualitySampleSchema.optional(),
});
export type CallView = z.infer<typeof CallViewSchema>;
