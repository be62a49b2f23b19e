import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core } from '../../../../src/main/core/create-core.ts';
import { createLogger, memorySink } from '../../../../src/main/core/log/logger.ts';
import type { TrayView } from '../../../../src/main/core/shell/shell-service.ts';
import type { CallView } from '../../../../src/shared/model/call.ts';
import {
  createNodePorts,
  createRecordingGlobalShortcuts,
  type RecordingGlobalShortcuts,
} from '../../../../tools/harness/node-ports.ts';
import { makeTempDir } from '../../../helpers/temp-dir.ts';

// The shell wired into the real core: settings → registrations, failures → status, missed calls →
// status, tray and `shell:missedSeen`.

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const TRUSTED = { trusted: true, description: 'test' };
const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

async function startCore(
  options: { taken?: string[]; user?: object; managed?: object } = {},
): Promise<{ core: Core; shortcuts: RecordingGlobalShortcuts }> {
  const dir = makeTempDir();
  cleanups.push(() => dir.cleanup());
  if (options.user) writeFileSync(join(dir.path, 'settings.json'), JSON.stringify(options.user));
  const managedFile = join(dir.path, 'managed.json');
  if (options.managed) writeFileSync(managedFile, JSON.stringify(options.managed));
  const log = createLogger(memorySink());
  const shortcuts = createRecordingGlobalShortcuts(options.taken);
  const core = createCore({
    dataDir: dir.path,
    managedSettingsFile: managedFile,
    appInfo: {
      name: 'Hotline',
      version: '0.1.0-test',
      platform: process.platform,
      runtime: 'harness',
      versions: {},
      systemLocale: () => 'en-US',
    },
    ports: { ...createNodePorts(dir.path, log), globalShortcuts: shortcuts },
    log,
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await core.close();
  };
  cleanups.push(close);
  await core.start();
  return { core: { ...core, close }, shortcuts };
}

function missedCall(id: string): CallView {
  return {
    id,
    direction: 'inbound',
    state: 'ended',
    remote: { number: '84951234567', uri: 'sip:84951234567@pbx' },
    muted: false,
    earlyMedia: false,
    startedAt: T0,
    endedAt: T0 + 15_000,
    end: { reason: 'caller-cancelled' },
  };
}

describe('global shortcuts in the core', () => {
  it('registers the defaults at start and reports the one another program holds in the status', async () => {
    const { core, shortcuts } = await startCore({ taken: ['CommandOrControl+Alt+M'] });
    expect(shortcuts.registered()).toEqual([
      'CommandOrControl+Alt+A',
      'CommandOrControl+Alt+H',
      'CommandOrControl+Alt+O',
    ]);
    expect(core.status.get().shell?.shortcutFailures).toEqual([
      { action: 'mute', accelerator: 'CommandOrControl+Alt+M', reason: 'taken' },
    ]);
  });

  it('re-registers when the operator changes them, and the failure goes away', async () => {
    const { core, shortcuts } = await startCore({ taken: ['CommandOrControl+Alt+M'] });
    const result = await core.router.dispatch(
      'settings:update',
      { patch: { shortcuts: { mute: 'CommandOrControl+Shift+F9' } } },
      TRUSTED,
    );
    expect(result.ok).toBe(true);
    expect(shortcuts.registered()).toContain('CommandOrControl+Shift+F9');
    expect(core.status.get().shell?.shortcutFailures).toEqual([]);

    await core.router.dispatch(
      'settings:update',
      { patch: { shortcuts: { globalEnabled: false } } },
      TRUSTED,
    );
    expect(shortcuts.registered()).toEqual([]);
  });

  it('refuses a change that gives two actions the same keys, at the field that was changed', async () => {
    const { core, shortcuts } = await startCore();
    const result = await core.router.dispatch(
      'settings:update',
      { patch: { shortcuts: { mute: 'Ctrl+Alt+A' } } },
      TRUSTED,
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: 'shortcuts.mute', message: 'acceleratorDuplicate' }] },
    });
    expect(core.settings.get().shortcuts.mute).toBe('CommandOrControl+Alt+M');
    expect(shortcuts.registered()).toContain('CommandOrControl+Alt+M');
  });

  it('refuses a reserved combination', async () => {
    const { core } = await startCore();
    const result = await core.router.dispatch(
      'settings:update',
      { patch: { shortcuts: { hangup: 'Alt+F4' } } },
      TRUSTED,
    );
    expect(result.ok).toBe(false);
    expect(core.settings.get().shortcuts.hangup).toBe('CommandOrControl+Alt+H');
  });

  it('obeys IT: a locked shortcut cannot be changed, and a clash the files hold is reported, not fatal', async () => {
    const { core, shortcuts } = await startCore({
      user: { shortcuts: { mute: 'Ctrl+Alt+K' }, language: 'ru' },
      managed: { enforced: { shortcuts: { answer: 'Ctrl+Alt+K' } } },
    });
    // The rest of the settings survived the clash.
    expect(core.settings.get().language).toBe('ru');
    expect(core.settings.view().locked).toContain('shortcuts.answer');
    expect(shortcuts.registered()).toContain('Ctrl+Alt+K');
    expect(core.status.get().shell?.shortcutFailures).toEqual([
      { action: 'mute', accelerator: 'Ctrl+Alt+K', reason: 'duplicate' },
    ]);
    const result = await core.router.dispatch(
      'settings:update',
      { patch: { shortcuts: { answer: 'Ctrl+Alt+J' } } },
      TRUSTED,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });

  it('unregisters everything when the core closes', async () => {
    const { core, shortcuts } = await startCore();
    await core.close();
    expect(shortcuts.registered()).toEqual([]);
  });
});

