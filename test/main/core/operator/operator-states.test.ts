import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { createLogger, memorySink } from '../../../../src/main/core/log/logger.ts';
import { openDatabase, type Db } from '../../../../src/main/core/store/database.ts';
import {
  createOperatorStateService,
  type OperatorStateService,
} from '../../../../src/main/core/operator/operator-state-service.ts';
import { allStates, STATES_IN_RANGE_SQL } from '../../../../src/main/core/operator/operator-states-table.ts';
import { isAppError } from '../../../../src/main/core/app-error.ts';
import type { CallView } from '../../../../src/shared/model/call.ts';
import {
  OperatorSettingsSchema,
  type OperatorSettings,
  type OperatorStatus,
} from '../../../../src/shared/model/operator.ts';
import { makeTempDir } from '../../../helpers/temp-dir.ts';

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  vi.useRealTimers();
});

interface Rig {
  db: Db;
  service: OperatorStateService;
  settings: OperatorSettings;
  statuses: OperatorStatus[];
  last(): OperatorStatus;
  /** [state, reason] of every recorded row, in order. */
  rows(): Array<[string, string | null]>;
}

function rig(options: { db?: Db; settings?: Partial<OperatorSettings>; registered?: boolean } = {}): Rig {
  const db = options.db ?? openDatabase({ path: ':memory:', log: createLogger(memorySink()) });
  if (!options.db) cleanups.push(() => db.close());
  const settings = { ...OperatorSettingsSchema.parse({}), ...options.settings };
  const statuses: OperatorStatus[] = [];
  const service = createOperatorStateService({
    db,
    log: createLogger(memorySink()),
    settings: () => settings,
    onStatus: (status) => statuses.push(status),
  });
  cleanups.push(() => service.stop());
  if (options.registered !== false) service.onRegistration('registered');
  return {
    db,
    service,
    settings,
    statuses,
    last: () => statuses.at(-1)!,
    rows: () => allStates(db).map((r) => [r.state, r.reason]),
  };
}

function call(id: string, patch: Partial<CallView> = {}): CallView {
  return {
    id,
    direction: 'inbound',
    state: 'ringing',
    remote: { number: '84951234567', uri: 'sip:84951234567@pbx' },
    muted: false,
    earlyMedia: false,
    startedAt: Date.now(),
    ...patch,
  };
}

/** Rings, is answered, and ends (the phone's updates for one answered call). */
function answeredCall(service: OperatorStateService, id: string): void {
  service.onCall(call(id));
  const answeredAt = Date.now();
  service.onCall(call(id, { state: 'active', answeredAt }));
  service.onCall(
    call(id, { state: 'ended', answeredAt, endedAt: Date.now(), end: { reason: 'remote-hangup' } }),
  );
}

function missedCall(
  service: OperatorStateService,
  id: string,
  reason: 'caller-cancelled' | 'no-answer' | 'answered-elsewhere' = 'caller-cancelled',
): void {
  service.onCall(call(id));
  service.onCall(call(id, { state: 'ended', endedAt: Date.now(), end: { reason } }));
}

function expectBadRequest(action: () => unknown): void {
  try {
    action();
  } catch (error) {
    expect(isAppError(error) && error.code).toBe('BAD_REQUEST');
    return;
  }
  throw new Error('expected BAD_REQUEST');
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});

