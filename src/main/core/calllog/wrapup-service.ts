import { randomUUID } from 'node:crypto';
import type { CallbackView, RequestView } from '../../../shared/model/follow-ups.ts';
import { checkWrapup } from '../../../shared/model/wrapup-check.ts';
import type { WrapupSettings } from '../../../shared/model/wrapup-settings.ts';
import type { WrapupDraft, WrapupSubmitted, WrapupView } from '../../../shared/model/wrapup.ts';
import { AppError } from '../app-error.ts';
import type { Logger } from '../log/logger.ts';
import type { Db } from '../store/database.ts';
import { insertCallback } from './callbacks-table.ts';
import { getCall, setWrapupMs } from './calls-table.ts';
import { insertRequest } from './requests-table.ts';
import {
  beginWrapup,
  getWrapup,
  markWrapupSubmitted,
  openWrapupDrafts,
  putWrapupDraft,
} from './wrapups-table.ts';

// The wrap-up of a call: drafts saved as the operator types (a crash or a reload brings them back),
// then one submission that files it with the call, creates the request/order and the callback it
// asks for, and queues it all for the company's systems — in one transaction, so a crash leaves
// either everything or nothing.

/** What a submission created besides the wrap-up itself. */
export interface WrapupFollowUps {
  request: RequestView | null;
  callback: CallbackView | null;
}

export interface WrapupService {
  get(callId: string): WrapupView | undefined;
  /** The call ended after an answer: its (empty) draft starts now. Runs in the call's transaction. */
  begin(callId: string, at: number): void;
  saveDraft(callId: string, draft: WrapupDraft, at?: number): WrapupView;
  submit(callId: string, draft: WrapupDraft, at?: number): WrapupSubmitted;
  /** Drafts never submitted, newest first. */
  drafts(): WrapupView[];
}

export interface WrapupRules {
  settings: WrapupSettings;
  defaultRegion: string;
  /** The operator's SIP account: a callback "for me" is for this account. */
  account: string | null;
}

export interface WrapupServiceOptions {
  db: Db;
  log: Logger;
  /** The settings at submission time (dispositions, required fields, region). */
  rules: () => WrapupRules;
  /** Runs inside the submitting transaction: the sync outbox adds the document here. */
  onSubmitted?: (wrapup: WrapupView, followUps: WrapupFollowUps) => void;
  afterSubmitted?: (followUps: WrapupFollowUps) => void;
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

  const submitTx = db.transaction(
    (callId: string, draft: WrapupDraft, at: number): [WrapupSubmitted, WrapupFollowUps] => {
      const call = requireCall(callId);
      const existing = getWrapup(db, callId);
      if (existing?.state === 'submitted') throw new AppError('LOCKED', 'This wrap-up was already submitted');
      const rules = options.rules();
      const checked = checkWrapup(draft, {
        settings: rules.settings,
        defaultRegion: rules.defaultRegion,
        now: at,
      });
      const issues = [...checked.issues];
      if (call.endedAt === null) issues.push({ path: 'call', message: 'callNotEnded' });
      if (issues.length > 0) throw new AppError('VALIDATION', 'The wrap-up is not complete', issues);
      putWrapupDraft(db, callId, draft, at);
      markWrapupSubmitted(db, callId, at);
      setWrapupMs(db, callId, at - call.endedAt!);
      const callerNumber = call.remoteE164 ?? call.remoteNumber;
      const followUps: WrapupFollowUps = {
        request: checked.request
          ? insertRequest(
              db,
              {
                id: randomUUID(),
                callId,
                contactId: call.contactId,
                number: callerNumber,
                ...checked.request,
              },
              at,
            )
          : null,
        callback: checked.callback
          ? insertCallback(
              db,
              {
                id: randomUUID(),
                callId,
                contactId: call.contactId,
                ...checked.callback,
                account: rules.account,
              },
              at,
            )
          : null,
      };
      const view = getWrapup(db, callId)!;
      options.onSubmitted?.(view, followUps);
      return [
        { ...view, requestId: followUps.request?.id ?? null, callbackId: followUps.callback?.id ?? null },
        followUps,
      ];
    },
  );

  return {
    get: (callId) => getWrapup(db, callId),
    begin: (callId, at) => beginWrapup(db, callId, at),
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
      const [view, followUps] = writable(() => submitTx(callId, draft, at));
      options.afterSubmitted?.(followUps);
      return view;
    },
    drafts: () => openWrapupDrafts(db),
  };
}
