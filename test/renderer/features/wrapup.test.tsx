import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { WrapupPanel } from '../../../src/renderer/src/features/wrapup/WrapupPanel.tsx';
import { CallbackReminders } from '../../../src/renderer/src/features/wrapup/CallbackReminders.tsx';
import { WrapupSection } from '../../../src/renderer/src/features/settings/WrapupSection.tsx';
import { DEFAULT_SETTINGS } from '../../../src/shared/model/settings.ts';
import type { CallbackView } from '../../../src/shared/model/follow-ups.ts';
import type { WrapupDraft, WrapupView } from '../../../src/shared/model/wrapup.ts';
import type { IpcResult } from '../../../src/shared/ipc/errors.ts';
import { installFakeBridge, ok, type FakeHandlers } from '../fake-bridge.ts';
import { initialState, renderWithApp } from '../render-app.tsx';

const EMPTY: WrapupDraft = { disposition: null, topic: '', notes: '', fields: {} };
const CALLER = { number: '84951234567', name: 'Иван Петров' };

/** A main that keeps drafts like the core does: saveDraft stores, get returns what was stored. */
function fakeMain(extra: FakeHandlers = {}) {
  const stored = new Map<string, WrapupDraft>([['c-1', EMPTY]]);
  const view = (callId: string, draft: WrapupDraft): WrapupView => ({
    callId,
    state: 'draft',
    draft,
    startedAt: 1,
    updatedAt: 2,
    submittedAt: null,
    caller: CALLER,
  });
  const bridge = installFakeBridge({
    'call:list': () => ok({ calls: [] }),
    'wrapup:drafts': () => ok({ drafts: [...stored].map(([id, d]) => view(id, d)) }),
    'wrapup:get': (request) => {
      const { callId } = request as { callId: string };
      const draft = stored.get(callId);
      return ok({ wrapup: draft ? view(callId, draft) : null });
    },
    'wrapup:saveDraft': (request) => {
      const { callId, draft } = request as { callId: string; draft: WrapupDraft };
      stored.set(callId, draft);
      return ok(view(callId, draft));
    },
    'wrapup:submit': (request) => {
      const { callId, draft } = request as { callId: string; draft: WrapupDraft };
      stored.delete(callId);
      return ok({
        ...view(callId, draft),
        state: 'submitted',
        submittedAt: 3,
        requestId: draft.request?.enabled ? 'r-1' : null,
        callbackId: draft.callback?.enabled ? 'b-1' : null,
      });
    },
    ...extra,
  });
  const calls = (channel: string) =>
    bridge.invoke.mock.calls.filter(([c]) => c === channel).map(([, r]) => r);
  return { bridge, stored, calls };
}

async function renderPanel(locale = 'en-US', settings?: typeof TYPE_OPTIONAL) {
  const result = await renderWithApp(<WrapupPanel />, initialState({ locale, settings }));
  await screen.findByTestId('wrapup-form');
  return result;
}

