import type { RegistrationState } from '../../../shared/ipc/contract.ts';
import type { CallView } from '../../../shared/model/call.ts';
import {
  AUTO_REASONS,
  MAX_HISTORY_ROWS,
  type OperatorHistory,
  type OperatorSetRequest,
  type OperatorSettings,
  type OperatorState,
  type OperatorStatus,
} from '../../../shared/model/operator.ts';
import { AppError } from '../app-error.ts';
import type { Logger } from '../log/logger.ts';
import type { Db } from '../store/database.ts';
import {
  closeInterruptedStates,
  closeOpenState,
  statesInRange,
  switchState,
  touchOpenState,
} from './operator-states-table.ts';

// The operator's state, derived from three things: what the operator chose (their availability:
// Ready, Not ready with a reason, or Offline), the calls on the phone, and whether the phone is
// registered. The rules (documented for operators in docs/operator-states.md):
//
// - Any call that is not over (ringing, dialling, talking, on hold) → On a call. What the operator
//   had chosen is kept, and they may choose again during the call: it applies when the calls end.
// - When the last call ends and one of the calls was answered → Wrap-up, until every answered
//   call's wrap-up is submitted, or the limit (`operator.wrapupLimitS`, 0 = none) passes, or the
//   operator chooses a state. Then back to what they had chosen: Ready, or Not ready with the same
//   reason (an operator on a break who made a call is still on the break). Unanswered calls need no
//   wrap-up and go straight back.
// - A call that rang unanswered while the operator was Ready (no other call connected) makes them
//   Not ready with reason `missed` when `operator.missedToNotReady` is on: nobody is at the desk.
// - Offline: the operator's choice, or automatic (reason `not-registered`) while the phone is not
//   registered and no call or wrap-up is on; when the phone registers again they are back to what
//   they had chosen. At start-up they are Offline until the phone registers, then Ready.
// - Do-not-disturb: inbound calls are declined while the operator chose Offline, and while they
//   chose Not ready if `operator.dndWhenNotReady` is on — also during a call or wrap-up that
//   started from that choice. Wrap-up itself does not decline calls (the PBX decides who rings).
//
// Every change is written to `operator_states` (the old row closed and the new one opened in one
// transaction). If the database refuses, the state still changes and the rows wait in memory, in
// order, until a write succeeds.

export interface OperatorStateServiceOptions {
  db: Db;
  log: Logger;
  settings: () => OperatorSettings;
  /** The status bar's `operator` section. */
  onStatus: (status: OperatorStatus) => void;
  /** How often the open row's `seen_at` is refreshed (where a crash will close it). */
  heartbeatMs?: number;
}

export interface OperatorStateService {
  status(): OperatorStatus;
  /** Every `call:updated` the phone publishes. */
  onCall(call: CallView): void;
  /** Asked by the phone before an inbound call rings: false = decline it (do-not-disturb). */
  acceptIncoming(call: CallView): boolean;
  onRegistration(state: RegistrationState): void;
  /** A wrap-up was submitted (its transaction committed). */
  wrapupSubmitted(callId: string): void;
  /** The operator's choice. A not-ready reason must be in the settings' list (else BAD_REQUEST). */
  set(request: OperatorSetRequest): OperatorStatus;
  history(range: { from: number; to: number }): OperatorHistory;
  /** Closes the current state's row (shutting down) and stops the timers. */
  stop(): void;
}

type Availability = { state: 'ready' } | { state: 'not-ready'; reason: string } | { state: 'offline' };

interface Current {
  state: OperatorState;
  reason: string | null;
  since: number;
}

const HEARTBEAT_MS = 60_000;

function isMissed(call: CallView): boolean {
  return (
    call.direction === 'inbound' &&
    call.answeredAt === undefined &&
    (call.end?.reason === 'no-answer' || call.end?.reason === 'caller-cancelled')
  );
}

