import { afterEach, describe, expect, it } from 'vitest';
import { type Core } from '../../../../src/main/core/create-core.ts';
import { allStates } from '../../../../src/main/core/operator/operator-states-table.ts';
import type { CallView } from '../../../../src/shared/model/call.ts';
import type { OperatorStatus } from '../../../../src/shared/model/operator.ts';
import { createTestCore } from '../../../helpers/core.ts';

// The operator states inside a whole core: the IPC channels (their payload checks), the status the
// renderer sees, the registration and wrap-up wiring, and the settings section.

const TRUSTED = { trusted: true, description: 'test' };
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function makeCore(): Core {
  const test = createTestCore();
  cleanups.push(() => test.dispose());
  return test.core;
}

async function dispatch(core: Core, channel: string, payload: unknown) {
  return core.router.dispatch(channel, payload, TRUSTED);
}

function operatorEvents(core: Core): OperatorStatus[] {
  const out: OperatorStatus[] = [];
  cleanups.push(
    core.events.subscribe((channel, payload) => {
      if (channel === 'status:changed') out.push((payload as { operator: OperatorStatus }).operator);
    }),
  );
  return out;
}

describe('operator states in the core', () => {
  it('publishes Offline at start, Ready once the phone registers, and the choice made over IPC', async () => {
    const core = makeCore();
    const events = operatorEvents(core);
    const initial = await dispatch(core, 'status:get', {});
    expect(initial).toMatchObject({
      ok: true,
      value: { operator: { state: 'offline', reason: 'not-registered', since: expect.any(Number) } },
    });
    core.status.set({ registration: { state: 'registered' } });
    expect(core.status.get().operator.state).toBe('ready');
    expect(events.at(-1)?.state).toBe('ready');

    const set = await dispatch(core, 'operator:set', { state: 'not-ready', reason: 'after-call-work' });
    expect(set).toMatchObject({ ok: true, value: { state: 'not-ready', reason: 'after-call-work' } });
    expect(events.at(-1)).toMatchObject({ state: 'not-ready', reason: 'after-call-work' });

    const history = await dispatch(core, 'operator:history', { from: 0, to: Date.now() + 1000 });
    expect(
      history.ok && (history.value as { states: Array<{ state: string }> }).states.map((s) => s.state),
    ).toEqual(['offline', 'ready', 'not-ready']);
  });

  it('refuses bad payloads with BAD_REQUEST and changes nothing', async () => {
    const core = makeCore();
    core.status.set({ registration: { state: 'registered' } });
    const bad: Array<[string, unknown]> = [
      ['operator:set', { state: 'busy' }],
      ['operator:set', { state: 'on-call' }],
      ['operator:set', { state: 'not-ready' }],
      ['operator:set', { state: 'not-ready', reason: '' }],
      ['operator:set', { state: 'ready', reason: 'lunch' }],
      ['operator:set', { state: 'not-ready', reason: 'nap' }],
      ['operator:set', { state: 'not-ready', reason: 'x'.repeat(500) }],
      ['operator:set', { state: 'ready', extra: true }],
      ['operator:set', 'ready'],
      ['operator:history', { from: 'yesterday', to: 1 }],
      ['operator:history', { from: 100, to: 50 }],
      ['operator:history', { from: -5, to: 50 }],
      ['operator:history', { from: 0 }],
    ];
    for (const [channel, payload] of bad) {
      const result = await dispatch(core, channel, payload);
      expect(result, `${channel} ${JSON.stringify(payload)}`).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
    }
    expect(core.status.get().operator.state).toBe('ready');
    expect(allStates(core.db).map((s) => s.state)).toEqual(['offline', 'ready']);
  });

  it('a call ends in wrap-up, and submitting its wrap-up over IPC makes the operator Ready', async () => {
    const core = makeCore();
    core.status.set({ registration: { state: 'registered' } });
    const t = Date.now();
    const base: CallView = {
      id: 'call-1',
      direction: 'inbound',
      state: 'ringing',
      remote: { number: '84951234567', uri: 'sip:84951234567@pbx' },
      muted: false,
      earlyMedia: false,
      startedAt: t,
    };
    // What the phone's onCallUpdated does for every update.
    const publish = (view: CallView) => {
      core.callLog.record(view);
      core.operator.onCall(view);
    };
    publish(base);
    publish({ ...base, state: 'active', answeredAt: t });
    expect(core.status.get().operator.state).toBe('on-call');
    publish({ ...base, state: 'ended', answeredAt: t, endedAt: t + 1, end: { reason: 'remote-hangup' } });
    expect(core.status.get().operator.state).toBe('wrap-up');

    const submitted = await dispatch(core, 'wrapup:submit', {
      callId: 'call-1',
      draft: { disposition: 'info', notes: 'asked about delivery' },
    });
    expect(submitted.ok, JSON.stringify(submitted)).toBe(true);
    expect(core.status.get().operator).toMatchObject({ state: 'ready' });
  });

  it('a refused wrap-up submission leaves the operator in wrap-up', async () => {
    const core = makeCore();
    core.status.set({ registration: { state: 'registered' } });
    const t = Date.now();
    const view: CallView = {
      id: 'call-2',
      direction: 'inbound',
      state: 'ended',
      remote: { number: '84951234567', uri: 'sip:84951234567@pbx' },
      muted: false,
      earlyMedia: false,
      startedAt: t,
      answeredAt: t,
      endedAt: t + 1,
      end: { reason: 'remote-hangup' },
    };
    core.operator.onCall({ ...view, state: 'active', endedAt: undefined, end: undefined });
    core.callLog.record(view);
    core.operator.onCall(view);
    const refused = await dispatch(core, 'wrapup:submit', { callId: 'call-2', draft: { disposition: null } });
    expect(refused.ok).toBe(false);
    expect(core.status.get().operator.state).toBe('wrap-up');
  });

  it('settings: the operator section is validated (reasons list, limit) and saved', async () => {
    const core = makeCore();
    const reasons = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: `r${i}`, label: { ru: `П${i}`, en: `R${i}` } }));
    const refused: unknown[] = [
      { notReadyReasons: [] },
      { notReadyReasons: reasons(31) },
      { notReadyReasons: [...reasons(2), { id: 'r1', label: { ru: 'Дубль', en: 'Dup' } }] },
      { notReadyReasons: [{ id: 'Bad Id', label: { ru: 'А', en: 'A' } }] },
      { notReadyReasons: [{ id: 'ok', label: { ru: '  ', en: 'A' } }] },
      { notReadyReasons: [{ id: 'ok', label: { en: 'A' } }] },
      { wrapupLimitS: -1 },
      { wrapupLimitS: 1.5 },
      { dndWhenNotReady: 'yes' },
    ];
    for (const operator of refused) {
      const result = await dispatch(core, 'settings:update', { patch: { operator } });
      expect(result.ok, JSON.stringify(operator)).toBe(false);
    }
    const duplicate = await dispatch(core, 'settings:update', {
      patch: { operator: { notReadyReasons: [...reasons(2), { id: 'r1', label: { ru: 'Д', en: 'D' } }] } },
    });
    expect(duplicate).toMatchObject({
      ok: false,
      error: {
        issues: [
          expect.objectContaining({
            path: expect.stringMatching(/notReadyReasons\.2\.id$/),
            message: 'reasonDuplicate',
          }),
        ],
      },
    });

    const ok = await dispatch(core, 'settings:update', {
      patch: { operator: { notReadyReasons: reasons(30), wrapupLimitS: 45, missedToNotReady: true } },
    });
    expect(ok.ok).toBe(true);
    expect(core.settings.get().operator).toMatchObject({
      wrapupLimitS: 45,
      missedToNotReady: true,
      dndWhenNotReady: true,
    });
    expect(core.settings.get().operator.notReadyReasons).toHaveLength(30);
    // The new list is what operator:set accepts.
    core.status.set({ registration: { state: 'registered' } });
    expect(await dispatch(core, 'operator:set', { state: 'not-ready', reason: 'lunch' })).toMatchObject({
      ok: false,
    });
    expect(await dispatch(core, 'operator:set', { state: 'not-ready', reason: 'r29' })).toMatchObject({
      ok: true,
    });
  });
});
