// Electron accelerators ("CommandOrControl+Alt+A") for the global shortcuts: the grammar, what a
// combination means on each platform, the combinations Hotline refuses, and how the renderer's key
// recorder and help overlay spell them. Pure: main validates settings with it, the renderer records
// and shows keys with it.
//
// Comparison is conservative: CommandOrControl is Ctrl on Windows/Linux and Cmd on macOS, and a
// settings file may be shared between both, so it is treated as "either" when looking for
// duplicates, reserved combinations and clashes with the in-window shortcuts.

/** Canonical modifiers. `meta` is Cmd on macOS and the Windows/Super key elsewhere. */
export type Modifier = 'ctrl' | 'meta' | 'alt' | 'altgr' | 'shift';
const MODIFIER_ORDER: readonly Modifier[] = ['ctrl', 'meta', 'alt', 'altgr', 'shift'];

/** Modifier names Electron accepts (case-insensitive) and what each stands for. */
const MODIFIER_NAMES: Record<string, Modifier | 'mod'> = {
  commandorcontrol: 'mod',
  cmdorctrl: 'mod',
  control: 'ctrl',
  ctrl: 'ctrl',
  command: 'meta',
  cmd: 'meta',
  super: 'meta',
  meta: 'meta',
  alt: 'alt',
  option: 'alt',
  altgr: 'altgr',
  shift: 'shift',
};

const NAMED_KEYS = [
  'plus',
  'space',
  'tab',
  'capslock',
  'numlock',
  'scrolllock',
  'backspace',
  'delete',
  'insert',
  'return',
  'enter',
  'up',
  'down',
  'left',
  'right',
  'home',
  'end',
  'pageup',
  'pagedown',
  'escape',
  'esc',
  'volumeup',
  'volumedown',
  'volumemute',
  'medianexttrack',
  'mediaprevioustrack',
  'mediastop',
  'mediaplaypause',
  'printscreen',
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
];
const PUNCTUATION = ')!@#$%^&*(:;=<,_->.?/~`{][|\\}"\'';

/** Keys that are fine alone: nobody types them, and a headset's call button sends MediaPlayPause. */
const STANDALONE_KEYS = new Set([
  'medianexttrack',
  'mediaprevioustrack',
  'mediastop',
  'mediaplaypause',
  ...Array.from({ length: 12 }, (_, i) => `f${i + 13}`),
]);

const KEY_ALIASES: Record<string, string> = { return: 'enter', esc: 'escape' };

const VALID_KEYS: ReadonlySet<string> = new Set([
  ...NAMED_KEYS,
  ...'abcdefghijklmnopqrstuvwxyz0123456789',
  ...PUNCTUATION,
  ...Array.from({ length: 24 }, (_, i) => `f${i + 1}`),
  ...Array.from({ length: 10 }, (_, i) => `num${i}`),
]);

export interface ParsedAccelerator {
  /** As written: `mod` (CommandOrControl) is kept apart from ctrl and meta. */
  modifiers: ReadonlySet<Modifier | 'mod'>;
  /** Lower case, aliases resolved (Return → enter, Esc → escape). */
  key: string;
}

/** Why an accelerator is refused; the renderer translates `settings.shortcuts.error.<code>`. */
export type AcceleratorProblem =
  /** Not of the form Modifier+…+Key with known names (e.g. "Ctrl+", "Ctrl+Foo", "A+B"). */
  | 'syntax'
  /** Without Ctrl/Cmd/Alt/Super it would swallow ordinary typing in every program. */
  | 'modifier'
  /** The operating system or every program needs it (Alt+F4, Ctrl+Alt+Delete, Ctrl+C …). */
  | 'reserved'
  /** Hotline itself uses it inside the window (a global shortcut would take it away). */
  | 'inApp';

