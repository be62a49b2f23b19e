import {
  Alert,
  Button,
  Group,
  List,
  NumberInput,
  PasswordInput,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../../shared/ipc/contract.ts';
import {
  AccountSettingsSchema,
  LANGUAGES,
  PhoneSettingsSchema,
  type LanguageSetting,
  type PhoneSettings,
} from '../../../../shared/model/settings.ts';
import { useAppState } from '../../app/app-state.tsx';
import { useAudioState, useMedia } from '../../app/media-context.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { invoke } from '../../lib/ipc.ts';
import { kindOf, toDeviceRef, type AudioDeviceKind } from '../../media/devices.ts';
import { MicLevel } from '../../components/MicLevel.tsx';
import { DeviceNotices } from '../phone/DeviceNotices.tsx';
import { useSectionForm } from './use-section-form.ts';
import { SaveRow, Section, useLocked } from './section-parts.tsx';
import { SyncSection } from './SyncSection.tsx';
import { DataSection } from './DataSection.tsx';
import { ShortcutsSection } from './ShortcutsSection.tsx';
import { OperatorSection } from './OperatorSection.tsx';
import { WrapupSection } from './WrapupSection.tsx';
import { GuardSection } from '../guard/GuardSection.tsx';
import { KnowledgeSection } from '../knowledge/KnowledgeSection.tsx';
import { ScriptEditorSection } from '../scripts/ScriptEditorSection.tsx';
import { ScriptNamesSection } from '../scripts/ScriptNamesSection.tsx';

function LanguageSection() {
  const { t } = useTranslation();
  const { settings } = useAppState();
  const locked = useLocked();
  const [error, setError] = useState<string | null>(null);
  return (
    <Section title={t('settings.language.title')}>
      <Select
        label={t('settings.language.label')}
        data={LANGUAGES.map((value) => ({ value, label: t(`settings.language.${value}`) }))}
        value={settings.settings.language}
        allowDeselect={false}
        maw={360}
        error={error}
        onChange={(value) => {
          if (!value) return;
          setError(null);
          invoke('settings:update', { patch: { language: value as LanguageSetting } }).catch(
            (failure: unknown) => setError(errorMessage(t, failure)),
          );
        }}
        {...locked('language')}
      />
    </Section>
  );
}

function AccountSection() {
  const { t } = useTranslation();
  const { settings } = useAppState();
  const locked = useLocked();
  const [view, setView] = useState<AccountView | null>(null);
  const [password, setPassword] = useState('');
  const { form, set, error, formError, setFormError, saved, setSaved, busy, save } = useSectionForm(
    'account',
    AccountSettingsSchema,
    settings.settings.account,
    async (account) => {
      setView(await invoke('account:save', { account, ...(password ? { password } : {}) }));
      setPassword('');
    },
  );

  useEffect(() => {
    invoke('account:get', {})
      .then(setView)
      .catch((failure: unknown) => setFormError(errorMessage(t, failure)));
  }, [t, setFormError]);

  const forget = async () => {
    try {
      setView(await invoke('account:save', { account: {}, password: null }));
    } catch (failure) {
      setFormError(errorMessage(t, failure));
    }
  };

  const textField = (key: 'wssUrl' | 'sipUri' | 'authUser' | 'displayName') => ({
    label: t(`settings.account.${key}`),
    value: form[key],
    onChange: (e: ChangeEvent<HTMLInputElement>) => set(key, e.currentTarget.value),
    error: error(key),
    ...locked(`account.${key}`),
  });

  const storage = view?.passwordStorage;
  return (
    <Section title={t('settings.account.title')} description={t('settings.account.description')}>
      <form onSubmit={(e) => void save(e)} noValidate aria-label={t('settings.account.title')}>
        <Stack gap="sm" maw={560}>
          <TextInput {...textField('wssUrl')} placeholder={t('settings.account.wssUrlHint')} />
          <TextInput {...textField('sipUri')} placeholder={t('settings.account.sipUriHint')} />
          <TextInput {...textField('authUser')} />
          <TextInput {...textField('displayName')} />
          <Select
            label={t('settings.account.secretKind')}
            data={(['password', 'ha1'] as const).map((kind) => ({
              value: kind,
              label: t(`settings.account.secretKinds.${kind}`),
            }))}
            value={form.secretKind}
            onChange={(v) => v && set('secretKind', v as 'password' | 'ha1')}
            allowDeselect={false}
            {...locked('account.secretKind')}
          />
          <PasswordInput
            label={t(form.secretKind === 'ha1' ? 'settings.account.ha1' : 'settings.account.password')}
            error={error('password')}
            description={view?.hasPassword ? t('settings.account.passwordSaved') : undefined}
            value={password}
            onChange={(e) => {
              setPassword(e.currentTarget.value);
              setSaved(false);
            }}
            disabled={storage === 'unavailable'}
            autoComplete="new-password"
          />
          {storage && (
            <Alert
              color={storage === 'os-encrypted' ? 'gray' : 'orange'}
              variant="light"
              data-testid="password-storage"
              data-storage={storage}
            >
              {t(`settings.account.storage.${storage}`)}
            </Alert>
          )}
          <NumberInput
            label={t('settings.account.registerExpires')}
            value={form.registerExpires}
            min={60}
            max={3600}
            step={60}
            onChange={(v) => set('registerExpires', typeof v === 'number' ? v : Number(v))}
            error={error('registerExpires')}
            maw={240}
            {...locked('account.registerExpires')}
          />
          <SaveRow busy={busy} saved={saved} formError={formError}>
            {view?.hasPassword && (
              <Button variant="subtle" color="red" onClick={() => void forget()}>
                {t('settings.account.forgetPassword')}
              </Button>
            )}
          </SaveRow>
        </Stack>
      </form>
    </Section>
  );
}

function PhoneSection() {
  const { t } = useTranslation();
  const { settings } = useAppState();
  const locked = useLocked();
  const { form, set, error, formError, saved, busy, save } = useSectionForm(
    'phone',
    PhoneSettingsSchema,
    settings.settings.phone,
    async (phone) => {
      await invoke('settings:update', { patch: { phone } });
    },
  );
  return (
    <Section title={t('settings.phone.title')}>
      <form onSubmit={(e) => void save(e)} noValidate aria-label={t('settings.phone.title')}>
        <Stack gap="sm" maw={560}>
          <TextInput
            label={t('settings.phone.defaultRegion')}
            value={form.defaultRegion}
            maxLength={2}
            styles={{ input: { maxWidth: 120 } }}
            onChange={(e) => set('defaultRegion', e.currentTarget.value.toUpperCase())}
            error={error('defaultRegion')}
            {...locked('phone.defaultRegion')}
          />
          <Select
            label={t('settings.phone.dtmfMode')}
            data={[
              { value: 'rfc4733', label: t('settings.phone.dtmfRfc4733') },
              { value: 'info', label: t('settings.phone.dtmfInfo') },
            ]}
            value={form.dtmfMode}
            allowDeselect={false}
            onChange={(v) => v && set('dtmfMode', v as PhoneSettings['dtmfMode'])}
            {...locked('phone.dtmfMode')}
          />
          <NumberInput
            label={t('settings.phone.noAnswerTimeout')}
            value={form.noAnswerTimeoutS}
            min={5}
            max={600}
            maw={240}
            onChange={(v) => set('noAnswerTimeoutS', Number(v))}
            error={error('noAnswerTimeoutS')}
            {...locked('phone.noAnswerTimeoutS')}
          />
          <TextInput
            label={t('settings.phone.caBundlePath')}
            value={form.caBundlePath}
            onChange={(e) => set('caBundlePath', e.currentTarget.value)}
            {...locked('phone.caBundlePath')}
          />
          <SaveRow busy={busy} saved={saved} formError={formError} />
        </Stack>
      </form>
    </Section>
  );
}

function AudioSection() {
  const { t } = useTranslation();
  const { settings } = useAppState();
  const media = useMedia();
  const locked = useLocked();
  const devices = useAudioState();

  const choose = (kind: AudioDeviceKind, deviceId: string | null) => {
    const device = devices.devices.find((d) => d.deviceId === deviceId && d.kind === kindOf(kind));
    void invoke('settings:update', {
      patch: { audio: { [kind]: device ? toDeviceRef(device) : null } },
    }).catch(() => undefined);
  };

  const select = (kind: AudioDeviceKind) => {
    const options = devices.devices.filter(
      (d) => d.kind === kindOf(kind) && d.deviceId !== 'default' && d.label !== '',
    );
    const current = settings.settings.audio[kind];
    return (
      <Select
        label={t(`settings.audio.${kind}`)}
        data={[
          { value: '', label: t('settings.audio.default') },
          ...options.map((d) => ({ value: d.deviceId, label: d.label })),
        ]}
        value={
          options.find((d) => d.deviceId === current?.id || (d.label === current?.label && current?.label))
            ?.deviceId ?? ''
        }
        allowDeselect={false}
        onChange={(value) => choose(kind, value || null)}
        maw={480}
        {...locked(`audio.${kind}`)}
      />
    );
  };

  return (
    <Section title={t('settings.audio.title')}>
      <Stack gap="sm">
        <DeviceNotices />
        {devices.devices.every((d) => d.label === '') && (
          <Text size="sm" c="dimmed">
            {t('settings.audio.noDevices')}
          </Text>
        )}
        {select('microphone')}
        <MicLevel label={t('settings.audio.level')} />
        {select('speaker')}
        <Group align="flex-end">
          {select('ringer')}
          <Button variant="default" onClick={() => void media?.testRinger().catch(() => undefined)}>
            {t('settings.audio.testRinger')}
          </Button>
        </Group>
      </Stack>
    </Section>
  );
}

export function SettingsScreen() {
  const { t } = useTranslation();
  const { settings } = useAppState();
  return (
    <Stack gap="xl" data-screen="settings" pb="xl">
      <Title order={1} size="h2">
        {t('settings.title')}
      </Title>
      {settings.problems.length > 0 && (
        <Alert color="orange" title={t('settings.problemsTitle')} data-testid="settings-problems">
          <List size="sm">
            {settings.problems.map((p) => (
              <List.Item key={`${p.file}:${p.kind}:${p.key ?? ''}`}>
                {t(`settings.problem.${p.kind}`, { file: p.file, key: p.key, detail: p.detail })}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      <LanguageSection />
      <AccountSection />
      <PhoneSection />
      <AudioSection />
      <OperatorSection />
      <WrapupSection />
      <GuardSection />
      <ScriptNamesSection />
      <ScriptEditorSection />
      <KnowledgeSection />
      <ShortcutsSection />
      <SyncSection />
      <DataSection />
    </Stack>
  );
}
