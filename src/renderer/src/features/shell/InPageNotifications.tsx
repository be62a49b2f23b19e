import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InPageNotification } from '../../../../shared/ipc/contract.ts';
import { useAppState } from '../../app/app-state.tsx';
import { invoke, subscribe } from '../../lib/ipc.ts';

// Where the app has no OS notifications (the browser harness), main sends them here and the page
// shows them in a corner, buttons included. An incoming call's goes away when it stops ringing.

export function InPageNotifications() {
  const { t } = useTranslation();
  const { calls } = useAppState();
  const [shown, setShown] = useState<InPageNotification[]>([]);

  useEffect(
    () =>
      subscribe('notification:shown', (notification) =>
        setShown((list) => [...list.filter((n) => n.tag !== notification.tag), notification].slice(-3)),
      ),
    [],
  );

  const current = shown.filter((n) => {
    if (!n.tag.startsWith('call:')) return true;
    const call = calls.find((c) => c.id === n.tag.slice('call:'.length));
    return call?.state === 'ringing';
  });
  if (current.length === 0) return null;

  return (
    <Stack
      gap="xs"
      role="region"
      aria-label={t('notification.label')}
      style={{ position: 'fixed', right: 16, bottom: 48, zIndex: 300, width: 320 }}
    >
      {current.map((notification) => (
        <Paper
          key={notification.tag}
          withBorder
          shadow="md"
          p="sm"
          radius="md"
          data-testid="in-page-notification"
        >
          <Text fw={600} size="sm">
            {notification.title}
          </Text>
          <Text size="sm">{notification.body}</Text>
          {notification.actions && (
            <Group gap="xs" mt="xs">
              {notification.actions.map((action) => (
                <Button
                  key={action.id}
                  size="xs"
                  color={action.id === 'answer' ? 'green' : action.id === 'decline' ? 'red' : undefined}
                  variant={action.id === 'answer' ? 'filled' : 'light'}
                  onClick={() =>
                    void invoke('notification:act', {
                      tag: notification.tag,
                      actionId: action.id as 'answer' | 'decline',
                    }).catch(() => setShown((list) => list.filter((n) => n.tag !== notification.tag)))
                  }
                >
                  {action.label}
                </Button>
              ))}
            </Group>
          )}
        </Paper>
      ))}
    </Stack>
  );
}
