import {
  Alert,
  Button,
  Group,
  Loader,
  NativeSelect,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_OUTCOMES, type CallLogEntry } from '../../../../shared/model/call-history.ts';
import { useAppState } from '../../app/app-state.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { invoke } from '../../lib/ipc.ts';
import { ExportPanel } from './ExportPanel.tsx';
import { HistoryList } from './HistoryList.tsx';
import { INITIAL_FILTER, PERIODS, toCallLogFilter, type HistoryFilterState } from './history-filter.ts';
import { useCallHistory } from './use-call-history.ts';

/** How long typing in the search box waits before asking the core. */
export const SEARCH_DEBOUNCE_MS = 300;

/**
 * The call history: filters on top (period, direction, outcome, search), the export beside them,
 * the list below. Numbers arrive already masked when the settings say so; calling back goes by the
 * call's id, so the screen never needs the number itself.
 */
export function HistoryScreen({ onCalled }: { onCalled?: () => void }) {
  const { t } = useTranslation();
  const { settings } = useAppState();
  const [state, setState] = useState<HistoryFilterState>(INITIAL_FILTER);
  const [search] = useDebouncedValue(state.search, SEARCH_DEBOUNCE_MS);
  const [callError, setCallError] = useState<string | null>(null);
  // "Today" and "7 days" count from when the operator last touched the filters.
  const [now, setNow] = useState(() => Date.now());
  const filter = useMemo(() => toCallLogFilter(state, search, now), [state, search, now]);
  const history = useCallHistory(filter, settings.settings.data.maskNumbers);

  const set = <K extends keyof HistoryFilterState>(key: K, value: HistoryFilterState[K]) => {
    setNow(Date.now());
    setState((s) => ({ ...s, [key]: value }));
  };

  const callBack = useCallback(
    async (row: CallLogEntry) => {
      if (!row.callbackRef) return;
      setCallError(null);
      try {
        await invoke('calllog:callBack', { callId: row.callbackRef });
        onCalled?.();
      } catch (failure) {
        setCallError(errorMessage(t, failure));
      }
    },
    [onCalled, t],
  );

  return (
    <Stack gap="sm" data-screen="history">
      <Group justify="space-between" align="center">
        <Title order={1} size="h2">
          {t('history.title')}
        </Title>
        <ExportPanel filter={filter} />
      </Group>

      <div role="search" aria-label={t('history.filtersLabel')}>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <div>
            <Text size="sm" fw={500} id="history-period-label" mb={4}>
              {t('history.period.label')}
            </Text>
            <SegmentedControl
              aria-labelledby="history-period-label"
              value={state.period}
              onChange={(value) => set('period', value as HistoryFilterState['period'])}
              data={PERIODS.map((p) => ({ value: p, label: t(`history.period.${p}`) }))}
            />
          </div>
          {state.period === 'custom' && (
            <>
              <TextInput
                type="date"
                label={t('history.from')}
                value={state.customFrom}
                max={state.customTo || undefined}
                onChange={(e) => set('customFrom', e.currentTarget.value)}
              />
              <TextInput
                type="date"
                label={t('history.to')}
                value={state.customTo}
                min={state.customFrom || undefined}
                onChange={(e) => set('customTo', e.currentTarget.value)}
              />
            </>
          )}
          <NativeSelect
            label={t('history.direction.label')}
            value={state.direction}
            onChange={(e) => set('direction', e.currentTarget.value as HistoryFilterState['direction'])}
            data={(['all', 'inbound', 'outbound'] as const).map((d) => ({
              value: d,
              label: t(`history.direction.${d}`),
            }))}
          />
          <NativeSelect
            label={t('history.outcomeFilter.label')}
            value={state.outcome}
            onChange={(e) => set('outcome', e.currentTarget.value as HistoryFilterState['outcome'])}
            data={[
              { value: 'all', label: t('history.outcomeFilter.all') },
              ...CALL_OUTCOMES.map((o) => ({ value: o, label: t(`history.outcome.${o}`) })),
            ]}
          />
          <TextInput
            label={t('history.search')}
            type="search"
            leftSection={<IconSearch size={16} aria-hidden />}
            value={state.search}
            maxLength={100}
            onChange={(e) => set('search', e.currentTarget.value)}
            style={{ flex: 1, minWidth: 220 }}
          />
        </Group>
      </div>

      {callError && (
        <Alert color="red" role="alert" withCloseButton onClose={() => setCallError(null)}>
          {callError}
        </Alert>
      )}

      <HistoryBody history={history} filtered={JSON.stringify(filter) !== '{}'} onCallBack={callBack} />
    </Stack>
  );
}

function HistoryBody({
  history,
  filtered,
  onCallBack,
}: {
  history: ReturnType<typeof useCallHistory>;
  filtered: boolean;
  onCallBack(row: CallLogEntry): void;
}) {
  const { t } = useTranslation();
  if (history.status === 'loading')
    return (
      <Group gap="xs" role="status" aria-live="polite">
        <Loader size="sm" />
        <Text c="dimmed">{t('history.loading')}</Text>
      </Group>
    );
  if (history.status === 'error')
    return (
      <Alert color="red" role="alert" title={t('history.loadFailed')}>
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{errorMessage(t, history.error)}</Text>
          <Button size="xs" variant="light" color="red" onClick={history.reload}>
            {t('history.retry')}
          </Button>
        </Stack>
      </Alert>
    );
  if (history.rows.length === 0)
    return (
      <Text c="dimmed" role="status">
        {filtered ? t('history.noMatches') : t('history.empty')}
      </Text>
    );
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed" id="history-keys">
        {t('history.keyboardHint')}
      </Text>
      <HistoryList
        rows={history.rows}
        hasMore={history.hasMore}
        loadingMore={history.loadingMore}
        onLoadMore={history.loadMore}
        onCallBack={onCallBack}
      />
    </Stack>
  );
}
