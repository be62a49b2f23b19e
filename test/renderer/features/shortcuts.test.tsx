import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../../src/renderer/src/app/App.tsx';
import { HelpOverlay } from '../../../src/renderer/src/features/help/HelpOverlay.tsx';
import { ShortcutField } from '../../../src/renderer/src/features/settings/ShortcutField.tsx';
import { ShortcutsSection } from '../../../src/renderer/src/features/settings/ShortcutsSection.tsx';
import { StatusBar } from '../../../src/renderer/src/features/shell/StatusBar.tsx';
import { DEFAULT_SETTINGS, type SettingsView } from '../../../src/shared/model/settings.ts';
import { IN_APP_SHORTCUTS } from '../../../src/shared/shortcuts/in-app.ts';
import { APP_START_HANDLERS, installFakeBridge, ok } from '../fake-bridge.ts';
import { initialState, renderWithApp, statusOf } from '../render-app.tsx';

const view = (
  shortcuts: Partial<SettingsView['settings']['shortcuts']> = {},
  locked: string[] = [],
): SettingsView => ({
  settings: { ...DEFAULT_SETTINGS, shortcuts: { ...DEFAULT_SETTINGS.shortcuts, ...shortcuts } },
  locked,
  problems: [],
});

function bridgeForApp() {
  return installFakeBridge({ ...APP_START_HANDLERS, 'shell:missedSeen': () => ok({}) });
}

