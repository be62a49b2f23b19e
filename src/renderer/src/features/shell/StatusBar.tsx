import { Button, Group, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { RegistrationState } from '../../../../shared/ipc/contract.ts';
import { useAppState } from '../../app/app-state.tsx';
import { invoke } from '../../lib/ipc.ts';
import { SyncIndicator } from './SyncIndicator.tsx';
import { ShortcutsIndicator } from './ShortcutsIndicator.tsx';
import { OperatorStateControl } from './OperatorStateControl.tsx';
import { useNow } from '../../lib/use-now.ts';

const DOT: Record<RegistrationState, string> = {
  'not-configured': 'var(--mantine-color-gray-5)',
  unregistered: 'var(--mantine-color-gray-5)',
  registering: 'var(--mantine-color-yellow-6)',
  registered: 'var(--mantine-color-green-7)',
  failed: 'var(--mantine-color-red-7)',
};

function useSecondsUntil(at: number | undefined): number | undefined {
  const now = useNow(at !== undefined, 500);
  return at === undefined ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Always visible: is the phone working, and what is the operator's state. Colour never alone. */
export function StatusBar({ onOpenSettings }: { onOpenSettings: () => void }) {
  const { t } = useTranslation();
  const { status, settings } = useAppState();
  const registration = status.registration;
  const seconds = useSecondsUntil(registration.retryAt);
  const reason = registration.reason
    ? t(`registration.reason.${registration.reason}`, { defaultValue: '' })
    : '';

  return (
    <Group
      h="100%"
      px="md"
      justify="space-between"
      wrap="nowrap"
      role="status"
      aria-label={t('status.label')}
      aria-live="polite"
    >
      <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
        <span
          aria-hidden
          style={{
            width: 10,
            height: 10,
            borderRadius: 5,
            background: DOT[registration.state],
            flex: 'none',
          }}
        />
        <Text size="sm" fw={600} data-testid="registration-state" data-state={registration.state}>
          {t(`status.registration.${registration.state}`)}
        </Text>
        {reason && (
          <Text size="sm" c="dimmed" truncate="end" title={reason}>
            {reason}
            {seconds !== undefined && ` · ${t('status.retryIn', { seconds })}`}
          </Text>
        )}
        {registration.state === 'failed' && (
          <Button size="compact-xs" variant="light" onClick={() => void invoke('phone:retry', {})}>
            {t('status.retryNow')}
          </Button>
        )}
      </Group>
      <Group gap="md" wrap="nowrap">
        <SyncIndicator onOpenSettings={onOpenSettings} />
        <ShortcutsIndicator onOpenSettings={onOpenSettings} />
        {settings.problems.length > 0 && (
          <Tooltip label={t('status.settingsProblems')}>
            <Button
              size="compact-xs"
              variant="subtle"
              color="orange"
              leftSection={<IconAlertTriangle size={14} aria-hidden />}
              onClick={onOpenSettings}
            >
              {t('status.settingsProblems')}
            </Button>
          </Tooltip>
        )}
        <OperatorStateControl />
      </Group>
    </Group>
  );
}
