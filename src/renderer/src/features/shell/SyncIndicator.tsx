import { Button, Tooltip } from '@mantine/core';
import { IconCloudUpload, IconCloudX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useAppState } from '../../app/app-state.tsx';
import { dateTimeFormat } from '../../lib/intl-cache.ts';
import { useNow } from '../../lib/use-now.ts';

/**
 * The sync queue in the status bar: silent while everything is delivered; otherwise how many
 * records wait, how many the server refused, and why the last try failed. Opens settings (Sync).
 */
export function SyncIndicator({ onOpenSettings }: { onOpenSettings: () => void }) {
  const { t, i18n } = useTranslation();
  const { sync } = useAppState().status;
  const now = useNow(sync.nextAttemptAt !== undefined);

  if (sync.state === 'off' || (sync.pending === 0 && sync.failed === 0)) return null;

  const problem = sync.failed > 0 || sync.lastError !== undefined;
  const parts = [
    sync.pending > 0 ? t('status.sync.pending', { count: sync.pending }) : '',
    sync.failed > 0 ? t('status.sync.failed', { count: sync.failed }) : '',
    sync.state === 'offline' ? t('status.sync.offline') : '',
  ].filter(Boolean);
  const details = [
    sync.lastError
      ? t(`status.sync.error.${sync.lastError.code}`, { defaultValue: sync.lastError.code })
      : '',
    sync.nextAttemptAt !== undefined
      ? t('status.sync.retryIn', { seconds: Math.max(0, Math.ceil((sync.nextAttemptAt - now) / 1000)) })
      : '',
    sync.lastDeliveredAt !== undefined
      ? t('status.sync.lastDelivered', {
          time: dateTimeFormat(i18n.language, { timeStyle: 'short' }).format(sync.lastDeliveredAt),
        })
      : '',
  ].filter(Boolean);
  const label = `${t('status.sync.label')}: ${parts.join(', ')}`;

  return (
    <Tooltip label={details.join(' · ') || label} multiline maw={360} disabled={details.length === 0}>
      <Button
        size="compact-xs"
        variant="subtle"
        color={problem ? 'orange' : 'gray'}
        leftSection={
          problem ? <IconCloudX size={14} aria-hidden /> : <IconCloudUpload size={14} aria-hidden />
        }
        onClick={onOpenSettings}
        aria-label={details.length > 0 ? `${label}. ${details.join('; ')}` : label}
        data-testid="sync-indicator"
        data-state={sync.state}
      >
        {label}
      </Button>
    </Tooltip>
  );
}
