import { Button, Stack, Text, Title } from '@mantine/core';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppState } from '../../app/app-state.tsx';
import { CallCard, EndedCallNote } from './CallCard.tsx';
import { DeviceNotices } from './DeviceNotices.tsx';
import { DialBar, type DialPrefill } from './DialBar.tsx';
import { CallbackReminders } from '../wrapup/CallbackReminders.tsx';
import { WrapupPanel } from '../wrapup/WrapupPanel.tsx';

/** The operator's main area: dial, the calls in progress, how the last ones ended. */
export function Workspace({
  onOpenSettings,
  dialRef,
  dialPrefill,
  onDialPrefillTaken,
}: {
  onOpenSettings: () => void;
  dialRef: RefObject<HTMLInputElement | null>;
  /** A number handed over by a link from another program, for the dial field. */
  dialPrefill?: DialPrefill;
  onDialPrefillTaken?: () => void;
}) {
  const { t } = useTranslation();
  const { status, calls, ended } = useAppState();
  const notConfigured = status.registration.state === 'not-configured';

  return (
    <Stack gap="md" maw={880}>
      <DialBar inputRef={dialRef} prefill={dialPrefill} onPrefillTaken={onDialPrefillTaken} />
      <DeviceNotices />
      <CallbackReminders />
      <section aria-label={t('phone.callsLabel')}>
        <Stack gap="sm">
          {calls.map((call) => (
            <CallCard key={call.id} call={call} />
          ))}
        </Stack>
      </section>
      <WrapupPanel />
      {calls.length === 0 && (
        <Stack gap={4} py="xl" align="flex-start">
          {notConfigured ? (
            <>
              <Title order={2} size="h3">
                {t('workspace.setupTitle')}
              </Title>
              <Text c="dimmed">{t('workspace.setupBody')}</Text>
              <Button mt="sm" onClick={onOpenSettings}>
                {t('workspace.openSettings')}
              </Button>
            </>
          ) : (
            <>
              <Title order={2} size="h3">
                {t('workspace.idleTitle')}
              </Title>
              <Text c="dimmed">{t('workspace.idleBody')}</Text>
            </>
          )}
        </Stack>
      )}
      {ended.length > 0 && (
        <Stack gap={2} aria-live="polite">
          {ended.map((call) => (
            <EndedCallNote key={call.id} call={call} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
