import { MantineProvider } from '@mantine/core';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StatusBar } from '../../../src/renderer/src/features/shell/StatusBar.tsx';
import {
  OperatorSection,
  reasonIdFor,
} from '../../../src/renderer/src/features/settings/OperatorSection.tsx';
import type { OperatorStatus } from '../../../src/shared/model/operator.ts';
import { DEFAULT_SETTINGS, type SettingsView } from '../../../src/shared/model/settings.ts';
import { installFakeBridge, ok } from '../fake-bridge.ts';
import { initialState, renderWithApp, statusOf } from '../render-app.tsx';
import { AppStateProvider, type InitialState } from '../../../src/renderer/src/app/app-state.tsx';
import { initI18n } from '../../../src/renderer/src/i18n/index.ts';

/**
 * Like renderWithApp, with Mantine's test environment: jsdom lays nothing out, so a real-mode
 * Popover thinks its target is off screen and keeps the menu `display: none`.
 */
async function renderMenuHost(ui: ReactNode, initial: InitialState) {
  await initI18n(initial.info.systemLocale.startsWith('ru') ? 'ru' : 'en');
  return render(
    <MantineProvider env="test">
      <AppStateProvider initial={initial}>{ui}</AppStateProvider>
    </MantineProvider>,
  );
}

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

afterEach(() => {
  vi.useRealTimers();
});

function statusBar(
  operator: OperatorStatus,
  options: { locale?: string; set?: (request: unknown) => unknown } = {},
) {
  const bridge = installFakeBridge({
    'call:list': () => ok({ calls: [] }),
    'operator:set': (request) =>
      options.set
        ? (options.set(request) as ReturnType<typeof ok>)
        : ok({ state: 'ready', since: Date.now() }),
  });
  const rendered = renderMenuHost(
    <StatusBar onOpenSettings={() => undefined} />,
    initialState({ locale: options.locale, status: { registration: { state: 'registered' }, operator } }),
  );
  return { bridge, rendered };
}

const control = () => screen.getByTestId('operator-state');
const setCalls = (bridge: ReturnType<typeof installFakeBridge>) =>
  bridge.invoke.mock.calls.filter(([channel]) => channel === 'operator:set').map(([, request]) => request);

