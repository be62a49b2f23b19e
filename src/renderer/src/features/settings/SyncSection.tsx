import { Alert, Button, Group, NumberInput, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncView } from '../../../../shared/ipc/contract.ts';
import { SyncSettingsSchema } from '../../../../shared/model/settings.ts';
import { useAppState } from '../../app/app-state.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { invoke } from '../../lib/ipc.ts';
import { SaveRow, Section, useLocked } from './section-parts.tsx';
import { useSectionForm } from './use-section-form.ts';

/**
 * Where finished calls and wrap-ups are delivered: the endpoint (a setting IT may lock) and its
 * credentials (the token and signing key go to the OS-encrypted vault; the form never shows them).
 */
export function SyncSection() {
  const { t } = useTranslation();
  const { settings, status } = useAppState();
  const locked = useLocked();
  const [view, setView] = useState<SyncView | null>(null);
  const [token, setToken] = useState('');
  const [signingKey, setSigningKey] = useState('');
  const [signingKeyError, setSigningKeyError] = useState<string | undefined>();
  const { form, set, error, formError, setFormError, saved, setSaved, busy, save } = useSectionForm(
    'sync',
    SyncSettingsSchema,
    settings.settings.sync,
    async (sync) => {
      if (signingKey && signingKey.length < 16) {
        setSigningKeyError(t('settings.sync.signingKeyShort'));
        throw new Error(t('settings.sync.signingKeyShort'));
      }
      await invoke('settings:update', { patch: { sync } });
      if (token || signingKey)
        setView(
          await invoke('sync:saveCredentials', {
            ...(token ? { token } : {}),
            ...(signingKey ? { signingKey } : {}),
          }),
        );
      setToken('');
      setSigningKey('');
    },
  );

  useEffect(() => {
    invoke('sync:get', {})
      .then(setView)
      .catch((failure: unknown) => setFormError(errorMessage(t, failure)));
  }, [t, setFormError]);

  const forget = async () => {
    try {
      setView(await invoke('sync:saveCredentials', { token: null, signingKey: null }));
    } catch (failure) {
      setFormError(errorMessage(t, failure));
    }
  };

  const sync = status.sync;
  const noVault = view?.secretStorage === 'unavailable';
  return (
    <Section title={t('settings.sync.title')} description={t('settings.sync.description')}>
      <form onSubmit={(e) => void save(e)} noValidate aria-label={t('settings.sync.title')}>
        <Stack gap="sm" maw={560}>
          <TextInput
            label={t('settings.sync.endpointUrl')}
            placeholder="https://crm.example.com/hotline/records"
            value={form.endpointUrl}
            onChange={(e) => set('endpointUrl', e.currentTarget.value)}
            error={error('endpointUrl')}
            {...locked('sync.endpointUrl')}
          />
          <PasswordInput
            label={t('settings.sync.token')}
            description={view?.hasToken ? t('settings.sync.secretSaved') : undefined}
            value={token}
            onChange={(e) => {
              setToken(e.currentTarget.value);
              setSaved(false);
            }}
            disabled={noVault}
            autoComplete="off"
          />
          <PasswordInput
            label={t('settings.sync.signingKey')}
            description={
              view?.hasSigningKey ? t('settings.sync.secretSaved') : t('settings.sync.signingKeyHint')
            }
            value={signingKey}
            error={signingKeyError}
            onChange={(e) => {
              setSigningKey(e.currentTarget.value);
              setSigningKeyError(undefined);
              setSaved(false);
            }}
            disabled={noVault}
            autoComplete="off"
          />
          {noVault && (
            <Alert color="orange" variant="light">
              {t('settings.account.storage.unavailable')}
            </Alert>
          )}
          <Group grow maw={480}>
            <NumberInput
              label={t('settings.sync.intervalS')}
              value={form.intervalS}
              min={5}
              max={3600}
              onChange={(v) => set('intervalS', typeof v === 'number' ? v : Number(v))}
              error={error('intervalS')}
              {...locked('sync.intervalS')}
            />
            <NumberInput
              label={t('settings.sync.requestTimeoutS')}
              value={form.requestTimeoutS}
              min={1}
              max={120}
              onChange={(v) => set('requestTimeoutS', typeof v === 'number' ? v : Number(v))}
              error={error('requestTimeoutS')}
              {...locked('sync.requestTimeoutS')}
            />
          </Group>
          <Text size="sm" data-testid="sync-summary">
            {t('settings.sync.summary', { pending: sync.pending, failed: sync.failed })}
          </Text>
          <SaveRow busy={busy} saved={saved} formError={formError}>
            <Button variant="light" onClick={() => void invoke('sync:now', {})}>
              {t('settings.sync.sendNow')}
            </Button>
            {sync.failed > 0 && (
              <Button variant="light" color="orange" onClick={() => void invoke('sync:retryFailed', {})}>
                {t('settings.sync.retryFailed', { count: sync.failed })}
              </Button>
            )}
            {(view?.hasToken || view?.hasSigningKey) && (
              <Button variant="subtle" color="red" onClick={() => void forget()}>
                {t('settings.sync.forget')}
              </Button>
            )}
          </SaveRow>
        </Stack>
      </form>
    </Section>
  );
}
