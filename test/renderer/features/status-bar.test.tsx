import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StatusBar } from '../../../src/renderer/src/features/shell/StatusBar.tsx';
import { installFakeBridge, ok } from '../fake-bridge.ts';
import { initialState, renderWithApp, statusOf } from '../render-app.tsx';

describe('status bar', () => {
  it('shows the registration state in words, and follows status events', async () => {
    const bridge = installFakeBridge({ 'call:list': () => ok({ calls: [] }) });
    await renderWithApp(<StatusBar onOpenSettings={() => undefined} />, initialState());
    expect(screen.getByTestId('registration-state').textContent).toBe('Phone not set up');
    act(() =>
      bridge.emit(
        'status:changed',
        statusOf({ registration: { state: 'registered' }, operator: { state: 'ready' } }),
      ),
    );
    expect(screen.getByTestId('registration-state').textContent).toBe('Phone ready');
    expect(screen.getByText('Ready')).toBeTruthy();
  });

  it('explains a failure in terms the operator can act on, with a retry', async () => {
    installFakeBridge({ 'call:list': () => ok({ calls: [] }) });
    await renderWithApp(
      <StatusBar onOpenSettings={() => undefined} />,
      initialState({
        status: {
          registration: { state: 'failed', reason: 'wrong-password' },
          operator: { state: 'offline' },
        },
      }),
    );
    expect(screen.getByText(/Wrong login or password/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Retry now' })).toBeTruthy();
  });

  it('speaks Russian', async () => {
    installFakeBridge({ 'call:list': () => ok({ calls: [] }) });
    await renderWithApp(
      <StatusBar onOpenSettings={() => undefined} />,
      initialState({
        locale: 'ru-RU',
        status: {
          registration: { state: 'failed', reason: 'server-unreachable', retryAt: Date.now() + 3000 },
          operator: { state: 'offline' },
        },
      }),
    );
    expect(screen.getByText('Телефон недоступен')).toBeTruthy();
    expect(screen.getByText(/АТС недоступна.*повтор через \d с/)).toBeTruthy();
  });
});