describe('help overlay', () => {
  it('opens with F1 from anywhere, lists every in-window and system-wide shortcut, and closes with Esc', async () => {
    bridgeForApp();
    await renderWithApp(<App />, initialState());
    expect(screen.queryByRole('dialog')).toBeNull();

    fireEvent.keyDown(document.body, { key: 'F1', code: 'F1' });
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const shortcut of IN_APP_SHORTCUTS)
      expect(dialog.querySelector(`[data-shortcut="${shortcut.id}"]`), shortcut.id).not.toBeNull();
    const rowText = (id: string) => dialog.querySelector(`[data-shortcut="${id}"]`)!.textContent;
    expect(rowText('answer')).toBe('F3Answer the ringing call');
    expect(rowText('hangup')).toBe('F4Decline the ringing call, or hang up');
    expect(rowText('history')).toBe('Ctrl+2Go to the call history');
    expect(rowText('disposition')).toBe(
      'Alt+1…9Pick the disposition with that number (outside text fields the digit alone)',
    );
    expect(rowText('global-answer')).toBe('Ctrl+Alt+AAnswer the ringing call');
    expect(rowText('global-mute')).toBe('Ctrl+Alt+MMute or unmute the microphone');
    expect(within(dialog).getByText('System-wide (also while another program is in front)')).toBeTruthy();

    fireEvent.keyDown(dialog, { key: 'Escape', code: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('opens with "?" outside text fields only, and from the header button', async () => {
    bridgeForApp();
    await renderWithApp(
      <>
        <App />
        <textarea aria-label="Notes" />
      </>,
      initialState(),
    );
    // Typing a question in a text field types it.
    fireEvent.keyDown(screen.getByLabelText('Notes'), { key: '?', code: 'Slash', shiftKey: true });
    // The modal mounts after its transition starts: give it the time it would take.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(screen.queryByRole('dialog')).toBeNull();

    fireEvent.keyDown(document.body, { key: '?', code: 'Slash', shiftKey: true });
    expect(await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Close the list of shortcuts' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    const button = screen.getByRole('button', { name: 'Keyboard shortcuts (F1)' });
    expect(button.getAttribute('aria-keyshortcuts')).toBe('F1');
    fireEvent.click(button);
    expect(await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })).toBeTruthy();
  });

  it('shows the system-wide shortcuts as they are set, off, or not working — in Russian too', async () => {
    installFakeBridge({});
    await renderWithApp(
      <HelpOverlay opened onClose={() => undefined} />,
      initialState({
        locale: 'ru-RU',
        settings: view({ show: '' }),
        status: {
          registration: { state: 'registered' },
          operator: { state: 'ready' },
          shell: {
            missedCalls: 0,
            shortcutFailures: [{ action: 'answer', accelerator: 'CommandOrControl+Alt+A', reason: 'taken' }],
          },
        },
      }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Сочетания клавиш' });
    const rowText = (id: string) => dialog.querySelector(`[data-shortcut="${id}"]`)!.textContent;
    expect(rowText('global-answer')).toBe('Ctrl+Alt+A(занято другой программой)Ответить на входящий звонок');
    expect(rowText('global-show')).toBe('ВыключеноПоказать Hotline');
    expect(rowText('dial')).toBe('F2Перейти в поле номера');
  });

  it('uses macOS key names on a Mac', async () => {
    installFakeBridge({});
    const initial = initialState();
    await renderWithApp(<HelpOverlay opened onClose={() => undefined} />, {
      ...initial,
      info: { ...initial.info, platform: 'darwin' },
    });
    const dialog = screen.getByRole('dialog');
    expect(dialog.querySelector('[data-shortcut="global-hangup"]')!.textContent).toMatch(/^Cmd\+Option\+H/);
    expect(dialog.querySelector('[data-shortcut="disposition"]')!.textContent).toMatch(/^Option\+1…9/);
  });
});

describe('missed calls in the window', () => {
  it('shows the count on the History button and tells main once History is open', async () => {
    const bridge = bridgeForApp();
    await renderWithApp(
      <App />,
      initialState({
        status: {
          registration: { state: 'registered' },
          operator: { state: 'ready' },
          shell: { missedCalls: 2, shortcutFailures: [] },
        },
      }),
    );
    const history = screen.getByRole('button', { name: 'History, 2 missed calls' });
    expect(screen.getByTestId('missed-badge').textContent).toBe('2');
    expect(bridge.invoke.mock.calls.some(([channel]) => channel === 'shell:missedSeen')).toBe(false);
    fireEvent.click(history);
    await waitFor(() =>
      expect(bridge.invoke.mock.calls.some(([channel]) => channel === 'shell:missedSeen')).toBe(true),
    );
    act(() =>
      bridge.emit(
        'status:changed',
        statusOf({
          registration: { state: 'registered' },
          operator: { state: 'ready' },
          shell: { missedCalls: 0, shortcutFailures: [] },
        }),
      ),
    );
    expect(screen.queryByTestId('missed-badge')).toBeNull();
    expect(screen.getByRole('button', { name: 'History' })).toBeTruthy();
  });
});

describe('shortcut recorder field', () => {
  function Harness(props: { initial?: string; platform?: string; onChange: (value: string) => void }) {
    return (
      <ShortcutField
        label="Answer the ringing call"
        value={props.initial ?? ''}
        platform={props.platform ?? 'win32'}
        onChange={props.onChange}
      />
    );
  }

  it('records the combination pressed, by physical key, and leaves Tab to move the focus', async () => {
    installFakeBridge({});
    const changes: string[] = [];
    await renderWithApp(<Harness onChange={(v) => changes.push(v)} />, initialState());
    const field = screen.getByLabelText('Answer the ringing call');
    // Modifiers alone record nothing yet.
    fireEvent.keyDown(field, { key: 'Control', code: 'ControlLeft', ctrlKey: true });
    // A Russian layout: the key says "ф", the physical key is A.
    const event = fireEvent.keyDown(field, { key: 'ф', code: 'KeyA', ctrlKey: true, altKey: true });
    expect(event).toBe(false); // default prevented: nothing typed, no browser action
    const tab = fireEvent.keyDown(field, { key: 'Tab', code: 'Tab' });
    expect(tab).toBe(true);
    expect(changes).toEqual(['CommandOrControl+Alt+A']);
  });

  it('shows the keys as the platform names them, and clears with Backspace or the clear button', async () => {
    installFakeBridge({});
    const changes: string[] = [];
    await renderWithApp(
      <Harness initial="CommandOrControl+Alt+A" platform="darwin" onChange={(v) => changes.push(v)} />,
      initialState(),
    );
    const field = screen.getByLabelText('Answer the ringing call') as HTMLInputElement;
    expect(field.value).toBe('Cmd+Option+A');
    fireEvent.keyDown(field, { key: 'Backspace', code: 'Backspace' });
    fireEvent.click(screen.getByRole('button', { name: 'Turn off the shortcut: Answer the ringing call' }));
    expect(changes).toEqual(['', '']);
  });

  it('keeps a recorded in-window combination from acting on the window', async () => {
    bridgeForApp();
    await renderWithApp(<App />, initialState());
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    const field = await screen.findByLabelText('Mute or unmute the microphone');
    // Ctrl+2 would go to History; here it is recorded (and refused, next to the field).
    fireEvent.keyDown(field, { key: '2', code: 'Digit2', ctrlKey: true });
    expect(screen.getByRole('button', { name: 'Settings' }).getAttribute('aria-current')).toBe('page');
    expect(
      await screen.findByText('Hotline uses this combination inside its window (see F1). Press another one.'),
    ).toBeTruthy();
  });
});

describe('Settings → Shortcuts', () => {
  it('says what is wrong next to the field as the keys are pressed, and saves nothing until fixed', async () => {
    const bridge = installFakeBridge({ 'settings:update': () => ok(view()) });
    await renderWithApp(<ShortcutsSection />, initialState());
    const form = screen.getByRole('form', { name: 'Shortcuts' });
    const hangup = within(form).getByLabelText('Hang up (or decline the ringing call)');

    fireEvent.keyDown(hangup, { key: 'F4', code: 'F4', altKey: true });
    expect(within(form).getByText(/The system or every program uses this combination/)).toBeTruthy();
    fireEvent.keyDown(hangup, { key: 'k', code: 'KeyK' });
    expect(within(form).getByText(/Add Ctrl, Alt, Cmd or Win/)).toBeTruthy();
    fireEvent.keyDown(hangup, { key: 'a', code: 'KeyA', ctrlKey: true, altKey: true });
    expect(within(form).getAllByText('Another action already uses these keys.')).toHaveLength(2);

    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await Promise.resolve();
    expect(bridge.invoke.mock.calls.some(([channel]) => channel === 'settings:update')).toBe(false);

    fireEvent.keyDown(hangup, { key: 'e', code: 'KeyE', ctrlKey: true, altKey: true });
    expect(within(form).queryByText('Another action already uses these keys.')).toBeNull();
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('Saved')).toBeTruthy();
    const update = bridge.invoke.mock.calls.find(([channel]) => channel === 'settings:update')!;
    expect(update[1]).toEqual({
      patch: { shortcuts: { ...DEFAULT_SETTINGS.shortcuts, hangup: 'CommandOrControl+Alt+E' } },
    });
  });

  it('shows a shortcut another program holds, in Russian, and in the status bar', async () => {
    installFakeBridge({ 'call:list': () => ok({ calls: [] }) });
    const status = {
      registration: { state: 'registered' as const },
      operator: { state: 'ready' as const },
      shell: {
        missedCalls: 0,
        shortcutFailures: [
          { action: 'mute' as const, accelerator: 'CommandOrControl+Alt+M', reason: 'taken' as const },
        ],
      },
    };
    await renderWithApp(
      <>
        <ShortcutsSection />
        <StatusBar onOpenSettings={() => undefined} />
      </>,
      initialState({ locale: 'ru-RU', status }),
    );
    const message = 'Сочетание Ctrl+Alt+M занято другой программой. Выберите другое.';
    const field = screen.getByLabelText('Выключить или включить микрофон');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getAllByText(message).length).toBeGreaterThan(0);
    expect(screen.getByTestId('shortcuts-indicator').getAttribute('aria-label')).toBe(message);
  });

  it('respects IT’s locks and the off switch', async () => {
    installFakeBridge({});
    await renderWithApp(<ShortcutsSection />, initialState({ settings: view({}, ['shortcuts.answer']) }));
    expect((screen.getByLabelText('Answer the ringing call') as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByLabelText('Mute or unmute the microphone') as HTMLInputElement).disabled).toBe(false);
    fireEvent.click(screen.getByLabelText('Use system-wide shortcuts'));
    expect((screen.getByLabelText('Mute or unmute the microphone') as HTMLInputElement).disabled).toBe(true);
  });
});
