import {
  Alert,
  Badge,
  Button,
  Group,
  Kbd,
  Loader,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconArrowBackUp, IconRefresh } from '@tabler/icons-react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  answerIdOf,
  type ScriptDocument,
  type ScriptField,
  type ScriptStep,
} from '../../../../shared/scripts/format.ts';
import type { ScriptFieldValue, ScriptForCall, ScriptSummary } from '../../../../shared/scripts/run.ts';
import { scriptTextParts, type VariableValues } from '../../../../shared/scripts/variables.ts';
import { useAppState } from '../../app/app-state.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { invoke, IpcCallError } from '../../lib/ipc.ts';
import { answerDigit, scriptTakesKey } from './script-keys.ts';
import { useScriptCall, useScriptRun, type ScriptAction } from './use-script-run.ts';

// The side panel's Script tab: the script of the call in progress (chosen by main when the call
// started), one step at a time — the text to say with the names filled in, advice for the operator,
// the step's fields, the caller's possible answers (digits 1–9, or Tab and Enter), the path so far,
// Back and Start over, and a menu to switch to another script. Every change goes to main at once;
// fields are saved as typed (a short pause), and before an answer is sent.

const FIELD_SAVE_DELAY_MS = 400;

/** The values the step texts' variables take for this call. */
export function useVariableValues(callId: string | null): VariableValues {
  const { settings, cards } = useAppState();
  const { scripts, account } = settings.settings;
  const callerName = callId ? (cards[callId]?.contact?.name ?? null) : null;
  return useMemo(
    () => ({
      operatorName: scripts.operatorName || account.displayName || null,
      companyName: scripts.companyName || null,
      callerName,
    }),
    [scripts.operatorName, scripts.companyName, account.displayName, callerName],
  );
}

