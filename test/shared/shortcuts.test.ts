import { describe, expect, it } from 'vitest';
import {
  acceleratorFromKeyPress,
  acceleratorProblem,
  acceleratorsOverlap,
  formatAccelerator,
  type KeyPress,
} from '../../src/shared/shortcuts/accelerator.ts';
import { IN_APP_ACCELERATORS } from '../../src/shared/shortcuts/in-app.ts';
import {
  DEFAULT_GLOBAL_SHORTCUTS,
  ShortcutsFormSchema,
  ShortcutsSettingsSchema,
} from '../../src/shared/model/shortcuts.ts';
import { DEFAULT_SETTINGS, SettingsPatchSchema } from '../../src/shared/model/settings.ts';

const problem = (accelerator: string) => acceleratorProblem(accelerator, IN_APP_ACCELERATORS);

describe('accelerator validation', () => {
  it.each([
    'CommandOrControl+Alt+A',
    'CmdOrCtrl+Alt+Plus',
    'ctrl+alt+a',
    'Control+Shift+F5',
    'Alt+Shift+K',
    'Super+Alt+1',
    'Command+Option+J',
    'Ctrl+Alt+Space',
    'Ctrl+Alt+Return',
    'Ctrl+Alt+num5',
    'MediaPlayPause',
    'F13',
    'Shift+F20',
  ])('accepts %s', (accelerator) => {
    expect(problem(accelerator)).toBeNull();
  });

  it.each([
    '',
    'Ctrl+',
    '+A',
    'Ctrl+Alt',
    'Ctrl+Foo',
    'Ctrl+A+B',
    'A+Ctrl',
    'Ctrl+Ctrl+A',
    'Ctrl + A',
    'Hyper+A',
    'Ctrl++',
    `Ctrl+Alt+${'A'.repeat(70)}`,
  ])('refuses the malformed %j', (accelerator) => {
    expect(problem(accelerator)).toBe('syntax');
  });

  it.each(['A', '1', 'Shift+A', 'F5', 'Shift+F5', 'Enter', 'VolumeUp', 'Space'])(
    'refuses %s without a Ctrl/Cmd/Alt/Super modifier (it would swallow typing)',
    (accelerator) => {
      expect(problem(accelerator)).toBe('modifier');
    },
  );

  it.each([
    'Alt+F4',
    'alt+f4',
    'Ctrl+Alt+Delete',
    'CommandOrControl+Alt+Delete',
    'Control+Shift+Escape',
    'Ctrl+Shift+Esc',
    'Alt+Tab',
    'Alt+Space',
    'Super+L',
    'Cmd+Q',
    'CommandOrControl+Q',
    'CommandOrControl+C',
    'Ctrl+V',
    'Command+Space',
    'Ctrl+Alt+F2',
    'Cmd+Shift+4',
  ])('refuses the reserved %s', (accelerator) => {
    expect(problem(accelerator)).toBe('reserved');
  });

  it.each([
    'CommandOrControl+1',
    'Ctrl+2',
    'Cmd+,',
    'Alt+3',
    'Option+9',
    'CommandOrControl+Enter',
    'Ctrl+Return',
  ])('refuses %s, which Hotline uses inside its window', (accelerator) => {
    expect(problem(accelerator)).toBe('inApp');
  });

  it('accepts the defaults, and no two of them collide', () => {
    const values = Object.values(DEFAULT_GLOBAL_SHORTCUTS);
    for (const value of values) expect(problem(value), value).toBeNull();
    for (const a of values)
      for (const b of values) if (a !== b) expect(acceleratorsOverlap(a, b)).toBe(false);
  });

  it('treats CommandOrControl as Ctrl or Cmd when comparing, and nothing else as equal', () => {
    expect(acceleratorsOverlap('CommandOrControl+Alt+A', 'Ctrl+Alt+A')).toBe(true);
    expect(acceleratorsOverlap('CommandOrControl+Alt+A', 'Cmd+Option+A')).toBe(true);
    expect(acceleratorsOverlap('Alt+Ctrl+a', 'Control+Alt+A')).toBe(true);
    expect(acceleratorsOverlap('Ctrl+Alt+A', 'Cmd+Alt+A')).toBe(false);
    expect(acceleratorsOverlap('Ctrl+Alt+A', 'Ctrl+Alt+Shift+A')).toBe(false);
  });
});

