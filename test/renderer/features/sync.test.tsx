import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StatusBar } from '../../../src/renderer/src/features/shell/StatusBar.tsx';
import { SyncSection } from '../../../src/renderer/src/features/settings/SyncSection.tsx';
import { DEFAULT_SETTINGS } from '../../../src/shared/model/settings.ts';
import { installFakeBridge, ok } from '../fake-bridge.ts';
import { initialState, renderWithApp, statusOf } from '../render-app.tsx';

const syncView = (extra = {}) => ({
  endpointUrl: '',
  hasToken: false,
  hasSigningKey: false,
  secretStorage: 'os-encrypted',
  locked: [],
  ...extra,
});

describe('sync in the status bar', () => {
  it('stays silent while everything is delivered, then says what waits and why', async () => {
    const bridge = installFakeBridge({ 'call:list': () => ok({ calls: [] }) });
    await renderWithApp(
      <StatusBar onOpenSettings={() => undefined} />,
      initialState({
        status: {
          registration: { state: 'registered' },
          operator: { state: 'ready' },
          sync: { state: 'idle', pending: 0, failed: 0 },
        },
      }),
    );
    expect(screen.queryByTestId('sync-indicator')).toBeNull();
    act(() =>
      bridge.emit(
        'status:changed',
        statusOf({
          registration: { state: 'registered' },
          operator: { state: 'ready' },
          sync: {
            state: 'waiting',
            pending: 12,
            failed: 1,
            lastError: { code: 'unreachable', at: Date.now() },
            nextAttemptAt: Date.now() + 30_000,
          },
        }),
      ),
    );
    const indicator = screen.getByTestId('sync-indicator');
    expect(indicator.textContent).toBe('Sync: 12 records to send, 1 refused by the server');
    expect(indicator.getAttribute('aria-label')).toMatch(
      /^Sync: 12 records to send, 1 refused by the server\. The sync server cannot be reached\.; next try in 3\d s/,
    );
  });

  it('uses Russian plural forms', async () => {
    installFakeBridge({ 'call:list': () => ok({ calls: [] }) });
    await renderWithApp(
      <StatusBar onOpenSettings={() => undefined} />,
      initialState({
        locale: 'ru-RU',
        status: {
          registration: { state: 'registered' },
          operator: { state: 'ready' },
          sync: { state: 'offline', pending: 3, failed: 0 },
        },
      }),
    );
    expect(screen.getByTestId('sync-indicator').textContent).toBe(
      'Синхронизация: 3 записи к отправке, нет сети, записи сохранены',
    );
  });
});

describe('sync settings', () => {
  it('checks the address, saves it, and sends the token to the vault without showing it again', async () => {
    const bridge = installFakeBridge({
      'call:list': () => ok({ calls: [] }),
      'sync:get': () => ok(syncView()),
      'settings:update': () => ok({ settings: DEFAULT_SETTINGS, locked: [], problems: [] }),
      'sync:saveCredentials': () => ok(syncView({ hasToken: true })),
    });
    await renderWithApp(<SyncSection />, initialState());
    const form = screen.getByRole('form', { name: 'Sync' });
    fireEvent.change(within(form).getByLabelText('Endpoint (https://)'), {
      target: { value: 'http://crm.example.com/in' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Enter an https:\/\/ address/)).toBeTruthy();
    expect(bridge.invoke.mock.calls.some(([channel]) => channel === 'settings:update')).toBe(false);

    fireEvent.change(within(form).getByLabelText('Endpoint (https://)'), {
      target: { value: 'https://crm.example.com/in' },
    });
    fireEvent.change(within(form).getByLabelText('Access token'), { target: { value: 'tok-123' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved')).toBeTruthy();
    const update = bridge.invoke.mock.calls.find(([channel]) => channel === 'settings:update')!;
    expect(update[1]).toMatchObject({ patch: { sync: { endpointUrl: 'https://crm.example.com/in' } } });
    const credentials = bridge.invoke.mock.calls.find(([channel]) => channel === 'sync:saveCredentials')!;
    expect(credentials[1]).toEqual({ token: 'tok-123' });
    expect((within(form).getByLabelText('Access token') as HTMLInputElement).value).toBe('');
    expect(screen.getByText(/Saved in the system’s protected storage/)).toBeTruthy();
  });

  it('refuses a short signing key before saving anything', async () => {
    const bridge = installFakeBridge({
      'call:list': () => ok({ calls: [] }),
      'sync:get': () => ok(syncView()),
      'settings:update': () => ok({ settings: DEFAULT_SETTINGS, locked: [], problems: [] }),
    });
    await renderWithApp(<SyncSection />, initialState());
    fireEvent.change(screen.getByLabelText('Signing key (HMAC)'), { target: { value: 'short' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      (await screen.findAllByText('The signing key must be at least 16 characters.')).length,
    ).toBeGreaterThan(0);
    expect(bridge.invoke.mock.calls.some(([channel]) => channel === 'settings:update')).toBe(false);
  });
});
