import { Alert, Code, Stack, Text } from '@mantine/core';
import { IconDatabaseExclamation, IconDeviceFloppy } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppState } from '../../app/app-state.tsx';

/**
 * The local database, when the operator needs to know about it: a warning while it refuses writes
 * (the phone goes on; records wait in memory), and, once after a start-up repair, what happened to
 * the damaged file and what was restored. Silent otherwise.
 */
export function StorageNotice() {
  const { t, i18n } = useTranslation();
  const { storage } = useAppState().status;
  // Dismissed per recovery (by its time), so a later recovery is shown again.
  const [dismissedAt, setDismissedAt] = useState<number | undefined>();
  const recovered = storage.recovered;
  const showRecovered = recovered !== undefined && recovered.at !== dismissedAt;
  const unwritable = !storage.writable || storage.pendingWrites > 0;
  if (!unwritable && !showRecovered) return null;

  return (
    <Stack gap="sm" mb="md" data-testid="storage-notice">
      {unwritable && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconDeviceFloppy size={18} aria-hidden />}
          title={t('storage.unwritable.title')}
          data-testid="storage-unwritable"
        >
          <Text size="sm">{t('storage.unwritable.body')}</Text>
          {storage.pendingWrites > 0 && (
            <Text size="sm" fw={600} data-testid="storage-pending">
              {t('storage.unwritable.pending', { count: storage.pendingWrites })}
            </Text>
          )}
        </Alert>
      )}
      {showRecovered && (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconDatabaseExclamation size={18} aria-hidden />}
          title={t('storage.recovered.title')}
          withCloseButton
          closeButtonLabel={t('storage.recovered.dismiss')}
          onClose={() => setDismissedAt(recovered.at)}
          role="status"
          aria-live="polite"
          data-testid="storage-recovered"
        >
          <Stack gap={4}>
            <Text size="sm">
              {t('storage.recovered.moved')} <Code>{recovered.quarantinedTo}</Code>
            </Text>
            <Text size="sm">
              {recovered.backupTakenAt === null
                ? t('storage.recovered.noBackup')
                : t('storage.recovered.fromBackup', {
                    time: new Intl.DateTimeFormat(i18n.language, {
                      dateStyle: 'medium',
                      timeStyle: 'short',
                    }).format(recovered.backupTakenAt),
                  })}
            </Text>
            <Text size="sm">{t('storage.recovered.outbox', { count: recovered.outboxRecovered })}</Text>
            <Text size="sm" c="dimmed">
              {t('storage.recovered.hint')}
            </Text>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
