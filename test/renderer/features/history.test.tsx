import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HistoryScreen } from '../../../src/renderer/src/features/history/HistoryScreen.tsx';
import type { CallLogEntry, CallLogFilter } from '../../../src/shared/model/call-history.ts';
import { DEFAULT_SETTINGS } from '../../../src/shared/model/settings.ts';
import { installFakeBridge, ok, type FakeHandlers } from '../fake-bridge.ts';
import { initialState, renderWithApp } from '../render-app.tsx';

// jsdom lays nothing out: give the list's scroll box a height so the virtualizer renders rows.
const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return 'historyScroll' in this.dataset ? 600 : 0;
    },
  });
});
afterAll(() => {
  if (clientHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
});

const T = new Date(2026, 10, 24, 9, 5).getTime();

function entry(id: string, patch: Partial<CallLogEntry> = {}): CallLogEntry {
  return {
    id,
    createdAt: T,
    answeredAt: T + 4000,
    endedAt: T + 130_000,
    direction: 'inbound',
    outcome: 'answered',
    number: '+7 495 123 45 67',
    e164: '+74951234567',
    masked: false,
    name: null,
    contactName: null,
    ringMs: 4000,
    talkMs: 125_000,
    holdMs: 0,
    disposition: null,
    callbackRef: id,
    ...patch,
  };
}

const ROWS = [
  entry('a', { name: 'Иван Петров', disposition: 'Sale' }),
  entry('b', {
    direction: 'outbound',
    outcome: 'busy',
    number: '+7 916 ***-**-33',
    e164: null,
    masked: true,
    talkMs: null,
    contactName: 'ООО Ромашка',
  }),
  entry('c', { outcome: 'missed', number: 'anonymous', e164: null, talkMs: null, callbackRef: null }),
];

type Request = { filter: CallLogFilter; cursor?: { createdAt: number; id: string }; limit?: number };

function setup(handlers: FakeHandlers = {}, locale = 'en-US') {
  const bridge = installFakeBridge({
    'calllog:list': () => ok({ rows: ROWS, nextCursor: null }),
    'calllog:callBack': (request) => ok({ callId: `out-${(request as { callId: string }).callId}` }),
    ...handlers,
  });
  const requests = () =>
    bridge.invoke.mock.calls.filter(([c]) => c === 'calllog:list').map(([, r]) => r as Request);
  return { bridge, requests, initial: initialState({ locale }) };
}

const startOfDay = (daysBack: number) => {
  const d = new Date();
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - daysBack).getTime();
};

