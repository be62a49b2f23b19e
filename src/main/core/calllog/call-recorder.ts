import type { QualitySummary } from '../../../shared/media/quality.ts';
import type { CallView } from '../../../shared/model/call.ts';
import { toE164 } from '../../../shared/phone/dial-target.ts';
import type { Logger } from '../log/logger.ts';
import type { Db } from '../store/database.ts';
import { contactIdByNumber } from '../contacts/contacts-table.ts';
import { appendCallEvent } from './call-events-table.ts';
import { getCall, putCall, unfinishedCalls, type CallRow } from './calls-table.ts';
import { endedByOf, outcomeOf } from './outcome.ts';

// Writes every call into the log as it happens: the row exists from the first INVITE or dial, and
// each change of state updates the row and appends its event in one transaction — so after a crash
// the log holds every call that started, in the state it last reached. At start-up, calls that
// never ended are closed as "interrupted" at the time of their last event.
//
// If the database cannot be written (disk full, read-only, locked), the phone keeps working: the
// changes wait in memory, in order, and are written as soon as a write succeeds again.

export interface CallRecorder {
  /** Called with every `call:updated` view the phone publishes (and its detail). Never throws. */
  record(call: CallView, at?: number, detail?: CallRecordDetail): void;
  /**
   * Closes calls left unfinished by a previous run. Returns how many. Never throws: if the database
   * refuses the write, it is retried (before any newer change) until it succeeds.
   */
  closeInterrupted(now?: number): number;
  /** Changes not yet written (the database refused them); 0 when all is on disk. */
  pendingCount(): number;
  /** Tries to write what is waiting; true when nothing is left. */
  flush(): boolean;
  dispose(): void;
}

/** What the phone tells the log beyond the view. */
export interface CallRecordDetail {
  /** With the `ended` update: stored as JSON in calls.quality (its shape: docs/sync/README.md). */
  qualitySummary?: QualitySummary;
}

export interface CallRecorderOptions {
  db: Db;
  log: Logger;
  /** The default region for normalizing numbers (settings: phone.defaultRegion). */
  defaultRegion: () => string;
  /** The local account (AOR) the call came in on or went out from. */
  account: () => string | undefined;
  /**
   * Runs inside the transaction that finishes a call (ended, or closed as interrupted at start-up):
   * the sync outbox adds the call's document here, so the two commit together or not at all.
   */
  onFinished?: (row: CallRow) => void;
  /** Told after such a transaction committed (the sync worker starts delivering). */
  afterFinished?: () => void;
  /** Told when writes start failing and when they recover, so the operator can be warned. */
  onHealthChange?: (healthy: boolean, error?: Error) => void;
  /** Told when the number of changes waiting in memory changes (the status bar shows it). */
  onPendingChange?: (pending: number) => void;
  retryMs?: number;
}

/**
 * The times a call's row gets when it ends at `endedAt`: a hold still open counts up to the end;
 * ringing lasts until the answer (or the end); talking from the answer to the end.
 */
function endTimes(
  row: CallRow,
  endedAt: number,
): Pick<CallRow, 'endedAt' | 'holdMs' | 'heldSince' | 'ringMs' | 'talkMs'> {
  return {
    endedAt,
    holdMs: row.holdMs + (row.heldSince === null ? 0 : Math.max(0, endedAt - row.heldSince)),
    heldSince: null,
    ringMs: Math.max(0, (row.answeredAt ?? endedAt) - (row.ringingAt ?? row.createdAt)),
    talkMs: row.answeredAt === null ? null : Math.max(0, endedAt - row.answeredAt),
  };
}

/** The complete row after this update, from the previous row (if any) and the new view. */
export function nextRow(
  previous: CallRow | undefined,
  call: CallView,
  at: number,
  context: {
    region: string;
    account: string | undefined;
  },
  detail: CallRecordDetail = {},
): CallRow {
  const row: CallRow = previous
    ? { ...previous }
    : {
        id: call.id,
        sipCallId: call.sipCallId ?? null,
        direction: call.direction,
        account: context.account ?? null,
        remoteNumber: call.remote.number,
        remoteE164: toE164(call.remote.number, context.region),
        remoteName: call.remote.displayName ?? null,
        remoteUri: call.remote.uri,
        calledNumber: call.calledNumber ?? null,
        state: call.state,
        createdAt: call.startedAt,
        ringingAt: call.state === 'ringing' ? call.startedAt : null,
        answeredAt: null,
        endedAt: null,
        lastEventAt: at,
        ringMs: null,
        talkMs: null,
        holdMs: 0,
        heldSince: null,
        wrapupMs: null,
        endReason: null,
        endedBy: null,
        sipStatus: null,
        sipReason: null,
        transferredTo: null,
        outcome: null,
        quality: null,
        contactId: null,
      };
  row.sipCallId ??= call.sipCallId ?? null;
  row.remoteName = call.remote.displayName ?? row.remoteName;
  row.lastEventAt = at;
  if (call.state === 'ringback' && row.ringingAt === null) row.ringingAt = at;
  if (call.answeredAt !== undefined && row.answeredAt === null) row.answeredAt = call.answeredAt;
  if (call.state === 'held' && row.heldSince === null) row.heldSince = at;
  if (call.state !== 'held' && row.heldSince !== null) {
    row.holdMs += Math.max(0, at - row.heldSince);
    row.heldSince = null;
  }
  if (call.transfer?.state === 'pending') row.transferredTo = call.transfer.target;
  row.state = call.state;
  if (call.state === 'ended') {
    Object.assign(row, endTimes(row, call.endedAt ?? at));
    row.endReason = call.end?.reason ?? null;
    row.endedBy = endedByOf(call) ?? null;
    row.sipStatus = call.end?.statusCode ?? null;
    row.sipReason = call.end?.phrase ?? null;
    row.outcome = outcomeOf(call);
    if (detail.qualitySummary) row.quality = JSON.stringify(detail.qualitySummary);
    if (call.end?.reason !== 'transferred' && row.transferredTo !== null && call.transfer?.state === 'failed')
      row.transferredTo = null;
  }
  return row;
}