describe('operator states: start, registration, choices', () => {
  it('starts Offline until the phone registers, then Ready; each change is a row with its times', () => {
    const r = rig({ registered: false });
    expect(r.last()).toEqual({
      state: 'offline',
      reason: 'not-registered',
      since: T0,
      next: { state: 'ready' },
    });
    vi.advanceTimersByTime(5000);
    r.service.onRegistration('registering');
    expect(r.last().state).toBe('offline');
    r.service.onRegistration('registered');
    expect(r.last()).toEqual({ state: 'ready', since: T0 + 5000 });
    const rows = allStates(r.db);
    expect(rows).toEqual([
      {
        seq: 1,
        state: 'offline',
        reason: 'not-registered',
        startedAt: T0,
        endedAt: T0 + 5000,
        interrupted: false,
      },
      { seq: 2, state: 'ready', reason: null, startedAt: T0 + 5000, endedAt: null, interrupted: false },
    ]);
  });

  it('Ready → Not ready (reason) → Offline (chosen, stays when the phone re-registers) → Ready', () => {
    const r = rig();
    vi.advanceTimersByTime(1000);
    expect(r.service.set({ state: 'not-ready', reason: 'lunch' })).toEqual({
      state: 'not-ready',
      reason: 'lunch',
      since: T0 + 1000,
    });
    r.service.set({ state: 'offline' });
    expect(r.last()).toMatchObject({ state: 'offline' });
    expect(r.last().reason).toBeUndefined();
    r.service.onRegistration('failed');
    r.service.onRegistration('registered');
    expect(r.last().state).toBe('offline');
    r.service.set({ state: 'ready' });
    expect(r.last().state).toBe('ready');
    expect(r.rows()).toEqual([
      ['offline', 'not-registered'],
      ['ready', null],
      ['not-ready', 'lunch'],
      ['offline', null],
      ['ready', null],
    ]);
  });

  it('losing registration makes a Ready operator Offline, and registering again brings Ready back', () => {
    const r = rig();
    r.service.onRegistration('failed');
    expect(r.last()).toMatchObject({ state: 'offline', reason: 'not-registered' });
    r.service.set({ state: 'not-ready', reason: 'break' });
    // The choice is kept while offline and applies when the phone is back.
    expect(r.last()).toMatchObject({
      state: 'offline',
      reason: 'not-registered',
      next: { state: 'not-ready', reason: 'break' },
    });
    r.service.onRegistration('registered');
    expect(r.last()).toMatchObject({ state: 'not-ready', reason: 'break' });
  });

  it('refuses an unknown reason, a missing one, and a reason for Ready/Offline (BAD_REQUEST), changing nothing', () => {
    const r = rig();
    expectBadRequest(() => r.service.set({ state: 'not-ready', reason: 'nap' }));
    expectBadRequest(() => r.service.set({ state: 'not-ready' }));
    expectBadRequest(() => r.service.set({ state: 'ready', reason: 'lunch' }));
    expectBadRequest(() => r.service.set({ state: 'offline', reason: 'lunch' }));
    // `missed` is set by the core only; the operator cannot pick it unless IT lists it.
    expectBadRequest(() => r.service.set({ state: 'not-ready', reason: 'missed' }));
    expect(r.last().state).toBe('ready');
    expect(r.rows()).toEqual([
      ['offline', 'not-registered'],
      ['ready', null],
    ]);
    // A reason IT added is accepted.
    r.settings.notReadyReasons = [
      ...r.settings.notReadyReasons,
      { id: 'nap', label: { ru: 'Сон', en: 'Nap' } },
    ];
    expect(r.service.set({ state: 'not-ready', reason: 'nap' }).reason).toBe('nap');
  });
});

