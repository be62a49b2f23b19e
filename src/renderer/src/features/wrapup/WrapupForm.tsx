import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Kbd,
  Loader,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../../../shared/ipc/errors.ts';
import { checkWrapup } from '../../../../shared/model/wrapup-check.ts';
import type { RequestFieldId, RequestFieldSetting } from '../../../../shared/model/wrapup-settings.ts';
import {
  CallbackDraftSchema,
  RequestDraftSchema,
  type CallbackDraft,
  type RequestDraft,
  type WrapupSubmitted,
} from '../../../../shared/model/wrapup.ts';
import { useAppState } from '../../app/app-state.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { invoke, IpcCallError } from '../../lib/ipc.ts';
import { useWrapupDraft, type SaveState } from './use-wrapup-draft.ts';
import type { PendingWrapup } from './use-wrapup-queue.ts';
import { dispositionDigit, isSubmitKey } from './wrapup-keys.ts';
import { GuardedTextarea } from '../guard/GuardedTextarea.tsx';
import { AttachedArticles } from '../knowledge/AttachedArticles.tsx';
import { ScriptFieldsSummary } from '../scripts/ScriptFieldsSummary.tsx';

// The after-call form: the call's result (required, with hotkeys), topic, notes, and optionally a
// request/order with the fields IT configured and a callback. Every change is a draft saved in
// main; Submit (Ctrl+Enter) checks it with the same rules main applies and files it.