describe('History screen: the list', () => {
  it('shows each call: time, direction, who, number, outcome, talk time, disposition, call back', async () => {
    const { initial } = setup();
    await renderWithApp(<HistoryScreen />, initial);
    const list = await screen.findByRole('list', { name: 'Calls' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(3);

    const a = items[0]!;
    expect(within(a).getByRole('img', { name: 'Incoming call' })).toBeTruthy();
    expect(within(a).getByText('Иван Петров')).toBeTruthy();
    expect(within(a).getByText('+7 495 123 45 67')).toBeTruthy();
    expect(within(a).getByText('Answered')).toBeTruthy();
    expect(within(a).getByText('2:05')).toBeTruthy();
    expect(within(a).getByText('Sale')).toBeTruthy();
    expect(within(a).getByRole('button', { name: 'Call back Иван Петров' })).toBeTruthy();
    expect(a.getAttribute('aria-label')).toMatch(
      /^Incoming call, Иван Петров, \+7 495 123 45 67, .+, Answered, talk 2:05, Sale$/,
    );
    expect(a.getAttribute('aria-posinset')).toBe('1');
    expect(a.getAttribute('aria-setsize')).toBe('3');

    const b = items[1]!;
    expect(within(b).getByRole('img', { name: 'Outgoing call' })).toBeTruthy();
    expect(within(b).getByText('+7 916 ***-**-33').getAttribute('title')).toBe('Number hidden');
    expect(within(b).getByText('Busy')).toBeTruthy();
    expect(within(b).getByRole('button', { name: 'Call back ООО Ромашка' })).toBeTruthy();

    // Nothing to dial for an anonymous caller.
    const c = items[2]!;
    expect(within(c).getByText('Missed')).toBeTruthy();
    expect(
      (within(c).getByRole('button', { name: 'Call back anonymous' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it('calls back by the row’s id (the number may be masked) and returns to the workspace', async () => {
    const { bridge, initial } = setup();
    const onCalled = vi.fn();
    await renderWithApp(<HistoryScreen onCalled={onCalled} />, initial);
    fireEvent.click(await screen.findByRole('button', { name: 'Call back ООО Ромашка' }));
    await waitFor(() => expect(onCalled).toHaveBeenCalledTimes(1));
    expect(bridge.invoke).toHaveBeenCalledWith('calllog:callBack', { callId: 'b' });
  });

  it('says why a call back failed, in the user’s language', async () => {
    const { initial } = setup(
      { 'calllog:callBack': () => ({ ok: false, error: { code: 'DISCONNECTED', message: 'x' } }) },
      'ru-RU',
    );
    await renderWithApp(<HistoryScreen />, initial);
    fireEvent.click(await screen.findByRole('button', { name: 'Перезвонить: Иван Петров' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Нет связи со службой телефона');
  });

  it('shows loading, then an empty state; an error with a retry', async () => {
    let answer: (v: unknown) => void = () => undefined;
    let fail = true;
    const { requests, initial } = setup({
      'calllog:list': () =>
        new Promise((resolve) => {
          answer = resolve;
        }).then(() =>
          fail
            ? { ok: false as const, error: { code: 'STORAGE' as const, message: 'disk' } }
            : ok({ rows: [], nextCursor: null }),
        ),
    });
    await renderWithApp(<HistoryScreen />, initial);
    expect(screen.getByText('Loading calls…')).toBeTruthy();
    await act(async () => answer(undefined));
    expect(await screen.findByText('The call history could not be loaded.')).toBeTruthy();
    expect(screen.getByText(/Hotline could not save data to disk/)).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(requests()).toHaveLength(2));
    await act(async () => answer(undefined));
    expect(await screen.findByText(/No calls match these filters/)).toBeTruthy();
  });
});

describe('History screen: filters', () => {
  it('asks for the last 7 days first, then for what the operator picks', async () => {
    const { requests, initial } = setup();
    await renderWithApp(<HistoryScreen />, initial);
    await screen.findByRole('list', { name: 'Calls' });
    expect(requests()[0]).toEqual({ filter: { from: startOfDay(6) }, limit: 50 });

    fireEvent.change(screen.getByLabelText('Direction'), { target: { value: 'inbound' } });
    await waitFor(() =>
      expect(requests().at(-1)!.filter).toEqual({ from: startOfDay(6), direction: 'inbound' }),
    );

    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'missed' } });
    await waitFor(() =>
      expect(requests().at(-1)!.filter).toEqual({
        from: startOfDay(6),
        direction: 'inbound',
        outcomes: ['missed'],
      }),
    );

    fireEvent.click(screen.getByLabelText('Today'));
    await waitFor(() => expect(requests().at(-1)!.filter.from).toBe(startOfDay(0)));
    fireEvent.click(screen.getByLabelText('30 days'));
    await waitFor(() => expect(requests().at(-1)!.filter.from).toBe(startOfDay(29)));
    fireEvent.click(screen.getByLabelText('All time'));
    await waitFor(() =>
      expect(requests().at(-1)!.filter).toEqual({ direction: 'inbound', outcomes: ['missed'] }),
    );
  });

  it('takes custom dates as whole local days', async () => {
    const { requests, initial } = setup();
    await renderWithApp(<HistoryScreen />, initial);
    fireEvent.click(await screen.findByLabelText('Dates'));
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-11-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-11-03' } });
    await waitFor(() =>
      expect(requests().at(-1)!.filter).toEqual({
        from: new Date(2026, 10, 1).getTime(),
        to: new Date(2026, 10, 4).getTime(),
      }),
    );
  });

  it('searches by name or number after a pause in typing, not on every key', async () => {
    const { requests, initial } = setup();
    await renderWithApp(<HistoryScreen />, initial);
    await screen.findByRole('list', { name: 'Calls' });
    const before = requests().length;
    const box = screen.getByLabelText('Search by name or number');
    fireEvent.change(box, { target: { value: 'ив' } });
    fireEvent.change(box, { target: { value: 'иван' } });
    expect(requests()).toHaveLength(before);
    await waitFor(() => expect(requests().at(-1)!.filter.text).toBe('иван'));
    expect(requests().filter((r) => r.filter.text !== undefined)).toHaveLength(1);
  });

  it('loads the next page as the list scrolls to its end', async () => {
    const many = Array.from({ length: 50 }, (_, i) => entry(`r${i}`, { createdAt: T - i * 60_000 }));
    const { requests, initial } = setup({
      'calllog:list': (request) =>
        (request as Request).cursor
          ? ok({
              rows: [entry('older', { createdAt: T - 999 * 60_000, name: 'The oldest' })],
              nextCursor: null,
            })
          : ok({ rows: many, nextCursor: { createdAt: T - 49 * 60_000, id: 'r49' } }),
    });
    const { container } = await renderWithApp(<HistoryScreen />, initial);
    await screen.findByRole('list', { name: 'Calls' });
    expect(requests()).toHaveLength(1);
    const scroller = container.querySelector<HTMLElement>('[data-history-scroll]')!;
    Object.defineProperty(scroller, 'scrollTop', { configurable: true, value: 50 * 60 - 600 });
    fireEvent.scroll(scroller);
    await waitFor(() => expect(requests()).toHaveLength(2));
    expect(requests()[1]!.cursor).toEqual({ createdAt: T - 49 * 60_000, id: 'r49' });
    expect(await screen.findByText('The oldest')).toBeTruthy();
  });
});

describe('History screen: keyboard', () => {
  it('moves through rows with the arrow keys and calls back with Enter', async () => {
    const { bridge, initial } = setup();
    const onCalled = vi.fn();
    await renderWithApp(<HistoryScreen onCalled={onCalled} />, initial);
    const list = await screen.findByRole('list', { name: 'Calls' });
    const rows = within(list).getAllByRole('listitem');
    // One row in the Tab order at a time.
    expect(rows.map((r) => r.tabIndex)).toEqual([0, -1, -1]);
    act(() => rows[0]!.focus());
    fireEvent.keyDown(rows[0]!, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-call-id')).toBe('b'));
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((r) => r.tabIndex),
    ).toEqual([-1, 0, -1]);
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-call-id')).toBe('c'));
    // The anonymous row has nothing to call.
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-call-id')).toBe('b'));
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    await waitFor(() => expect(onCalled).toHaveBeenCalledTimes(1));
    const calls = bridge.invoke.mock.calls.filter(([c]) => c === 'calllog:callBack');
    expect(calls).toEqual([['calllog:callBack', { callId: 'b' }]]);
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-call-id')).toBe('a'));
  });
});

describe('History screen: export', () => {
  it('exports with the current filter and the UI language, then says where and how many', async () => {
    const { bridge, initial } = setup({
      'calllog:export': () => ok({ cancelled: false, path: '/home/op/Documents/calls.csv', rows: 1234 }),
    });
    await renderWithApp(<HistoryScreen />, initial);
    await screen.findByRole('list', { name: 'Calls' });
    fireEvent.change(screen.getByLabelText('Direction'), { target: { value: 'outbound' } });
    fireEvent.click(screen.getByRole('button', { name: 'Export to CSV' }));
    expect(await screen.findByText('Exported 1234 calls to /home/op/Documents/calls.csv')).toBeTruthy();
    expect(bridge.invoke).toHaveBeenCalledWith('calllog:export', {
      filter: { from: startOfDay(6), direction: 'outbound' },
      locale: 'en',
    });
  });

  it('says so when the operator cancels the dialog', async () => {
    const { initial } = setup({ 'calllog:export': () => ok({ cancelled: true }) });
    await renderWithApp(<HistoryScreen />, initial);
    fireEvent.click(await screen.findByRole('button', { name: 'Export to CSV' }));
    expect(await screen.findByText('Export cancelled.')).toBeTruthy();
  });

  it('reports a failed export in the user’s language, with Russian plurals on success', async () => {
    let failing = true;
    const { bridge, initial } = setup(
      {
        'calllog:export': () =>
          failing
            ? { ok: false, error: { code: 'STORAGE', message: 'ENOSPC' } }
            : ok({ cancelled: false, path: 'C:\\Звонки.csv', rows: 3 }),
      },
      'ru-RU',
    );
    await renderWithApp(<HistoryScreen />, initial);
    fireEvent.click(await screen.findByRole('button', { name: 'Выгрузить в CSV' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Не удалось выгрузить звонки.');
    expect(alert.textContent).not.toContain('ENOSPC');
    expect(bridge.invoke).toHaveBeenCalledWith('calllog:export', expect.objectContaining({ locale: 'ru' }));
    failing = false;
    fireEvent.click(screen.getByRole('button', { name: 'Выгрузить в CSV' }));
    expect(await screen.findByText('Выгружено 3 звонка в C:\\Звонки.csv')).toBeTruthy();
  });

  it('asks again when the masking setting changes (the core masks, not the screen)', async () => {
    const { bridge, requests, initial } = setup();
    await renderWithApp(<HistoryScreen />, initial);
    await screen.findByRole('list', { name: 'Calls' });
    expect(requests()).toHaveLength(1);
    act(() =>
      bridge.emit('settings:changed', {
        settings: { ...DEFAULT_SETTINGS, data: { ...DEFAULT_SETTINGS.data, maskNumbers: true } },
        locked: [],
        problems: [],
      }),
    );
    await waitFor(() => expect(requests()).toHaveLength(2));
  });
});