describe('operator states: calls and wrap-up', () => {
  it('Ready → On a call (ringing) → Wrap-up when the answered call ends → Ready when its wrap-up is submitted', () => {
    const r = rig();
    vi.advanceTimersByTime(1000);
    r.service.onCall(call('a'));
    expect(r.last()).toEqual({ state: 'on-call', since: T0 + 1000, next: { state: 'ready' } });
    vi.advanceTimersByTime(2000);
    r.service.onCall(call('a', { state: 'active', answeredAt: Date.now() }));
    expect(r.last().since).toBe(T0 + 1000);
    vi.advanceTimersByTime(60_000);
    r.service.onCall(
      call('a', {
        state: 'ended',
        answeredAt: T0 + 3000,
        endedAt: Date.now(),
        end: { reason: 'remote-hangup' },
      }),
    );
    expect(r.last()).toEqual({ state: 'wrap-up', since: T0 + 63_000, next: { state: 'ready' } });
    r.service.wrapupSubmitted('other-call');
    expect(r.last().state).toBe('wrap-up');
    vi.advanceTimersByTime(20_000);
    r.service.wrapupSubmitted('a');
    expect(r.last()).toEqual({ state: 'ready', since: T0 + 83_000 });
    expect(
      allStates(r.db)
        .slice(1)
        .map((row) => [row.state, row.startedAt, row.endedAt]),
    ).toEqual([
      ['ready', T0, T0 + 1000],
      ['on-call', T0 + 1000, T0 + 63_000],
      ['wrap-up', T0 + 63_000, T0 + 83_000],
      ['ready', T0 + 83_000, null],
    ]);
  });

  it('an outbound call counts too (dialling is On a call)', () => {
    const r = rig();
    r.service.onCall(call('out', { direction: 'outbound', state: 'dialing' }));
    expect(r.last().state).toBe('on-call');
  });

  it('a call while Not ready (no DND) returns to Not ready with the same reason after its wrap-up', () => {
    const r = rig({ settings: { dndWhenNotReady: false } });
    r.service.set({ state: 'not-ready', reason: 'training' });
    r.service.onCall(call('a'));
    expect(r.last()).toMatchObject({ state: 'on-call', next: { state: 'not-ready', reason: 'training' } });
    r.service.onCall(call('a', { state: 'active', answeredAt: Date.now() }));
    r.service.onCall(
      call('a', {
        state: 'ended',
        answeredAt: Date.now(),
        endedAt: Date.now(),
        end: { reason: 'local-hangup' },
      }),
    );
    expect(r.last()).toMatchObject({ state: 'wrap-up', next: { state: 'not-ready', reason: 'training' } });
    r.service.wrapupSubmitted('a');
    expect(r.last()).toMatchObject({ state: 'not-ready', reason: 'training' });
  });

  it('an unanswered call needs no wrap-up: straight back to what the operator had', () => {
    const r = rig({ settings: { dndWhenNotReady: false } });
    r.service.set({ state: 'not-ready', reason: 'break' });
    missedCall(r.service, 'a');
    expect(r.last()).toMatchObject({ state: 'not-ready', reason: 'break' });
    r.service.onCall(call('b', { direction: 'outbound', state: 'dialing' }));
    r.service.onCall(
      call('b', { direction: 'outbound', state: 'ended', endedAt: Date.now(), end: { reason: 'busy' } }),
    );
    expect(r.last()).toMatchObject({ state: 'not-ready', reason: 'break' });
    expect(r.rows().map(([state]) => state)).toEqual([
      'offline',
      'ready',
      'not-ready',
      'on-call',
      'not-ready',
      'on-call',
      'not-ready',
    ]);
  });

  it('two calls: On a call until both end; Wrap-up until both wrap-ups are submitted', () => {
    const r = rig();
    r.service.onCall(call('a'));
    r.service.onCall(call('a', { state: 'active', answeredAt: Date.now() }));
    r.service.onCall(call('b'));
    r.service.onCall(call('a', { state: 'held', answeredAt: Date.now() }));
    r.service.onCall(call('b', { state: 'active', answeredAt: Date.now() }));
    r.service.onCall(
      call('a', {
        state: 'ended',
        answeredAt: Date.now(),
        endedAt: Date.now(),
        end: { reason: 'remote-hangup' },
      }),
    );
    expect(r.last().state).toBe('on-call');
    // The first call's wrap-up can be filed while the second call goes on.
    r.service.wrapupSubmitted('a');
    expect(r.last().state).toBe('on-call');
    r.service.onCall(
      call('b', {
        state: 'ended',
        answeredAt: Date.now(),
        endedAt: Date.now(),
        end: { reason: 'local-hangup' },
      }),
    );
    expect(r.last().state).toBe('wrap-up');
    r.service.wrapupSubmitted('b');
    expect(r.last().state).toBe('ready');

    // Both ended before either wrap-up: it takes both.
    answeredCall(r.service, 'c');
    r.service.onCall(call('d'));
    r.service.onCall(call('d', { state: 'active', answeredAt: Date.now() }));
    r.service.onCall(
      call('d', {
        state: 'ended',
        answeredAt: Date.now(),
        endedAt: Date.now(),
        end: { reason: 'remote-hangup' },
      }),
    );
    expect(r.last().state).toBe('wrap-up');
    r.service.wrapupSubmitted('d');
    expect(r.last().state).toBe('wrap-up');
    r.service.wrapupSubmitted('c');
    expect(r.last().state).toBe('ready');
  });

  it('a duplicate "ended" update or one for a call never seen changes nothing', () => {
    const r = rig();
    answeredCall(r.service, 'a');
    r.service.wrapupSubmitted('a');
    const rows = r.rows().length;
    r.service.onCall(
      call('a', { state: 'ended', answeredAt: T0, endedAt: Date.now(), end: { reason: 'remote-hangup' } }),
    );
    r.service.onCall(call('zz', { state: 'ended', endedAt: Date.now(), end: { reason: 'declined' } }));
    expect(r.last().state).toBe('ready');
    expect(r.rows()).toHaveLength(rows);
  });

  it('wrap-up limit: Ready again when it passes, with the deadline on the status; 0 waits for the operator', () => {
    const r = rig({ settings: { wrapupLimitS: 30 } });
    answeredCall(r.service, 'a');
    expect(r.last()).toEqual({
      state: 'wrap-up',
      since: T0,
      wrapupDeadline: T0 + 30_000,
      next: { state: 'ready' },
    });
    vi.advanceTimersByTime(29_999);
    expect(r.last().state).toBe('wrap-up');
    vi.advanceTimersByTime(1);
    expect(r.last()).toEqual({ state: 'ready', since: T0 + 30_000 });
    // A late submit after the limit changes nothing.
    r.service.wrapupSubmitted('a');
    expect(r.rows().at(-1)).toEqual(['ready', null]);

    r.settings.wrapupLimitS = 0;
    answeredCall(r.service, 'b');
    expect(r.last().state).toBe('wrap-up');
    expect(r.last().wrapupDeadline).toBeUndefined();
    vi.advanceTimersByTime(4 * 3600_000);
    expect(r.last().state).toBe('wrap-up');
    r.service.wrapupSubmitted('b');
    expect(r.last().state).toBe('ready');
  });

  it('a call during a limited wrap-up pauses the limit; it starts again when that call ends', () => {
    const r = rig({ settings: { wrapupLimitS: 30 } });
    answeredCall(r.service, 'a');
    vi.advanceTimersByTime(20_000);
    r.service.onCall(call('b'));
    expect(r.last().state).toBe('on-call');
    expect(r.last().wrapupDeadline).toBeUndefined();
    vi.advanceTimersByTime(60_000);
    expect(r.last().state).toBe('on-call');
    // b was not answered, but a's wrap-up is still open: Wrap-up again, with a fresh limit.
    r.service.onCall(call('b', { state: 'ended', endedAt: Date.now(), end: { reason: 'caller-cancelled' } }));
    expect(r.last()).toMatchObject({ state: 'wrap-up', wrapupDeadline: T0 + 80_000 + 30_000 });
    vi.advanceTimersByTime(30_000);
    expect(r.last().state).toBe('ready');
  });

  it('choosing a state ends the wrap-up at once; during a call the choice waits for the call', () => {
    const r = rig({ settings: { wrapupLimitS: 30 } });
    answeredCall(r.service, 'a');
    r.service.set({ state: 'ready' });
    expect(r.last()).toEqual({ state: 'ready', since: T0 });
    // The timer of the ended wrap-up must not fire into a later state.
    r.service.set({ state: 'not-ready', reason: 'break' });
    vi.advanceTimersByTime(60_000);
    expect(r.last()).toMatchObject({ state: 'not-ready', reason: 'break' });

    r.service.set({ state: 'ready' });
    r.service.onCall(call('b'));
    r.service.onCall(call('b', { state: 'active', answeredAt: Date.now() }));
    const chosen = r.service.set({ state: 'not-ready', reason: 'lunch' });
    expect(chosen).toMatchObject({ state: 'on-call', next: { state: 'not-ready', reason: 'lunch' } });
    r.service.onCall(
      call('b', {
        state: 'ended',
        answeredAt: Date.now(),
        endedAt: Date.now(),
        end: { reason: 'remote-hangup' },
      }),
    );
    expect(r.last()).toMatchObject({ state: 'wrap-up', next: { state: 'not-ready', reason: 'lunch' } });
    r.service.wrapupSubmitted('b');
    expect(r.last()).toMatchObject({ state: 'not-ready', reason: 'lunch' });
  });

  it('registration lost during a call: the call and its wrap-up go on, then Offline until it is back', () => {
    const r = rig();
    r.service.onCall(call('a'));
    r.service.onCall(call('a', { state: 'active', answeredAt: Date.now() }));
    r.service.onRegistration('failed');
    expect(r.last().state).toBe('on-call');
    r.service.onCall(
      call('a', {
        state: 'ended',
        answeredAt: Date.now(),
        endedAt: Date.now(),
        end: { reason: 'connection-lost' },
      }),
    );
    expect(r.last().state).toBe('wrap-up');
    r.service.wrapupSubmitted('a');
    expect(r.last()).toMatchObject({ state: 'offline', reason: 'not-registered' });
    r.service.onRegistration('registered');
    expect(r.last().state).toBe('ready');
  });
});