const MULTILINE: ReadonlySet<RequestFieldId> = new Set(['address', 'comment']);

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function WrapupForm({
  item,
  onSubmitted,
  onAlreadySubmitted,
}: {
  item: PendingWrapup;
  onSubmitted: (result: WrapupSubmitted) => void;
  onAlreadySubmitted: () => void;
}) {
  const { t } = useTranslation();
  const { settings: view, language } = useAppState();
  const settings = view.settings.wrapup;
  const defaultRegion = view.settings.phone.defaultRegion;
  const { callId } = item;
  const { draft, latest, update, saveState, alreadySubmitted, cancelAutosave, saveNow } =
    useWrapupDraft(callId);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (alreadySubmitted) onAlreadySubmitted();
  }, [alreadySubmitted, onAlreadySubmitted]);

  const idOf = (path: string) => `wrapup-${callId}-${path.replace(/\./g, '-')}`;
  const err = (path: string) =>
    errors[path] ? t(`wrapup.error.${errors[path]}`, { defaultValue: t('errors.VALIDATION') }) : undefined;
  const clear = useCallback(
    (path: string) =>
      setErrors((current) => {
        if (!(path in current)) return current;
        const { [path]: _gone, ...rest } = current;
        return rest;
      }),
    [],
  );

  const chooseDisposition = useCallback(
    (code: string) => {
      update((d) => ({ ...d, disposition: code }));
      clear('disposition');
    },
    [update, clear],
  );
  const setRequest = (field: keyof RequestDraft, value: string | boolean) => {
    update((d) => ({ ...d, request: { ...(d.request ?? RequestDraftSchema.parse({})), [field]: value } }));
    clear(`request.${field}`);
  };
  const setCallback = (field: keyof CallbackDraft, value: string | boolean) => {
    update((d) => ({ ...d, callback: { ...(d.callback ?? CallbackDraftSchema.parse({})), [field]: value } }));
    clear(`callback.${field}`);
    if (field === 'date') clear('callback.time');
  };

  const showIssues = (issues: readonly FieldIssue[]) => {
    const byPath: Record<string, string> = {};
    for (const issue of issues) byPath[issue.path] ??= issue.message;
    const { call, ...fields } = byPath;
    setErrors(fields);
    setFormError(
      call ? t(`wrapup.error.${call}`, { defaultValue: t('errors.VALIDATION') }) : t('wrapup.fixFields'),
    );
    const first = Object.keys(fields)[0];
    if (first) document.getElementById(idOf(first))?.focus();
  };

  const submit = async () => {
    if (busy || !draft) return;
    const current = latest.current;
    setFormError(null);
    const checked = checkWrapup(current, { settings, defaultRegion, now: Date.now() });
    if (checked.issues.length > 0) {
      showIssues(checked.issues);
      return;
    }
    cancelAutosave();
    setBusy(true);
    try {
      const result = await invoke('wrapup:submit', { callId, draft: current });
      setErrors({});
      onSubmitted(result);
    } catch (failure) {
      saveNow();
      if (failure instanceof IpcCallError && failure.code === 'VALIDATION' && failure.issues.length > 0)
        showIssues(failure.issues);
      else setFormError(errorMessage(t, failure));
    } finally {
      setBusy(false);
    }
  };
  const submitRef = useRef(submit);
  useEffect(() => {
    submitRef.current = submit;
  });

  const loaded = draft !== null;
  useEffect(() => {
    if (!loaded) return;
    const onKey = (event: KeyboardEvent) => {
      if (isSubmitKey(event)) {
        event.preventDefault();
        void submitRef.current();
        return;
      }
      const digit = dispositionDigit(event);
      const disposition = digit === null ? undefined : settings.dispositions.find((d) => d.hotkey === digit);
      if (!disposition) return;
      event.preventDefault();
      chooseDisposition(disposition.code);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [loaded, settings.dispositions, chooseDisposition]);

  if (alreadySubmitted) return <Text role="status">{t('wrapup.alreadySubmitted')}</Text>;
  if (!draft)
    return (
      <Group gap="xs" role="status">
        <Loader size="xs" />
        <Text size="sm">{t('wrapup.loading')}</Text>
      </Group>
    );

  const request = draft.request;
  const callback = draft.callback;

  const requestField = ({ field, required }: RequestFieldSetting): ReactNode => {
    const common = {
      id: idOf(`request.${field}`),
      label: t(`wrapup.request.${field}`),
      required,
      error: err(`request.${field}`),
    };
    const value = request?.[field] ?? '';
    const onText = (e: { currentTarget: { value: string } }) => setRequest(field, e.currentTarget.value);
    if (field === 'type' && settings.requestTypes.length > 0)
      return (
        <Select
          key={field}
          {...common}
          data={settings.requestTypes.map((item) => ({ value: item.code, label: item.label[language] }))}
          value={value || null}
          onChange={(next) => setRequest('type', next ?? '')}
          placeholder={t('wrapup.request.typePlaceholder')}
          searchable
          clearable={!required}
        />
      );
    if (MULTILINE.has(field))
      return (
        <Textarea
          key={field}
          {...common}
          value={value}
          onChange={onText}
          rows={3}
          styles={{ input: { resize: 'vertical' } }}
        />
      );
    return (
      <TextInput
        key={field}
        {...common}
        value={value}
        onChange={onText}
        type={field === 'email' ? 'email' : field === 'contactPhone' ? 'tel' : 'text'}
        inputMode={field === 'quantity' ? 'numeric' : field === 'amount' ? 'decimal' : undefined}
        rightSection={
          field === 'amount' ? (
            <Text size="xs" c="dimmed">
              {settings.currency}
            </Text>
          ) : undefined
        }
        autoComplete="off"
      />
    );
  };

  return (
    <form
      noValidate
      aria-label={t('wrapup.title')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      data-testid="wrapup-form"
    >
      <Stack gap="md">
        <Radio.Group
          label={t('wrapup.disposition')}
          description={t('wrapup.hotkeyHint')}
          withAsterisk
          value={draft.disposition}
          onChange={chooseDisposition}
          error={err('disposition')}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} verticalSpacing={6} mt={6}>
            {settings.dispositions.map((d, index) => (
              <Radio
                key={d.code}
                value={d.code}
                id={index === 0 ? idOf('disposition') : undefined}
                aria-keyshortcuts={d.hotkey ? `Alt+${d.hotkey} ${d.hotkey}` : undefined}
                label={
                  <Group gap={6} wrap="nowrap" component="span">
                    {d.hotkey && <Kbd size="xs">{d.hotkey}</Kbd>}
                    <span>{d.label[language]}</span>
                  </Group>
                }
              />
            ))}
          </SimpleGrid>
        </Radio.Group>

        {settings.topics.length > 0 ? (
          <Select
            id={idOf('topic')}
            label={t('wrapup.topic')}
            data={settings.topics.map((item) => ({ value: item.code, label: item.label[language] }))}
            value={draft.topic || null}
            onChange={(next) => {
              update((d) => ({ ...d, topic: next ?? '' }));
              clear('topic');
            }}
            placeholder={t('wrapup.topicPlaceholder')}
            error={err('topic')}
            searchable
            clearable
          />
        ) : (
          <TextInput
            id={idOf('topic')}
            label={t('wrapup.topic')}
            value={draft.topic}
            maxLength={256}
            onChange={(e) => {
              const value = e.currentTarget.value;
              update((d) => ({ ...d, topic: value }));
            }}
          />
        )}

        <GuardedTextarea
          id={idOf('notes')}
          label={t('wrapup.notes')}
          value={draft.notes}
          onValueChange={(value) => update((d) => ({ ...d, notes: value }))}
          // Fixed rows, resizable by hand: autosize measures the box (getComputedStyle, a forced
          // layout) on every render, and this form re-renders with every call event while the next
          // call rings — it cost the answer tens of milliseconds.
          rows={5}
          styles={{ input: { resize: 'vertical' } }}
        />

        <AttachedArticles callId={callId} />

        <ScriptFieldsSummary callId={callId} />

        <Checkbox
          label={t('wrapup.createRequest')}
          checked={request?.enabled ?? false}
          aria-controls={idOf('request')}
          aria-expanded={request?.enabled ?? false}
          onChange={(e) => {
            const enabled = e.currentTarget.checked;
            update((d) => ({
              ...d,
              request: {
                ...(d.request ??
                  RequestDraftSchema.parse({
                    contactName: item.caller.name ?? '',
                    contactPhone: item.caller.number,
                  })),
                enabled,
              },
            }));
          }}
        />
        {request?.enabled && (
          <Fieldset legend={t('wrapup.requestLegend')} id={idOf('request')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {settings.requestFields.map(requestField)}
            </SimpleGrid>
          </Fieldset>
        )}

        <Checkbox
          label={t('wrapup.scheduleCallback')}
          checked={callback?.enabled ?? false}
          aria-controls={idOf('callback')}
          aria-expanded={callback?.enabled ?? false}
          onChange={(e) => {
            const enabled = e.currentTarget.checked;
            update((d) => ({
              ...d,
              callback: {
                ...(d.callback ?? CallbackDraftSchema.parse({ number: item.caller.number, date: today() })),
                enabled,
              },
            }));
          }}
        />
        {callback?.enabled && (
          <Fieldset legend={t('wrapup.callbackLegend')} id={idOf('callback')}>
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                <TextInput
                  id={idOf('callback.number')}
                  label={t('wrapup.callback.number')}
                  type="tel"
                  required
                  value={callback.number}
                  onChange={(e) => setCallback('number', e.currentTarget.value)}
                  error={err('callback.number')}
                />
                <TextInput
                  id={idOf('callback.date')}
                  label={t('wrapup.callback.date')}
                  type="date"
                  required
                  value={callback.date}
                  onChange={(e) => setCallback('date', e.currentTarget.value)}
                  error={err('callback.date')}
                />
                <TextInput
                  id={idOf('callback.time')}
                  label={t('wrapup.callback.time')}
                  type="time"
                  required
                  value={callback.time}
                  onChange={(e) => setCallback('time', e.currentTarget.value)}
                  error={err('callback.time')}
                />
              </SimpleGrid>
              <Radio.Group
                label={t('wrapup.callback.assignee')}
                value={callback.assignee}
                onChange={(value) => setCallback('assignee', value)}
              >
                <Group gap="md" mt={6}>
                  <Radio value="me" label={t('wrapup.callback.me')} />
                  <Radio value="anyone" label={t('wrapup.callback.anyone')} />
                </Group>
              </Radio.Group>
              <TextInput
                id={idOf('callback.note')}
                label={t('wrapup.callback.note')}
                value={callback.note}
                onChange={(e) => setCallback('note', e.currentTarget.value)}
              />
            </Stack>
          </Fieldset>
        )}

        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <Group gap="sm">
          <Button type="submit" loading={busy} aria-keyshortcuts="Control+Enter">
            {t('wrapup.submit')}
          </Button>
          <Kbd size="xs" aria-hidden>
            Ctrl+Enter
          </Kbd>
          <SaveNote state={saveState} />
        </Group>
      </Stack>
    </form>
  );
}

function SaveNote({ state }: { state: SaveState }) {
  const { t } = useTranslation();
  if (state === 'idle') return null;
  if (state === 'failed')
    return (
      <Text size="sm" c="orange.9" role="alert" data-testid="wrapup-save-state" data-state={state}>
        {t('wrapup.draftNotSaved')}
      </Text>
    );
  return (
    <Text size="sm" c="dimmed" data-testid="wrapup-save-state" data-state={state}>
      {state === 'saving' ? t('wrapup.draftSaving') : t('wrapup.draftSaved')}
    </Text>
  );
}
