import type { WrapupDraft, WrapupView } from '../../../shared/model/wrapup.ts';
import { AppError } from '../app-error.ts';
import type { Logger } from '../log/logger.ts';
import type { Db } from '../store/database.ts';
import { getCall, setWrapupMs } from './calls-table.ts';
import { getWrapup, markWrapupSubmitted, openWrapupDrafts, putWrapupDraft } from './wrapups-table.ts';

// The wrap-up of a call: drafts saved as the operator types (a crash or a reload brings them back),
// then one submission that files it with the call and queues it for the company's systems in the
// same transaction.

export interface WrapupService {
  get(callId: string): WrapupView | undefined;
  saveDraft(callId: string, draft: WrapupDraft, at?: number): WrapupView;
  submit(callId: string, draft: WrapupDraft, at?: number): WrapupView;
  /** Drafts never submitted, newest first. */
  drafts(): WrapupView[];
}

export interface WrapupServiceOptions {
  db: Db;
  log: Logger;
  /** Runs inside the submitting transaction: the sync outbox adds the document here. */
  onSubmitted?: (wrapup: WrapupView) => void;
  afterSubmitted?: () => void;
}

export function createWrapupService(options: WrapupServiceOptions): WrapupService {
  const { db, log } = options;

  function requireCall(callId: string) {
    const call = getCall(db, callId);
    if (!call) throw new AppError('NOT_FOUND', `No call ${callId} in the log`);
    return call;
  }

  function writable<T>(action: () => T): T {
    try {
      return action();
    } catch (error) {
      if (error instanceof AppError) throw error;
      log.error('wrap-up could not be written', { error });
      throw new AppError('STORAGE', `The wrap-up could not be saved: ${(error as Error).message}`);
    }
  }

  const submitTx = db.transaction((callId: string, draft: WrapupDraft, at: number): WrapupView => {
    const call = requireCall(callId);
    const existing = getWrapup(db, callId);
    if (existing?.state === 'submitted') throw new AppError('LOCKED', 'This wrap-up was already submitted');
    const issues = [];
    if (!draft.disposition) issues.push({ path: 'disposition', message: 'required' });
    if (call.endedAt === null) issues.push({ path: 'call', message: 'callNotEnded' });
    if (issues.length > 0) throw new AppError('VALIDATION', 'The wrap-up is not complete', issues);
    putWrapupDraft(db, callId, draft, at);
    markWrapupSubmitted(db, callId, at);
    setWrapupMs(db, callId, at - call.endedAt!);
    const view = getWrapup(db, callId)!;
    options.onSubmitted?.(view);
    return view;
  });

  return {
    get: (callId) => getWrapup(db, callId),
    saveDraft(callId, draft, at = Date.now()) {
      return writable(() => {
        requireCall(callId);
        if (getWrapup(db, callId)?.state === 'submitted')
          throw new AppError('LOCKED', 'This wrap-up was already submitted');
        putWrapupDraft(db, callId, draft, at);
        return getWrapup(db, callId)!;
      });
    },
    submit(callId, draft, at = Date.now()) {
      const view = writable(() => submitTx(callId, draft, at));
      options.afterSubmitted?.();
      return view;
    },
    drafts: () => openWrapupDrafts(db),
  };
}
