import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DialBar } from '../../../src/renderer/src/features/phone/DialBar.tsx';
import { installFakeBridge, ok } from '../fake-bridge.ts';
import { initialState, renderWithApp } from '../render-app.tsx';

const registered = initialState({
  status: { registration: { state: 'registered' }, operator: { state: 'ready' } },
});

const contact = {
  id: 'k1',
  name: 'Иван Петров',
  company: 'Ромашка',
  email: null,
  tags: [],
  numbers: [{ number: '+7 495 123-45-67', e164: '+74951234567', label: 'work' }],
};

const recentRow = (patch = {}) => ({
  id: 'r1',
  createdAt: 1,
  answeredAt: null,
  endedAt: 2,
  direction: 'inbound',
  outcome: 'missed',
  number: '+7 916 555 10 00',
  e164: '+79165551000',
  masked: false,
  name: 'Мария',
  contactName: null,
  ringMs: 1,
  talkMs: null,
  holdMs: 0,
  disposition: null,
  callbackRef: 'r1',
  ...patch,
});

describe('the dial field searches contacts and recent numbers', () => {
  it('offers matching contacts and recent callers; choosing one calls it at once', async () => {
    const bridge = installFakeBridge({
      'call:list': () => ok({ calls: [] }),
      'contacts:list': (request) =>
        ok({
          items: (request as { query: string }).query.startsWith('Ив') ? [contact] : [],
          nextCursor: null,
        }),
      'calllog:list': () => ok({ rows: [recentRow()], nextCursor: null }),
      'call:dial': () => ok({}),
    });
    await renderWithApp(<DialBar />, registered);
    const input = screen.getByTestId('dial-input');
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: 'Ив' } });
    await waitFor(() => expect(screen.getAllByTestId('dial-suggestion')).toHaveLength(2));
    const [first, second] = screen.getAllByTestId('dial-suggestion');
    expect(first!.textContent).toContain('Иван Петров · Ромашка');
    expect(second!.textContent).toContain('Мария');
    const calls = bridge.invoke.mock.calls.filter(([channel]) => channel === 'calllog:list');
    expect(calls.at(-1)![1]).toMatchObject({ filter: { text: 'Ив' }, limit: 20 });
    // Arrow keys and Enter are exercised in Chromium (test/pbx/workspace-flow.test.ts).
    fireEvent.click(first!);
    await waitFor(() => expect(bridge.invoke).toHaveBeenCalledWith('call:dial', { target: '+74951234567' }));
  });

  it('a masked recent number is called back through the log, never by its digits', async () => {
    const bridge = installFakeBridge({
      'call:list': () => ok({ calls: [] }),
      'contacts:list': () => ok({ items: [], nextCursor: null }),
      'calllog:list': () =>
        ok({ rows: [recentRow({ masked: true, e164: null, number: '+7 916 ***-**-00' })], nextCursor: null }),
      'calllog:callBack': () => ok({ callId: 'new' }),
    });
    await renderWithApp(<DialBar />, registered);
    const input = screen.getByTestId('dial-input');
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: '916' } });
    await waitFor(() => expect(screen.getAllByTestId('dial-suggestion')).toHaveLength(1));
    fireEvent.click(screen.getByTestId('dial-suggestion'));
    await waitFor(() => expect(bridge.invoke).toHaveBeenCalledWith('calllog:callBack', { callId: 'r1' }));
    expect(bridge.invoke).not.toHaveBeenCalledWith('call:dial', expect.anything());
  });

  it('shows the number formatted as it is typed, and Enter with nothing chosen dials what was typed', async () => {
    const bridge = installFakeBridge({
      'call:list': () => ok({ calls: [] }),
      'contacts:list': () => ok({ items: [], nextCursor: null }),
      'calllog:list': () => ok({ rows: [], nextCursor: null }),
      'call:dial': () => ok({}),
    });
    await renderWithApp(<DialBar />, registered);
    const input = screen.getByTestId('dial-input');
    fireEvent.change(input, { target: { value: '84951234567' } });
    expect(screen.getByText('8 (495) 123-45-67')).toBeTruthy();
    fireEvent.submit(input.closest('form')!);
    await waitFor(() => expect(bridge.invoke).toHaveBeenCalledWith('call:dial', { target: '84951234567' }));
  });
});
