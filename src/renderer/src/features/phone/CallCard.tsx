import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import {
  IconMicrophone,
  IconMicrophoneOff,
  IconPhone,
  IconPhoneOff,
  IconPlayerPause,
  IconPlayerPlay,
  IconArrowForwardUp,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../../shared/model/call.ts';
import { useAppState } from '../../app/app-state.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { formatDuration } from '../../lib/format.ts';
import { invoke } from '../../lib/ipc.ts';
import { MicLevel } from '../../components/MicLevel.tsx';
import { shownNumber } from '../../../../shared/phone/mask-number.ts';
import { CallerCardPanel } from './CallerCardPanel.tsx';
import { CallQualityIndicator } from './CallQualityIndicator.tsx';
import { DialTargetInput } from './DialTargetInput.tsx';
import { useNow } from '../../lib/use-now.ts';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/** One call: who, its state and timer, and the controls that make sense in that state. */
export function CallCard({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const { calls, settings, cards } = useAppState();
  const card = cards[call.id];
  const region = settings.settings.phone.defaultRegion;
  // Masked numbers never appear on screen, not even before the card (which is masked by main) comes.
  const number =
    card?.numberDisplay ??
    shownNumber(call.remote.number, { defaultRegion: region, mask: settings.settings.data.maskNumbers });
  const [error, setError] = useState<string | null>(null);
  const [panel, setPanel] = useState<'none' | 'keypad' | 'transfer'>('none');
  const [transferTarget, setTransferTarget] = useState('');
  const now = useNow(call.state === 'active' || call.state === 'held');
  const talking = call.state === 'active' || call.state === 'held';
  const name = card?.contact?.name ?? call.remote.displayName ?? number;
  const company = card?.contact?.company;
  const consultation = calls.find(
    (c) => c.consultFor === call.id && (c.state === 'active' || c.state === 'held'),
  );

  const act = (fn: () => Promise<unknown>) => () => {
    setError(null);
    fn().catch((failure: unknown) => setError(errorMessage(t, failure)));
  };

  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      aria-label={`${t(`phone.state.${call.state}`)}: ${name}`}
      data-testid="call-card"
      data-state={call.state}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <div style={{ minWidth: 0 }}>
            {call.state === 'ringing' && (
              <Text size="sm" c="dimmed">
                {t('phone.incoming')}
              </Text>
            )}
            <Title order={3} size="h4" style={{ overflowWrap: 'anywhere' }}>
              {name}
            </Title>
            {(name !== number || company) && (
              <Text size="sm" c="dimmed">
                {[company, name !== number ? number : null].filter(Boolean).join(' · ')}
              </Text>
            )}
          </div>
          <Group gap="xs" wrap="nowrap">
            <Badge
              variant="light"
              color={call.state === 'held' ? 'orange' : call.state === 'active' ? 'green' : 'blue'}
            >
              {t(`phone.state.${call.state}`)}
            </Badge>
            {talking && call.answeredAt && (
              <Text size="sm" ff="monospace" aria-label={t('phone.duration')}>
                {formatDuration(now - call.answeredAt)}
              </Text>
            )}
            {talking && call.quality && <CallQualityIndicator quality={call.quality} />}
          </Group>
        </Group>

        <CallerCardPanel call={call} card={card} />
        {call.state === 'active' && !call.muted && <MicLevel label={t('settings.audio.level')} compact />}
        {call.transfer?.state === 'failed' && <Alert color="orange">{t('phone.transferFailed')}</Alert>}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}

        <Group gap="xs">
          {call.state === 'ringing' && (
            <>
              <Button
                color="green"
                leftSection={<IconPhone size={16} aria-hidden />}
                onClick={act(() => invoke('call:answer', { callId: call.id }))}
              >
                {t('phone.answer')}
              </Button>
              <Button
                color="red"
                variant="light"
                leftSection={<IconPhoneOff size={16} aria-hidden />}
                onClick={act(() => invoke('call:decline', { callId: call.id }))}
              >
                {t('phone.decline')}
              </Button>
            </>
          )}
          {talking && (
            <>
              <Button
                variant="default"
                leftSection={
                  call.state === 'held' ? (
                    <IconPlayerPlay size={16} aria-hidden />
                  ) : (
                    <IconPlayerPause size={16} aria-hidden />
                  )
                }
                onClick={act(() => invoke('call:hold', { callId: call.id, hold: call.state !== 'held' }))}
              >
                {call.state === 'held' ? t('phone.resume') : t('phone.hold')}
              </Button>
              <Button
                variant={call.muted ? 'filled' : 'default'}
                color={call.muted ? 'orange' : undefined}
                aria-pressed={call.muted}
                leftSection={
                  call.muted ? (
                    <IconMicrophoneOff size={16} aria-hidden />
                  ) : (
                    <IconMicrophone size={16} aria-hidden />
                  )
                }
                onClick={act(() => invoke('call:mute', { callId: call.id, muted: !call.muted }))}
              >
                {call.muted ? t('phone.unmute') : t('phone.mute')}
              </Button>
              <Button
                variant={panel === 'keypad' ? 'light' : 'default'}
                aria-expanded={panel === 'keypad'}
                onClick={() => setPanel(panel === 'keypad' ? 'none' : 'keypad')}
              >
                {t('phone.keypad')}
              </Button>
              <Button
                variant={panel === 'transfer' ? 'light' : 'default'}
                aria-expanded={panel === 'transfer'}
                leftSection={<IconArrowForwardUp size={16} aria-hidden />}
                onClick={() => setPanel(panel === 'transfer' ? 'none' : 'transfer')}
              >
                {t('phone.transfer')}
              </Button>
              {consultation && (
                <Button
                  color="teal"
                  onClick={act(() =>
                    invoke('call:attendedTransfer', { callId: call.id, consultCallId: consultation.id }),
                  )}
                >
                  {t('phone.completeTransfer')}
                </Button>
              )}
            </>
          )}
          {call.state !== 'ringing' && (
            <Button
              color="red"
              leftSection={<IconPhoneOff size={16} aria-hidden />}
              onClick={act(() => invoke('call:hangup', { callId: call.id }))}
            >
              {call.state === 'dialing' || call.state === 'ringback' ? t('phone.cancel') : t('phone.hangup')}
            </Button>
          )}
        </Group>

        {panel === 'keypad' && talking && (
          <Group gap={6} role="group" aria-label={t('phone.keypadLabel')} maw={220}>
            {KEYS.map((key) => (
              <Button
                key={key}
                variant="default"
                w={64}
                onClick={act(() => invoke('call:dtmf', { callId: call.id, tones: key }))}
              >
                {key}
              </Button>
            ))}
          </Group>
        )}

        {panel === 'transfer' && talking && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              act(() => invoke('call:transfer', { callId: call.id, target: transferTarget }))();
            }}
          >
            <Group align="flex-end" gap="xs">
              <DialTargetInput
                label={t('phone.transferTarget')}
                value={transferTarget}
                onChange={setTransferTarget}
                onPick={(picked) => {
                  // A masked history number cannot be a transfer target: only what can be shown.
                  if (picked.target.kind === 'number') setTransferTarget(picked.target.number);
                }}
                testId="transfer-target"
              />
              <Button type="submit" disabled={!transferTarget}>
                {t('phone.transferBlind')}
              </Button>
              <Button
                variant="default"
                disabled={!transferTarget}
                onClick={act(() => invoke('call:dial', { target: transferTarget, consultFor: call.id }))}
              >
                {t('phone.transferConsult')}
              </Button>
            </Group>
          </form>
        )}
      </Stack>
    </Paper>
  );
}

export function EndedCallNote({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const { cards, settings } = useAppState();
  const card = cards[call.id];
  const region = settings.settings.phone.defaultRegion;
  const name =
    card?.contact?.name ??
    call.remote.displayName ??
    card?.numberDisplay ??
    shownNumber(call.remote.number, { defaultRegion: region, mask: settings.settings.data.maskNumbers });
  return (
    <Text size="sm" c="dimmed" data-testid="ended-call" data-reason={call.end?.reason}>
      {name}: {call.end ? t(`phone.end.${call.end.reason}`) : t('phone.state.ended')}
      {call.end?.statusCode ? ` (${call.end.statusCode})` : ''}
    </Text>
  );
}