describe('the shortcuts settings section', () => {
  it('defaults to the documented combinations, enabled', () => {
    expect(DEFAULT_SETTINGS.shortcuts).toEqual({ globalEnabled: true, ...DEFAULT_GLOBAL_SHORTCUTS });
  });

  it('takes an empty value as "off", and reports each bad leaf with its code', () => {
    const parsed = ShortcutsSettingsSchema.safeParse({
      answer: '',
      hangup: 'Alt+F4',
      mute: 'Ctrl+Foo',
      show: 'CommandOrControl+2',
    });
    expect(parsed.success).toBe(false);
    const issues = parsed.error!.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues).toEqual([
      ['hangup', 'acceleratorReserved'],
      ['mute', 'acceleratorSyntax'],
      ['show', 'acceleratorInApp'],
    ]);
  });

  it('the form refuses two actions with the same keys, marking both', () => {
    const parsed = ShortcutsFormSchema.safeParse({
      ...DEFAULT_GLOBAL_SHORTCUTS,
      mute: 'Ctrl+Alt+A',
      show: '',
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['answer', 'acceleratorDuplicate'],
      ['mute', 'acceleratorDuplicate'],
    ]);
    // Two actions off are not a duplicate.
    expect(ShortcutsFormSchema.safeParse({ answer: '', hangup: '', mute: '', show: '' }).success).toBe(true);
  });

  it('can be patched one leaf at a time', () => {
    expect(SettingsPatchSchema.parse({ shortcuts: { mute: '' } })).toEqual({ shortcuts: { mute: '' } });
    expect(SettingsPatchSchema.safeParse({ shortcuts: { mute: 'Alt+F4' } }).success).toBe(false);
  });
});

describe('recording and showing a key combination', () => {
  const press = (code: string, mods: Partial<KeyPress> = {}): KeyPress => ({
    code,
    ctrlKey: false,
    altKey: false,
    shiftKey: false,
    metaKey: false,
    ...mods,
  });

  it('records physical keys, Ctrl (Windows, Linux) and Cmd (macOS) as CommandOrControl', () => {
    expect(acceleratorFromKeyPress(press('KeyA', { ctrlKey: true, altKey: true }), 'win32')).toBe(
      'CommandOrControl+Alt+A',
    );
    expect(acceleratorFromKeyPress(press('KeyA', { metaKey: true, altKey: true }), 'darwin')).toBe(
      'CommandOrControl+Alt+A',
    );
    expect(acceleratorFromKeyPress(press('KeyA', { ctrlKey: true, altKey: true }), 'darwin')).toBe(
      'Ctrl+Alt+A',
    );
    expect(acceleratorFromKeyPress(press('KeyK', { metaKey: true, shiftKey: true }), 'linux')).toBe(
      'Shift+Super+K',
    );
    expect(acceleratorFromKeyPress(press('Digit7', { altKey: true }), 'win32')).toBe('Alt+7');
    expect(acceleratorFromKeyPress(press('Numpad5', { ctrlKey: true }), 'win32')).toBe(
      'CommandOrControl+num5',
    );
    expect(acceleratorFromKeyPress(press('ArrowUp', { ctrlKey: true }), 'win32')).toBe('CommandOrControl+Up');
    expect(acceleratorFromKeyPress(press('F9'), 'win32')).toBe('F9');
    expect(acceleratorFromKeyPress(press('ControlLeft', { ctrlKey: true }), 'win32')).toBeNull();
    expect(acceleratorFromKeyPress(press('AltRight', { altKey: true }), 'win32')).toBeNull();
    expect(acceleratorFromKeyPress(press('IntlRo', { ctrlKey: true }), 'win32')).toBeNull();
  });

  it('every recorded combination parses back', () => {
    for (const code of [
      'KeyZ',
      'Digit0',
      'F24',
      'Comma',
      'Slash',
      'Space',
      'PageDown',
      'NumpadAdd',
      'MediaPlayPause',
    ])
      expect(
        problem(acceleratorFromKeyPress(press(code, { ctrlKey: true, altKey: true }), 'win32')!),
      ).not.toBe('syntax');
  });

  it('spells modifiers as the platform does', () => {
    expect(formatAccelerator('CommandOrControl+Alt+A', 'win32')).toBe('Ctrl+Alt+A');
    expect(formatAccelerator('CommandOrControl+Alt+A', 'darwin')).toBe('Cmd+Option+A');
    expect(formatAccelerator('Shift+Super+up', 'linux')).toBe('Win+Shift+↑');
    expect(formatAccelerator('not an accelerator', 'linux')).toBe('not an accelerator');
  });
});
