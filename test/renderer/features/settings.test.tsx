import { act, fireEvent, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { SettingsScreen } from '../../../src/renderer/src/features/settings/SettingsScreen.tsx';
import { DEFAULT_SETTINGS } from '../../../src/shared/model/settings.ts';
import { installFakeBridge, ok } from '../fake-bridge.ts';
import { initialState, renderWithApp } from '../render-app.tsx';

const accountView = (extra = {}) => ({
  account: DEFAULT_SETTINGS.account,
  hasPassword: false,
  passwordStorage: 'os-encrypted',
  locked: [],
  ...extra,
});

describe('settings screen', () => {
  let bridge: ReturnType<typeof installFakeBridge>;
  beforeEach(() => {
    bridge = installFakeBridge({
      'account:get': () => ok(accountView()),
      'account:save': () => ok(accountView({ hasPassword: true })),
      'settings:update': () => ok({ settings: DEFAULT_SETTINGS, locked: [], problems: [] }),
      'call:list': () => ok({ calls: [] }),
    });
  });

  it('shows field errors for a bad server address and SIP address, and does not save', async () => {
    await renderWithApp(<SettingsScreen />, initialState());
    fireEvent.change(screen.getByLabelText('Server address (WebSocket)'), {
      target: { value: 'http://pbx' },
    });
    fireEvent.change(screen.getByLabelText('SIP address'), { target: { value: '101' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Save' })[0]!);
    expect(await screen.findByText(/Enter a wss:\/\/ address/)).toBeTruthy();
    expect(screen.getByText(/Enter a SIP address like/)).toBeTruthy();
    expect(bridge.invoke.mock.calls.some(([channel]) => channel === 'account:save')).toBe(false);
  });

  it('saves a valid account with the password and says so', async () => {
    await renderWithApp(<SettingsScreen />, initialState());
    fireEvent.change(screen.getByLabelText('Server address (WebSocket)'), {
      target: { value: 'wss://pbx.example.com/ws' },
    });
    fireEvent.change(screen.getByLabelText('SIP address'), { target: { value: 'sip:101@pbx.example.com' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 's3cret' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Save' })[0]!);
    expect(await screen.findByText('Saved')).toBeTruthy();
    const save = bridge.invoke.mock.calls.find(([channel]) => channel === 'account:save')!;
    expect(save[1]).toMatchObject({
      account: { wssUrl: 'wss://pbx.example.com/ws', sipUri: 'sip:101@pbx.example.com' },
      password: 's3cret',
    });
    expect(screen.getByText(/A password is saved/)).toBeTruthy();
  });

  it('puts server-side validation issues on their fields', async () => {
    bridge = installFakeBridge({
      'account:get': () => ok(accountView()),
      'account:save': () => ({
        ok: false,
        error: {
          code: 'VALIDATION',
          message: 'bad',
          issues: [{ path: 'account.sipUri', message: 'sipUri' }],
        },
      }),
    });
    await renderWithApp(<SettingsScreen />, initialState());
    fireEvent.change(screen.getByLabelText('SIP address'), { target: { value: 'sip:1@x' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Save' })[0]!);
    expect(await screen.findByText(/Enter a SIP address like/)).toBeTruthy();
    expect(screen.getByText(/Some fields need correcting/)).toBeTruthy();
  });

  it('takes an HA1 digest instead of the password, and says what one looks like when the core refuses it', async () => {
    bridge = installFakeBridge({
      'account:get': () => ok(accountView()),
      'account:save': () => ({
        ok: false,
        error: { code: 'VALIDATION', message: 'bad', issues: [{ path: 'account.password', message: 'ha1' }] },
      }),
    });
    await renderWithApp(<SettingsScreen />, initialState());
    fireEvent.click(screen.getByRole('combobox', { name: 'What you enter below' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Its HA1 digest (from IT)' }));
    const field = await screen.findByLabelText('HA1 digest (32 hexadecimal digits)');
    fireEvent.change(field, { target: { value: 'secret' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Save' })[0]!);
    expect(await screen.findByText(/An HA1 digest is 32 hexadecimal digits/)).toBeTruthy();
    const save = bridge.invoke.mock.calls.find(([channel]) => channel === 'account:save')!;
    expect(save[1]).toMatchObject({ account: { secretKind: 'ha1' }, password: 'secret' });
  });

  it('disables keys the administrator locked and says who set them', async () => {
    await renderWithApp(<SettingsScreen />, initialState({ settings: { locked: ['account.wssUrl'] } }));
    const input = screen.getByLabelText('Server address (WebSocket)') as HTMLInputElement;
    expect(input.disabled).toBe(true);
    expect(screen.getAllByText('Set by your administrator').length).toBeGreaterThan(0);
    expect((screen.getByLabelText('SIP address') as HTMLInputElement).disabled).toBe(false);
  });

  it('names a damaged settings file', async () => {
    await renderWithApp(
      <SettingsScreen />,
      initialState({
        settings: {
          problems: [
            {
              kind: 'not-json',
              file: '/home/anna/settings.json',
              source: 'user',
              detail: 'Unexpected token',
            },
          ],
        },
      }),
    );
    expect(screen.getByTestId('settings-problems').textContent).toContain('/home/anna/settings.json');
  });

  it('warns when the OS cannot store the password, and disables the field', async () => {
    bridge = installFakeBridge({ 'account:get': () => ok(accountView({ passwordStorage: 'unavailable' })) });
    await renderWithApp(<SettingsScreen />, initialState());
    expect(await screen.findByText(/no encrypted storage/)).toBeTruthy();
    expect((screen.getByLabelText('Password') as HTMLInputElement).disabled).toBe(true);
  });

  it('renders in Russian when the system is Russian', async () => {
    await renderWithApp(<SettingsScreen />, initialState({ locale: 'ru-RU' }));
    expect(screen.getByRole('heading', { name: 'Настройки' })).toBeTruthy();
    expect(screen.getByLabelText('SIP-адрес')).toBeTruthy();
    await act(async () => undefined);
  });
});
