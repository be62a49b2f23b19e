// The keys Hotline answers inside its own window, as accelerators. One list for two readers: the
// help overlay (F1) shows it, and the global-shortcut settings refuse a combination from it (a
// global shortcut is taken system-wide, so the window would never see the key again).
//
// Where they are handled: src/renderer/src/app/App.tsx (sections, F2, help), the status bar's
// OperatorStateControl (F9),
// features/phone/use-call-hotkeys.ts (F3, F4), the wrap-up form (Ctrl+Enter, Alt+1…9),
// features/knowledge/knowledge-events.ts (F6), features/scripts/script-keys.ts (1…9) and
// features/history/HistoryList.tsx (list keys). Change both places together.

export type InAppGroup = 'window' | 'calls' | 'wrapup' | 'history';

export interface InAppShortcut {
  /** Names the action: `help.action.<id>` in the renderer's strings. */
  id: string;
  group: InAppGroup;
  /** Accelerators (Electron syntax) that do it. */
  keys: readonly string[];
  /** Shown instead of the keys when they read better summarised ("Alt+1…9"), per platform family. */
  display?: { pc: string; mac: string };
  /** Only outside text fields (so typing the character still works). */
  outsideFields?: boolean;
}

const digits = Array.from({ length: 9 }, (_, i) => `Alt+${i + 1}`);

export const IN_APP_SHORTCUTS: readonly InAppShortcut[] = [
  { id: 'help', group: 'window', keys: ['F1'] },
  {
    id: 'helpQuestion',
    group: 'window',
    keys: ['Shift+/'],
    display: { pc: '?', mac: '?' },
    outsideFields: true,
  },
  { id: 'workspace', group: 'window', keys: ['CommandOrControl+1'] },
  { id: 'history', group: 'window', keys: ['CommandOrControl+2'] },
  { id: 'contacts', group: 'window', keys: ['CommandOrControl+3'] },
  { id: 'settings', group: 'window', keys: ['CommandOrControl+,'] },
  { id: 'closeDialog', group: 'window', keys: ['Escape'] },
  { id: 'operatorState', group: 'window', keys: ['F9'] },
  { id: 'knowledgeSearch', group: 'window', keys: ['F6'] },
  { id: 'dial', group: 'calls', keys: ['F2'] },
  { id: 'answer', group: 'calls', keys: ['F3'] },
  { id: 'hangup', group: 'calls', keys: ['F4'] },
  {
    // The call script's answers: the digit alone, outside text fields and the wrap-up form (whose
    // bare digits pick the result; its Alt+digits are never taken).
    id: 'scriptAnswer',
    group: 'calls',
    keys: Array.from({ length: 9 }, (_, i) => `${i + 1}`),
    display: { pc: '1…9', mac: '1…9' },
    outsideFields: true,
  },
  { id: 'wrapupSubmit', group: 'wrapup', keys: ['CommandOrControl+Enter'] },
  {
    id: 'disposition',
    group: 'wrapup',
    keys: digits,
    display: { pc: 'Alt+1…9', mac: 'Option+1…9' },
  },
  { id: 'historyMove', group: 'history', keys: ['Up', 'Down'] },
  { id: 'historyPage', group: 'history', keys: ['PageUp', 'PageDown'] },
  { id: 'historyEnds', group: 'history', keys: ['Home', 'End'] },
  { id: 'historyCallBack', group: 'history', keys: ['Enter'] },
];

/** Every in-window accelerator, for the global-shortcut conflict check. */
export const IN_APP_ACCELERATORS: readonly string[] = IN_APP_SHORTCUTS.flatMap((s) => s.keys);
