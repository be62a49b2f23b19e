import { Alert, Button, Group, Text } from '@mantine/core';
import { IconFileExport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallLogFilter } from '../../../../shared/model/call-history.ts';
import { useAppState } from '../../app/app-state.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { invoke } from '../../lib/ipc.ts';

type ExportState =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; path: string; rows: number }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

/** Exports what the list shows (the same filter) to a CSV file the operator picks. */
export function ExportPanel({ filter }: { filter: CallLogFilter }) {
  const { t } = useTranslation();
  const { language } = useAppState();
  const [state, setState] = useState<ExportState>({ kind: 'idle' });

  const run = async () => {
    setState({ kind: 'running' });
    try {
      const result = await invoke('calllog:export', { filter, locale: language });
      setState(
        result.cancelled ? { kind: 'cancelled' } : { kind: 'done', path: result.path, rows: result.rows },
      );
    } catch (failure) {
      setState({ kind: 'failed', message: errorMessage(t, failure) });
    }
  };

  return (
    <Group gap="sm" align="center" wrap="nowrap">
      <Button
        variant="default"
        leftSection={<IconFileExport size={16} aria-hidden />}
        loading={state.kind === 'running'}
        onClick={() => void run()}
      >
        {state.kind === 'running' ? t('history.exporting') : t('history.exportButton')}
      </Button>
      <div role="status" aria-live="polite" style={{ minWidth: 0 }}>
        {state.kind === 'done' && (
          <Text size="sm" c="green.8" style={{ wordBreak: 'break-all' }}>
            {t('history.exported', { count: state.rows, path: state.path })}
          </Text>
        )}
        {state.kind === 'cancelled' && (
          <Text size="sm" c="dimmed">
            {t('history.exportCancelled')}
          </Text>
        )}
      </div>
      {state.kind === 'failed' && (
        <Alert color="red" role="alert" py={6} style={{ flex: 1 }}>
          {t('history.exportFailed', { reason: state.message })}
        </Alert>
      )}
    </Group>
  );
}
