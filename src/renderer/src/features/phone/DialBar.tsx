import { Button, Group } from '@mantine/core';
import { IconPhoneOutgoing } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { parseDialTarget } from '../../../../shared/phone/dial-target.ts';
import { useAppState } from '../../app/app-state.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { IpcCallError, invoke } from '../../lib/ipc.ts';
import { DialTargetInput } from './DialTargetInput.tsx';
import type { DialSuggestion } from './use-dial-suggestions.ts';

/** Text put in the dial field from outside (a telephone link); a new `seq` puts it there again. */
export interface DialPrefill {
  text: string;
  seq: number;
}

/**
 * Type a number (or part of a name), press Enter. Invalid numbers are refused here, before anything is
 * dialed; a contact or recent number chosen from the list is called at once.
 */
export function DialBar({
  inputRef,
  prefill,
  onPrefillTaken,
}: {
  inputRef?: RefObject<HTMLInputElement | null>;
  prefill?: DialPrefill;
  /** The prefill is in the field: the owner can forget it (a later visit must not bring it back). */
  onPrefillTaken?: () => void;
}) {
  const { t } = useTranslation();
  const { settings, status } = useAppState();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  // A new prefill replaces what is in the field (adjusted while rendering, as React recommends).
  const [takenSeq, setTakenSeq] = useState<number>();
  if (prefill && prefill.seq !== takenSeq) {
    setTakenSeq(prefill.seq);
    setValue(prefill.text);
    setError(null);
  }
  // The operator checks the number and presses Enter; the cursor waits in the field.
  useEffect(() => {
    if (!prefill) return;
    requestAnimationFrame(() => inputRef?.current?.focus());
    onPrefillTaken?.();
  }, [prefill, inputRef, onPrefillTaken]);
  const [busy, setBusy] = useState(false);
  const registered = status.registration.state === 'registered';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseDialTarget(value, { defaultRegion: settings.settings.phone.defaultRegion });
    if (!parsed.ok) {
      setError(t(`phone.dialError.${parsed.error}`));
      return;
    }
    setBusy(true);
    try {
      await invoke('call:dial', { target: value });
      setValue('');
      setError(null);
    } catch (failure) {
      const field =
        failure instanceof IpcCallError ? failure.issues.find((i) => i.path === 'target') : undefined;
      setError(
        field
          ? t(`phone.dialError.${field.message}`, { defaultValue: errorMessage(t, failure) })
          : errorMessage(t, failure),
      );
    } finally {
      setBusy(false);
    }
  };

  /** A contact or a recent number chosen from the list: called at once. */
  const dialPicked = async (picked: DialSuggestion) => {
    setBusy(true);
    try {
      if (picked.target.kind === 'number') await invoke('call:dial', { target: picked.target.number });
      else await invoke('calllog:callBack', { callId: picked.target.callId });
      setValue('');
      setError(null);
    } catch (failure) {
      setError(errorMessage(t, failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t('phone.dialLabel')}>
      <Group align="flex-start" gap="xs" wrap="nowrap">
        <DialTargetInput
          inputRef={inputRef}
          label={t('phone.dialLabel')}
          placeholder={t('phone.dialPlaceholder')}
          value={value}
          onChange={(next) => {
            setValue(next);
            setError(null);
          }}
          onPick={(picked) => void dialPicked(picked)}
          error={error}
          testId="dial-input"
        />
        <Button
          type="submit"
          mt={25}
          loading={busy}
          disabled={!registered}
          leftSection={<IconPhoneOutgoing size={16} aria-hidden />}
        >
          {t('phone.call')}
        </Button>
      </Group>
    </form>
  );
}
