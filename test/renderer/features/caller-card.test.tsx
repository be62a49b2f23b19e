import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CallCard } from '../../../src/renderer/src/features/phone/CallCard.tsx';
import { InPageNotifications } from '../../../src/renderer/src/features/shell/InPageNotifications.tsx';
import { useAppState } from '../../../src/renderer/src/app/app-state.tsx';
import { useCallHotkeys } from '../../../src/renderer/src/features/phone/use-call-hotkeys.ts';
import type { CallView } from '../../../src/shared/model/call.ts';
import type { CallerCard } from '../../../src/shared/model/caller-card.ts';
import { DEFAULT_SETTINGS } from '../../../src/shared/model/settings.ts';
import { installFakeBridge, ok } from '../fake-bridge.ts';
import { initialState, renderWithApp } from '../render-app.tsx';

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

const ringing: CallView = {
  id: 'c1',
  direction: 'inbound',
  state: 'ringing',
  remote: { number: '84951234567', displayName: 'Ivan', uri: 'sip:84951234567@pbx' },
  muted: false,
  earlyMedia: false,
  startedAt: T0,
};

function cardOf(patch: Partial<CallerCard> = {}): CallerCard {
  return {
    callId: 'c1',
    numberDisplay: '+7 495 123 45 67',
    e164: '+74951234567',
    masked: false,
    networkName: 'Ivan',
    calledNumber: null,
    contact: null,
    recentCalls: [],
    previousCallCount: 0,
    openRequests: [],
    callbacks: [],
    ...patch,
  };
}

/** The calls as the app state has them: what the Workspace renders. */
function Calls() {
  const { calls } = useAppState();
  useCallHotkeys();
  return (
    <>
      {calls.map((call) => (
        <CallCard key={call.id} call={call} />
      ))}
      <InPageNotifications />
    </>
  );
}