export function createCallRecorder(options: CallRecorderOptions): CallRecorder {
  const { db, log } = options;
  /** Updates the database refused, oldest first; written before anything newer. */
  const waiting: Array<{ call: CallView; at: number; detail?: CallRecordDetail }> = [];
  /** The start-up close of interrupted calls, when the database refused it (the time it used). */
  let interruptedAt: number | undefined;
  let healthy = true;
  let reportedPending = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const writeOne = db.transaction((call: CallView, at: number, detail?: CallRecordDetail): boolean => {
    const previous = getCall(db, call.id);
    // An ended call is final (a late duplicate update must not reopen or re-time it).
    if (previous && previous.endedAt !== null) return false;
    const row = nextRow(
      previous,
      call,
      at,
      { region: options.defaultRegion(), account: options.account() },
      detail,
    );
    // A new call from or to a known number is filed under its contact (history, reports, merges).
    if (!previous && row.remoteE164) row.contactId = contactIdByNumber(db, row.remoteE164);
    putCall(db, row);
    if (!previous || previous.state !== call.state)
      appendCallEvent(db, {
        callId: call.id,
        at,
        kind: previous ? call.state : `created:${call.state}`,
        detail: call.state === 'ended' ? { ...call.end, outcome: row.outcome } : undefined,
      });
    if (row.endedAt === null) return false;
    options.onFinished?.(row);
    return true;
  });

  function setHealthy(next: boolean, error?: Error): void {
    if (next === healthy) return;
    healthy = next;
    if (next) log.info('call log writable again; waiting records written');
    else log.error('call log cannot be written; keeping records in memory', { error });
    options.onHealthChange?.(next, error);
  }

  function flush(): boolean {
    let finished = false;
    try {
      if (interruptedAt !== undefined) {
        try {
          if (closeInterruptedNow(interruptedAt) > 0) finished = true;
          interruptedAt = undefined;
        } catch (error) {
          setHealthy(false, error as Error);
          scheduleRetry();
          return false;
        }
      }
      while (waiting.length > 0) {
        const next = waiting[0]!;
        try {
          if (writeOne(next.call, next.at, next.detail)) finished = true;
        } catch (error) {
          setHealthy(false, error as Error);
          scheduleRetry();
          return false;
        }
        waiting.shift();
      }
      setHealthy(true);
      return true;
    } finally {
      if (waiting.length !== reportedPending) {
        reportedPending = waiting.length;
        options.onPendingChange?.(reportedPending);
      }
      if (finished) options.afterFinished?.();
    }
  }

  function scheduleRetry(): void {
    if (retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      flush();
    }, options.retryMs ?? 5000);
    retryTimer.unref?.();
  }

  function closeInterruptedNow(now: number): number {
    const close = db.transaction(() => {
      const open = unfinishedCalls(db);
      for (const row of open) {
        const endedAt = row.lastEventAt;
        putCall(db, {
          ...row,
          ...endTimes(row, endedAt),
          state: 'ended',
          endReason: 'interrupted',
          endedBy: 'system',
          outcome: 'interrupted',
        });
        appendCallEvent(db, { callId: row.id, at: now, kind: 'interrupted', detail: { endedAt } });
        options.onFinished?.(getCall(db, row.id)!);
      }
      return open.length;
    });
    const count = close();
    if (count > 0) log.warn('closed calls a previous run left unfinished', { count });
    return count;
  }

  return {
    record(call, at = Date.now(), detail) {
      waiting.push({ call, at, detail });
      flush();
    },
    closeInterrupted(now = Date.now()) {
      try {
        const count = closeInterruptedNow(now);
        if (count > 0) options.afterFinished?.();
        return count;
      } catch (error) {
        interruptedAt = now;
        setHealthy(false, error as Error);
        scheduleRetry();
        return 0;
      }
    },
    pendingCount: () => waiting.length,
    flush,
    dispose() {
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = undefined;
    },
  };
}
