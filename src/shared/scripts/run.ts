import { z } from 'zod';
import {
  answerIdOf,
  ScriptDocumentSchema,
  ScriptIdSchema,
  ScriptSourceSchema,
  type ScriptDocument,
  type ScriptField,
  type ScriptStep,
} from './format.ts';
import { ScriptProblemSchema } from './validate.ts';

// A script run: one call going through one script. Main stores it (one transaction per answer, so
// a crash keeps the path up to the last answer) and the renderer shows it. The transitions are pure
// functions here, so the rules for answering, going back and restarting are tested without a
// database.

export const ScriptFieldValueSchema = z.union([z.string().max(2000), z.number().finite(), z.null()]);
export type ScriptFieldValue = z.infer<typeof ScriptFieldValueSchema>;

export const ScriptPathEntrySchema = z.object({
  /** The step where the operator chose the answer. */
  stepId: z.string(),
  /** The answer's id (or its number, 1-based, when it has none). */
  answer: z.string(),
  /** When it was chosen (ms since the epoch). */
  at: z.number(),
});
export type ScriptPathEntry = z.infer<typeof ScriptPathEntrySchema>;

export const ScriptRunSchema = z.object({
  callId: z.string(),
  /** 1 for the script chosen when the call started, 2… after the operator switched scripts. */
  seq: z.number().int().min(1),
  scriptId: z.string(),
  scriptVersion: z.number().int(),
  source: ScriptSourceSchema,
  /** Where the operator is now; null once an answer ended the script. */
  currentStepId: z.string().nullable(),
  path: z.array(ScriptPathEntrySchema),
  /** Script field values by field id (all runs of the call: a later run's value wins). */
  fields: z.record(z.string(), ScriptFieldValueSchema),
  startedAt: z.number(),
  updatedAt: z.number(),
});
export type ScriptRun = z.infer<typeof ScriptRunSchema>;

export const ScriptSummarySchema = z.object({
  id: z.string(),
  revision: z.number().int(),
  title: z.string(),
  description: z.string(),
  language: z.enum(['ru', 'en']),
  source: ScriptSourceSchema,
  /** Built-in and IT's scripts cannot be replaced by an import. */
  readOnly: z.boolean(),
  /** No rules: it opens only when the operator picks it. */
  manualOnly: z.boolean(),
});
export type ScriptSummary = z.infer<typeof ScriptSummarySchema>;

/** What the script panel needs for one call. */
export const ScriptForCallSchema = z.object({
  callId: z.string(),
  /** The script of the run (null: no script applies, or the run's script is gone). */
  script: ScriptDocumentSchema.nullable(),
  run: ScriptRunSchema.nullable(),
  /** The wrap-up was submitted: the run can no longer change. */
  locked: z.boolean(),
});
export type ScriptForCall = z.infer<typeof ScriptForCallSchema>;

export const ScriptListSchema = z.object({
  scripts: z.array(ScriptSummarySchema),
  /** Scripts in the managed settings that were refused, with why (the others still work). */
  problems: z.array(
    z.object({
      source: z.literal('managed'),
      index: z.number().int(),
      scriptId: z.string().nullable(),
      problems: z.array(ScriptProblemSchema),
    }),
  ),
});
export type ScriptList = z.infer<typeof ScriptListSchema>;

export const ScriptImportRequestSchema = z
  .object({
    fileName: z.string().trim().min(1).max(260),
    /** The file's text (UTF-8 JSON). */
    content: z.string().max(1_000_000),
  })
  .strict();

export const ScriptIdRequestSchema = z.object({ id: ScriptIdSchema }).strict();

export function stepOf(script: ScriptDocument, stepId: string): ScriptStep | undefined {
  return script.steps.find((s) => s.id === stepId);
}

export function fieldOf(script: ScriptDocument, fieldId: string): ScriptField | undefined {
  for (const step of script.steps) {
    const field = step.fields.find((f) => f.id === fieldId);
    if (field) return field;
  }
  return undefined;
}

/** Why a change to a run was refused: a short code (the renderer translates `scripts.error.<code>`). */
export class RunChangeError extends Error {
  readonly code: 'finished' | 'not-current' | 'unknown-answer' | 'required' | 'unknown-field' | 'bad-value';
  readonly fieldIds: string[];

  constructor(code: RunChangeError['code'], message: string, fieldIds: string[] = []) {
    super(message);
    this.name = 'RunChangeError';
    this.code = code;
    this.fieldIds = fieldIds;
  }
}

/** A new run at the script's start. */
export function startRun(
  script: ScriptDocument,
  base: { callId: string; seq: number; source: ScriptRun['source']; fields: ScriptRun['fields'] },
  at: number,
): ScriptRun {
  return {
    callId: base.callId,
    seq: base.seq,
    scriptId: script.id,
    scriptVersion: script.revision,
    source: base.source,
    currentStepId: script.start,
    path: [],
    fields: base.fields,
    startedAt: at,
    updatedAt: at,
  };
}

function isEmpty(value: ScriptFieldValue | undefined): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * The operator chose `answerId` at `stepId`. `stepId` must be the current step (a second click on a
 * step already left is refused, not applied twice), and the step's required fields must be filled.
 */
export function answerRun(
  run: ScriptRun,
  script: ScriptDocument,
  stepId: string,
  answerId: string,
  at: number,
): ScriptRun {
  if (run.currentStepId === null) throw new RunChangeError('finished', 'The script has ended');
  if (run.currentStepId !== stepId)
    throw new RunChangeError(
      'not-current',
      `Step "${stepId}" is not the current step "${run.currentStepId}"`,
    );
  const step = stepOf(script, stepId);
  const index = step ? step.answers.findIndex((a, i) => answerIdOf(a, i) === answerId) : -1;
  if (!step || index < 0)
    throw new RunChangeError('unknown-answer', `Step "${stepId}" has no answer "${answerId}"`);
  const missing = step.fields.filter((f) => f.required && isEmpty(run.fields[f.id])).map((f) => f.id);
  if (missing.length > 0)
    throw new RunChangeError('required', `Fill in ${missing.join(', ')} first`, missing);
  const answer = step.answers[index]!;
  return {
    ...run,
    currentStepId: answer.next,
    path: [...run.path, { stepId, answer: answerIdOf(answer, index), at }],
    updatedAt: at,
  };
}

/** One step back: the last answer is taken back (the path keeps the route, not the detours). */
export function backRun(run: ScriptRun, at: number): ScriptRun {
  const last = run.path.at(-1);
  if (!last) return run;
  return { ...run, currentStepId: last.stepId, path: run.path.slice(0, -1), updatedAt: at };
}

/** Checks a value against the field's type: numbers for number fields, one of the options for a choice. */
export function checkFieldValue(field: ScriptField, value: ScriptFieldValue): ScriptFieldValue {
  if (value === null) return null;
  if (typeof value === 'string' && value.trim() === '') return null;
  switch (field.type) {
    case 'number':
      if (typeof value !== 'number')
        throw new RunChangeError('bad-value', `${field.id} takes a number`, [field.id]);
      return value;
    case 'choice':
      if (typeof value !== 'string' || !field.options?.includes(value))
        throw new RunChangeError('bad-value', `${field.id} takes one of its options`, [field.id]);
      return value;
    case 'text':
      if (typeof value !== 'string')
        throw new RunChangeError('bad-value', `${field.id} takes text`, [field.id]);
      return value;
  }
}