describe('operator state in the status bar', () => {
  it('shows the state in words with its reason and the time in it, and names the control', async () => {
    vi.useFakeTimers({ now: T0, toFake: ['Date', 'setInterval', 'clearInterval'] });
    const { rendered } = statusBar({ state: 'not-ready', reason: 'lunch', since: T0 - 65_000 });
    await rendered;
    expect(control().getAttribute('data-state')).toBe('not-ready');
    expect(control().getAttribute('aria-label')).toBe('Operator state: Not ready: Lunch');
    expect(control().getAttribute('aria-keyshortcuts')).toBe('F9');
    expect(within(control()).getByText('Not ready: Lunch')).toBeTruthy();
    expect(screen.getByTestId('operator-timer').textContent).toBe('1:05');
    // The timer is hidden from the live region (it would be read out every second).
    expect(screen.getByTestId('operator-timer').getAttribute('aria-hidden')).toBe('true');
    act(() => vi.advanceTimersByTime(2000));
    expect(screen.getByTestId('operator-timer').textContent).toBe('1:07');
  });

  it('counts a limited wrap-up down and offers to finish it', async () => {
    vi.useFakeTimers({ now: T0, toFake: ['Date', 'setInterval', 'clearInterval'] });
    const { bridge, rendered } = statusBar({
      state: 'wrap-up',
      since: T0 - 15_000,
      wrapupDeadline: T0 + 45_000,
      next: { state: 'not-ready', reason: 'break' },
    });
    await rendered;
    expect(control().getAttribute('aria-label')).toBe('Operator state: Wrap-up, then Not ready: Break');
    expect(screen.getByTestId('operator-timer').textContent).toBe('0:45 left');
    act(() => vi.advanceTimersByTime(10_000));
    expect(screen.getByTestId('operator-timer').textContent).toBe('0:35 left');
    vi.useRealTimers();

    fireEvent.click(control());
    const finish = await screen.findByRole('menuitem', { name: 'Finish wrap-up: Not ready: Break' });
    fireEvent.click(finish);
    await waitFor(() => expect(setCalls(bridge)).toEqual([{ state: 'not-ready', reason: 'break' }]));
  });

  it('the menu: Ready, Not ready with each configured reason, Offline; the choice is sent', async () => {
    const { bridge, rendered } = statusBar({ state: 'ready', since: Date.now() });
    await rendered;
    fireEvent.click(control());
    const menu = await screen.findByRole('menu', { name: 'Operator state: Ready' });
    const items = within(menu).getAllByRole('menuitemradio');
    expect(items.map((item) => item.getAttribute('aria-label') ?? item.textContent)).toEqual([
      'Ready',
      'Not ready: Break',
      'Not ready: Lunch',
      'Not ready: Training',
      'Not ready: After-call work',
      'Not ready: Meeting',
      'Offline',
    ]);
    expect(items[0]!.getAttribute('aria-checked')).toBe('true');
    expect(items[2]!.getAttribute('aria-checked')).toBe('false');
    fireEvent.click(within(menu).getByRole('menuitemradio', { name: 'Not ready: Training' }));
    await waitFor(() => expect(setCalls(bridge)).toEqual([{ state: 'not-ready', reason: 'training' }]));

    fireEvent.click(control());
    fireEvent.click(await screen.findByRole('menuitemradio', { name: 'Offline' }));
    fireEvent.click(control());
    // Choosing the selected one is sent too (it is how a wrap-up ends).
    fireEvent.click(await screen.findByRole('menuitemradio', { name: 'Ready' }));
    await waitFor(() =>
      expect(setCalls(bridge)).toEqual([
        { state: 'not-ready', reason: 'training' },
        { state: 'offline' },
        { state: 'ready' },
      ]),
    );
  });

  it('F9 opens the menu from anywhere and the keyboard chooses', async () => {
    const { bridge, rendered } = statusBar({ state: 'ready', since: Date.now() });
    await rendered;
    expect(screen.queryByRole('menu')).toBeNull();
    fireEvent.keyDown(document.documentElement, { key: 'F9', code: 'F9' });
    const menu = await screen.findByRole('menu', { name: 'Operator state: Ready' });
    // Focus goes into the menu; the arrows walk the items in order.
    await waitFor(() => expect(menu.contains(document.activeElement)).toBe(true));
    const walked: string[] = [];
    for (let i = 0; i < 3; i++) {
      fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown', code: 'ArrowDown' });
      walked.push(document.activeElement!.getAttribute('aria-label') ?? document.activeElement!.textContent!);
    }
    expect(walked).toEqual(['Ready', 'Not ready: Break', 'Not ready: Lunch']);
    // Enter on a focused button is a click in a browser (jsdom does not synthesize it).
    fireEvent.click(document.activeElement!);
    await waitFor(() => expect(setCalls(bridge)).toEqual([{ state: 'not-ready', reason: 'lunch' }]));
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull());
    // Escape closes without choosing; focus returns to the control.
    fireEvent.keyDown(document.documentElement, { key: 'F9', code: 'F9' });
    const again = await screen.findByRole('menu');
    fireEvent.keyDown(again, { key: 'Escape', code: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull());
    expect(setCalls(bridge)).toHaveLength(1);
  });

  it('on a call: says what follows; the menu says the choice applies after the call', async () => {
    const { rendered } = statusBar({
      state: 'on-call',
      since: Date.now(),
      next: { state: 'not-ready', reason: 'meeting' },
    });
    await rendered;
    expect(control().getAttribute('data-state')).toBe('on-call');
    expect(control().getAttribute('aria-label')).toBe('Operator state: On a call, then Not ready: Meeting');
    fireEvent.click(control());
    expect(await screen.findByText('Applies after the call')).toBeTruthy();
    expect(
      (await screen.findByRole('menuitemradio', { name: 'Not ready: Meeting' })).getAttribute('aria-checked'),
    ).toBe('true');
    expect(screen.queryByRole('menuitem', { name: /Finish wrap-up/ })).toBeNull();
  });

  it('follows status events; automatic reasons are translated', async () => {
    const { bridge, rendered } = statusBar({ state: 'offline', reason: 'not-registered', since: Date.now() });
    await rendered;
    expect(control().getAttribute('aria-label')).toBe('Operator state: Offline: phone not connected');
    act(() =>
      bridge.emit(
        'status:changed',
        statusOf({
          registration: { state: 'registered' },
          operator: { state: 'not-ready', reason: 'missed', since: Date.now() },
        }),
      ),
    );
    expect(control().getAttribute('data-state')).toBe('not-ready');
    expect(within(control()).getByText('Not ready: missed call')).toBeTruthy();
  });

  it('says why a choice failed, in words', async () => {
    const { rendered } = statusBar(
      { state: 'ready', since: Date.now() },
      { set: () => ({ ok: false, error: { code: 'DISCONNECTED', message: 'x' } }) },
    );
    await rendered;
    fireEvent.click(control());
    fireEvent.click(await screen.findByRole('menuitemradio', { name: 'Offline' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'No connection to the phone service. Wait a moment and try again.',
    );
  });

  it('speaks Russian, with the reasons in Russian', async () => {
    const { rendered } = statusBar(
      { state: 'not-ready', reason: 'after-call-work', since: Date.now() },
      { locale: 'ru-RU' },
    );
    await rendered;
    expect(control().getAttribute('aria-label')).toBe('Статус оператора: Не готов: Постобработка');
    fireEvent.click(control());
    expect(await screen.findByRole('menuitemradio', { name: 'Не готов: Обед' })).toBeTruthy();
    expect(await screen.findByRole('menuitemradio', { name: 'Готов' })).toBeTruthy();
  });
});

// ---- Settings → Operator ---------------------------------------------------------------------

const view = (patch: Partial<SettingsView> = {}): SettingsView => ({
  settings: DEFAULT_SETTINGS,
  locked: [],
  problems: [],
  ...patch,
});

async function section(
  options: { locked?: string[]; locale?: string; update?: (request: unknown) => unknown } = {},
) {
  const bridge = installFakeBridge({
    'call:list': () => ok({ calls: [] }),
    'settings:update': (request) =>
      options.update ? (options.update(request) as ReturnType<typeof ok>) : ok(view()),
  });
  await renderWithApp(
    <OperatorSection />,
    initialState({ locale: options.locale, settings: { locked: options.locked ?? [] } }),
  );
  return bridge;
}

const updates = (bridge: ReturnType<typeof installFakeBridge>) =>
  bridge.invoke.mock.calls.filter(([channel]) => channel === 'settings:update').map(([, request]) => request);

describe('settings: operator', () => {
  it('edits the reasons in both languages, the limit and the switches, and saves them', async () => {
    const bridge = await section();
    const form = screen.getByRole('form', { name: 'Operator' });
    expect(within(form).getAllByTestId('operator-reason')).toHaveLength(5);
    // Rename a saved reason: its id stays (reports keep adding up).
    fireEvent.change(within(form).getByLabelText('Reason 2, In English'), {
      target: { value: 'Lunch break' },
    });
    expect(within(form).getByText('ID: lunch')).toBeTruthy();
    // Remove one, add one: the new one takes its id from its English name.
    fireEvent.click(within(form).getByRole('button', { name: 'Remove reason “Meeting”' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Add reason' }));
    fireEvent.change(within(form).getByLabelText('Reason 5, In Russian'), { target: { value: 'Кофе' } });
    fireEvent.change(within(form).getByLabelText('Reason 5, In English'), {
      target: { value: 'Coffee break!' },
    });
    expect(within(form).getByText('ID: coffee-break')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('Wrap-up time limit, seconds'), { target: { value: '90' } });
    fireEvent.click(within(form).getByRole('switch', { name: /^Do not disturb while Not ready/ }));
    fireEvent.click(within(form).getByRole('switch', { name: /^A missed call switches me to Not ready/ }));
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('Saved')).toBeTruthy();
    expect(updates(bridge)).toEqual([
      {
        patch: {
          operator: {
            notReadyReasons: [
              { id: 'break', label: { ru: 'Перерыв', en: 'Break' } },
              { id: 'lunch', label: { ru: 'Обед', en: 'Lunch break' } },
              { id: 'training', label: { ru: 'Обучение', en: 'Training' } },
              { id: 'after-call-work', label: { ru: 'Постобработка', en: 'After-call work' } },
              { id: 'coffee-break', label: { ru: 'Кофе', en: 'Coffee break!' } },
            ],
            wrapupLimitS: 90,
            dndWhenNotReady: false,
            missedToNotReady: true,
          },
        },
      },
    ]);
  });

  it('checks the list before saving: names in both languages, at least one reason', async () => {
    const bridge = await section();
    const form = screen.getByRole('form', { name: 'Operator' });
    fireEvent.click(within(form).getByRole('button', { name: 'Add reason' }));
    fireEvent.change(within(form).getByLabelText('Reason 6, In English'), { target: { value: 'Coaching' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('Enter the name')).toBeTruthy();
    expect(within(form).getByLabelText('Reason 6, In Russian').getAttribute('aria-invalid')).toBe('true');
    expect(updates(bridge)).toEqual([]);

    for (const name of ['Coaching', 'Break', 'Lunch', 'Training', 'After-call work', 'Meeting'])
      fireEvent.click(within(form).getByRole('button', { name: `Remove reason “${name}”` }));
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('Keep at least one reason')).toBeTruthy();
    expect(updates(bridge)).toEqual([]);
  });

  it('shows what main refused next to the field it concerns', async () => {
    await section({
      update: () => ({
        ok: false,
        error: {
          code: 'VALIDATION',
          message: 'Invalid settings',
          issues: [{ path: 'patch.operator.notReadyReasons.1.id', message: 'reasonDuplicate' }],
        },
      }),
    });
    const form = screen.getByRole('form', { name: 'Operator' });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('This reason is already in the list')).toBeTruthy();
    expect(within(form).getByRole('alert').textContent).toBe(
      'Some fields need correcting; see the messages next to them.',
    );
  });

  it('stops adding at 30 reasons', async () => {
    const reasons = Array.from({ length: 29 }, (_, i) => ({
      id: `r${i}`,
      label: { ru: `П${i}`, en: `R${i}` },
    }));
    installFakeBridge({ 'call:list': () => ok({ calls: [] }) });
    await renderWithApp(
      <OperatorSection />,
      initialState({
        settings: {
          settings: {
            ...DEFAULT_SETTINGS,
            operator: { ...DEFAULT_SETTINGS.operator, notReadyReasons: reasons },
          },
        },
      }),
    );
    const add = screen.getByRole('button', { name: 'Add reason' }) as HTMLButtonElement;
    expect(add.disabled).toBe(false);
    fireEvent.click(add);
    expect(screen.getAllByTestId('operator-reason')).toHaveLength(30);
    expect(add.disabled).toBe(true);
  });

  it('a list IT locked cannot be edited and is not sent', async () => {
    const bridge = await section({ locked: ['operator.notReadyReasons', 'operator.dndWhenNotReady'] });
    const form = screen.getByRole('form', { name: 'Operator' });
    expect((within(form).getByLabelText('Reason 1, In English') as HTMLInputElement).disabled).toBe(true);
    expect(within(form).queryByRole('button', { name: 'Add reason' })).toBeNull();
    expect(within(form).queryByRole('button', { name: /Remove reason/ })).toBeNull();
    expect(
      (within(form).getByRole('switch', { name: /^Do not disturb while Not ready/ }) as HTMLInputElement)
        .disabled,
    ).toBe(true);
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('Saved')).toBeTruthy();
    expect(updates(bridge)).toEqual([{ patch: { operator: { wrapupLimitS: 0, missedToNotReady: false } } }]);
  });

  it('speaks Russian', async () => {
    await section({ locale: 'ru-RU' });
    const form = screen.getByRole('form', { name: 'Оператор' });
    expect(within(form).getByLabelText('Причина 1, По-русски')).toBeTruthy();
    expect(within(form).getByRole('button', { name: 'Удалить причину «Break»' })).toBeTruthy();
    expect(within(form).getByLabelText('Лимит обработки звонка, секунд')).toBeTruthy();
  });

  it('ids for new reasons: from the English name, unique, never empty', () => {
    expect(reasonIdFor('Coffee break', new Set())).toBe('coffee-break');
    expect(reasonIdFor('Coffee break', new Set(['coffee-break']))).toBe('coffee-break-2');
    expect(reasonIdFor('Кофе', new Set(['reason']))).toBe('reason-2');
    expect(reasonIdFor('  --A very, very long name for a reason indeed--  ', new Set())).toMatch(
      /^[a-z0-9][a-z0-9-]{0,27}[a-z0-9]$/,
    );
  });
});