export function parseAccelerator(text: string): ParsedAccelerator | null {
  if (text.length === 0 || text.length > 64 || /\s/.test(text)) return null;
  const parts = text.split('+');
  const keyPart = parts.pop()!.toLowerCase();
  const modifiers = new Set<Modifier | 'mod'>();
  for (const part of parts) {
    const modifier = MODIFIER_NAMES[part.toLowerCase()];
    if (!modifier || modifiers.has(modifier)) return null;
    modifiers.add(modifier);
  }
  if (!VALID_KEYS.has(keyPart)) return null;
  return { modifiers, key: KEY_ALIASES[keyPart] ?? keyPart };
}

/**
 * Every concrete combination an accelerator can be ("ctrl+alt+a", "meta+alt+a" for
 * CommandOrControl+Alt+A), as canonical strings: modifiers in a fixed order, then the key.
 */
export function acceleratorVariants(parsed: ParsedAccelerator): string[] {
  const fixed = [...parsed.modifiers].filter((m): m is Modifier => m !== 'mod');
  const choices: Modifier[][] = parsed.modifiers.has('mod')
    ? [
        [...fixed, 'ctrl'],
        [...fixed, 'meta'],
      ]
    : [fixed];
  return [
    ...new Set(
      choices.map((mods) => [...MODIFIER_ORDER.filter((m) => mods.includes(m)), parsed.key].join('+')),
    ),
  ];
}

function variantsOf(text: string): string[] {
  const parsed = parseAccelerator(text);
  return parsed ? acceleratorVariants(parsed) : [];
}

/** True when the two accelerators can be the same keys on some platform. */
export function acceleratorsOverlap(a: string, b: string): boolean {
  const left = new Set(variantsOf(a));
  return variantsOf(b).some((variant) => left.has(variant));
}

const EDITING_KEYS = ['a', 'c', 'v', 'x', 'z', 'y', 's', 'w'];

/** Canonical combinations the OS owns or every program relies on. */
export const RESERVED_COMBINATIONS: ReadonlySet<string> = new Set([
  // Windows
  'alt+f4',
  'ctrl+alt+delete',
  'ctrl+shift+escape',
  'ctrl+escape',
  'alt+escape',
  'alt+tab',
  'alt+shift+tab',
  'ctrl+alt+tab',
  'alt+space',
  'meta+l',
  'meta+d',
  'meta+e',
  'meta+r',
  'meta+tab',
  // macOS
  'meta+q',
  'meta+h',
  'meta+m',
  'meta+space',
  'ctrl+space',
  'meta+alt+escape',
  'ctrl+meta+q',
  'meta+shift+3',
  'meta+shift+4',
  'meta+shift+5',
  // Linux
  'ctrl+alt+backspace',
  ...Array.from({ length: 12 }, (_, i) => `ctrl+alt+f${i + 1}`),
  // Copy, paste, undo, save … in every program
  ...EDITING_KEYS.flatMap((key) => [`ctrl+${key}`, `meta+${key}`]),
  'ctrl+shift+z',
  'meta+shift+z',
]);

/**
 * The grammar and Hotline's rules for one global shortcut; null when it is acceptable.
 * `inAppAccelerators` are the shortcuts the window itself uses (src/shared/shortcuts/in-app.ts).
 */
export function acceleratorProblem(
  text: string,
  inAppAccelerators: readonly string[] = [],
): AcceleratorProblem | null {
  const parsed = parseAccelerator(text);
  if (!parsed) return 'syntax';
  const strong = [...parsed.modifiers].some((m) => m !== 'shift');
  if (!strong && !STANDALONE_KEYS.has(parsed.key)) return 'modifier';
  const variants = acceleratorVariants(parsed);
  if (variants.some((variant) => RESERVED_COMBINATIONS.has(variant))) return 'reserved';
  if (inAppAccelerators.some((inApp) => acceleratorsOverlap(text, inApp))) return 'inApp';
  return null;
}

