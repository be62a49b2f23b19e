import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconPhoneOutgoing } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallbackView } from '../../../../shared/model/follow-ups.ts';
import { useAppState } from '../../app/app-state.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { invoke, subscribe } from '../../lib/ipc.ts';
import { formatDateTime, useCallerName } from './WrapupPanel.tsx';

// Callbacks that are due: pushed by main's reminder (`callback:due`, the same moment as the OS
// notification) and, after a reload, listed from the table. Call dials the number; Done completes
// the callback. They stay until one of the two.

export function CallbackReminders() {
  const { t } = useTranslation();
  const { language } = useAppState();
  const nameOf = useCallerName();
  const [due, setDue] = useState<CallbackView[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const add = (list: CallbackView[], callback: CallbackView) =>
      [...list.filter((c) => c.id !== callback.id), callback].sort((a, b) => a.dueAt - b.dueAt);
    const unsubscribe = subscribe('callback:due', (callback) => setDue((list) => add(list, callback)));
    invoke('callbacks:list', { state: 'scheduled', dueBefore: Date.now() + 1 })
      .then(({ callbacks }) => setDue((list) => callbacks.reduce(add, list)))
      .catch(() => undefined);
    return unsubscribe;
  }, []);

  if (due.length === 0) return null;

  const act = (callback: CallbackView, action: 'call' | 'done') => async () => {
    setError(null);
    try {
      if (action === 'call') await invoke('call:dial', { target: callback.number });
      else {
        await invoke('callbacks:complete', { id: callback.id });
        setDue((list) => list.filter((c) => c.id !== callback.id));
      }
    } catch (failure) {
      setError(errorMessage(t, failure));
    }
  };

  return (
    <section aria-label={t('callbacks.label')} data-testid="callbacks-due">
      <Stack gap="xs" aria-live="polite">
        {due.map((callback) => {
          const who = nameOf({ number: callback.number, name: callback.name });
          return (
            <Alert key={callback.id} color="blue" variant="light" title={t('callbacks.title', { who })}>
              <Stack gap={6}>
                <Text size="sm">
                  {[
                    callback.name ? nameOf({ number: callback.number, name: null }) : null,
                    t('callbacks.dueAt', { time: formatDateTime(language, callback.dueAt) }),
                    callback.assignee === 'anyone' ? t('callbacks.forAnyone') : null,
                    callback.note || null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
                <Group gap="xs">
                  <Button
                    size="xs"
                    color="green"
                    leftSection={<IconPhoneOutgoing size={14} aria-hidden />}
                    aria-label={t('callbacks.call', { who })}
                    onClick={() => void act(callback, 'call')()}
                  >
                    {t('callbacks.callShort')}
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    aria-label={t('callbacks.done', { who })}
                    onClick={() => void act(callback, 'done')()}
                  >
                    {t('callbacks.doneShort')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          );
        })}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
      </Stack>
    </section>
  );
}