describe('missed calls and the tray in the core', () => {
  it('counts a missed call into the status and the tray, and resets on shell:missedSeen', async () => {
    const { core } = await startCore();
    const trays: TrayView[] = [];
    const missed: number[] = [];
    core.shell.onTrayChange((view) => trays.push(view));
    core.shell.onMissedCall((count) => missed.push(count));

    core.shell.onCall(missedCall('m1'));
    core.shell.onCall(missedCall('m2'));
    expect(core.status.get().shell?.missedCalls).toBe(2);
    expect(missed).toEqual([1, 2]);
    expect(trays.at(-1)).toMatchObject({ badge: '2', missedCalls: 2 });
    expect(trays.at(-1)!.tooltip).toMatch(/2 missed calls$/);

    const result = await core.router.dispatch('shell:missedSeen', {}, TRUSTED);
    expect(result).toEqual({ ok: true, value: {} });
    expect(core.status.get().shell?.missedCalls).toBe(0);
    expect(trays.at(-1)).toMatchObject({ badge: '', missedCalls: 0 });
    expect(missed).toEqual([1, 2]);
  });

  it('follows the UI language and changes the operator state from the tray menu', async () => {
    const { core } = await startCore();
    expect(core.shell.tray().menu[0]!.label).toBe('Show Hotline');
    core.settings.update({ language: 'ru' });
    expect(core.shell.tray().menu[0]!.label).toBe('Показать Hotline');
    expect(core.shell.tray().tooltip).toBe('Hotline — Телефон не настроен');

    expect(core.shell.trayCommand('not-ready:lunch')).toMatchObject({ kind: 'operator' });
    // The phone is not registered, so the choice waits as what follows Offline.
    expect(core.operator.status().next).toEqual({ state: 'not-ready', reason: 'lunch' });
    expect(core.shell.trayCommand('show')).toEqual({ kind: 'show' });
    // A reason that no longer exists changes nothing and throws nothing.
    expect(() => core.shell.trayCommand('not-ready:gone')).not.toThrow();
    expect(core.operator.status().next).toEqual({ state: 'not-ready', reason: 'lunch' });
  });
});
