import { describe, expect, it } from 'vitest';
import { createQuitGuard } from '../../../../src/main/core/shell/quit-guard.ts';
import {
  callsInProgress,
  quitConfirmed,
  quitPromptOf,
  shouldAskBeforeQuit,
  windowCloseAction,
} from '../../../../src/main/core/shell/quit-policy.ts';
import type { CallState } from '../../../../src/shared/model/call.ts';

describe('quit policy', () => {
  it('counts every call that is not over, ringing ones included', () => {
    const states: CallState[] = ['dialing', 'ringback', 'ringing', 'active', 'held', 'ended'];
    expect(callsInProgress(states.map((state) => ({ state })))).toBe(5);
    expect(callsInProgress([{ state: 'ended' }])).toBe(0);
    expect(callsInProgress([])).toBe(0);
  });

  it('asks only when the operator quits during a call, never when the OS ends the session', () => {
    expect(shouldAskBeforeQuit({ trigger: 'operator', callsInProgress: 1 })).toBe(true);
    expect(shouldAskBeforeQuit({ trigger: 'operator', callsInProgress: 0 })).toBe(false);
    expect(shouldAskBeforeQuit({ trigger: 'session-end', callsInProgress: 2 })).toBe(false);
  });

  it('hides the window on close, minimises it with nowhere to come back from, closes it when quitting', () => {
    expect(windowCloseAction({ quitting: false, canReopen: true })).toBe('hide');
    expect(windowCloseAction({ quitting: false, canReopen: false })).toBe('minimize');
    expect(windowCloseAction({ quitting: true, canReopen: true })).toBe('close');
  });

  it('asks in the operator’s language, Cancel the default and the Escape answer', () => {
    const en = quitPromptOf('en', 1);
    expect(en.message).toBe('A call is in progress. Quit and end it?');
    expect(en.buttons).toEqual(['Quit', 'Cancel']);
    expect(en.defaultId).toBe(1);
    expect(en.cancelId).toBe(1);
    expect(quitConfirmed(en.defaultId)).toBe(false);
    expect(quitConfirmed(0)).toBe(true);
    const ru = quitPromptOf('ru', 1);
    expect(ru.message).toBe('Идёт звонок. Выйти и завершить его?');
    expect(ru.buttons).toEqual(['Выйти', 'Отмена']);
    expect(quitPromptOf('en', 2).message).toBe('Calls are in progress. Quit and end them?');
    expect(quitPromptOf('ru', 2).message).toBe('Идут звонки. Выйти и завершить их?');
  });
});

function harness(calls: CallState[]) {
  const asked: Array<{
    calls: number;
    signal: AbortSignal;
    answer(yes: boolean): void;
    fail(e: unknown): void;
  }> = [];
  let quits = 0;
  const failures: unknown[] = [];
  const guard = createQuitGuard({
    calls: () => calls.map((state) => ({ state })),
    ask: (count, signal) =>
      new Promise<boolean>((resolve, reject) => {
        asked.push({ calls: count, signal, answer: resolve, fail: reject });
        signal.addEventListener('abort', () => resolve(false));
      }),
    quit: () => quits++,
    onAskFailed: (error) => failures.push(error),
  });
  return { guard, asked, quits: () => quits, failures };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('quit guard', () => {
  it('without a call: the quit goes through at once and the window then closes', () => {
    const { guard, asked, quits } = harness(['ended']);
    expect(guard.closeAction(true)).toBe('hide');
    expect(guard.quitRequested()).toBe(false);
    expect(asked).toHaveLength(0);
    expect(quits()).toBe(0); // Electron's own quit continues; nothing to restart
    expect(guard.closeAction(true)).toBe('close');
  });

  it('during a call: holds the quit and asks; Cancel keeps everything running', async () => {
    const { guard, asked, quits } = harness(['active']);
    expect(guard.quitRequested()).toBe(true);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.calls).toBe(1);
    // A second Cmd+Q while asked: held, no second dialog.
    expect(guard.quitRequested()).toBe(true);
    expect(asked).toHaveLength(1);
    asked[0]!.answer(false);
    await settle();
    expect(quits()).toBe(0);
    expect(guard.closeAction(true)).toBe('hide');
    // Asked again next time.
    expect(guard.quitRequested()).toBe(true);
    expect(asked).toHaveLength(2);
  });

  it('during a call: Quit starts the quit again, which then goes through', async () => {
    const { guard, asked, quits } = harness(['ringing', 'held']);
    expect(guard.quitRequested()).toBe(true);
    expect(asked[0]!.calls).toBe(2);
    asked[0]!.answer(true);
    await settle();
    expect(quits()).toBe(1);
    expect(guard.quitRequested()).toBe(false);
    expect(guard.closeAction(true)).toBe('close');
  });

  it('the OS ending the session quits without asking, even during a call', () => {
    const { guard, asked, quits } = harness(['active']);
    guard.sessionEnding();
    expect(quits()).toBe(1);
    expect(guard.quitRequested()).toBe(false);
    expect(asked).toHaveLength(0);
    expect(guard.closeAction(true)).toBe('close');
    guard.sessionEnding();
    expect(quits()).toBe(1);
  });

  it('the session ending while the question is open takes the question down and quits', async () => {
    const { guard, asked, quits } = harness(['active']);
    guard.quitRequested();
    guard.sessionEnding();
    expect(asked[0]!.signal.aborted).toBe(true);
    await settle();
    expect(quits()).toBe(1);
  });

  it('a question that cannot be shown ends no call: reported, Hotline keeps running', async () => {
    const { guard, asked, quits, failures } = harness(['active']);
    guard.quitRequested();
    asked[0]!.fail(new Error('no dialog'));
    await settle();
    expect(quits()).toBe(0);
    expect(failures).toHaveLength(1);
    expect(guard.closeAction(true)).toBe('hide');
  });
});
