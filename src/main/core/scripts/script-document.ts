import { z } from 'zod';
import type { ScriptRun } from '../../../shared/scripts/run.ts';
import type { Db } from '../store/database.ts';
import { runsOfCall } from './runs-table.ts';

// The `script` object of the `wrapup.submitted` sync document (docs/sync): which script the call
// used and the path the operator took. Built from the stored runs inside the submitting transaction.

const IsoTime = z.iso.datetime({ offset: false }).describe('UTC, ISO 8601 with milliseconds');

const PathDocument = z
  .array(
    z
      .object({
        stepId: z.string().describe('The step where the answer was chosen'),
        answer: z.string().describe('The answer’s id, or its number (1-based) when it has none'),
        at: IsoTime,
      })
      .strict(),
  )
  .describe('The answers in the order given (a step the operator went back from is not in it)');

const Source = z
  .enum(['builtin', 'company', 'managed'])
  .describe('Built into Hotline, imported by the company, or set by IT in the managed settings');

export const ScriptRunDocumentSchema = z
  .object({
    scriptId: z.string(),
    scriptVersion: z.number().int().describe('The script’s revision the call used'),
    source: Source,
    path: PathDocument,
    currentStepId: z
      .string()
      .nullable()
      .describe('The step the operator stopped at; null when an answer ended the script'),
    fields: z
      .record(z.string(), z.union([z.string(), z.number(), z.null()]))
      .describe('Script field values by field id (also in the wrap-up’s `fields` as `script.<id>`)'),
    startedAt: IsoTime,
    updatedAt: IsoTime,
    earlier: z
      .array(
        z
          .object({
            scriptId: z.string(),
            scriptVersion: z.number().int(),
            source: Source,
            path: PathDocument,
            startedAt: IsoTime,
          })
          .strict(),
      )
      .optional()
      .describe('Scripts the operator switched away from during the call, first first; absent when none'),
  })
  .strict()
  .describe('The call script the operator followed and the path taken; absent when the call had none');
export type ScriptRunDocument = z.infer<typeof ScriptRunDocumentSchema>;

const iso = (ms: number) => new Date(ms).toISOString();
const pathOf = (run: ScriptRun) =>
  run.path.map((p) => ({ stepId: p.stepId, answer: p.answer, at: iso(p.at) }));

export function scriptRunDocument(runs: readonly ScriptRun[]): ScriptRunDocument | undefined {
  const current = runs.at(-1);
  if (!current) return undefined;
  const earlier = runs.slice(0, -1).map((run) => ({
    scriptId: run.scriptId,
    scriptVersion: run.scriptVersion,
    source: run.source,
    path: pathOf(run),
    startedAt: iso(run.startedAt),
  }));
  return {
    scriptId: current.scriptId,
    scriptVersion: current.scriptVersion,
    source: current.source,
    path: pathOf(current),
    currentStepId: current.currentStepId,
    fields: current.fields,
    startedAt: iso(current.startedAt),
    updatedAt: iso(current.updatedAt),
    ...(earlier.length > 0 ? { earlier } : {}),
  };
}

/** The call's script object for its wrap-up document, or undefined when no script ran. */
export function scriptDocumentOfCall(db: Db, callId: string): ScriptRunDocument | undefined {
  return scriptRunDocument(runsOfCall(db, callId));
}
