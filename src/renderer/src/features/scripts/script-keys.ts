import { isTextEntry } from '../wrapup/wrapup-keys.ts';

// The script panel's keyboard (src/shared/shortcuts/in-app.ts, `scriptAnswer`):
//
// - a bare 1…9 picks the answer with that number — when the cursor is not in a text field (the
//   digit is text there) and not in the wrap-up form (there the digit picks the call's result; its
//   Alt+1…9 are never taken here) nor in a dialog;
// - outside the panel itself, only while the script's call is in progress: after the call the
//   digits belong to the wrap-up form again;
// - Tab reaches the answer buttons in order, Enter or Space presses one.
// Physical key codes (Digit1, Numpad1), so a Russian layout or Shift state does not matter.

/** The digit 1–9 of a key press with no modifier, or null. */
export function answerDigit(event: KeyboardEvent): number | null {
  const match = /^(?:Digit|Numpad)([1-9])$/.exec(event.code);
  if (!match || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return null;
  return Number(match[1]);
}

/** Whether the script panel takes this key press (see above). */
export function scriptTakesKey(
  event: KeyboardEvent,
  context: { panel: HTMLElement | null; callInProgress: boolean },
): boolean {
  if (event.defaultPrevented || isTextEntry(event.target)) return false;
  const target = event.target instanceof Element ? event.target : null;
  if (target && context.panel?.contains(target)) return true;
  if (!context.callInProgress) return false;
  return !target?.closest('[data-testid="wrapup-panel"], [role="dialog"]');
}
