import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StorageNotice } from '../../../src/renderer/src/features/shell/StorageNotice.tsx';
import { DataSection } from '../../../src/renderer/src/features/settings/DataSection.tsx';
import { SettingsScreen } from '../../../src/renderer/src/features/settings/SettingsScreen.tsx';
import { DEFAULT_SETTINGS } from '../../../src/shared/model/settings.ts';
import { installFakeBridge, ok } from '../fake-bridge.ts';
import { initialState, renderWithApp, statusOf } from '../render-app.tsx';

const base = { registration: { state: 'registered' as const }, operator: { state: 'ready' as const } };
const BACKUP_AT = Date.UTC(2026, 10, 24, 9, 0, 0);
const recovered = {
  at: BACKUP_AT + 3_600_000,
  quarantinedTo: '/home/op/.config/Hotline/quarantine/hotline-20261124-100000.db',
  backupTakenAt: BACKUP_AT,
  outboxRecovered: 3,
};

describe('storage notice', () => {
  it('is silent while the database takes writes and nothing was repaired', async () => {
    installFakeBridge({ 'call:list': () => ok({ calls: [] }) });
    await renderWithApp(<StorageNotice />, initialState({ status: base }));
    expect(screen.queryByTestId('storage-notice')).toBeNull();
  });

  it('warns while the disk refuses writes, with how many records wait; goes away once written', async () => {
    const bridge = installFakeBridge({ 'call:list': () => ok({ calls: [] }) });
    await renderWithApp(<StorageNotice />, initialState({ status: base }));
    act(() =>
      bridge.emit('status:changed', statusOf({ ...base, storage: { writable: false, pendingWrites: 4 } })),
    );
    const warning = screen.getByRole('alert');
    expect(within(warning).getByText('Hotline cannot save to disk')).toBeTruthy();
    expect(warning.textContent).toMatch(/records are kept and will be written when space is available/);
    expect(screen.getByTestId('storage-pending').textContent).toBe('4 records are waiting to be written.');
    act(() =>
      bridge.emit('status:changed', statusOf({ ...base, storage: { writable: true, pendingWrites: 0 } })),
    );
    expect(screen.queryByTestId('storage-notice')).toBeNull();
  });

  it('uses Russian plural forms for the waiting records', async () => {
    const bridge = installFakeBridge({ 'call:list': () => ok({ calls: [] }) });
    await renderWithApp(
      <StorageNotice />,
      initialState({ locale: 'ru-RU', status: { ...base, storage: { writable: false, pendingWrites: 21 } } }),
    );
    const pending = () => screen.getByTestId('storage-pending').textContent;
    expect(pending()).toBe('21 запись ждёт записи на диск.');
    for (const [count, text] of [
      [3, '3 записи ждут записи на диск.'],
      [5, '5 записей ждут записи на диск.'],
    ] as const) {
      act(() =>
        bridge.emit(
          'status:changed',
          statusOf({ ...base, storage: { writable: false, pendingWrites: count } }),
        ),
      );
      expect(pending()).toBe(text);
    }
  });

  it('after a repair: where the damaged file went, which backup, what was kept; can be dismissed', async () => {
    installFakeBridge({ 'call:list': () => ok({ calls: [] }) });
    await renderWithApp(
      <StorageNotice />,
      initialState({ status: { ...base, storage: { writable: true, pendingWrites: 0, recovered } } }),
    );
    const notice = screen.getByTestId('storage-recovered');
    expect(within(notice).getByText('The call database was damaged and has been repaired')).toBeTruthy();
    expect(within(notice).getByText(recovered.quarantinedTo)).toBeTruthy();
    const time = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(BACKUP_AT);
    expect(notice.textContent).toContain(`It was restored from the backup of ${time}.`);
    expect(notice.textContent).toContain(
      '3 records not yet sent to the company’s system were kept and will be sent.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss the database notice' }));
    expect(screen.queryByTestId('storage-recovered')).toBeNull();
  });

  it('says when there was no backup and a new database was started (Russian)', async () => {
    installFakeBridge({ 'call:list': () => ok({ calls: [] }) });
    await renderWithApp(
      <StorageNotice />,
      initialState({
        locale: 'ru-RU',
        status: {
          ...base,
          storage: {
            writable: true,
            pendingWrites: 0,
            recovered: { ...recovered, backupTakenAt: null, outboxRecovered: 1 },
          },
        },
      }),
    );
    const notice = screen.getByTestId('storage-recovered');
    expect(notice.textContent).toContain(
      'Пригодной резервной копии не было, поэтому создана новая пустая база.',
    );
    expect(notice.textContent).toContain(
      '1 запись, ещё не отправленная в систему компании, сохранена и будет отправлена.',
    );
    expect(screen.getByRole('button', { name: 'Закрыть сообщение о базе данных' })).toBeTruthy();
  });
});

