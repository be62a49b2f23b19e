import { z } from 'zod';

// The call-script file format, version 1: a questionnaire of steps linked by the caller's answers.
// One JSON document per script (`format: "hotline-script", version: 1`), written by hand, by the
// script editor, or shipped by IT in the managed settings. docs/scripts/hotline-script-v1.schema.json
// is generated from this schema (`node tools/scripts/write-schema.ts`); a test fails when they
// differ. The graph checks the schema cannot express (unknown steps, unreachable steps, dead ends,
// cycles with no exit, unknown variables) live in validate.ts.
//
// Changing a field's meaning or removing one is format version 2; adding an optional field is not.

export const SCRIPT_FORMAT = 'hotline-script';
export const SCRIPT_FORMAT_VERSION = 1;

/** The variables a step's text may use, as `{{name}}`. */
export const SCRIPT_VARIABLES = ['operator.name', 'company.name', 'caller.name', 'greeting'] as const;
export type ScriptVariable = (typeof SCRIPT_VARIABLES)[number];

export const SCRIPT_LANGUAGES = ['ru', 'en'] as const;
export type ScriptLanguage = (typeof SCRIPT_LANGUAGES)[number];

/** Steps, answers and fields: letters, digits, `_` and `-` (a field id becomes `script.<id>`). */
export const LocalIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,47}$/, {
  message: 'Use 1–48 letters, digits, "_" or "-", starting with a letter or digit',
});

/** A script's id: stable across revisions; `builtin.` is reserved for the scripts Hotline ships. */
export const ScriptIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, {
  message: 'Use 1–64 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit',
});

const Label = z.string().trim().min(1).max(120);

export const ScriptFieldSchema = z
  .object({
    id: LocalIdSchema.describe('Unique in the script; the wrap-up gets the value as `script.<id>`'),
    label: Label,
    type: z.enum(['text', 'number', 'choice']),
    required: z.boolean().default(false).describe('The step’s answers wait until it is filled'),
    options: z
      .array(Label)
      .min(1)
      .max(50)
      .optional()
      .describe('The choices of a `choice` field (and only of one)'),
  })
  .strict()
  .superRefine((field, ctx) => {
    if (field.type === 'choice' && !field.options)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'A choice field needs its options' });
    if (field.type !== 'choice' && field.options)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'Only a choice field has options' });
    const seen = new Set<string>();
    field.options?.forEach((option, index) => {
      if (seen.has(option))
        ctx.addIssue({ code: 'custom', path: ['options', index], message: 'Repeated option' });
      seen.add(option);
    });
  });
export type ScriptField = z.infer<typeof ScriptFieldSchema>;

export const ScriptAnswerSchema = z
  .object({
    id: LocalIdSchema.optional().describe('Stable name for reports; defaults to the answer’s number (1, 2…)'),
    label: Label,
    next: LocalIdSchema.nullable().describe('The step this answer leads to; null ends the script'),
  })
  .strict();
export type ScriptAnswer = z.infer<typeof ScriptAnswerSchema>;

export const ScriptStepSchema = z
  .object({
    id: LocalIdSchema,
    title: Label.describe('Short, for the path (breadcrumbs)'),
    text: z.string().trim().min(1).max(4000).describe('What the operator says; may use {{variables}}'),
    hint: z
      .string()
      .trim()
      .max(1000)
      .optional()
      .describe('Advice for the operator, not read aloud (how to say it, what to listen for)'),
    answers: z
      .array(ScriptAnswerSchema)
      .max(9)
      .default([])
      .describe('At most 9: the operator picks one with the digits 1–9'),
    fields: z.array(ScriptFieldSchema).max(20).default([]),
    final: z
      .boolean()
      .default(false)
      .describe('The script may end here (a step with no answers must be final)'),
  })
  .strict();
export type ScriptStep = z.infer<typeof ScriptStepSchema>;

/** A call number or queue: digits, `+`, `#`, letters for named queues; `*` any run, `?` one character. */
const NumberPattern = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9+#*?._-]{1,64}$/, { message: 'Digits, letters, + # . _ - and the wildcards * ?' });

export const ScriptRuleSchema = z
  .object({
    direction: z.enum(['inbound', 'outbound']).optional(),
    calledNumber: NumberPattern.optional().describe(
      'Inbound: the queue or company number the caller dialled; outbound: the number dialled',
    ),
    webRequestType: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .optional()
      .describe('The type of the web request the call answers (`*` wildcards allowed)'),
    priority: z.number().int().min(-1000).max(1000).default(0).describe('Higher wins'),
  })
  .strict()
  .describe('Every condition given must hold; a rule with none matches every call');
export type ScriptRule = z.infer<typeof ScriptRuleSchema>;

export const ScriptDocumentSchema = z
  .object({
    format: z.literal(SCRIPT_FORMAT),
    version: z.literal(SCRIPT_FORMAT_VERSION).describe('Of the file format'),
    id: ScriptIdSchema,
    revision: z
      .number()
      .int()
      .min(1)
      .max(1_000_000_000)
      .default(1)
      .describe('The script’s own version: raise it with every change'),
    title: Label,
    description: z.string().trim().max(1000).default(''),
    language: z
      .enum(SCRIPT_LANGUAGES)
      .describe('Of the texts; fills {{greeting}} and the unknown-caller wording'),
    rules: z
      .array(ScriptRuleSchema)
      .max(50)
      .default([])
      .describe('When the script opens by itself; none: only when the operator picks it'),
    start: LocalIdSchema.describe('The first step'),
    steps: z.array(ScriptStepSchema).min(1).max(500),
  })
  .strict()
  .describe('A Hotline call script');

/** A script as the app uses it (defaults filled). */
export type ScriptDocument = z.infer<typeof ScriptDocumentSchema>;
/** A script as a file may hold it (defaults may be left out). */
export type ScriptDocumentInput = z.input<typeof ScriptDocumentSchema>;

/** Where a script comes from: built into Hotline, imported by the company, or set by IT (read-only). */
export const ScriptSourceSchema = z.enum(['builtin', 'company', 'managed']);
export type ScriptSource = z.infer<typeof ScriptSourceSchema>;

/** An answer's stable name: its id, else its number in the step (1-based). */
export function answerIdOf(answer: ScriptAnswer, index: number): string {
  return answer.id ?? String(index + 1);
}

/** The wrap-up field a script field's value goes to. */
export function wrapupFieldKey(fieldId: string): string {
  return `script.${fieldId}`;
}

export const WRAPUP_SCRIPT_PREFIX = 'script.';

/** The JSON Schema published in docs/scripts (generated, never edited by hand). */
export function scriptJsonSchema(): unknown {
  return {
    $id: 'https://hotline.local/schemas/hotline-script-v1.schema.json',
    title: 'Hotline call script, format version 1',
    ...(z.toJSONSchema(ScriptDocumentSchema, { target: 'draft-2020-12', io: 'input' }) as object),
  };
}
