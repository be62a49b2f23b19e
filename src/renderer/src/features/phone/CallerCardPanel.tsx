import { Alert, Badge, Button, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowDownLeft, IconArrowUpRight } from '@tabler/icons-react';
import { useLayoutEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../../shared/model/call.ts';
import { CARD_COUNT_CAP, type CallerCard, type CardCall } from '../../../../shared/model/caller-card.ts';
import { useAppState } from '../../app/app-state.tsx';
import { useDispositionLabel } from '../wrapup/use-disposition-label.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatDuration } from '../../lib/format.ts';
import { invoke } from '../../lib/ipc.ts';
import { dateTimeFormat } from '../../lib/intl-cache.ts';

// What the operator knows about the other party, under the call's name while it rings and during
// the call: the queue called, contact notes and tags, open requests and callbacks, the last calls.
// An unknown number asks the operator to find out how to address the caller and keeps the name.

const dateTime = (language: string, at: number) =>
  dateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' }).format(at);

/** Marks the moment the card is on screen: the screen-pop benchmark reads it from the page. */
function usePaintedMark(callId: string, ready: boolean): void {
  useLayoutEffect(() => {
    if (!ready) return;
    const frame = requestAnimationFrame(() => performance.mark(`hotline:card-painted:${callId}`));
    return () => cancelAnimationFrame(frame);
  }, [callId, ready]);
}

export function CallerCardPanel({ call, card }: { call: CallView; card: CallerCard | undefined }) {
  const { t } = useTranslation();
  const { language } = useAppState();
  usePaintedMark(call.id, card !== undefined);
  if (!card) return null;
  return (
    <Stack gap={6} aria-label={t('card.label')} data-testid="caller-card" data-call-id={call.id}>
      <Group gap="xs">
        {card.calledNumber && (
          <Badge variant="outline" color="gray">
            {t('card.calledVia', { number: card.calledNumber })}
          </Badge>
        )}
        {card.contact?.tags.map((tag) => (
          <Badge key={tag} variant="light" color="grape" aria-label={`${t('card.tags')}: ${tag}`}>
            {tag}
          </Badge>
        ))}
        <Text size="sm" c="dimmed">
          {card.previousCallCount === 0
            ? t('card.firstCall')
            : card.previousCallCount >= CARD_COUNT_CAP
              ? t('card.previousCallsCapped', { count: CARD_COUNT_CAP })
              : t('card.previousCalls', { count: card.previousCallCount })}
        </Text>
      </Group>
      {!card.contact && card.e164 && <NameUnknownCaller call={call} card={card} />}
      {card.contact?.notes && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} aria-label={t('card.notes')}>
          {card.contact.notes}
        </Text>
      )}
      {card.openRequests.length > 0 && (
        <div>
          <Text size="sm" fw={600}>
            {t('card.openRequests')}
          </Text>
          <List size="sm" spacing={2}>
            {card.openRequests.map((request) => (
              <List.Item key={request.id}>
                {request.summary} · {dateTime(language, request.createdAt)}
              </List.Item>
            ))}
          </List>
        </div>
      )}
      {card.callbacks.length > 0 && (
        <div>
          <Text size="sm" fw={600}>
            {t('card.callbacks')}
          </Text>
          <List size="sm" spacing={2}>
            {card.callbacks.map((callback) => (
              <List.Item key={callback.id}>
                {t('card.callbackDue', { when: dateTime(language, callback.dueAt) })}
                {callback.note ? ` — ${callback.note}` : ''}
              </List.Item>
            ))}
          </List>
        </div>
      )}
      {card.recentCalls.length > 0 && (
        <section aria-label={t('card.recentLabel')}>
          <Stack gap={2}>
            {card.recentCalls.map((previous) => (
              <RecentCall key={previous.id} call={previous} />
            ))}
          </Stack>
        </section>
      )}
    </Stack>
  );
}

function RecentCall({ call }: { call: CardCall }) {
  const { t } = useTranslation();
  const { language } = useAppState();
  const dispositionLabel = useDispositionLabel();
  const Icon = call.direction === 'inbound' ? IconArrowDownLeft : IconArrowUpRight;
  const outcome = call.outcome ? t(`card.outcome.${call.outcome}`, { defaultValue: call.outcome }) : '';
  return (
    <Group gap={6} wrap="nowrap" align="flex-start" data-testid="card-recent-call">
      <Icon size={14} aria-label={t(call.direction === 'inbound' ? 'card.inbound' : 'card.outbound')} />
      <Text size="sm" style={{ minWidth: 0 }}>
        <Text span c="dimmed">
          {dateTime(language, call.at)}
        </Text>{' '}
        {outcome}
        {call.talkMs ? ` ${formatDuration(call.talkMs)}` : ''}
        {' · '}
        {call.disposition ? dispositionLabel(call.disposition) : t('card.noWrapup')}
        {call.topic ? ` · ${call.topic}` : ''}
        {call.notes && (
          <Text span c="dimmed" size="sm">
            {' '}
            — {call.notes}
          </Text>
        )}
      </Text>
    </Group>
  );
}

function NameUnknownCaller({ call, card }: { call: CallView; card: CallerCard }) {
  const { t } = useTranslation();
  const { refreshCard } = useAppState();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await invoke('contacts:createForNumber', { number: card.e164!, name: name.trim() });
      await refreshCard(call.id);
    } catch (failure) {
      setError(errorMessage(t, failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Alert color="yellow" title={t('card.unknownTitle')} data-testid="unknown-caller">
      <Stack gap="xs">
        <Text size="sm">{t('card.unknownHint')}</Text>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (name.trim()) void save();
          }}
        >
          <Group gap="xs" align="flex-end">
            <TextInput
              label={t('card.nameLabel')}
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              maxLength={200}
              style={{ flex: 1 }}
              error={error}
            />
            <Button type="submit" loading={busy} disabled={!name.trim()}>
              {t('card.saveName')}
            </Button>
          </Group>
        </form>
      </Stack>
    </Alert>
  );
}
