import type { CallView } from '../../../shared/model/call.ts';
import type { ScriptSettings } from '../../../shared/model/scripts-settings.ts';
import type { UiLanguage } from '../../../shared/model/settings.ts';
import type { WrapupDraft } from '../../../shared/model/wrapup.ts';
import type { FieldIssue } from '../../../shared/ipc/errors.ts';
import { BUILTIN_PREFIX, BUILTIN_SCRIPTS } from '../../../shared/scripts/builtin.ts';
import {
  WRAPUP_SCRIPT_PREFIX,
  wrapupFieldKey,
  type ScriptDocument,
  type ScriptSource,
} from '../../../shared/scripts/format.ts';
import {
  answerRun,
  backRun,
  checkFieldValue,
  fieldOf,
  RunChangeError,
  startRun,
  type ScriptFieldValue,
  type ScriptForCall,
  type ScriptList,
  type ScriptRun,
  type ScriptSummary,
} from '../../../shared/scripts/run.ts';
import { selectScript, type CallContext, type ScriptCandidate } from '../../../shared/scripts/select.ts';
import {
  checkScript,
  checkScriptText,
  describeProblem,
  type ScriptProblem,
} from '../../../shared/scripts/validate.ts';
import { AppError } from '../app-error.ts';
import { getWrapup, putWrapupDraft } from '../calllog/wrapups-table.ts';
import type { Logger } from '../log/logger.ts';
import type { Db } from '../store/database.ts';
import { currentRun, putRun } from './runs-table.ts';
import { activeScript, activeScripts, putActiveScript, scriptRevision } from './scripts-table.ts';

// Call scripts in the core: which scripts exist (built-in, the company's imported ones, IT's from the
// managed settings), which one a call gets, and the run — the path the operator takes, written in
// one short transaction per answer or field, so a crash keeps everything up to the last click.
// Script field values are the call's wrap-up fields `script.<id>`: written into the wrap-up draft
// when one exists, and laid over every draft the form saves (the run is their owner).

export interface ScriptServiceOptions {
  db: Db;
  log: Logger;
  settings: () => ScriptSettings;
  /** The operator's interface language: a script in it wins a tie. */
  language: () => UiLanguage;
  /** The calls in progress (a run is only started for one of them). */
  calls: () => CallView[];
  /** Told after every change of a run (the `script:updated` event). */
  onRunChanged?: (view: ScriptForCall) => void;
  now?: () => number;
}

export interface ScriptService {
  list(): ScriptList;
  forCall(callId: string): ScriptForCall;
  step(callId: string, stepId: string, answer: string): ScriptForCall;
  back(callId: string): ScriptForCall;
  restart(callId: string, scriptId?: string): ScriptForCall;
  setField(callId: string, fieldId: string, value: ScriptFieldValue): ScriptForCall;
  import(fileName: string, content: string): { script: ScriptSummary; replaced: boolean };
  export(id: string): { fileName: string; content: string };
  /** The draft with the call's script field values laid over its `script.*` fields. */
  withScriptFields(callId: string, draft: WrapupDraft): WrapupDraft;
  /** The call's wrap-up was submitted: the panel is told its run is locked now. */
  wrapupSubmitted(callId: string): void;
}

interface Known {
  script: ScriptDocument;
  source: ScriptSource;
}

interface ManagedCache {
  from: unknown[];
  scripts: Known[];
  problems: ScriptList['problems'];
}

/** The call as the selection rules see it. */
export function callContextOf(call: CallView): CallContext {
  return {
    direction: call.direction,
    calledNumber:
      call.direction === 'inbound' ? (call.calledNumber ?? null) : (call.dialed ?? call.remote.number),
    webRequestType: null,
  };
}

function summaryOf({ script, source }: Known): ScriptSummary {
  return {
    id: script.id,
    revision: script.revision,
    title: script.title,
    description: script.description,
    language: script.language,
    source,
    readOnly: source !== 'company',
    manualOnly: script.rules.length === 0,
  };
}

function issuesOf(problems: readonly ScriptProblem[]): FieldIssue[] {
  return problems.map((p) => ({
    path: p.path,
    message: p.kind,
    params: {
      detail: p.message,
      ...(p.stepId !== undefined ? { stepId: p.stepId } : {}),
      ...(p.line !== undefined ? { line: String(p.line), column: String(p.column) } : {}),
    },
  }));
}

