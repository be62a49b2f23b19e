import { describe, expect, it } from 'vitest';
import {
  missedCallsText,
  trayCommandOf,
  trayMenuOf,
  trayStateOf,
  type TrayInput,
  type TrayMenuItem,
} from '../../../../src/main/core/shell/tray-state.ts';
import { DEFAULT_NOT_READY_REASONS } from '../../../../src/shared/model/operator.ts';
import type { Status } from '../../../../src/shared/ipc/contract.ts';

type Registration = Status['registration']['state'];
type Operator = Status['operator'];

function input(
  registration: Registration,
  operator: Operator,
  extra: { missedCalls?: number; language?: 'ru' | 'en'; writable?: boolean } = {},
): TrayInput {
  return {
    status: {
      registration: { state: registration },
      operator,
      storage: { writable: extra.writable ?? true, pendingWrites: 0 },
    },
    missedCalls: extra.missedCalls ?? 0,
    language: extra.language ?? 'en',
    reasons: DEFAULT_NOT_READY_REASONS,
  };
}

describe('tray icon variant and tooltip', () => {
  // registration, operator, variant, English tooltip, Russian tooltip
  const table: Array<[Registration, Operator, string, string, string]> = [
    ['registered', { state: 'ready' }, 'ready', 'Hotline — Ready', 'Hotline — Готов'],
    [
      'registered',
      { state: 'not-ready', reason: 'lunch' },
      'not-ready',
      'Hotline — Not ready: Lunch',
      'Hotline — Не готов: Обед',
    ],
    [
      'registered',
      { state: 'not-ready', reason: 'missed' },
      'not-ready',
      'Hotline — Not ready: a call was missed',
      'Hotline — Не готов: пропущен звонок',
    ],
    [
      'registered',
      { state: 'not-ready', reason: 'gone-from-settings' },
      'not-ready',
      'Hotline — Not ready: gone-from-settings',
      'Hotline — Не готов: gone-from-settings',
    ],
    ['registered', { state: 'wrap-up' }, 'not-ready', 'Hotline — Wrap-up', 'Hotline — Обработка звонка'],
    ['registered', { state: 'on-call' }, 'on-call', 'Hotline — On a call', 'Hotline — Разговор'],
    ['registered', { state: 'offline' }, 'offline', 'Hotline — Offline', 'Hotline — Не в сети'],
    [
      'not-configured',
      { state: 'offline', reason: 'not-registered' },
      'offline',
      'Hotline — Phone not set up',
      'Hotline — Телефон не настроен',
    ],
    [
      'unregistered',
      { state: 'offline' },
      'offline',
      'Hotline — Phone offline',
      'Hotline — Телефон не в сети',
    ],
    ['registering', { state: 'offline' }, 'offline', 'Hotline — Connecting…', 'Hotline — Подключение…'],
    ['failed', { state: 'offline' }, 'error', 'Hotline — Phone unavailable', 'Hotline — Телефон недоступен'],
    // A call in progress while the registration drops: the call is what matters.
    ['failed', { state: 'on-call' }, 'on-call', 'Hotline — On a call', 'Hotline — Разговор'],
  ];

  it.each(table)('%s + %j → %s', (registration, operator, variant, en, ru) => {
    const english = trayStateOf(input(registration, operator));
    expect(english.variant).toBe(variant);
    expect(english.tooltip).toBe(en);
    expect(trayStateOf(input(registration, operator, { language: 'ru' })).tooltip).toBe(ru);
  });

  it('a disk that refuses writes is an error, said in words', () => {
    const state = trayStateOf(input('registered', { state: 'ready' }, { writable: false }));
    expect(state.variant).toBe('error');
    expect(state.tooltip).toBe('Hotline — Ready · cannot save to disk');
    expect(
      trayStateOf(input('registered', { state: 'ready' }, { writable: false, language: 'ru' })).tooltip,
    ).toBe('Hotline — Готов · не удаётся сохранить на диск');
  });

  it('adds the missed calls to the tooltip and the badge', () => {
    const none = trayStateOf(input('registered', { state: 'ready' }));
    expect([none.badge, none.missedText, none.missedCalls]).toEqual(['', '', 0]);
    const three = trayStateOf(input('registered', { state: 'ready' }, { missedCalls: 3 }));
    expect(three.badge).toBe('3');
    expect(three.tooltip).toBe('Hotline — Ready · 3 missed calls');
    expect(trayStateOf(input('registered', { state: 'ready' }, { missedCalls: 150 })).badge).toBe('99+');
    expect(
      trayStateOf(input('failed', { state: 'offline' }, { missedCalls: 1, language: 'ru' })).tooltip,
    ).toBe('Hotline — Телефон недоступен · 1 пропущенный звонок');
  });

  it('counts missed calls with each language’s plural forms', () => {
    expect(missedCallsText(1, 'en')).toBe('1 missed call');
    expect(missedCallsText(2, 'en')).toBe('2 missed calls');
    expect(missedCallsText(1, 'ru')).toBe('1 пропущенный звонок');
    expect(missedCallsText(3, 'ru')).toBe('3 пропущенных звонка');
    expect(missedCallsText(5, 'ru')).toBe('5 пропущенных звонков');
    expect(missedCallsText(11, 'ru')).toBe('11 пропущенных звонков');
    expect(missedCallsText(21, 'ru')).toBe('21 пропущенный звонок');
    expect(missedCallsText(0, 'ru')).toBe('');
  });

  it('keeps the tooltip within the 127 characters Windows shows', () => {
    const long = input('registered', { state: 'not-ready', reason: 'x' }, { missedCalls: 2 });
    const tooltip = trayStateOf({
      ...long,
      reasons: [{ id: 'x', label: { ru: 'р', en: 'E'.repeat(120) } }],
    }).tooltip;
    expect(tooltip.length).toBe(127);
    expect(tooltip.endsWith('…')).toBe(true);
  });
});

