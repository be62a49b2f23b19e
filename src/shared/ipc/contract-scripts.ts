import { z } from 'zod';
import { LocalIdSchema, ScriptIdSchema } from '../scripts/format.ts';
import {
  ScriptFieldValueSchema,
  ScriptForCallSchema,
  ScriptIdRequestSchema,
  ScriptImportRequestSchema,
  ScriptListSchema,
  ScriptSummarySchema,
} from '../scripts/run.ts';

// The call scripts' channels, spread into `requestSchemas` (contract.ts). Every change to a run
// answers with the whole run (and is also pushed as `script:updated`).

const CallId = z.string().min(1).max(128);

export const scriptRequestSchemas = {
  /** Every script the operator may use: built-in, the company's, IT's; and IT's that were refused. */
  'scripts:list': { request: z.object({}).strict(), response: ScriptListSchema },
  /** The call's script and where the operator is in it; a call in progress gets its script chosen. */
  'scripts:forCall': { request: z.object({ callId: CallId }).strict(), response: ScriptForCallSchema },
  /** The operator chose an answer at the current step. */
  'scripts:step': {
    request: z.object({ callId: CallId, stepId: LocalIdSchema, answer: z.string().min(1).max(48) }).strict(),
    response: ScriptForCallSchema,
  },
  /** Takes the last answer back. */
  'scripts:back': { request: z.object({ callId: CallId }).strict(), response: ScriptForCallSchema },
  /** Starts over: the same script, or another one the operator picked (`scriptId`). */
  'scripts:restart': {
    request: z.object({ callId: CallId, scriptId: ScriptIdSchema.optional() }).strict(),
    response: ScriptForCallSchema,
  },
  /** A script field's value (also written to the call's wrap-up draft as `script.<id>`). */
  'scripts:setField': {
    request: z.object({ callId: CallId, fieldId: LocalIdSchema, value: ScriptFieldValueSchema }).strict(),
    response: ScriptForCallSchema,
  },
  /** A script file (format hotline-script v1): all or nothing; problems come back as VALIDATION issues. */
  'scripts:import': {
    request: ScriptImportRequestSchema,
    response: z.object({ script: ScriptSummarySchema, replaced: z.boolean() }),
  },
  /** A script as a file, to edit elsewhere or import on another computer. */
  'scripts:export': {
    request: ScriptIdRequestSchema,
    response: z.object({ fileName: z.string(), content: z.string() }),
  },
};

export const scriptEventSchemas = {
  /** A run changed (an answer, a field, a restart): the panel and the wrap-up form follow it. */
  'script:updated': ScriptForCallSchema,
};