const radio = (name: RegExp) => screen.getByRole('radio', { name });
const submitButton = () => screen.getByRole('button', { name: 'Submit wrap-up' });
/** What assistive technology reads as a control's description: its message, its hint. */
function describedBy(element: HTMLElement): string {
  const ids = (element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}
/** The message Mantine shows next to an input marked invalid. */
function messageOf(input: HTMLElement): string {
  expect(input.getAttribute('aria-invalid')).toBe('true');
  return describedBy(input);
}
/** The default field set without the required type (a Select, exercised in its own test). */
const TYPE_OPTIONAL = {
  settings: {
    ...DEFAULT_SETTINGS,
    wrapup: {
      ...DEFAULT_SETTINGS.wrapup,
      requestFields: DEFAULT_SETTINGS.wrapup.requestFields.map((f) => ({
        ...f,
        required: f.field === 'product',
      })),
    },
  },
};

function press(target: Element, code: string, modifiers: { altKey?: boolean; ctrlKey?: boolean } = {}) {
  const key = code.startsWith('Digit') ? code.slice(5) : code === 'Enter' ? 'Enter' : code;
  fireEvent.keyDown(target, { key, code, ...modifiers });
}

describe('wrap-up form', () => {
  it('lists the call waiting for a wrap-up and names every control', async () => {
    fakeMain();
    await renderPanel();
    expect(screen.getByRole('heading', { name: 'Wrap-up: Иван Петров' })).toBeTruthy();
    expect(screen.getByRole('radiogroup', { name: /Call result/ })).toBeTruthy();
    for (const name of [
      /Consultation/,
      /Order placed/,
      /Complaint/,
      /Callback needed/,
      /Wrong number/,
      /silent/,
    ])
      expect(radio(name)).toBeTruthy();
    expect(radio(/Order placed/).getAttribute('aria-keyshortcuts')).toBe('Alt+2 2');
    expect(screen.getByRole('textbox', { name: 'Topic' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Notes' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Create a request or order' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Schedule a callback' })).toBeTruthy();
    expect(submitButton().getAttribute('aria-keyshortcuts')).toBe('Control+Enter');
  });

  it('queues a call that ends after an answer, keeps the form in place, and lists the others', async () => {
    const { bridge } = fakeMain({
      'wrapup:get': (request) =>
        ok({
          wrapup: {
            callId: (request as { callId: string }).callId,
            state: 'draft',
            draft: EMPTY,
            startedAt: 1,
            updatedAt: 1,
            submittedAt: null,
          },
        }),
    });
    await renderPanel();
    const ended = (id: string, name: string, answeredAt?: number) => ({
      id,
      direction: 'inbound',
      state: 'ended',
      remote: { number: '84997654321', displayName: name, uri: 'sip:x@pbx' },
      muted: false,
      earlyMedia: false,
      startedAt: 5,
      ...(answeredAt ? { answeredAt } : {}),
      endedAt: 9,
    });
    act(() => bridge.emit('call:updated', ended('missed', 'Пропущенный')));
    act(() => bridge.emit('call:updated', ended('c-2', 'Анна', 6)));
    // The form being typed in stays; the new call waits its turn.
    expect(screen.getByRole('heading', { name: 'Wrap-up: Иван Петров' })).toBeTruthy();
    const others = screen.getByRole('navigation', { name: 'Other calls waiting for a wrap-up' });
    expect(
      within(others)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Wrap-up: Анна']);
    fireEvent.click(within(others).getByRole('button', { name: 'Wrap-up: Анна' }));
    expect(await screen.findByRole('heading', { name: 'Wrap-up: Анна' })).toBeTruthy();
    await screen.findByTestId('wrapup-form');
    expect(within(screen.getByRole('navigation')).getByRole('button').textContent).toBe(
      'Wrap-up: Иван Петров',
    );
  });

  it('shows each missing or malformed field’s message next to it, and sends nothing', async () => {
    const { calls } = fakeMain();
    await renderPanel();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Create a request or order' }));
    fireEvent.change(screen.getByRole('textbox', { name: /Quantity/ }), { target: { value: 'два' } });
    fireEvent.change(screen.getByRole('textbox', { name: /Email/ }), { target: { value: 'ivan@' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Schedule a callback' }));
    fireEvent.change(screen.getByLabelText(/^Time/), { target: { value: '' } });
    fireEvent.click(submitButton());

    expect(describedBy(screen.getByRole('radiogroup', { name: /Call result/ }))).toMatch(/^Required /);
    expect(messageOf(screen.getByRole('textbox', { name: /Product or service/ }))).toContain('Required');
    expect(messageOf(screen.getByRole('textbox', { name: /Quantity/ }))).toContain(
      'A whole number greater than zero',
    );
    expect(messageOf(screen.getByRole('textbox', { name: /Email/ }))).toContain('Enter an email address');
    expect(messageOf(screen.getByLabelText(/^Time/))).toContain('Required');
    expect(screen.getByRole('alert').textContent).toBe('Check the fields marked in red.');
    // The first invalid field gets the focus.
    expect(document.activeElement).toBe(radio(/Consultation/));
    expect(calls('wrapup:submit')).toEqual([]);

    // Fixing a field clears its message.
    fireEvent.change(screen.getByRole('textbox', { name: /Quantity/ }), { target: { value: '2' } });
    expect(screen.getByRole('textbox', { name: /Quantity/ }).getAttribute('aria-invalid')).not.toBe('true');
  });

  it('speaks the operator’s language', async () => {
    fakeMain();
    await renderPanel('ru-RU');
    expect(screen.getByRole('heading', { name: 'Итоги звонка: Иван Петров' })).toBeTruthy();
    expect(radio(/Оформлен заказ/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Отправить итоги' }));
    const group = screen.getByRole('radiogroup', { name: /Результат звонка/ });
    expect(describedBy(group)).toMatch(/^Обязательное поле Alt\+1…9/);
  });

  it('puts the core’s field issues on their fields', async () => {
    fakeMain({
      'wrapup:submit': () =>
        ({
          ok: false,
          error: {
            code: 'VALIDATION',
            message: 'not complete',
            issues: [{ path: 'request.amount', message: 'amount' }],
          },
        }) as IpcResult<unknown>,
    });
    await renderPanel('en-US', TYPE_OPTIONAL);
    fireEvent.click(radio(/Order placed/));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Create a request or order' }));
    fireEvent.change(screen.getByRole('textbox', { name: /Product or service/ }), {
      target: { value: 'Роутер' },
    });
    fireEvent.click(submitButton());
    await waitFor(() =>
      expect(messageOf(screen.getByRole('textbox', { name: /Amount/ }))).toContain('An amount like 1250'),
    );
  });

  it('saves the draft 300 ms after the last keystroke, with what was typed last', async () => {
    const { calls } = fakeMain();
    await renderPanel();
    const notes = screen.getByRole('textbox', { name: 'Notes' });
    fireEvent.change(notes, { target: { value: 'Кли' } });
    fireEvent.change(notes, { target: { value: 'Клиент' } });
    fireEvent.change(notes, { target: { value: 'Клиент спрашивает' } });
    expect(calls('wrapup:saveDraft')).toEqual([]);
    await waitFor(() => expect(calls('wrapup:saveDraft')).toHaveLength(1));
    expect(calls('wrapup:saveDraft')[0]).toEqual({
      callId: 'c-1',
      draft: { ...EMPTY, notes: 'Клиент спрашивает' },
    });
    await waitFor(() => expect(screen.getByTestId('wrapup-save-state').textContent).toBe('Draft saved'));
  });

  it('brings the draft back after a reload, including what was typed just before it', async () => {
    const { calls, stored } = fakeMain();
    const first = await renderPanel();
    fireEvent.click(radio(/Complaint/));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Create a request or order' }));
    fireEvent.change(screen.getByRole('textbox', { name: /Quantity/ }), { target: { value: '3' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Notes' }), {
      target: { value: 'Жалоба на доставку' },
    });
    // Gone before the 300 ms passed: the form saves on the way out.
    first.unmount();
    expect(calls('wrapup:saveDraft')).toHaveLength(1);
    expect(stored.get('c-1')).toMatchObject({
      disposition: 'complaint',
      notes: 'Жалоба на доставку',
      request: { enabled: true, quantity: '3', contactName: 'Иван Петров', contactPhone: '84951234567' },
    });

    await renderPanel();
    expect((screen.getByRole('textbox', { name: 'Notes' }) as HTMLTextAreaElement).value).toBe(
      'Жалоба на доставку',
    );
    expect((radio(/Complaint/) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('textbox', { name: /Quantity/ }) as HTMLInputElement).value).toBe('3');
  });

  it('chooses a disposition by hotkey: Alt+digit anywhere, a bare digit outside text fields', async () => {
    fakeMain();
    await renderPanel();
    const notes = screen.getByRole('textbox', { name: 'Notes' });
    notes.focus();
    press(notes, 'Digit3');
    expect((radio(/Complaint/) as HTMLInputElement).checked).toBe(false);
    press(notes, 'Digit2', { altKey: true });
    expect((radio(/Order placed/) as HTMLInputElement).checked).toBe(true);
    const checkbox = screen.getByRole('checkbox', { name: 'Schedule a callback' });
    checkbox.focus();
    press(checkbox, 'Digit5');
    expect((radio(/Wrong number/) as HTMLInputElement).checked).toBe(true);
    press(document.body, 'Numpad1');
    expect((radio(/Consultation/) as HTMLInputElement).checked).toBe(true);
    // A digit without a disposition changes nothing.
    press(document.body, 'Digit9');
    expect((radio(/Consultation/) as HTMLInputElement).checked).toBe(true);
  });

  it('submits with Ctrl+Enter, with the request and the callback, and says what was created', async () => {
    const { calls } = fakeMain();
    await renderPanel();
    const notes = screen.getByRole('textbox', { name: 'Notes' });
    press(notes, 'Digit2', { altKey: true });
    fireEvent.change(notes, { target: { value: 'Заказ оформлен' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Create a request or order' }));
    fireEvent.click(screen.getByRole('combobox', { name: /^Type/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'Order' }));
    fireEvent.change(screen.getByRole('textbox', { name: /Product or service/ }), {
      target: { value: 'Тариф «Плюс»' },
    });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Schedule a callback' }));
    fireEvent.change(screen.getByLabelText(/^Date/), { target: { value: '2099-01-15' } });
    fireEvent.change(screen.getByLabelText(/^Time/), { target: { value: '10:30' } });
    fireEvent.click(screen.getByRole('radio', { name: 'Anyone on the team' }));
    press(notes, 'Enter', { ctrlKey: true });

    await waitFor(() => expect(calls('wrapup:submit')).toHaveLength(1));
    expect(calls('wrapup:submit')[0]).toEqual({
      callId: 'c-1',
      draft: {
        ...EMPTY,
        disposition: 'order',
        notes: 'Заказ оформлен',
        request: expect.objectContaining({ enabled: true, type: 'order', product: 'Тариф «Плюс»' }),
        callback: {
          enabled: true,
          number: '84951234567',
          date: '2099-01-15',
          time: '10:30',
          assignee: 'anyone',
          note: '',
        },
      },
    });
    const done = await screen.findByTestId('wrapup-submitted');
    expect(done.textContent).toMatch(
      /^Wrap-up submitted\. Request created\. Callback scheduled for .*2099.*10:30/,
    );
    expect(screen.queryByTestId('wrapup-form')).toBeNull();
  });
});

describe('callback reminders in the workspace', () => {
  const callback: CallbackView = {
    id: 'b-1',
    callId: 'c-1',
    contactId: null,
    name: 'Иван Петров',
    number: '+74951234567',
    dueAt: Date.UTC(2026, 10, 25, 7, 0),
    assignee: 'anyone',
    account: null,
    note: 'Уточнить адрес',
    state: 'scheduled',
    remindedAt: null,
    createdAt: 1,
    updatedAt: 1,
  };

  it('shows a due callback pushed by main; Call dials it, Done completes it', async () => {
    const bridge = installFakeBridge({
      'call:list': () => ok({ calls: [] }),
      'callbacks:list': () => ok({ callbacks: [] }),
      'call:dial': () => ok({}),
      'callbacks:complete': () => ok({ ...callback, state: 'done' }),
    });
    await renderWithApp(<CallbackReminders />, initialState());
    expect(screen.queryByTestId('callbacks-due')).toBeNull();
    act(() => bridge.emit('callback:due', callback));
    const region = screen.getByRole('region', { name: 'Callbacks due' });
    expect(within(region).getByText('Call back Иван Петров')).toBeTruthy();
    expect(
      within(region).getByText(/\+7 495 123 45 67 · Due .* · for anyone on the team · Уточнить адрес/),
    ).toBeTruthy();
    fireEvent.click(within(region).getByRole('button', { name: 'Call Иван Петров' }));
    await waitFor(() =>
      expect(bridge.invoke.mock.calls.find(([c]) => c === 'call:dial')?.[1]).toEqual({
        target: '+74951234567',
      }),
    );
    fireEvent.click(within(region).getByRole('button', { name: 'Mark the callback to Иван Петров done' }));
    await waitFor(() => expect(screen.queryByTestId('callbacks-due')).toBeNull());
    expect(bridge.invoke.mock.calls.find(([c]) => c === 'callbacks:complete')?.[1]).toEqual({ id: 'b-1' });
  });

  it('lists callbacks that fell due while the window was closed', async () => {
    installFakeBridge({
      'call:list': () => ok({ calls: [] }),
      'callbacks:list': () => ok({ callbacks: [callback] }),
    });
    await renderWithApp(<CallbackReminders />, initialState());
    expect(await screen.findByText('Call back Иван Петров')).toBeTruthy();
  });
});

describe('Settings → Wrap-up', () => {
  function settingsBridge() {
    return installFakeBridge({
      'call:list': () => ok({ calls: [] }),
      'settings:update': () => ok({ settings: DEFAULT_SETTINGS, locked: [], problems: [] }),
    });
  }

  it('adds a result with names in both languages and a hotkey, and saves the lists', async () => {
    const bridge = settingsBridge();
    await renderWithApp(<WrapupSection />, initialState());
    fireEvent.click(screen.getByRole('button', { name: 'Add a row to “Call results”' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Call results, row 7: Code' }), {
      target: { value: 'sale' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'Call results, row 7: Name in Russian' }), {
      target: { value: 'Продажа' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'Call results, row 7: Name in English' }), {
      target: { value: 'Sale' },
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'Call results, row 7: Hotkey' }), {
      target: { value: '7' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Remove row 6 from “Call results”' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Address: Required' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Email: Shown' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved')).toBeTruthy();
    const patch = (
      bridge.invoke.mock.calls.find(([c]) => c === 'settings:update')![1] as {
        patch: { wrapup: typeof DEFAULT_SETTINGS.wrapup };
      }
    ).patch.wrapup;
    expect(patch.dispositions.map((d) => [d.code, d.hotkey])).toEqual([
      ['info', 1],
      ['order', 2],
      ['complaint', 3],
      ['callback', 4],
      ['wrong-number', 5],
      ['sale', 7],
    ]);
    expect(patch.dispositions.at(-1)!.label).toEqual({ ru: 'Продажа', en: 'Sale' });
    expect(patch.requestFields.find((f) => f.field === 'address')).toEqual({
      field: 'address',
      required: true,
    });
    expect(patch.requestFields.some((f) => f.field === 'email')).toBe(false);
  });

  it('marks duplicate codes and hotkeys and empty names at their rows, and does not save', async () => {
    const bridge = settingsBridge();
    await renderWithApp(<WrapupSection />, initialState());
    fireEvent.change(screen.getByRole('textbox', { name: 'Call results, row 2: Code' }), {
      target: { value: 'info' },
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'Call results, row 3: Hotkey' }), {
      target: { value: '1' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'Call results, row 4: Name in English' }), {
      target: { value: ' ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(messageOf(screen.getByRole('textbox', { name: 'Call results, row 2: Code' }))).toBe(
      'This code is already used above',
    );
    expect(messageOf(screen.getByRole('combobox', { name: 'Call results, row 3: Hotkey' }))).toBe(
      'This hotkey is already used above',
    );
    expect(messageOf(screen.getByRole('textbox', { name: 'Call results, row 4: Name in English' }))).toBe(
      'Required',
    );
    expect(bridge.invoke.mock.calls.some(([c]) => c === 'settings:update')).toBe(false);
  });
});
