import { z } from 'zod';
import {
  ScriptFieldValueSchema,
  ScriptPathEntrySchema,
  type ScriptRun,
} from '../../../shared/scripts/run.ts';
import type { ScriptSource } from '../../../shared/scripts/format.ts';
import { prepared, type Db } from '../store/database.ts';

// The path each call takes through its script (table `call_script_runs`, migration 0055).

interface SqlRow {
  call_id: string;
  seq: number;
  script_id: string;
  script_version: number;
  script_source: ScriptSource;
  current_step: string | null;
  path: string;
  fields: string;
  started_at: number;
  updated_at: number;
}

const PathSchema = z.array(ScriptPathEntrySchema);
const FieldsSchema = z.record(z.string(), ScriptFieldValueSchema);

function parsedOr<T>(schema: z.ZodType<T>, text: string, fallback: T): T {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

function fromSql(row: SqlRow): ScriptRun {
  return {
    callId: row.call_id,
    seq: row.seq,
    scriptId: row.script_id,
    scriptVersion: row.script_version,
    source: row.script_source,
    currentStepId: row.current_step,
    path: parsedOr(PathSchema, row.path, []),
    fields: parsedOr(FieldsSchema, row.fields, {}),
    startedAt: row.started_at,
    updatedAt: row.updated_at,
  };
}

const COLUMNS = `call_id, seq, script_id, script_version, script_source, current_step, path, fields,
  started_at, updated_at`;

/** The call's current run: the one with the highest `seq`. Uses the primary key. */
export const CURRENT_RUN_SQL = `SELECT ${COLUMNS} FROM call_script_runs WHERE call_id = ? ORDER BY seq DESC LIMIT 1`;

export function currentRun(db: Db, callId: string): ScriptRun | undefined {
  const row = prepared(db, CURRENT_RUN_SQL).get(callId) as SqlRow | undefined;
  return row && fromSql(row);
}

/** Every run of a call, first first. */
export function runsOfCall(db: Db, callId: string): ScriptRun[] {
  return (
    prepared(db, `SELECT ${COLUMNS} FROM call_script_runs WHERE call_id = ? ORDER BY seq`).all(
      callId,
    ) as SqlRow[]
  ).map(fromSql);
}

/** Inserts or rewrites a run (the whole row: path and fields are small). */
export function putRun(db: Db, run: ScriptRun): void {
  prepared(
    db,
    `INSERT INTO call_script_runs (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(call_id, seq) DO UPDATE SET current_step = excluded.current_step, path = excluded.path,
       fields = excluded.fields, updated_at = excluded.updated_at`,
  ).run(
    run.callId,
    run.seq,
    run.scriptId,
    run.scriptVersion,
    run.source,
    run.currentStepId,
    JSON.stringify(run.path),
    JSON.stringify(run.fields),
    run.startedAt,
    run.updatedAt,
  );
}
