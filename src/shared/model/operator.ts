import { z } from 'zod';

// The operator's availability: the states, their settings (section `operator`), what the status bar
// shows, and the report rows. The core's state machine (src/main/core/operator/) is the only writer.
//
//   ready ──call──▶ on-call ──last call ends──▶ wrap-up ──submit / limit / operator──▶ back
//   not-ready(reason) ─┘      (answered calls only; an unanswered one goes straight back)
//   offline: chosen by the operator, or automatic while the phone is not registered
//
// "Back" is the availability the operator had before the call (Ready, or Not ready with the same
// reason), or what they chose during the call. Validation messages are short codes the renderer
// translates (`operator.settings.error.<code>`).

export const OPERATOR_STATES = ['offline', 'ready', 'not-ready', 'on-call', 'wrap-up'] as const;
export const OperatorStateSchema = z.enum(OPERATOR_STATES);
export type OperatorState = z.infer<typeof OperatorStateSchema>;

/** What the operator can choose; on-call and wrap-up follow the calls. */
export const OperatorChoiceSchema = z.enum(['ready', 'not-ready', 'offline']);
export type OperatorChoice = z.infer<typeof OperatorChoiceSchema>;

/** Reasons the core sets by itself (not in the configurable list). */
export const AUTO_REASONS = {
  /** A call rang while Ready and nobody answered it (setting `missedToNotReady`). */
  missed: 'missed',
  /** Offline because the phone is not registered (no calls can arrive). */
  notRegistered: 'not-registered',
} as const;

const ReasonId = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, { message: 'reasonId' });

const ReasonLabel = z
  .string()
  .trim()
  .min(1, { message: 'labelRequired' })
  .max(60, { message: 'labelTooLong' });

export const NotReadyReasonSchema = z
  .object({
    /** Stable: stored in the state history and reports; the labels may change. */
    id: ReasonId,
    label: z.object({ ru: ReasonLabel, en: ReasonLabel }).strict(),
  })
  .strict();
export type NotReadyReason = z.infer<typeof NotReadyReasonSchema>;

export const MAX_NOT_READY_REASONS = 30;

export const DEFAULT_NOT_READY_REASONS: NotReadyReason[] = [
  { id: 'break', label: { ru: 'Перерыв', en: 'Break' } },
  { id: 'lunch', label: { ru: 'Обед', en: 'Lunch' } },
  { id: 'training', label: { ru: 'Обучение', en: 'Training' } },
  { id: 'after-call-work', label: { ru: 'Постобработка', en: 'After-call work' } },
  { id: 'meeting', label: { ru: 'Совещание', en: 'Meeting' } },
];

export const OperatorSettingsSchema = z.object({
  notReadyReasons: z
    .array(NotReadyReasonSchema)
    .min(1, { message: 'reasonsEmpty' })
    .max(MAX_NOT_READY_REASONS, { message: 'reasonsTooMany' })
    .superRefine((items, ctx) => {
      const seen = new Set<string>();
      items.forEach((item, index) => {
        if (seen.has(item.id))
          ctx.addIssue({ code: 'custom', path: [index, 'id'], message: 'reasonDuplicate' });
        seen.add(item.id);
      });
    })
    .default(DEFAULT_NOT_READY_REASONS),
  /** Seconds of wrap-up after a call before the operator is made available again; 0 = no limit. */
  wrapupLimitS: z
    .number()
    .int({ message: 'wrapupLimit' })
    .min(0, { message: 'wrapupLimit' })
    .max(3600, { message: 'wrapupLimit' })
    .default(0),
  /** While Not ready, incoming calls are declined (480) so the PBX routes them to someone else. */
  dndWhenNotReady: z.boolean().default(true),
  /** A call that rang unanswered while Ready switches the operator to Not ready (reason `missed`). */
  missedToNotReady: z.boolean().default(false),
});
export type OperatorSettings = z.infer<typeof OperatorSettingsSchema>;

/** What the status bar shows (the `operator` part of the status). */
export const OperatorStatusSchema = z.object({
  state: OperatorStateSchema,
  /** Not ready: the reason id; offline: `not-registered` when not the operator's choice. */
  reason: z.string().optional(),
  /** When this state began (epoch ms). */
  since: z.number().optional(),
  /** Wrap-up with a time limit: when it ends by itself (epoch ms). */
  wrapupDeadline: z.number().optional(),
  /** During a call or wrap-up: the availability that follows it. */
  next: z.object({ state: OperatorChoiceSchema, reason: z.string().optional() }).optional(),
});
export type OperatorStatus = z.infer<typeof OperatorStatusSchema>;

export const OperatorSetRequestSchema = z
  .object({
    state: OperatorChoiceSchema,
    /** Required for not-ready (an id from the settings' list); not allowed otherwise. */
    reason: z.string().trim().min(1).max(32).optional(),
  })
  .strict()
  .refine((r) => (r.state === 'not-ready') === (r.reason !== undefined), {
    message: 'reason is required for not-ready and allowed only there',
    path: ['reason'],
  });
export type OperatorSetRequest = z.infer<typeof OperatorSetRequestSchema>;

/** One recorded state, for reports. `endedAt` null: the current one. */
export const OperatorStateRowSchema = z.object({
  seq: z.number().int(),
  state: OperatorStateSchema,
  reason: z.string().nullable(),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  /** Closed at start-up after a crash: `endedAt` is the last time Hotline was known to run. */
  interrupted: z.boolean(),
});
export type OperatorStateRow = z.infer<typeof OperatorStateRowSchema>;

export const MAX_HISTORY_ROWS = 10_000;

export const OperatorHistoryRequestSchema = z
  .object({
    /** Epoch ms, inclusive: states that overlap [from, to) are returned. */
    from: z.number().int().min(0),
    to: z.number().int().min(0),
  })
  .strict()
  .refine((r) => r.to > r.from, { message: 'to must be after from', path: ['to'] });

export const OperatorHistorySchema = z.object({
  states: z.array(OperatorStateRowSchema),
  /** More than MAX_HISTORY_ROWS states overlap the range: ask for a shorter one. */
  truncated: z.boolean(),
});
export type OperatorHistory = z.infer<typeof OperatorHistorySchema>;