export function createOperatorStateService(options: OperatorStateServiceOptions): OperatorStateService {
  const { db, log } = options;

  let availability: Availability = { state: 'ready' };
  let registered = false;
  /** Calls not over yet, by id. */
  const calls = new Map<string, CallView>();
  /** Answered calls whose wrap-up is not submitted yet. */
  const pendingWrapups = new Set<string>();
  let inWrapup = false;
  let wrapupDeadline: number | undefined;
  let wrapupTimer: ReturnType<typeof setTimeout> | undefined;
  /** From the first call to the last: the state it began in, and whether a call was missed. */
  let period: { from: OperatorState; missed: boolean } | undefined;

  // ---- the table -------------------------------------------------------------------------------

  const waiting: Array<{ state: OperatorState; reason: string | null; at: number }> = [];
  let writable = true;
  const writeTx = db.transaction((state: OperatorState, reason: string | null, at: number) =>
    switchState(db, { state, reason }, at),
  );

  function flush(): boolean {
    while (waiting.length > 0) {
      const next = waiting[0]!;
      try {
        writeTx(next.state, next.reason, next.at);
      } catch (error) {
        if (writable) log.error('operator state cannot be written; keeping it in memory', { error });
        writable = false;
        return false;
      }
      waiting.shift();
    }
    if (!writable) log.info('operator state history writable again');
    writable = true;
    return true;
  }

  // A previous run that crashed left its last state open: close it where it was last seen.
  try {
    const closed = closeInterruptedStates(db);
    if (closed > 0) log.warn('closed an operator state left open by the previous run');
  } catch (error) {
    log.error('cannot close the previous run’s operator state', { error });
  }

  // ---- the state ---------------------------------------------------------------------------------

  function derive(): { state: OperatorState; reason: string | null } {
    if (calls.size > 0) return { state: 'on-call', reason: null };
    if (inWrapup) return { state: 'wrap-up', reason: null };
    if (availability.state === 'offline') return { state: 'offline', reason: null };
    if (!registered) return { state: 'offline', reason: AUTO_REASONS.notRegistered };
    if (availability.state === 'not-ready') return { state: 'not-ready', reason: availability.reason };
    return { state: 'ready', reason: null };
  }

  let current: Current = { ...derive(), since: Date.now() };
  waiting.push({ state: current.state, reason: current.reason, at: current.since });
  flush();

  function status(): OperatorStatus {
    const out: OperatorStatus = { state: current.state, since: current.since };
    if (current.reason !== null) out.reason = current.reason;
    if (current.state === 'wrap-up' && wrapupDeadline !== undefined) out.wrapupDeadline = wrapupDeadline;
    // What follows a call, a wrap-up, or the phone's coming back: the operator's own choice.
    if (
      current.state === 'on-call' ||
      current.state === 'wrap-up' ||
      current.reason === AUTO_REASONS.notRegistered
    ) {
      out.next =
        availability.state === 'not-ready'
          ? { state: 'not-ready', reason: availability.reason }
          : { state: availability.state };
    }
    return out;
  }

  /** Moves to the state the facts now call for, recording it if it changed; publishes either way. */
  function apply(): void {
    const next = derive();
    if (next.state !== current.state || next.reason !== current.reason) {
      const at = Date.now();
      log.info('operator state', { from: current.state, to: next.state, reason: next.reason });
      current = { ...next, since: at };
      waiting.push({ state: next.state, reason: next.reason, at });
      flush();
    }
    options.onStatus(status());
  }

  function clearWrapupTimer(): void {
    if (wrapupTimer !== undefined) clearTimeout(wrapupTimer);
    wrapupTimer = undefined;
    wrapupDeadline = undefined;
  }

  function startWrapup(): void {
    inWrapup = true;
    clearWrapupTimer();
    const limitS = options.settings().wrapupLimitS;
    if (limitS > 0) {
      wrapupDeadline = Date.now() + limitS * 1000;
      wrapupTimer = setTimeout(() => {
        log.info('wrap-up time limit reached');
        endWrapup();
        apply();
      }, limitS * 1000);
    }
  }

  /** Wrap-up is over (submitted, limit, or the operator chose): nothing of it is waited for any more. */
  function endWrapup(): void {
    inWrapup = false;
    clearWrapupTimer();
    pendingWrapups.clear();
  }

  /** The last call ended. */
  function endPeriod(): void {
    const missed = period?.missed ?? false;
    period = undefined;
    if (missed && options.settings().missedToNotReady && availability.state === 'ready') {
      log.info('a call was missed while ready: not ready');
      availability = { state: 'not-ready', reason: AUTO_REASONS.missed };
    }
    if (pendingWrapups.size > 0) startWrapup();
    else endWrapup();
  }

  const heartbeat = setInterval(() => {
    if (!flush()) return;
    try {
      touchOpenState(db, Date.now());
    } catch (error) {
      log.warn('operator state heartbeat not written', { error });
    }
  }, options.heartbeatMs ?? HEARTBEAT_MS);
  heartbeat.unref?.();

  options.onStatus(status());

  return {
    status,

    onCall(call) {
      if (call.state === 'ended') {
        // A call never seen ringing (declined before it rang) changes nothing.
        if (!calls.delete(call.id)) return;
        if (call.answeredAt !== undefined) pendingWrapups.add(call.id);
        else if (
          period?.from === 'ready' &&
          isMissed(call) &&
          ![...calls.values()].some((c) => c.answeredAt !== undefined)
        )
          period.missed = true;
        if (calls.size === 0) endPeriod();
        apply();
        return;
      }
      if (calls.size === 0) {
        period = { from: current.state, missed: false };
        // The wrap-up limit waits while the operator is on a call; it starts again after it.
        clearWrapupTimer();
      }
      calls.set(call.id, call);
      if (call.answeredAt !== undefined && period) period.missed = false;
      apply();
    },

    acceptIncoming() {
      if (availability.state === 'offline') return false;
      if (availability.state === 'not-ready') return !options.settings().dndWhenNotReady;
      return true;
    },

    onRegistration(state) {
      const next = state === 'registered';
      if (next === registered) return;
      registered = next;
      apply();
    },

    wrapupSubmitted(callId) {
      if (!pendingWrapups.delete(callId)) return;
      if (inWrapup && calls.size === 0 && pendingWrapups.size === 0) {
        log.info('wrap-up submitted: wrap-up over');
        endWrapup();
        apply();
      }
    },

    set(request) {
      const { state, reason } = request;
      if (state === 'not-ready') {
        if (!reason || !options.settings().notReadyReasons.some((r) => r.id === reason))
          throw new AppError('BAD_REQUEST', `Unknown not-ready reason: ${String(reason).slice(0, 40)}`, [
            { path: 'reason', message: 'unknownReason' },
          ]);
        availability = { state, reason };
      } else {
        if (reason !== undefined)
          throw new AppError('BAD_REQUEST', `A reason is only for not-ready`, [
            { path: 'reason', message: 'reasonNotAllowed' },
          ]);
        availability = { state };
      }
      // Choosing a state ends the wrap-up; during a call the choice waits for the call to end.
      if (inWrapup && calls.size === 0) endWrapup();
      apply();
      return status();
    },

    history({ from, to }) {
      const states = statesInRange(db, from, to, MAX_HISTORY_ROWS + 1);
      return { states: states.slice(0, MAX_HISTORY_ROWS), truncated: states.length > MAX_HISTORY_ROWS };
    },

    stop() {
      clearInterval(heartbeat);
      clearWrapupTimer();
      if (!flush()) return;
      try {
        closeOpenState(db, Date.now());
      } catch (error) {
        log.warn('operator state not closed at shutdown', { error });
      }
    },
  };
}
