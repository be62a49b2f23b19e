import { Button, Group, Menu, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconChevronUp } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorSetRequest, OperatorState } from '../../../../shared/model/operator.ts';
import { useAppState } from '../../app/app-state.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { formatDuration } from '../../lib/format.ts';
import { invoke } from '../../lib/ipc.ts';
import { chosenValue, reasonLabel, stateText } from './operator-labels.ts';
import { useNow } from '../../lib/use-now.ts';

const COLOR: Record<OperatorState, string> = {
  ready: 'green',
  'not-ready': 'orange',
  'on-call': 'blue',
  'wrap-up': 'grape',
  offline: 'gray',
};

/** F9 opens the menu from anywhere (also from inside a text field); the same key on every layout. */
export const OPERATOR_MENU_SHORTCUT = 'F9';

function requestOf(value: string): OperatorSetRequest {
  if (value.startsWith('not-ready:')) return { state: 'not-ready', reason: value.slice('not-ready:'.length) };
  return { state: value === 'offline' ? 'offline' : 'ready' };
}

/**
 * The operator's state in the status bar: colour, words and time in the state (a countdown during a
 * limited wrap-up), and a menu to choose Ready / Not ready with a reason / Offline. During a call
 * the choice applies when the call (and its wrap-up) ends; the bar says what follows.
 */
export function OperatorStateControl() {
  const { t } = useTranslation();
  const { status, settings, language } = useAppState();
  const operator = status.operator;
  const [opened, setOpened] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const now = useNow(operator.since !== undefined || operator.wrapupDeadline !== undefined);

  useHotkeys([[OPERATOR_MENU_SHORTCUT, () => setOpened((o) => !o)]], []);

  const current = stateText(t, settings.settings, language, operator);
  const next =
    operator.next && operator.next.state !== 'ready'
      ? t('operator.then', { state: stateText(t, settings.settings, language, operator.next) })
      : '';
  const timer =
    operator.wrapupDeadline !== undefined
      ? t('operator.left', { time: formatDuration(operator.wrapupDeadline - now) })
      : operator.since !== undefined
        ? formatDuration(now - operator.since)
        : '';
  const name = `${t('operator.control')}: ${current}${next ? `, ${next}` : ''}`;

  const choose = (value: string) => {
    setOpened(false);
    setError(null);
    invoke('operator:set', requestOf(value)).catch((failure: unknown) => setError(errorMessage(t, failure)));
  };
  const chosen = chosenValue(operator);

  const notReady = t('status.operator.not-ready');
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" c="dimmed" aria-hidden>
        {t('status.operator.label')}:
      </Text>
      <Menu opened={opened} onChange={setOpened} position="top-end" shadow="md" width={240}>
        <Menu.Target>
          <Button
            size="compact-sm"
            variant="light"
            color={COLOR[operator.state]}
            leftSection={
              <span
                aria-hidden
                style={{
                  width: 10,
                  height: 10,
                  borderRadius: 5,
                  background: `var(--mantine-color-${COLOR[operator.state]}-7)`,
                }}
              />
            }
            rightSection={<IconChevronUp size={14} aria-hidden />}
            aria-label={name}
            aria-keyshortcuts={OPERATOR_MENU_SHORTCUT}
            title={`${t('operator.menu')} (${OPERATOR_MENU_SHORTCUT})`}
            data-testid="operator-state"
            data-state={operator.state}
          >
            <span>{current}</span>
          </Button>
        </Menu.Target>
        {/* Beside the button, not in it: its accessible name must contain all of its visible text. The
            timer ticks every second, so it is hidden from the status bar's live region too. */}
        {timer && (
          <Text span size="xs" c="dimmed" aria-hidden data-testid="operator-timer">
            {timer}
          </Text>
        )}
        {next && (
          <Text span size="xs" c="dimmed" aria-hidden>
            → {next}
          </Text>
        )}
        {/* Named by its button (aria-labelledby): "Operator state: Ready". */}
        <Menu.Dropdown>
          {operator.state === 'wrap-up' && chosen && (
            <>
              <Menu.Item onClick={() => choose(chosen)} data-testid="operator-finish-wrapup">
                {t('operator.finishWrapup', {
                  state: stateText(t, settings.settings, language, requestOf(chosen)),
                })}
              </Menu.Item>
              <Menu.Divider />
            </>
          )}
          {operator.state === 'on-call' && <Menu.Label>{t('operator.afterCall')}</Menu.Label>}
          {/* Items choose on click (not on change): choosing the selected one still ends a wrap-up. */}
          <Menu.RadioGroup value={chosen}>
            <Menu.RadioItem value="ready" closeMenuOnClick onClick={() => choose('ready')}>
              {t('status.operator.ready')}
            </Menu.RadioItem>
            <Menu.Divider />
            <Menu.Label>{notReady}</Menu.Label>
            {settings.settings.operator.notReadyReasons.map((reason) => {
              const label = reasonLabel(t, settings.settings, language, reason.id);
              return (
                <Menu.RadioItem
                  key={reason.id}
                  value={`not-ready:${reason.id}`}
                  closeMenuOnClick
                  onClick={() => choose(`not-ready:${reason.id}`)}
                  aria-label={t('operator.withReason', { state: notReady, reason: label })}
                >
                  {label}
                </Menu.RadioItem>
              );
            })}
            <Menu.Divider />
            <Menu.RadioItem value="offline" closeMenuOnClick onClick={() => choose('offline')}>
              {t('status.operator.offline')}
            </Menu.RadioItem>
          </Menu.RadioGroup>
        </Menu.Dropdown>
      </Menu>
      {error && (
        <Text size="xs" c="red.8" role="alert" maw={260} truncate="end" title={error}>
          {error}
        </Text>
      )}
    </Group>
  );
}