describe('the caller card while the phone rings', () => {
  it('shows the contact, the queue called and the last calls with outcome and notes', async () => {
    const bridge = installFakeBridge({ 'call:list': () => ok({ calls: [] }) });
    await renderWithApp(<Calls />, initialState());
    act(() => bridge.emit('call:updated', ringing));
    act(() =>
      bridge.emit(
        'call:card',
        cardOf({
          calledNumber: '7000',
          contact: {
            id: 'k',
            name: 'Иван Петров',
            company: 'Ромашка',
            notes: 'Prefers mornings',
            tags: ['vip'],
          },
          previousCallCount: 7,
          recentCalls: [
            {
              id: 'p1',
              at: T0 - 86_400_000,
              direction: 'inbound',
              outcome: 'answered',
              talkMs: 65_000,
              disposition: 'order',
              topic: 'Тарифы',
              notes: 'Ordered Бизнес',
            },
            {
              id: 'p2',
              at: T0 - 2 * 86_400_000,
              direction: 'outbound',
              outcome: 'missed',
              talkMs: null,
              disposition: null,
              topic: null,
              notes: null,
            },
          ],
          callbacks: [{ id: 'cb', dueAt: T0 + 3_600_000, note: 'about the invoice' }],
        }),
      ),
    );
    const card = screen.getByTestId('call-card');
    expect(within(card).getByRole('heading').textContent).toBe('Иван Петров');
    expect(card.textContent).toContain('Ромашка · +7 495 123 45 67');
    expect(card.textContent).toContain('Called 7000');
    expect(card.textContent).toContain('7 earlier calls');
    expect(card.textContent).toContain('Prefers mornings');
    expect(card.textContent).toContain('about the invoice');
    const recent = screen.getAllByTestId('card-recent-call');
    expect(recent).toHaveLength(2);
    expect(recent[0]!.textContent).toMatch(/Answered 1:05 · Order placed · Тарифы — Ordered Бизнес/);
    expect(recent[1]!.textContent).toMatch(/Missed · No wrap-up/);
    expect(within(recent[1]!).getByLabelText('Outgoing')).toBeTruthy();
    expect(screen.queryByTestId('unknown-caller')).toBeNull();
  });

  it('an unknown number asks how to address the caller, and the name sticks', async () => {
    let named: unknown;
    // Main knows the ringing call: the page's resync after mount must find it too.
    const bridge = installFakeBridge({
      'call:list': () => ok({ calls: [ringing] }),
      ['contacts:createForNumber' as never]: (request: unknown) => ((named = request), ok({ id: 'new' })),
      'card:get': () =>
        ok(cardOf({ contact: { id: 'new', name: 'Анна', company: null, notes: null, tags: [] } })),
    });
    await renderWithApp(<Calls />, initialState());
    act(() => bridge.emit('call:updated', ringing));
    act(() => bridge.emit('call:card', cardOf()));
    const unknown = screen.getByTestId('unknown-caller');
    expect(unknown.textContent).toContain('Ask how to address the caller');
    const save = within(unknown).getByRole('button', { name: 'Save name' });
    expect((save as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(unknown).getByLabelText('Caller’s name'), { target: { value: '  Анна ' } });
    fireEvent.click(save);
    await waitFor(() => expect(screen.queryByTestId('unknown-caller')).toBeNull());
    expect(named).toEqual({ number: '+74951234567', name: 'Анна' });
    expect(within(screen.getByTestId('call-card')).getByRole('heading').textContent).toBe('Анна');
  });

  it('a masked number never shows in full, even before the card arrives', async () => {
    const bridge = installFakeBridge({ 'call:list': () => ok({ calls: [] }) });
    await renderWithApp(
      <Calls />,
      initialState({
        settings: {
          settings: { ...DEFAULT_SETTINGS, data: { ...DEFAULT_SETTINGS.data, maskNumbers: true } },
        },
      }),
    );
    act(() =>
      bridge.emit('call:updated', { ...ringing, remote: { number: '84951234567', uri: 'sip:x@pbx' } }),
    );
    const card = screen.getByTestId('call-card');
    expect(card.textContent).not.toContain('123');
    expect(card.textContent).toMatch(/67/);
  });

  it('the in-page notification answers through the core and goes when the call stops ringing', async () => {
    const acted: unknown[] = [];
    const bridge = installFakeBridge({
      'call:list': () => ok({ calls: [] }),
      'notification:act': (request) => (acted.push(request), ok({})),
    });
    await renderWithApp(<Calls />, initialState());
    act(() => bridge.emit('call:updated', ringing));
    act(() =>
      bridge.emit('notification:shown', {
        tag: 'call:c1',
        title: 'Incoming call',
        body: 'Ivan · +7 495 123 45 67',
        actions: [
          { id: 'answer', label: 'Answer' },
          { id: 'decline', label: 'Decline' },
        ],
      }),
    );
    const toast = screen.getByTestId('in-page-notification');
    fireEvent.click(within(toast).getByRole('button', { name: 'Answer' }));
    expect(acted).toEqual([{ tag: 'call:c1', actionId: 'answer' }]);
    act(() => bridge.emit('call:updated', { ...ringing, state: 'active', answeredAt: T0 + 1000 }));
    expect(screen.queryByTestId('in-page-notification')).toBeNull();
  });

  it('F3 answers the ringing call and F4 hangs up the one in progress', async () => {
    const bridge = installFakeBridge({
      'call:list': () => ok({ calls: [] }),
      'call:answer': () => ok({}),
      'call:hangup': () => ok({}),
      'call:decline': () => ok({}),
    });
    await renderWithApp(<Calls />, initialState());
    act(() => bridge.emit('call:updated', ringing));
    fireEvent.keyDown(document.documentElement, { key: 'F3', code: 'F3' });
    expect(bridge.invoke).toHaveBeenCalledWith('call:answer', { callId: 'c1' });
    act(() => bridge.emit('call:updated', { ...ringing, state: 'active', answeredAt: T0 }));
    fireEvent.keyDown(document.documentElement, { key: 'F4', code: 'F4' });
    expect(bridge.invoke).toHaveBeenCalledWith('call:hangup', { callId: 'c1' });
    expect(bridge.invoke).not.toHaveBeenCalledWith('call:decline', expect.anything());
  });
});