/** What a keydown looked like: enough of a KeyboardEvent, without needing the DOM. */
export interface KeyPress {
  /** The physical key (`KeyA`, `Digit1`, `F5`): the layout does not change the shortcut. */
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

const CODE_KEYS: Record<string, string> = {
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Semicolon: ';',
  Quote: "'",
  Comma: ',',
  Period: '.',
  Slash: '/',
  Backquote: '`',
  Space: 'Space',
  Enter: 'Enter',
  NumpadEnter: 'Enter',
  Tab: 'Tab',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Escape: 'Escape',
  PrintScreen: 'PrintScreen',
  NumpadAdd: 'numadd',
  NumpadSubtract: 'numsub',
  NumpadMultiply: 'nummult',
  NumpadDivide: 'numdiv',
  NumpadDecimal: 'numdec',
  MediaPlayPause: 'MediaPlayPause',
  MediaTrackNext: 'MediaNextTrack',
  MediaTrackPrevious: 'MediaPreviousTrack',
  MediaStop: 'MediaStop',
  AudioVolumeUp: 'VolumeUp',
  AudioVolumeDown: 'VolumeDown',
  AudioVolumeMute: 'VolumeMute',
};

function keyOfCode(code: string): string | null {
  let match = /^Key([A-Z])$/.exec(code);
  if (match) return match[1]!;
  match = /^Digit([0-9])$/.exec(code);
  if (match) return match[1]!;
  match = /^Numpad([0-9])$/.exec(code);
  if (match) return `num${match[1]!}`;
  if (/^F([1-9]|1[0-9]|2[0-4])$/.test(code)) return code;
  return CODE_KEYS[code] ?? null;
}

const MODIFIER_CODES = /^(Control|Shift|Alt|Meta|OS|AltGraph)(Left|Right)?$/;

/**
 * The accelerator a key press records, or null while only modifiers are held (or for a key Electron
 * has no name for). Ctrl on Windows/Linux and Cmd on macOS are recorded as CommandOrControl, so a
 * managed settings file means the same on both.
 */
export function acceleratorFromKeyPress(press: KeyPress, platform: string): string | null {
  if (MODIFIER_CODES.test(press.code)) return null;
  const key = keyOfCode(press.code);
  if (!key) return null;
  const mac = platform === 'darwin';
  const parts: string[] = [];
  if (mac ? press.metaKey : press.ctrlKey) parts.push('CommandOrControl');
  if (mac && press.ctrlKey) parts.push('Ctrl');
  if (press.altKey) parts.push('Alt');
  if (press.shiftKey) parts.push('Shift');
  if (!mac && press.metaKey) parts.push('Super');
  return [...parts, key].join('+');
}

const MAC_NAMES: Record<string, string> = {
  mod: 'Cmd',
  ctrl: 'Ctrl',
  meta: 'Cmd',
  alt: 'Option',
  altgr: 'AltGr',
  shift: 'Shift',
};
const PC_NAMES: Record<string, string> = {
  mod: 'Ctrl',
  ctrl: 'Ctrl',
  meta: 'Win',
  alt: 'Alt',
  altgr: 'AltGr',
  shift: 'Shift',
};
const KEY_LABELS: Record<string, string> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  escape: 'Esc',
  enter: 'Enter',
  pageup: 'PageUp',
  pagedown: 'PageDown',
  backspace: 'Backspace',
  delete: 'Delete',
  insert: 'Insert',
  home: 'Home',
  end: 'End',
  space: 'Space',
  tab: 'Tab',
  plus: '+',
  printscreen: 'PrintScreen',
  mediaplaypause: 'Play/Pause',
  medianexttrack: 'Next track',
  mediaprevioustrack: 'Previous track',
  mediastop: 'Stop',
};

/** How the operator sees an accelerator: "Ctrl+Alt+A" (Windows, Linux) or "Cmd+Option+A" (macOS). */
export function formatAccelerator(text: string, platform: string): string {
  const parsed = parseAccelerator(text);
  if (!parsed) return text;
  const names = platform === 'darwin' ? MAC_NAMES : PC_NAMES;
  const order: Array<Modifier | 'mod'> = ['mod', ...MODIFIER_ORDER];
  const mods = order.filter((m) => parsed.modifiers.has(m)).map((m) => names[m]!);
  const key =
    KEY_LABELS[parsed.key] ??
    (/^num\d$/.test(parsed.key) ? `Num ${parsed.key.slice(3)}` : parsed.key.toUpperCase());
  return [...mods, key].join('+');
}
