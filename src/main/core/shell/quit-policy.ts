import type { CallState } from '../../../shared/model/call.ts';
import type { UiLanguage } from '../../../shared/model/settings.ts';
import { mainText } from '../i18n/main-strings.ts';

// What closing the window and quitting do (pure; src/main/electron/quit-handling.ts applies it):
//
// - Closing the window hides it: Hotline lives in the tray (on macOS also in the Dock) so the next
//   call still rings. Without a tray or Dock to come back from, it is minimised instead.
// - Quitting (tray menu, application menu, Cmd+Q, the Dock) asks first while a call is not over,
//   ringing ones included: someone is on the line and quitting ends it.
// - The OS ending the session (shutdown, restart, log-off) is never held up by a question.

/** Where a quit came from. `session-end`: the OS is shutting down, restarting or logging off. */
export type QuitTrigger = 'operator' | 'session-end';

/** How many calls quitting would end. */
export function callsInProgress(calls: ReadonlyArray<{ state: CallState }>): number {
  return calls.filter((call) => call.state !== 'ended').length;
}

export function shouldAskBeforeQuit(input: { trigger: QuitTrigger; callsInProgress: number }): boolean {
  return input.trigger === 'operator' && input.callsInProgress > 0;
}

export type CloseAction = 'hide' | 'minimize' | 'close';

export function windowCloseAction(input: {
  /** A quit is under way (confirmed or not needing confirmation), or the session is ending. */
  quitting: boolean;
  /** A tray icon or a Dock icon the operator can bring the window back from. */
  canReopen: boolean;
}): CloseAction {
  if (input.quitting) return 'close';
  return input.canReopen ? 'hide' : 'minimize';
}

export interface QuitPrompt {
  title: string;
  message: string;
  detail: string;
  /** [quit, cancel] */
  buttons: [string, string];
  /** Enter and Escape both keep Hotline running: a stray key press must not end a call. */
  defaultId: 1;
  cancelId: 1;
}

export function quitPromptOf(language: UiLanguage, calls: number): QuitPrompt {
  return {
    title: mainText(language, 'quit.title'),
    message: mainText(language, calls > 1 ? 'quit.message.severalCalls' : 'quit.message.oneCall'),
    detail: mainText(language, 'quit.detail'),
    buttons: [mainText(language, 'quit.confirm'), mainText(language, 'quit.cancel')],
    defaultId: 1,
    cancelId: 1,
  };
}

/** The dialog's answer (the index of the button pressed) as "quit". */
export function quitConfirmed(response: number): boolean {
  return response === 0;
}