describe('tray menu', () => {
  const flat = (items: TrayMenuItem[]): TrayMenuItem[] =>
    items.flatMap((item) => [item, ...flat(item.submenu ?? [])]);
  const checked = (items: TrayMenuItem[]) =>
    flat(items)
      .filter((i) => i.checked)
      .map((i) => i.id);

  it('offers Show, Ready, the not-ready reasons, Offline and Quit in the UI language', () => {
    const menu = trayMenuOf(input('registered', { state: 'ready' }, { language: 'ru' }));
    expect(menu.map((i) => i.label ?? i.type)).toEqual([
      'Показать Hotline',
      'separator',
      'Готов',
      'Не готов',
      'Не в сети',
      'separator',
      'Выйти из Hotline',
    ]);
    expect(menu[3]!.submenu!.map((i) => [i.id, i.label])).toEqual(
      DEFAULT_NOT_READY_REASONS.map((r) => [`not-ready:${r.id}`, r.label.ru]),
    );
    expect(trayMenuOf(input('registered', { state: 'ready' }))[0]!.label).toBe('Show Hotline');
  });

  it('ticks the operator’s choice, and during a call the one that follows it', () => {
    expect(checked(trayMenuOf(input('registered', { state: 'ready' })))).toEqual(['ready']);
    expect(checked(trayMenuOf(input('registered', { state: 'not-ready', reason: 'lunch' })))).toEqual([
      'not-ready:lunch',
    ]);
    expect(
      checked(
        trayMenuOf(input('registered', { state: 'on-call', next: { state: 'not-ready', reason: 'break' } })),
      ),
    ).toEqual(['not-ready:break']);
    expect(checked(trayMenuOf(input('registered', { state: 'offline' })))).toEqual(['offline']);
  });

  it('turns every item id into its command', () => {
    expect(trayCommandOf('show')).toEqual({ kind: 'show' });
    expect(trayCommandOf('quit')).toEqual({ kind: 'quit' });
    expect(trayCommandOf('ready')).toEqual({ kind: 'operator', request: { state: 'ready' } });
    expect(trayCommandOf('offline')).toEqual({ kind: 'operator', request: { state: 'offline' } });
    expect(trayCommandOf('not-ready:lunch')).toEqual({
      kind: 'operator',
      request: { state: 'not-ready', reason: 'lunch' },
    });
    expect(trayCommandOf('not-ready:')).toBeNull();
    expect(trayCommandOf('format-disk')).toBeNull();
    const ids = flat(trayMenuOf(input('registered', { state: 'ready' }))).flatMap((i) =>
      i.id ? [i.id] : [],
    );
    for (const id of ids) expect(trayCommandOf(id), id).not.toBeNull();
  });
});