/** A text with its variables filled; values the call does not have are marked (not to be read out). */
export function ScriptText({
  text,
  script,
  values,
}: {
  text: string;
  script: ScriptDocument;
  values: VariableValues;
}) {
  const parts = scriptTextParts(text, { language: script.language, values, at: new Date() });
  return (
    <>
      {parts.map((part, index) =>
        part.variable ? (
          <span
            key={index}
            data-variable={part.variable}
            data-missing={part.missing ? 'true' : undefined}
            style={
              part.missing
                ? { fontStyle: 'italic', color: 'var(--mantine-color-dimmed)' }
                : { fontWeight: 600 }
            }
          >
            {part.text}
          </span>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  );
}

function stepTitle(script: ScriptDocument | null, stepId: string): string {
  return script?.steps.find((s) => s.id === stepId)?.title ?? stepId;
}

export function ScriptPanel() {
  const { t } = useTranslation();
  const { callId, inProgress } = useScriptCall();
  const { view, loading, act, reload } = useScriptRun(callId);
  const values = useVariableValues(callId);
  const [scripts, setScripts] = useState<ScriptSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const panelRef = useRef<HTMLElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusStep = useRef(false);
  const pendingFields = useRef(
    new Map<string, { timer: ReturnType<typeof setTimeout>; value: ScriptFieldValue }>(),
  );

  useEffect(() => {
    let alive = true;
    invoke('scripts:list', {})
      .then((list) => alive && setScripts(list.scripts))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, []);

  const script = view?.script ?? null;
  const run = view?.run ?? null;
  const locked = view?.locked ?? false;
  const step: ScriptStep | undefined =
    script && run?.currentStepId ? script.steps.find((s) => s.id === run.currentStepId) : undefined;

  // After an answer (or Back), the new step's heading takes the focus: a screen reader reads it,
  // and the digits keep working for the next answer.
  useEffect(() => {
    if (!focusStep.current) return;
    focusStep.current = false;
    headingRef.current?.focus();
  }, [run?.currentStepId, run?.path.length]);

  const fail = useCallback(
    (failure: unknown) => {
      if (failure instanceof IpcCallError && failure.code === 'VALIDATION' && failure.issues.length > 0) {
        const code = failure.issues[0]!.message;
        setError(t(`scripts.error.${code}`, { defaultValue: t('errors.VALIDATION') }));
        const byField: Record<string, string> = {};
        for (const issue of failure.issues)
          if (issue.path.startsWith('fields.'))
            byField[issue.path.slice(7)] =
              issue.message === 'required' ? t('scripts.required') : t(`scripts.error.${issue.message}`);
        setFieldErrors(byField);
        if (code === 'not-current') void reload().catch(() => undefined);
      } else setError(errorMessage(t, failure));
    },
    [t, reload],
  );

  const send = useCallback(
    async (action: ScriptAction) => {
      try {
        const next: ScriptForCall = await act(action);
        setError(null);
        return next;
      } catch (failure) {
        fail(failure);
        return null;
      }
    },
    [act, fail],
  );

  /** Sends the fields typed but not yet saved (before an answer, which may need them). */
  const flushFields = useCallback(async () => {
    const waiting = [...pendingFields.current.entries()];
    pendingFields.current.clear();
    for (const [, { timer }] of waiting) clearTimeout(timer);
    for (const [fieldId, { value }] of waiting) await send({ kind: 'field', fieldId, value });
  }, [send]);

  useEffect(() => {
    const pending = pendingFields.current;
    return () => {
      // Leaving the call (or the tab): what was typed is still saved.
      for (const [fieldId, { timer, value }] of pending) {
        clearTimeout(timer);
        if (callId) void invoke('scripts:setField', { callId, fieldId, value }).catch(() => undefined);
      }
      pending.clear();
    };
  }, [callId]);

  const setField = useCallback(
    (fieldId: string, value: ScriptFieldValue, delay = FIELD_SAVE_DELAY_MS) => {
      setFieldErrors(({ [fieldId]: _gone, ...rest }) => rest);
      const previous = pendingFields.current.get(fieldId);
      if (previous) clearTimeout(previous.timer);
      const timer = setTimeout(() => {
        pendingFields.current.delete(fieldId);
        void send({ kind: 'field', fieldId, value });
      }, delay);
      pendingFields.current.set(fieldId, { timer, value });
    },
    [send],
  );

  const choose = useCallback(
    async (index: number) => {
      if (!step || locked || busy) return;
      const answer = step.answers[index];
      if (!answer) return;
      setBusy(true);
      try {
        await flushFields();
        focusStep.current = true;
        const next = await send({ kind: 'step', stepId: step.id, answer: answerIdOf(answer, index) });
        if (next) setFieldErrors({});
        else focusStep.current = false;
      } finally {
        setBusy(false);
      }
    },
    [step, locked, busy, flushFields, send],
  );

  // The digits read the panel as it is on screen: updated at commit (a layout effect), so a key
  // pressed the moment a new step appears answers that step — never the one before it.
  const keys = useRef({ step, locked, inProgress, choose });
  useLayoutEffect(() => {
    keys.current = { step, locked, inProgress, choose };
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const { step: shown, locked: frozen, inProgress: live, choose: pick } = keys.current;
      if (!shown || frozen) return;
      const digit = answerDigit(event);
      if (digit === null || digit > shown.answers.length) return;
      if (!scriptTakesKey(event, { panel: panelRef.current, callInProgress: live })) return;
      event.preventDefault();
      // Capture phase: the wrap-up form's digits (on the document, bubbling) never see this one.
      event.stopPropagation();
      void pick(digit - 1);
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, []);

  if (!callId)
    return (
      <Text c="dimmed" size="sm">
        {t('side.scriptEmpty')}
      </Text>
    );

  const answersId = `script-answers-${callId}`;

  return (
    <section ref={panelRef} aria-label={t('scripts.label')} data-testid="script-panel">
      <Stack gap="sm">
        <NativeSelect
          size="xs"
          label={t('scripts.choose')}
          description={t('scripts.chooseHint')}
          value={run?.scriptId ?? ''}
          disabled={locked || busy || (!run && !inProgress)}
          onChange={(event) => {
            const scriptId = event.currentTarget.value;
            if (scriptId && scriptId !== run?.scriptId) {
              focusStep.current = true;
              void send({ kind: 'restart', scriptId });
            }
          }}
          data={[
            ...(run ? [] : [{ value: '', label: '—' }]),
            ...scripts.map((s) => ({
              value: s.id,
              label: `${s.title} (${s.language.toUpperCase()}, ${t(`scripts.source.${s.source}`)})`,
            })),
          ]}
        />

        {loading && !view && (
          <Group gap="xs" role="status">
            <Loader size="xs" />
            <Text size="sm">{t('scripts.loading')}</Text>
          </Group>
        )}
        {view && !run && (
          <Text c="dimmed" size="sm" data-testid="script-none">
            {t('scripts.none')}
          </Text>
        )}
        {run && !script && (
          <Text c="dimmed" size="sm">
            {t('scripts.gone')}
          </Text>
        )}

        {run && script && (
          <>
            <Group gap={6} justify="space-between" wrap="nowrap">
              <Text fw={600} size="sm" data-testid="script-title">
                {script.title}
              </Text>
              <Badge size="xs" variant="light">
                {script.language.toUpperCase()}
              </Badge>
            </Group>
            <nav aria-label={t('scripts.path')} data-testid="script-path">
              <ol
                style={{
                  display: 'flex',
                  flexWrap: 'wrap',
                  gap: 4,
                  listStyle: 'none',
                  margin: 0,
                  padding: 0,
                }}
              >
                {run.path.map((entry, index) => (
                  <li key={`${index}-${entry.stepId}`}>
                    <Text span size="xs" c="dimmed">
                      {stepTitle(script, entry.stepId)} ›
                    </Text>
                  </li>
                ))}
                {run.currentStepId && (
                  <li aria-current="step">
                    <Text span size="xs" fw={600}>
                      {stepTitle(script, run.currentStepId)}
                    </Text>
                  </li>
                )}
              </ol>
            </nav>

            {locked && (
              <Text size="sm" c="dimmed" role="status">
                {t('scripts.locked')}
              </Text>
            )}
            {!locked && !inProgress && (
              <Text size="xs" c="dimmed">
                {t('scripts.afterCall')}
              </Text>
            )}

            {step ? (
              <Stack gap="sm" data-testid="script-step" data-step={step.id}>
                <Title
                  order={3}
                  size="h5"
                  ref={headingRef}
                  tabIndex={-1}
                  aria-label={t('scripts.step', { title: step.title })}
                  style={{ outline: 'none' }}
                >
                  <ScriptText text={step.title} script={script} values={values} />
                </Title>
                <Text size="md" data-testid="script-text" style={{ whiteSpace: 'pre-wrap' }}>
                  <ScriptText text={step.text} script={script} values={values} />
                </Text>
                {step.hint && (
                  <Text size="xs" c="dimmed">
                    <Text span size="xs" fw={600}>
                      {t('scripts.hint')}:{' '}
                    </Text>
                    <ScriptText text={step.hint} script={script} values={values} />
                  </Text>
                )}
                {step.fields.length > 0 && (
                  <Stack gap="xs" role="group" aria-label={t('scripts.fields')}>
                    {step.fields.map((field) => (
                      <ScriptFieldInput
                        key={`${run.seq}-${field.id}`}
                        callId={callId}
                        field={field}
                        script={script}
                        values={values}
                        stored={run.fields[field.id] ?? null}
                        disabled={locked}
                        error={fieldErrors[field.id]}
                        onChange={setField}
                      />
                    ))}
                  </Stack>
                )}
                {step.answers.length > 0 && (
                  <div role="group" aria-labelledby={answersId}>
                    <Text id={answersId} size="xs" c="dimmed" mb={4}>
                      {t('scripts.answers')} · {t('scripts.answerKeys', { count: step.answers.length })}
                    </Text>
                    <Stack gap={6}>
                      {step.answers.map((answer, index) => (
                        <Button
                          key={answerIdOf(answer, index)}
                          variant="light"
                          justify="flex-start"
                          fullWidth
                          disabled={locked}
                          loading={busy}
                          aria-keyshortcuts={String(index + 1)}
                          leftSection={<Kbd size="xs">{index + 1}</Kbd>}
                          onClick={() => void choose(index)}
                          data-testid="script-answer"
                          styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
                        >
                          <ScriptText text={answer.label} script={script} values={values} />
                        </Button>
                      ))}
                    </Stack>
                  </div>
                )}
              </Stack>
            ) : (
              run.currentStepId === null && (
                <Text size="sm" role="status" data-testid="script-finished">
                  {t('scripts.finished')}
                </Text>
              )
            )}

            {error && (
              <Alert color="red" role="alert" p="xs">
                {error}
              </Alert>
            )}

            <Group gap="xs">
              <Button
                size="xs"
                variant="default"
                leftSection={<IconArrowBackUp size={14} aria-hidden />}
                disabled={locked || busy || run.path.length === 0}
                aria-label={t('scripts.backLabel')}
                onClick={() => {
                  focusStep.current = true;
                  void send({ kind: 'back' });
                }}
              >
                {t('scripts.back')}
              </Button>
              <Button
                size="xs"
                variant="subtle"
                leftSection={<IconRefresh size={14} aria-hidden />}
                disabled={locked || busy}
                aria-label={t('scripts.restartLabel')}
                onClick={() => {
                  focusStep.current = true;
                  void send({ kind: 'restart' });
                }}
              >
                {t('scripts.restart')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </section>
  );
}

function ScriptFieldInput({
  callId,
  field,
  script,
  values,
  stored,
  disabled,
  error,
  onChange,
}: {
  callId: string;
  field: ScriptField;
  script: ScriptDocument;
  values: VariableValues;
  stored: ScriptFieldValue;
  disabled: boolean;
  error: string | undefined;
  onChange: (fieldId: string, value: ScriptFieldValue, delay?: number) => void;
}) {
  const { t } = useTranslation();
  // What is typed stays as typed («1 250,5» in a number field) while main keeps the parsed value.
  const [text, setText] = useState(stored === null ? '' : String(stored));
  const [invalid, setInvalid] = useState(false);
  const id = `script-${callId}-field-${field.id}`;
  const label = <ScriptText text={field.label} script={script} values={values} />;

  if (field.type === 'choice')
    return (
      <NativeSelect
        id={id}
        label={label}
        required={field.required}
        disabled={disabled}
        error={error}
        value={text}
        onChange={(event) => {
          const value = event.currentTarget.value;
          setText(value);
          onChange(field.id, value === '' ? null : value, 0);
        }}
        data={[{ value: '', label: t('scripts.choicePlaceholder') }, ...(field.options ?? [])]}
      />
    );

  return (
    <TextInput
      id={id}
      label={label}
      required={field.required}
      disabled={disabled}
      value={text}
      inputMode={field.type === 'number' ? 'decimal' : undefined}
      autoComplete="off"
      error={invalid ? t('scripts.numberInvalid') : error}
      onChange={(event) => {
        const value = event.currentTarget.value;
        setText(value);
        if (field.type !== 'number') {
          onChange(field.id, value);
          return;
        }
        const trimmed = value.replace(/\s/g, '').replace(',', '.');
        const parsed = trimmed === '' ? null : Number(trimmed);
        const bad = parsed !== null && !Number.isFinite(parsed);
        setInvalid(bad);
        if (!bad) onChange(field.id, parsed);
      }}
    />
  );
}