export function createScriptService(options: ScriptServiceOptions): ScriptService {
  const { db, log } = options;
  const now = options.now ?? Date.now;
  let managedCache: ManagedCache | undefined;

  /** IT's scripts, each checked alone: a broken one is left out and reported. */
  function managed(): ManagedCache {
    const from = options.settings().managed;
    if (managedCache?.from === from) return managedCache;
    const scripts: Known[] = [];
    const problems: ScriptList['problems'] = [];
    const seen = new Set<string>();
    from.forEach((raw, index) => {
      const checked = checkScript(raw);
      const rawId =
        typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
          ? (raw as { id: string }).id
          : null;
      if (!checked.ok) {
        problems.push({ source: 'managed', index, scriptId: rawId, problems: checked.problems });
        log.warn('a managed script was refused', {
          index,
          scriptId: rawId,
          problems: checked.problems.slice(0, 20).map(describeProblem),
        });
        return;
      }
      const { script } = checked;
      const clash = script.id.startsWith(BUILTIN_PREFIX)
        ? `Ids starting with "${BUILTIN_PREFIX}" are reserved for Hotline's scripts`
        : seen.has(script.id)
          ? `Another managed script already has the id "${script.id}"`
          : null;
      if (clash) {
        problems.push({
          source: 'managed',
          index,
          scriptId: script.id,
          problems: [{ kind: 'duplicate-id', path: '$.id', message: clash }],
        });
        log.warn('a managed script was refused', { index, scriptId: script.id, problem: clash });
        return;
      }
      seen.add(script.id);
      scripts.push({ script, source: 'managed' });
    });
    managedCache = { from, scripts, problems };
    return managedCache;
  }

  /** Every script offered, IT's first; an imported script with the id of IT's is hidden by it. */
  function known(): Known[] {
    const fromIt = managed().scripts;
    const itIds = new Set(fromIt.map((k) => k.script.id));
    const company = activeScripts(db)
      .filter((s) => !itIds.has(s.script.id))
      .map((s): Known => ({ script: s.script, source: 'company' }));
    const builtIn = options.settings().builtIn
      ? BUILTIN_SCRIPTS.map((script): Known => ({ script, source: 'builtin' }))
      : [];
    return [...fromIt, ...company, ...builtIn];
  }

  function findCurrent(id: string): Known | undefined {
    return known().find((k) => k.script.id === id);
  }

  /** The script a run was made with: that revision when it is still there, else the current one. */
  function scriptOfRun(run: ScriptRun): ScriptDocument | null {
    if (run.source === 'company') {
      const stored = scriptRevision(db, run.scriptId, run.scriptVersion) ?? activeScript(db, run.scriptId);
      return stored?.script ?? null;
    }
    if (run.source === 'builtin') return BUILTIN_SCRIPTS.find((s) => s.id === run.scriptId) ?? null;
    return managed().scripts.find((k) => k.script.id === run.scriptId)?.script ?? null;
  }

  function isLocked(callId: string): boolean {
    return getWrapup(db, callId)?.state === 'submitted';
  }

  function viewOf(callId: string, run: ScriptRun | undefined): ScriptForCall {
    return {
      callId,
      script: run ? scriptOfRun(run) : null,
      run: run ?? null,
      locked: isLocked(callId),
    };
  }

  function writable<T>(action: () => T): T {
    try {
      return action();
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (error instanceof RunChangeError)
        throw new AppError(
          'VALIDATION',
          error.message,
          error.fieldIds.length > 0
            ? error.fieldIds.map((id) => ({ path: `fields.${id}`, message: error.code }))
            : [{ path: 'run', message: error.code }],
        );
      log.error('a script run could not be written', { error });
      throw new AppError('STORAGE', `The script could not be saved: ${(error as Error).message}`);
    }
  }

  /** Lays the run's fields over the call's wrap-up draft, if there is a draft. In the caller's transaction. */
  function syncDraft(run: ScriptRun, at: number): void {
    const wrapup = getWrapup(db, run.callId);
    if (!wrapup || wrapup.state !== 'draft') return;
    putWrapupDraft(db, run.callId, overlay(wrapup.draft, run), at);
  }

  function overlay(draft: WrapupDraft, run: ScriptRun | undefined): WrapupDraft {
    if (!run) return draft;
    const fields = Object.fromEntries(
      Object.entries(draft.fields).filter(([key]) => !key.startsWith(WRAPUP_SCRIPT_PREFIX)),
    );
    for (const [id, value] of Object.entries(run.fields)) fields[wrapupFieldKey(id)] = value;
    return { ...draft, fields };
  }

  /** Applies a change to the call's current run in one transaction, then tells the renderer. */
  const change = (callId: string, apply: (run: ScriptRun, script: ScriptDocument, at: number) => ScriptRun) =>
    writable(() => {
      const view = db.transaction((): ScriptForCall => {
        if (isLocked(callId)) throw new AppError('LOCKED', 'The wrap-up of this call was submitted');
        const run = currentRun(db, callId);
        if (!run) throw new AppError('NOT_FOUND', `No script run for call ${callId}`);
        const script = scriptOfRun(run);
        if (!script) throw new AppError('NOT_FOUND', `The script "${run.scriptId}" is no longer available`);
        const at = now();
        const next = apply(run, script, at);
        putRun(db, next);
        syncDraft(next, at);
        return { callId, script, run: next, locked: false };
      })();
      options.onRunChanged?.(view);
      return view;
    });

  function start(callId: string, chosen: Known, previous: ScriptRun | undefined): ScriptForCall {
    const run = startRun(
      chosen.script,
      { callId, seq: (previous?.seq ?? 0) + 1, source: chosen.source, fields: previous?.fields ?? {} },
      now(),
    );
    writable(() => putRun(db, run));
    log.info('script started', { callId, scriptId: run.scriptId, revision: run.scriptVersion, seq: run.seq });
    const view: ScriptForCall = { callId, script: chosen.script, run, locked: false };
    options.onRunChanged?.(view);
    return view;
  }

  return {
    list() {
      const scripts = known().map(summaryOf);
      return { scripts, problems: managed().problems };
    },

    forCall(callId) {
      const existing = currentRun(db, callId);
      if (existing) return viewOf(callId, existing);
      const call = options.calls().find((c) => c.id === callId && c.state !== 'ended');
      // A call that is over and never had a script does not get one now; nor does a consultation
      // with a colleague (not a customer's call).
      if (!call || call.consultFor) return viewOf(callId, undefined);
      const choice = selectScript(
        known().map((k): ScriptCandidate => k),
        callContextOf(call),
        options.language(),
      );
      if (!choice) return viewOf(callId, undefined);
      return start(callId, choice.candidate, undefined);
    },

    step: (callId, stepId, answer) =>
      change(callId, (run, script, at) => answerRun(run, script, stepId, answer, at)),

    back: (callId) => change(callId, (run, _script, at) => backRun(run, at)),

    restart(callId, scriptId) {
      if (isLocked(callId)) throw new AppError('LOCKED', 'The wrap-up of this call was submitted');
      const previous = currentRun(db, callId);
      if (scriptId === undefined || scriptId === previous?.scriptId) {
        // The same script from its first step: the run is reset, the field values stay.
        if (!previous) throw new AppError('NOT_FOUND', `No script run for call ${callId}`);
        return change(callId, (run, script, at) => ({
          ...run,
          currentStepId: script.start,
          path: [],
          updatedAt: at,
        }));
      }
      const chosen = findCurrent(scriptId);
      if (!chosen) throw new AppError('NOT_FOUND', `No script "${scriptId}"`);
      if (!previous && !options.calls().some((c) => c.id === callId && c.state !== 'ended'))
        throw new AppError('NOT_FOUND', `Call ${callId} is not in progress`);
      return start(callId, chosen, previous);
    },

    setField: (callId, fieldId, value) =>
      change(callId, (run, script, at) => {
        const field = fieldOf(script, fieldId);
        if (!field)
          throw new RunChangeError('unknown-field', `The script has no field "${fieldId}"`, [fieldId]);
        return { ...run, fields: { ...run.fields, [fieldId]: checkFieldValue(field, value) }, updatedAt: at };
      }),

    import(fileName, content) {
      const checked = checkScriptText(content);
      if (!checked.ok) {
        log.info('script import refused', {
          fileName,
          problems: checked.problems.slice(0, 20).map(describeProblem),
        });
        throw new AppError(
          'VALIDATION',
          `${fileName}: ${checked.problems.length} problem(s); first: ${describeProblem(checked.problems[0]!)}`,
          issuesOf(checked.problems),
        );
      }
      const { script } = checked;
      const refusal = script.id.startsWith(BUILTIN_PREFIX)
        ? `Ids starting with "${BUILTIN_PREFIX}" are Hotline's own: give the script an id of your company's`
        : managed().scripts.some((k) => k.script.id === script.id)
          ? `"${script.id}" is set by your administrator and cannot be replaced by an import`
          : null;
      if (refusal)
        throw new AppError('VALIDATION', refusal, [
          { path: '$.id', message: 'read-only', params: { detail: refusal } },
        ]);
      const replaced = writable(() =>
        db.transaction(() => putActiveScript(db, script, fileName.slice(0, 260), now()))(),
      );
      log.info('script imported', { fileName, scriptId: script.id, revision: script.revision, replaced });
      return { script: summaryOf({ script, source: 'company' }), replaced };
    },

    export(id) {
      const found = findCurrent(id);
      if (!found) throw new AppError('NOT_FOUND', `No script "${id}"`);
      return { fileName: `${id}.hotline-script.json`, content: `${JSON.stringify(found.script, null, 2)}\n` };
    },

    withScriptFields: (callId, draft) => overlay(draft, currentRun(db, callId)),

    wrapupSubmitted(callId) {
      const run = currentRun(db, callId);
      if (run) options.onRunChanged?.(viewOf(callId, run));
    },
  };
}