describe('operator states: do-not-disturb and missed calls', () => {
  it('DND declines while Not ready (setting on), never while Ready; explicit Offline always declines', () => {
    const r = rig();
    const incoming = call('x');
    expect(r.service.acceptIncoming(incoming)).toBe(true);
    r.service.set({ state: 'not-ready', reason: 'break' });
    expect(r.service.acceptIncoming(incoming)).toBe(false);
    r.settings.dndWhenNotReady = false;
    expect(r.service.acceptIncoming(incoming)).toBe(true);
    r.service.set({ state: 'offline' });
    expect(r.service.acceptIncoming(incoming)).toBe(false);
    r.service.set({ state: 'ready' });
    // Offline only because the phone is not registered: whatever still arrives may ring.
    r.service.onRegistration('failed');
    expect(r.last().state).toBe('offline');
    expect(r.service.acceptIncoming(incoming)).toBe(true);
  });

  it('DND holds during a call and wrap-up that started while Not ready; Wrap-up from Ready takes calls', () => {
    const r = rig();
    r.service.set({ state: 'not-ready', reason: 'break' });
    r.service.onCall(call('out', { direction: 'outbound', state: 'dialing' }));
    expect(r.service.acceptIncoming(call('x'))).toBe(false);
    r.service.set({ state: 'ready' });
    expect(r.service.acceptIncoming(call('x'))).toBe(true);
    r.service.onCall(call('out', { direction: 'outbound', state: 'active', answeredAt: Date.now() }));
    r.service.onCall(
      call('out', {
        direction: 'outbound',
        state: 'ended',
        answeredAt: Date.now(),
        endedAt: Date.now(),
        end: { reason: 'local-hangup' },
      }),
    );
    expect(r.last().state).toBe('wrap-up');
    expect(r.service.acceptIncoming(call('y'))).toBe(true);
  });

  it('a call declined by DND is not a state change (the phone publishes it only as ended)', () => {
    const r = rig();
    r.service.set({ state: 'not-ready', reason: 'break' });
    const rows = r.rows().length;
    expect(r.service.acceptIncoming(call('x'))).toBe(false);
    r.service.onCall(
      call('x', { state: 'ended', endedAt: Date.now(), end: { reason: 'declined', statusCode: 480 } }),
    );
    expect(r.last()).toMatchObject({ state: 'not-ready', reason: 'break' });
    expect(r.rows()).toHaveLength(rows);
  });

  it('missed while Ready → Not ready (missed) when the setting is on; off, or answered elsewhere → Ready', () => {
    const on = rig({ settings: { missedToNotReady: true } });
    missedCall(on.service, 'a', 'caller-cancelled');
    expect(on.last()).toMatchObject({ state: 'not-ready', reason: 'missed' });
    expect(on.rows().slice(-2)).toEqual([
      ['on-call', null],
      ['not-ready', 'missed'],
    ]);
    // The operator comes back and chooses Ready.
    on.service.set({ state: 'ready' });
    missedCall(on.service, 'b', 'no-answer');
    expect(on.last()).toMatchObject({ state: 'not-ready', reason: 'missed' });
    on.service.set({ state: 'ready' });
    missedCall(on.service, 'c', 'answered-elsewhere');
    expect(on.last().state).toBe('ready');

    const off = rig({ settings: { missedToNotReady: false } });
    missedCall(off.service, 'a');
    expect(off.last().state).toBe('ready');
  });

  it('a call missed while busy with another call, or while Not ready / in wrap-up, changes nothing', () => {
    const r = rig({ settings: { missedToNotReady: true, dndWhenNotReady: false } });
    // Busy: a second call rang unanswered during a connected one.
    r.service.onCall(call('a'));
    r.service.onCall(call('a', { state: 'active', answeredAt: Date.now() }));
    missedCall(r.service, 'b');
    r.service.onCall(
      call('a', {
        state: 'ended',
        answeredAt: Date.now(),
        endedAt: Date.now(),
        end: { reason: 'remote-hangup' },
      }),
    );
    r.service.wrapupSubmitted('a');
    expect(r.last().state).toBe('ready');
    // Two rang at once, one missed, the other answered: the operator is clearly there.
    r.service.onCall(call('c'));
    r.service.onCall(call('d'));
    r.service.onCall(call('c', { state: 'ended', endedAt: Date.now(), end: { reason: 'caller-cancelled' } }));
    r.service.onCall(call('d', { state: 'active', answeredAt: Date.now() }));
    r.service.onCall(
      call('d', {
        state: 'ended',
        answeredAt: Date.now(),
        endedAt: Date.now(),
        end: { reason: 'remote-hangup' },
      }),
    );
    r.service.wrapupSubmitted('d');
    expect(r.last().state).toBe('ready');
    // In wrap-up: after-call work is not "away".
    answeredCall(r.service, 'e');
    missedCall(r.service, 'f');
    expect(r.last().state).toBe('wrap-up');
    r.service.wrapupSubmitted('e');
    expect(r.last().state).toBe('ready');
    // Not ready: stays with its own reason.
    r.service.set({ state: 'not-ready', reason: 'meeting' });
    missedCall(r.service, 'g');
    expect(r.last()).toMatchObject({ state: 'not-ready', reason: 'meeting' });
    // Chose Not ready while it rang: their reason wins over `missed`.
    r.service.set({ state: 'ready' });
    r.service.onCall(call('h'));
    r.service.set({ state: 'not-ready', reason: 'break' });
    r.service.onCall(call('h', { state: 'ended', endedAt: Date.now(), end: { reason: 'no-answer' } }));
    expect(r.last()).toMatchObject({ state: 'not-ready', reason: 'break' });
  });
});

