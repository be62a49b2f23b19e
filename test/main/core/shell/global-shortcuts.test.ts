import { describe, expect, it, vi } from 'vitest';
import {
  createGlobalShortcutManager,
  type ShortcutPhone,
} from '../../../../src/main/core/shell/global-shortcuts.ts';
import { createLogger, memorySink } from '../../../../src/main/core/log/logger.ts';
import type { CallView } from '../../../../src/shared/model/call.ts';
import {
  DEFAULT_GLOBAL_SHORTCUTS,
  type ShortcutFailure,
  type ShortcutsSettings,
} from '../../../../src/shared/model/shortcuts.ts';
import { createRecordingGlobalShortcuts } from '../../../../tools/harness/node-ports.ts';

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);
const DEFAULTS: ShortcutsSettings = { globalEnabled: true, ...DEFAULT_GLOBAL_SHORTCUTS };

function call(id: string, state: CallView['state'], patch: Partial<CallView> = {}): CallView {
  return {
    id,
    direction: 'inbound',
    state,
    remote: { number: '100', uri: 'sip:100@pbx' },
    muted: false,
    earlyMedia: false,
    startedAt: T0,
    ...patch,
  };
}

function setup(options: { calls?: CallView[]; taken?: string[] } = {}) {
  let calls = options.calls ?? [];
  const phone = {
    list: () => calls,
    answer: vi.fn(async (_id: string) => undefined),
    decline: vi.fn(async (_id: string) => undefined),
    hangup: vi.fn(async (_id: string) => undefined),
    mute: vi.fn(async (_id: string, _muted: boolean) => undefined),
  } satisfies ShortcutPhone;
  const port = createRecordingGlobalShortcuts(options.taken);
  const show = vi.fn();
  const reported: ShortcutFailure[][] = [];
  const manager = createGlobalShortcutManager({
    port,
    phone,
    show,
    log: createLogger(memorySink()),
    onFailures: (failures) => reported.push(failures),
  });
  return {
    phone,
    port,
    show,
    reported,
    manager,
    setCalls: (next: CallView[]) => (calls = next),
    /** Presses the shortcut and lets the phone request run. */
    async press(accelerator: string) {
      expect(port.press(accelerator), `${accelerator} is registered`).toBe(true);
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe('global shortcuts → phone actions', () => {
  it('answer picks the call that has rung longest', async () => {
    const t = setup({
      calls: [
        call('newer', 'ringing', { startedAt: T0 + 5000 }),
        call('older', 'ringing', { startedAt: T0 }),
      ],
    });
    t.manager.apply(DEFAULTS);
    await t.press('CommandOrControl+Alt+A');
    expect(t.phone.answer).toHaveBeenCalledExactlyOnceWith('older');
  });

  it('hang up ends the call in progress, not the one ringing beside it', async () => {
    const t = setup({ calls: [call('ring', 'ringing'), call('talk', 'active', { answeredAt: T0 })] });
    t.manager.apply(DEFAULTS);
    await t.press('CommandOrControl+Alt+H');
    expect(t.phone.hangup).toHaveBeenCalledExactlyOnceWith('talk');
    expect(t.phone.decline).not.toHaveBeenCalled();
  });

  it('hang up prefers the talking call over one on hold, and ends an outbound call while dialling', async () => {
    const t = setup({ calls: [call('held', 'held'), call('talk', 'active')] });
    t.manager.apply(DEFAULTS);
    await t.press('CommandOrControl+Alt+H');
    expect(t.phone.hangup).toHaveBeenLastCalledWith('talk');
    t.setCalls([call('out', 'ringback', { direction: 'outbound' })]);
    await t.press('CommandOrControl+Alt+H');
    expect(t.phone.hangup).toHaveBeenLastCalledWith('out');
  });

  it('hang up declines a ringing call when no call is in progress', async () => {
    const t = setup({ calls: [call('ring', 'ringing')] });
    t.manager.apply(DEFAULTS);
    await t.press('CommandOrControl+Alt+H');
    expect(t.phone.decline).toHaveBeenCalledExactlyOnceWith('ring');
    expect(t.phone.hangup).not.toHaveBeenCalled();
  });

  it('mute toggles the microphone of the call in progress', async () => {
    const t = setup({ calls: [call('talk', 'active')] });
    t.manager.apply(DEFAULTS);
    await t.press('CommandOrControl+Alt+M');
    expect(t.phone.mute).toHaveBeenLastCalledWith('talk', true);
    t.setCalls([call('talk', 'active', { muted: true })]);
    await t.press('CommandOrControl+Alt+M');
    expect(t.phone.mute).toHaveBeenLastCalledWith('talk', false);
  });

  it('does nothing without a call to act on, and show brings the window', async () => {
    const t = setup();
    t.manager.apply(DEFAULTS);
    await t.press('CommandOrControl+Alt+A');
    await t.press('CommandOrControl+Alt+H');
    await t.press('CommandOrControl+Alt+M');
    expect(t.phone.answer).not.toHaveBeenCalled();
    expect(t.phone.hangup).not.toHaveBeenCalled();
    expect(t.phone.decline).not.toHaveBeenCalled();
    expect(t.phone.mute).not.toHaveBeenCalled();
    await t.press('CommandOrControl+Alt+O');
    expect(t.show).toHaveBeenCalledOnce();
  });

  it('a phone error after the key (the call just ended) is swallowed, not thrown into the OS callback', async () => {
    const t = setup({ calls: [call('ring', 'ringing')] });
    t.phone.answer.mockRejectedValueOnce(new Error('NOT_FOUND'));
    t.manager.apply(DEFAULTS);
    await t.press('CommandOrControl+Alt+A');
    expect(t.phone.answer).toHaveBeenCalledOnce();
  });
});

describe('registering the shortcuts', () => {
  it('registers each set action, skips empty ones, and nothing when turned off', () => {
    const t = setup();
    t.manager.apply({ ...DEFAULTS, show: '' });
    expect(t.port.registered()).toEqual([
      'CommandOrControl+Alt+A',
      'CommandOrControl+Alt+H',
      'CommandOrControl+Alt+M',
    ]);
    t.manager.apply({ ...DEFAULTS, globalEnabled: false });
    expect(t.port.registered()).toEqual([]);
    expect(t.reported.at(-1)).toEqual([]);
  });

  it('re-registers when the settings change, and only then', () => {
    const t = setup();
    t.manager.apply(DEFAULTS);
    const before = t.port.unregisterCount;
    t.manager.apply({ ...DEFAULTS });
    expect(t.port.unregisterCount).toBe(before);
    t.manager.apply({ ...DEFAULTS, answer: 'Ctrl+Shift+F9' });
    expect(t.port.unregisterCount).toBe(before + 1);
    expect(t.port.registered()).toContain('Ctrl+Shift+F9');
    expect(t.port.registered()).not.toContain('CommandOrControl+Alt+A');
    expect(t.port.press('CommandOrControl+Alt+A')).toBe(false);
  });

  it('reports a shortcut another program holds, and keeps the others working', async () => {
    const t = setup({ taken: ['CommandOrControl+Alt+A'], calls: [call('talk', 'active')] });
    const failures = t.manager.apply(DEFAULTS);
    expect(failures).toEqual([{ action: 'answer', accelerator: 'CommandOrControl+Alt+A', reason: 'taken' }]);
    expect(t.reported).toEqual([failures]);
    await t.press('CommandOrControl+Alt+H');
    expect(t.phone.hangup).toHaveBeenCalledWith('talk');
  });

  it('reports the second of two actions with the same keys as a duplicate', () => {
    const t = setup();
    const failures = t.manager.apply({ ...DEFAULTS, mute: 'Ctrl+Alt+A' });
    expect(failures).toEqual([{ action: 'mute', accelerator: 'Ctrl+Alt+A', reason: 'duplicate' }]);
    expect(t.port.registered()).not.toContain('Ctrl+Alt+A');
  });

  it('reports an accelerator the platform throws on as invalid', () => {
    const t = setup();
    const register = t.port.register.bind(t.port);
    t.port.register = (accelerator, fn) => {
      if (accelerator.endsWith('+M')) throw new Error('conversion failure');
      return register(accelerator, fn);
    };
    expect(t.manager.apply(DEFAULTS)).toEqual([
      { action: 'mute', accelerator: 'CommandOrControl+Alt+M', reason: 'invalid' },
    ]);
    expect(t.port.registered()).toHaveLength(3);
  });

  it('unregisters everything when stopped', () => {
    const t = setup();
    t.manager.apply(DEFAULTS);
    t.manager.stop();
    expect(t.port.registered()).toEqual([]);
  });
});
