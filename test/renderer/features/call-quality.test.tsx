import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CallCard } from '../../../src/renderer/src/features/phone/CallCard.tsx';
import { useAppState } from '../../../src/renderer/src/app/app-state.tsx';
import type { CallView } from '../../../src/shared/model/call.ts';
import { installFakeBridge, ok } from '../fake-bridge.ts';
import { initialState, renderWithApp } from '../render-app.tsx';

// The call-quality indicator next to the timer: bars and a word, with the whole measurement as its
// accessible name, only while the call talks and once main has a measurement.

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);
const active: CallView = {
  id: 'c1',
  direction: 'inbound',
  state: 'active',
  remote: { number: '84951234567', displayName: 'Ivan', uri: 'sip:84951234567@pbx' },
  muted: false,
  earlyMedia: false,
  startedAt: T0,
  answeredAt: T0 + 1000,
};
const good = { level: 'good', mos: 4.3, lossPct: 0.2, jitterMs: 12, rttMs: 40 } as const;

function Calls() {
  const { calls } = useAppState();
  return (
    <>
      {calls.map((call) => (
        <CallCard key={call.id} call={call} />
      ))}
    </>
  );
}

async function show(locale = 'en-US') {
  const bridge = installFakeBridge({ 'call:list': () => ok({ calls: [] }) });
  await renderWithApp(<Calls />, initialState({ locale }));
  return bridge;
}

const filledBars = (indicator: HTMLElement) =>
  [...indicator.querySelectorAll('rect')].filter((r) => !r.getAttribute('fill')?.includes('gray')).length;

describe('call quality indicator', () => {
  it('names the level and the numbers for screen readers, and shows bars and a word', async () => {
    const bridge = await show();
    act(() => bridge.emit('call:updated', { ...active, quality: good }));
    const indicator = screen.getByRole('img', {
      name: 'Call quality: good (MOS 4.3, loss 0.2 %, jitter 12 ms)',
    });
    expect(indicator.getAttribute('title')).toBe('Call quality: good (MOS 4.3, loss 0.2 %, jitter 12 ms)');
    expect(indicator.textContent).toBe('Good'); // the word, not colour alone
    expect(filledBars(indicator)).toBe(3);
    // Next to the timer, in the card's header.
    expect(indicator.parentElement).toBe(screen.getByLabelText('Duration').parentElement);
  });

  it('follows the call: fair and poor fill fewer bars, each with its own word', async () => {
    const bridge = await show();
    act(() => bridge.emit('call:updated', { ...active, quality: good }));
    act(() =>
      bridge.emit('call:updated', {
        ...active,
        quality: { level: 'fair', mos: 3.8, lossPct: 2, jitterMs: 30 },
      }),
    );
    let indicator = screen.getByTestId('call-quality');
    expect(indicator.getAttribute('aria-label')).toBe(
      'Call quality: fair (MOS 3.8, loss 2.0 %, jitter 30 ms)',
    );
    expect(indicator.textContent).toBe('Fair');
    expect(filledBars(indicator)).toBe(2);
    act(() =>
      bridge.emit('call:updated', {
        ...active,
        state: 'held',
        quality: { level: 'poor', mos: 2.1, lossPct: 12.5, jitterMs: 80, rttMs: 400 },
      }),
    );
    indicator = screen.getByTestId('call-quality');
    expect(indicator.getAttribute('data-level')).toBe('poor');
    expect(indicator.textContent).toBe('Poor');
    expect(filledBars(indicator)).toBe(1);
    // The three levels use three different colours for their bars.
    expect(indicator.querySelector('rect')!.getAttribute('fill')).toContain('red');
  });

  it('in Russian, with a decimal comma', async () => {
    const bridge = await show('ru-RU');
    act(() => bridge.emit('call:updated', { ...active, quality: good }));
    const indicator = screen.getByRole('img', {
      name: 'Качество связи: хорошее (MOS 4,3, потери 0,2 %, джиттер 12 мс)',
    });
    expect(indicator.textContent).toBe('Хорошо');
  });

  it('absent before the first measurement, and while the call is not talking', async () => {
    const bridge = await show();
    act(() => bridge.emit('call:updated', active));
    expect(within(screen.getByTestId('call-card')).queryByTestId('call-quality')).toBeNull();
    act(() => bridge.emit('call:updated', { ...active, id: 'c2', state: 'ringing', quality: good }));
    const cards = screen.getAllByTestId('call-card');
    const ringing = cards.find((c) => c.getAttribute('data-state') === 'ringing')!;
    expect(within(ringing).queryByTestId('call-quality')).toBeNull();
  });
});