describe('operator states: the table', () => {
  it('closes at shutdown; at start-up closes a row a crashed run left open, at its last heartbeat', () => {
    const dir = makeTempDir();
    cleanups.push(() => dir.cleanup());
    const path = join(dir.path, 'hotline.db');
    const log = createLogger(memorySink());

    // A clean run: the last row is closed by stop().
    let db = openDatabase({ path, log });
    let service = createOperatorStateService({
      db,
      log,
      settings: () => OperatorSettingsSchema.parse({}),
      onStatus: () => undefined,
      heartbeatMs: 60_000,
    });
    service.onRegistration('registered');
    vi.advanceTimersByTime(10_000);
    service.stop();
    db.close();
    db = openDatabase({ path, log });
    expect(allStates(db).at(-1)).toMatchObject({ state: 'ready', endedAt: T0 + 10_000, interrupted: false });

    // A run that dies: Ready for 3.5 min; heartbeats every minute; no stop().
    vi.setSystemTime(T0 + 3600_000);
    service = createOperatorStateService({
      db,
      log,
      settings: () => OperatorSettingsSchema.parse({}),
      onStatus: () => undefined,
      heartbeatMs: 60_000,
    });
    service.onRegistration('registered');
    vi.advanceTimersByTime(210_000);
    vi.clearAllTimers();
    db.close();

    vi.setSystemTime(T0 + 7200_000);
    db = openDatabase({ path, log });
    cleanups.push(() => db.close());
    service = createOperatorStateService({
      db,
      log,
      settings: () => OperatorSettingsSchema.parse({}),
      onStatus: () => undefined,
    });
    const rows = allStates(db);
    const crashed = rows.find((row) => row.state === 'ready' && row.startedAt === T0 + 3600_000)!;
    expect(crashed).toMatchObject({ endedAt: T0 + 3600_000 + 180_000, interrupted: true });
    expect(rows.filter((row) => row.endedAt === null)).toEqual([
      expect.objectContaining({ state: 'offline', reason: 'not-registered', startedAt: T0 + 7200_000 }),
    ]);
    service.stop();
  });

  it('keeps changing state when the database refuses writes, and writes the rows in order later', () => {
    const r = rig();
    r.db.pragma('query_only = ON');
    vi.advanceTimersByTime(1000);
    r.service.set({ state: 'not-ready', reason: 'break' });
    vi.advanceTimersByTime(1000);
    r.service.set({ state: 'ready' });
    expect(r.last()).toEqual({ state: 'ready', since: T0 + 2000 });
    expect(r.rows()).toEqual([
      ['offline', 'not-registered'],
      ['ready', null],
    ]);
    r.db.pragma('query_only = OFF');
    vi.advanceTimersByTime(60_000); // the heartbeat retries
    expect(allStates(r.db).map((row) => [row.state, row.startedAt, row.endedAt])).toEqual([
      ['offline', T0, T0],
      ['ready', T0, T0 + 1000],
      ['not-ready', T0 + 1000, T0 + 2000],
      ['ready', T0 + 2000, null],
    ]);
  });

  it('history: the states overlapping a range, including the one that began before it', () => {
    const r = rig();
    vi.advanceTimersByTime(600_000);
    r.service.set({ state: 'not-ready', reason: 'lunch' }); // T0+10m
    vi.advanceTimersByTime(1800_000);
    r.service.set({ state: 'ready' }); // T0+40m
    vi.advanceTimersByTime(600_000);
    r.service.set({ state: 'offline' }); // T0+50m

    const states = (from: number, to: number) =>
      r.service
        .history({ from: T0 + from * 60_000, to: T0 + to * 60_000 })
        .states.map((s) => [s.state, s.reason]);
    expect(states(20, 45)).toEqual([
      ['not-ready', 'lunch'],
      ['ready', null],
    ]);
    expect(states(40, 41)).toEqual([['ready', null]]);
    expect(states(55, 60)).toEqual([['offline', null]]);
    expect(states(-60, -1)).toEqual([]);
    expect(r.service.history({ from: T0, to: T0 + 3600_000 }).truncated).toBe(false);
  });

  it('history uses the started_at index for both parts of the range query', () => {
    const r = rig();
    const plan = (
      r.db.prepare(`EXPLAIN QUERY PLAN ${STATES_IN_RANGE_SQL}`).all({ from: 0, to: 1, limit: 10 }) as Array<{
        detail: string;
      }>
    )
      .map((row) => row.detail)
      .join('\n');
    expect(plan).not.toMatch(/SCAN operator_states(?! USING)/);
    expect(plan.match(/operator_states_by_start/g)?.length).toBe(2);
  });
});
