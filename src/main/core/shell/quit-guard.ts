import { callsInProgress, shouldAskBeforeQuit, windowCloseAction, type CloseAction } from './quit-policy.ts';
import type { CallState } from '../../../shared/model/call.ts';

// The quit sequence as a small state machine, so the Electron glue only forwards events:
// before-quit → `quitRequested()` (true: hold the quit), the window's close → `closeAction()`,
// the OS ending the session → `sessionEnding()`.

export interface QuitGuardOptions {
  calls: () => ReadonlyArray<{ state: CallState }>;
  /**
   * Asks the operator (a native dialog); resolves true to quit. Aborted when the session ends while
   * it is open, as if cancelled.
   */
  ask: (calls: number, signal: AbortSignal) => Promise<boolean>;
  /** Starts quitting again once confirmed (app.quit()). */
  quit: () => void;
  onAskFailed?: (error: unknown) => void;
}

export interface QuitGuard {
  /** A quit was requested; true when it must be held (the operator is being asked). */
  quitRequested(): boolean;
  /** The OS is shutting down, restarting or logging off: quit without asking. */
  sessionEnding(): void;
  closeAction(canReopen: boolean): CloseAction;
}

export function createQuitGuard(options: QuitGuardOptions): QuitGuard {
  let quitting = false;
  let sessionEnds = false;
  let asking: AbortController | undefined;

  const proceed = () => {
    quitting = true;
    options.quit();
  };

  return {
    quitRequested() {
      if (quitting) return false;
      // A second Cmd+Q while the question is open: the open question answers both.
      if (asking) return true;
      const calls = callsInProgress(options.calls());
      if (
        !shouldAskBeforeQuit({ trigger: sessionEnds ? 'session-end' : 'operator', callsInProgress: calls })
      ) {
        quitting = true;
        return false;
      }
      const controller = (asking = new AbortController());
      options.ask(calls, controller.signal).then(
        (confirmed) => {
          asking = undefined;
          if (confirmed || sessionEnds) proceed();
        },
        (error: unknown) => {
          // No dialog, no quit: a call is never ended without the operator's yes.
          asking = undefined;
          options.onAskFailed?.(error);
          if (sessionEnds) proceed();
        },
      );
      return true;
    },
    sessionEnding() {
      if (sessionEnds) return;
      sessionEnds = true;
      if (asking) asking.abort();
      else if (!quitting) proceed();
    },
    closeAction: (canReopen) => windowCloseAction({ quitting: quitting || sessionEnds, canReopen }),
  };
}