describe('data settings', () => {
  const saved = () => ok({ settings: DEFAULT_SETTINGS, locked: [], problems: [] });

  it('saves retention, backups and masking as one data patch', async () => {
    const bridge = installFakeBridge({ 'call:list': () => ok({ calls: [] }), 'settings:update': saved });
    await renderWithApp(<DataSection />, initialState());
    const form = screen.getByRole('form', { name: 'Data' });
    expect((within(form).getByLabelText('Keep calls for (days)') as HTMLInputElement).value).toBe('0');
    fireEvent.change(within(form).getByLabelText('Keep calls for (days)'), { target: { value: '90' } });
    fireEvent.change(within(form).getByLabelText('Back up every (hours)'), { target: { value: '12' } });
    fireEvent.change(within(form).getByLabelText('Backups to keep'), { target: { value: '14' } });
    fireEvent.click(within(form).getByLabelText('Mask callers’ numbers on screen and in exports'));
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved')).toBeTruthy();
    const update = bridge.invoke.mock.calls.find(([channel]) => channel === 'settings:update')!;
    expect(update[1]).toEqual({
      patch: { data: { retentionDays: 90, backupIntervalH: 12, backupsKept: 14, maskNumbers: true } },
    });
  });

  it('refuses values out of range, or empty, on their fields and saves nothing', async () => {
    const bridge = installFakeBridge({ 'call:list': () => ok({ calls: [] }), 'settings:update': saved });
    await renderWithApp(<DataSection />, initialState());
    fireEvent.change(screen.getByLabelText('Backups to keep'), { target: { value: '0' } });
    fireEvent.change(screen.getByLabelText('Keep calls for (days)'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Between 1 and 60')).toBeTruthy();
    expect(screen.getByText('Between 0 and 3650 days (0 keeps everything)')).toBeTruthy();
    expect(bridge.invoke.mock.calls.some(([channel]) => channel === 'settings:update')).toBe(false);
  });

  it('shows what IT locked as locked and leaves it out of the patch', async () => {
    const bridge = installFakeBridge({ 'call:list': () => ok({ calls: [] }), 'settings:update': saved });
    await renderWithApp(
      <DataSection />,
      initialState({
        settings: {
          settings: { ...DEFAULT_SETTINGS, data: { ...DEFAULT_SETTINGS.data, retentionDays: 365 } },
          locked: ['data.retentionDays', 'data.maskNumbers'],
        },
      }),
    );
    const retention = screen.getByLabelText('Keep calls for (days)') as HTMLInputElement;
    expect(retention.disabled).toBe(true);
    expect(retention.value).toBe('365');
    expect(
      (screen.getByLabelText('Mask callers’ numbers on screen and in exports') as HTMLInputElement).disabled,
    ).toBe(true);
    fireEvent.change(screen.getByLabelText('Backups to keep'), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved')).toBeTruthy();
    const update = bridge.invoke.mock.calls.find(([channel]) => channel === 'settings:update')!;
    expect(update[1]).toEqual({ patch: { data: { backupIntervalH: 4, backupsKept: 3 } } });
  });

  it('is a section of the settings screen', async () => {
    installFakeBridge({
      'call:list': () => ok({ calls: [] }),
      'account:get': () =>
        ok({
          account: DEFAULT_SETTINGS.account,
          hasPassword: false,
          passwordStorage: 'os-encrypted',
          locked: [],
        }),
      'sync:get': () =>
        ok({
          endpointUrl: '',
          hasToken: false,
          hasSigningKey: false,
          secretStorage: 'os-encrypted',
          locked: [],
        }),
    });
    await renderWithApp(<SettingsScreen />, initialState());
    expect(screen.getByRole('region', { name: 'Data' })).toBeTruthy();
  });
});
