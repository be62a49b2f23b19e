import { z } from 'zod';

// The after-call wrap-up the operator fills in. Saved as a draft on every change (so a crash or a
// reload loses nothing typed), submitted once: then it goes to the call log and the sync outbox.
// The workspace's form defines which extra fields exist; they travel in `fields`.

const FieldValue = z.union([z.string().max(4000), z.number().finite(), z.boolean(), z.null()]);

export const WrapupDraftSchema = z
  .object({
    /** The disposition code from the configured list; required to submit. */
    disposition: z.string().trim().max(64).nullable().default(null),
    topic: z.string().trim().max(256).default(''),
    notes: z.string().max(20_000).default(''),
    /** Extra form fields (request/order details, script answers) by field id. */
    fields: z
      .record(z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/), FieldValue)
      .refine((r) => Object.keys(r).length <= 200, { message: 'tooManyFields' })
      .default({}),
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
});
export type WrapupView = z.infer<typeof WrapupViewSchema>;
