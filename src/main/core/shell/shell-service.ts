import type { Status } from '../../../shared/ipc/contract.ts';
import type { CallView } from '../../../shared/model/call.ts';
import type { OperatorSetRequest } from '../../../shared/model/operator.ts';
import type { UiLanguage } from '../../../shared/model/settings.ts';
import type { Logger } from '../log/logger.ts';
import type { GlobalShortcuts } from '../ports.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import type { StatusService } from '../status/status-service.ts';
import { createGlobalShortcutManager, type ShortcutPhone } from './global-shortcuts.ts';
import { createMissedCalls } from './missed-calls.ts';
import {
  trayCommandOf,
  trayMenuOf,
  trayStateOf,
  type TrayCommand,
  type TrayMenuItem,
  type TrayState,
} from './tray-state.ts';

// The desktop shell's part of the core: the missed-call counter, the global shortcuts and the tray's
// state, all published in the status (`shell`) so the window sees what the tray shows. The Electron
// adapters (src/main/electron/tray.ts, global-shortcuts.ts) only draw and register.

export type ShellStatus = NonNullable<Status['shell']>;

/** The status's `shell` section; absent means nothing missed and no failures. */
export function shellStatusOf(status: Status): ShellStatus {
  return status.shell ?? { missedCalls: 0, shortcutFailures: [] };
}

export interface TrayView extends TrayState {
  menu: TrayMenuItem[];
}

export interface ShellServiceOptions {
  status: StatusService;
  settings: SettingsService;
  language: () => UiLanguage;
  phone: ShortcutPhone;
  operator: { set(request: OperatorSetRequest): unknown };
  globalShortcuts: GlobalShortcuts;
  log: Logger;
}

export interface ShellService {
  /** Every `call:updated`. */
  onCall(call: CallView): void;
  /** The operator opened History (IPC `shell:missedSeen`). */
  missedSeen(): void;
  tray(): TrayView;
  onTrayChange(listener: (view: TrayView) => void): () => void;
  /** A call was just missed (Windows flashes the taskbar button). */
  onMissedCall(listener: (count: number) => void): () => void;
  /** The "show Hotline" shortcut was pressed. */
  onShowRequested(listener: () => void): () => void;
  /**
   * A tray menu click. Operator-state items are done here; `show` and `quit` are returned for the
   * window code to do. Null for an unknown id.
   */
  trayCommand(id: string): TrayCommand | null;
  /** Registers the global shortcuts (Electron allows it only once the app is ready). */
  start(): void;
  stop(): void;
}

export function createShellService(options: ShellServiceOptions): ShellService {
  const { status, settings, log } = options;
  const missed = createMissedCalls();
  const trayListeners = new Set<(view: TrayView) => void>();
  const missedListeners = new Set<(count: number) => void>();
  const showListeners = new Set<() => void>();

  const publish = (shell: Partial<ShellStatus>) =>
    status.set({ shell: { ...shellStatusOf(status.get()), ...shell } });

  const shortcuts = createGlobalShortcutManager({
    port: options.globalShortcuts,
    phone: options.phone,
    show: () => {
      for (const listener of showListeners) listener();
    },
    log,
    onFailures: (shortcutFailures) => publish({ shortcutFailures }),
  });

  function tray(): TrayView {
    const input = {
      status: status.get(),
      missedCalls: shellStatusOf(status.get()).missedCalls,
      language: options.language(),
      reasons: settings.get().operator.notReadyReasons,
    };
    return { ...trayStateOf(input), menu: trayMenuOf(input) };
  }

  let lastTray = JSON.stringify(tray());
  const refreshTray = () => {
    const view = tray();
    const key = JSON.stringify(view);
    if (key === lastTray) return;
    lastTray = key;
    for (const listener of trayListeners) listener(view);
  };

  let started = false;
  const unsubscribers = [
    missed.onChange((missedCalls, change) => {
      publish({ missedCalls });
      if (change === 'missed') for (const listener of missedListeners) listener(missedCalls);
    }),
    status.onChange(refreshTray),
    settings.onChange((view) => {
      refreshTray();
      if (started) shortcuts.apply(view.settings.shortcuts);
    }),
  ];

  return {
    onCall: (call) => missed.onCall(call),
    missedSeen: () => missed.seen(),
    tray,
    onTrayChange(listener) {
      trayListeners.add(listener);
      return () => trayListeners.delete(listener);
    },
    onMissedCall(listener) {
      missedListeners.add(listener);
      return () => missedListeners.delete(listener);
    },
    onShowRequested(listener) {
      showListeners.add(listener);
      return () => showListeners.delete(listener);
    },
    trayCommand(id) {
      const command = trayCommandOf(id);
      if (command?.kind === 'operator') {
        try {
          options.operator.set(command.request);
        } catch (error) {
          // A reason removed from the settings while the menu was open.
          log.warn('tray: operator state not changed', { error });
        }
      }
      return command;
    },
    start() {
      started = true;
      shortcuts.apply(settings.get().shortcuts);
    },
    stop() {
      for (const unsubscribe of unsubscribers) unsubscribe();
      shortcuts.stop();
    },
  };
}
