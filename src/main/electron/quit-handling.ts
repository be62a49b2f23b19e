import { app, dialog, powerMonitor, type BrowserWindow, type MessageBoxOptions } from 'electron';
import type { UiLanguage } from '../../shared/model/settings.ts';
import type { Logger } from '../core/log/logger.ts';
import type { CallState } from '../../shared/model/call.ts';
import { createQuitGuard } from '../core/shell/quit-guard.ts';
import { quitConfirmed, quitPromptOf } from '../core/shell/quit-policy.ts';

// Forwards Electron's quit and close events to the core's quit guard (core/shell/quit-guard.ts) and
// shows its question as a native dialog. Every way to quit (tray, application menu, Cmd+Q, the
// Dock) arrives as before-quit. The OS ending the session arrives as powerMonitor's shutdown
// (macOS, Linux) or the window's session-end (Windows, where before-quit is not emitted).

export interface QuitHandlingOptions {
  calls: () => ReadonlyArray<{ state: CallState }>;
  language: () => UiLanguage;
  window: () => BrowserWindow | undefined;
  /** Brings the window forward, so the question is seen where the call is. */
  showWindow: () => void;
  /** The tray icon is there (macOS always has the Dock). */
  hasTray: () => boolean;
  log: Logger;
}

export interface QuitHandling {
  /** Closing this window hides it (or minimises it) unless Hotline is quitting. */
  watchWindow(window: BrowserWindow): void;
}

export function installQuitHandling(options: QuitHandlingOptions): QuitHandling {
  const ask = async (calls: number, signal: AbortSignal): Promise<boolean> => {
    options.showWindow();
    const prompt = quitPromptOf(options.language(), calls);
    const box: MessageBoxOptions = { ...prompt, type: 'question', noLink: true, signal };
    const window = options.window();
    const { response } = window ? await dialog.showMessageBox(window, box) : await dialog.showMessageBox(box);
    return quitConfirmed(response);
  };
  const guard = createQuitGuard({
    calls: options.calls,
    ask,
    quit: () => app.quit(),
    onAskFailed: (error) => options.log.error('quit: the question could not be shown', { error }),
  });

  app.on('before-quit', (event) => {
    if (guard.quitRequested()) event.preventDefault();
  });
  powerMonitor.on('shutdown', () => guard.sessionEnding());

  return {
    watchWindow(window) {
      window.on('close', (event) => {
        const action = guard.closeAction(options.hasTray() || process.platform === 'darwin');
        if (action === 'close') return;
        event.preventDefault();
        if (action === 'hide') window.hide();
        else window.minimize();
      });
      window.on('session-end', () => guard.sessionEnding());
    },
  };
}
