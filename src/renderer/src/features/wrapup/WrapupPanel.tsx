import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WrapupSubmitted } from '../../../../shared/model/wrapup.ts';
import { localDueAt } from '../../../../shared/model/wrapup-check.ts';
import { shownNumber } from '../../../../shared/phone/mask-number.ts';
import { useAppState } from '../../app/app-state.tsx';
import { WrapupForm } from './WrapupForm.tsx';
import { useWrapupQueue, type PendingWrapup } from './use-wrapup-queue.ts';
import { dateTimeFormat } from '../../lib/intl-cache.ts';

// The wrap-up area of the workspace: the form for one call that needs a wrap-up, buttons for the
// others, and what the last submission created. The queue is first in, first out, so the form the
// operator is typing in stays put when another call ends meanwhile.

/** Who a wrap-up is for: the contact's name when the card knows it, else the network's, else the number. */
export function useCallerName() {
  const { settings, cards } = useAppState();
  const { defaultRegion } = settings.settings.phone;
  const mask = settings.settings.data.maskNumbers;
  return useCallback(
    (caller: { number: string; name: string | null }, callId?: string) =>
      (callId ? cards[callId]?.contact?.name : undefined) ??
      caller.name ??
      shownNumber(caller.number, { defaultRegion, mask }),
    [defaultRegion, mask, cards],
  );
}

/** How long the "submitted" confirmation stays: long enough to read, gone before the next wrap-up. */
const CONFIRMATION_MS = 8000;

export function WrapupPanel() {
  const { t } = useTranslation();
  const { language } = useAppState();
  const nameOf = useCallerName();
  const { items, remove } = useWrapupQueue();
  const [selected, setSelected] = useState<string | null>(null);
  const [done, setDone] = useState<{ result: WrapupSubmitted; who: string } | null>(null);
  const current: PendingWrapup | undefined = items.find((i) => i.callId === selected) ?? items[0];
  // Pinned once shown: drafts arriving later never swap the form under the operator's hands.
  if (current && selected === null) setSelected(current.callId);

  useEffect(() => {
    if (!done) return;
    const timer = setTimeout(() => setDone(null), CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [done]);

  const gone = useCallback(() => {
    if (current) remove(current.callId);
    setSelected(null);
  }, [current, remove]);

  if (!current && !done) return null;
  const others = items.filter((i) => i !== current);
  const typedCallback = done?.result.draft.callback;
  const dueAt = typedCallback ? localDueAt(typedCallback.date, typedCallback.time) : null;

  return (
    <section aria-label={t('wrapup.title')} data-testid="wrapup-panel">
      <Stack gap="sm">
        {done && (
          <Alert
            color="green"
            withCloseButton
            closeButtonLabel={t('wrapup.submitted')}
            onClose={() => setDone(null)}
            data-testid="wrapup-submitted"
          >
            <Text size="sm" role="status">
              {[
                t('wrapup.submitted'),
                done.result.requestId ? t('wrapup.submittedRequest') : null,
                done.result.callbackId && dueAt !== null
                  ? t('wrapup.submittedCallback', { time: formatDateTime(language, dueAt) })
                  : null,
              ]
                .filter(Boolean)
                .join(' ')}
            </Text>
          </Alert>
        )}
        {current && (
          <Paper withBorder p="md" radius="md">
            <Stack gap="sm">
              <Title order={2} size="h4">
                {t('wrapup.label', { who: nameOf(current.caller, current.callId) })}
              </Title>
              <WrapupForm
                key={current.callId}
                item={current}
                onAlreadySubmitted={gone}
                onSubmitted={(result) => {
                  setDone({ result, who: nameOf(current.caller, current.callId) });
                  remove(current.callId);
                  setSelected(null);
                }}
              />
            </Stack>
          </Paper>
        )}
        {others.length > 0 && (
          <nav aria-label={t('wrapup.others')}>
            <Group gap="xs">
              {others.map((item) => (
                <Button
                  key={item.callId}
                  variant="default"
                  size="xs"
                  onClick={() => setSelected(item.callId)}
                >
                  {t('wrapup.openOther', { who: nameOf(item.caller, item.callId) })}
                </Button>
              ))}
            </Group>
          </nav>
        )}
      </Stack>
    </section>
  );
}

/** A date and time as the operator reads them ("25 Nov 2026, 10:30" / "25 нояб. 2026 г., 10:30"). */
export function formatDateTime(language: string, at: number): string {
  return dateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}
