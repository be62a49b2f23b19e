// The wrap-up form's keyboard: a disposition by its hotkey digit, Submit with Ctrl+Enter.
//
// - Alt+1…9 works everywhere, also while typing notes (Alt+digit types nothing useful).
// - A bare 1…9 works when the cursor is not in a text field (on a radio button, a checkbox, a
//   button, or nowhere in particular), so a digit typed into the notes or the dial field is text.
// - Ctrl+Enter (⌘+Enter on a Mac) submits from anywhere, the notes included.
// Physical key codes (Digit1, Numpad1), so a Russian layout or Shift state does not matter.

const TEXT_INPUT_TYPES = new Set([
  'text',
  'search',
  'tel',
  'url',
  'email',
  'password',
  'number',
  'date',
  'time',
  'datetime-local',
  'month',
  'week',
]);

/** True when keys typed at this element are text (an input field, a textarea, an editable area). */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(target.type || 'text');
  // Comboboxes (Mantine's Select is an input, but a custom one may not be).
  return target.getAttribute('role') === 'combobox';
}

/** The hotkey digit 1–9 this key press asks for, or null. */
export function dispositionDigit(event: KeyboardEvent): number | null {
  const match = /^(?:Digit|Numpad)([1-9])$/.exec(event.code);
  if (!match || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  if (event.altKey) return Number(match[1]);
  return isTextEntry(event.target) ? null : Number(match[1]);
}

export function isSubmitKey(event: KeyboardEvent): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey;
}
