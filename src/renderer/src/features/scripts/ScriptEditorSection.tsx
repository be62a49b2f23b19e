import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScriptSummary } from '../../../../shared/scripts/run.ts';
import {
  SCRIPT_LANGUAGES,
  SCRIPT_VARIABLES,
  ScriptDocumentSchema,
  type ScriptDocument,
  type ScriptLanguage,
} from '../../../../shared/scripts/format.ts';
import { checkScript, type ScriptProblem } from '../../../../shared/scripts/validate.ts';
import { scriptTextParts } from '../../../../shared/scripts/variables.ts';
import { useAppState } from '../../app/app-state.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { invoke, IpcCallError } from '../../lib/ipc.ts';
import { GuardedTextarea } from '../guard/GuardedTextarea.tsx';
import { Section } from '../settings/section-parts.tsx';
import {
  blankDraft,
  controlIdOf,
  documentOf,
  draftOf,
  duplicateDraft,
  fieldNameOf,
  parseRules,
  pathPrefixes,
  stepIndexOf,
  type DraftStep,
  type ScriptDraft,
} from './script-draft.ts';

// Settings › Call scripts: the list of scripts (built-in and IT's read-only: duplicate to edit),
// import and export of the versioned JSON, and an editor whose every keystroke runs the shared
// validator (problems listed with their step and field, marked on their step) and the phrase guard
// (lint markers under each step text). Saving is an import of the edited JSON through the same
// validated path main uses for files, so nothing invalid is ever stored.

/** A validator problem, or one from a refused import (whose kind may also be `read-only`). */
type Problem = Omit<ScriptProblem, 'kind' | 'line' | 'column'> & { kind: string };

/** Problems from a refused import (FieldIssue: message = kind, params.detail/stepId/line/column). */
function problemsOfError(failure: unknown): Problem[] {
  if (!(failure instanceof IpcCallError) || failure.code !== 'VALIDATION') return [];
  return failure.issues.map((issue) => {
    const params = issue.params ?? {};
    const line = params.line ? ` (${params.line}:${params.column ?? ''})` : '';
    return {
      kind: issue.message,
      path: issue.path,
      ...(params.stepId ? { stepId: params.stepId } : {}),
      message: `${params.detail ?? issue.message}${line}`,
    };
  });
}

function focusPath(path: string) {
  for (const prefix of pathPrefixes(path)) {
    const element = document.getElementById(controlIdOf(prefix));
    if (element) {
      element.focus();
      element.scrollIntoView?.({ block: 'center' });
      return;
    }
  }
}

function downloadFile(fileName: string, content: string) {
  if (typeof URL.createObjectURL !== 'function') return;
  const url = URL.createObjectURL(new Blob([content], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file's text (FileReader: what every browser and jsdom have). */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The file cannot be read'));
    reader.readAsText(file, 'utf-8');
  });
}

/** What main said when it refused a script (an edited one or an imported file). */
interface Rejection {
  problems: Problem[];
  message: string;
}

/** Main refused the script: every problem with its place, or its message when it gave none. */
function RejectedAlert({ rejected }: { rejected: Rejection }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" role="alert" title={t('scripts.editor.rejected', { count: rejected.problems.length })}>
      {rejected.problems.length > 0 ? (
        <ProblemList problems={rejected.problems} label={t('scripts.editor.rejectedList')} />
      ) : (
        rejected.message
      )}
    </Alert>
  );
}

function ProblemList({ problems, label }: { problems: readonly Problem[]; label: string }) {
  const { t } = useTranslation();
  return (
    <ul aria-label={label} style={{ margin: 0, paddingLeft: 18 }} data-testid="script-problems">
      {problems.map((problem, index) => {
        const field = fieldNameOf(problem.path);
        const place = problem.stepId
          ? t('scripts.editor.problemPlace', { step: problem.stepId, field })
          : t('scripts.editor.problemPlaceScript', { field });
        const kind = t(`scripts.editor.kind.${problem.kind}`, { defaultValue: problem.kind });
        return (
          <li key={`${problem.path}-${index}`} data-kind={problem.kind}>
            <Button
              variant="subtle"
              size="compact-sm"
              color="red"
              styles={{ label: { whiteSpace: 'normal', textAlign: 'left' }, root: { height: 'auto' } }}
              aria-label={t('scripts.editor.goToProblem', {
                message: `${kind}, ${place}: ${problem.message}`,
              })}
              onClick={() => focusPath(problem.path)}
            >
              {kind} — {place} ({problem.path}): {problem.message}
            </Button>
          </li>
        );
      })}
    </ul>
  );
}

const SAMPLE_OPERATOR = 'Анна Смирнова';
const TIMES = { morning: 9, afternoon: 14, evening: 20 } as const;
type TimeOfDay = keyof typeof TIMES;

function Preview({ draft }: { draft: ScriptDraft }) {
  const { t } = useTranslation();
  const { settings } = useAppState();
  const [stepId, setStepId] = useState(draft.start);
  const [ended, setEnded] = useState(false);
  const [callerKnown, setCallerKnown] = useState(true);
  const [time, setTime] = useState<TimeOfDay>('afternoon');
  const step = draft.steps.find((s) => s.id === stepId) ?? draft.steps[0];
  const company = settings.settings.scripts.companyName || t('scripts.editor.previewCompanySample');
  const at = new Date();
  at.setHours(TIMES[time], 0, 0, 0);
  const values = {
    operatorName: SAMPLE_OPERATOR,
    companyName: company,
    callerName: callerKnown ? t('scripts.editor.previewCallerSample') : null,
  };
  const fill = (text: string) =>
    scriptTextParts(text, { language: draft.language, values, at }).map((part, index) => (
      <span key={index} data-variable={part.variable} style={part.variable ? { fontWeight: 600 } : undefined}>
        {part.text}
      </span>
    ));
  return (
    <Paper withBorder p="sm" role="region" aria-label={t('scripts.editor.previewRegion')}>
      <Stack gap="xs">
        <Title order={4} size="h5">
          {t('scripts.editor.preview')}
        </Title>
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label={t('scripts.editor.previewStep')}
            value={step?.id ?? ''}
            data={draft.steps.map((s) => ({ value: s.id, label: `${s.id} — ${s.title}` }))}
            onChange={(e) => {
              setStepId(e.currentTarget.value);
              setEnded(false);
            }}
          />
          <Switch
            label={t('scripts.editor.previewCallerKnown')}
            checked={callerKnown}
            onChange={(e) => setCallerKnown(e.currentTarget.checked)}
          />
          <div>
            <Text size="sm" id="script-preview-time">
              {t('scripts.editor.previewTime')}
            </Text>
            <SegmentedControl
              aria-labelledby="script-preview-time"
              value={time}
              onChange={(v) => setTime(v as TimeOfDay)}
              data={(Object.keys(TIMES) as TimeOfDay[]).map((value) => ({
                value,
                label: t(`scripts.editor.previewTimes.${value}`),
              }))}
            />
          </div>
        </Group>
        <Text size="xs" c="dimmed">
          {t('scripts.editor.previewOperator')}: {SAMPLE_OPERATOR} · {t('scripts.editor.previewCompany')}:{' '}
          {company}
        </Text>
        {step && !ended && (
          <div data-testid="script-preview-step" data-step={step.id}>
            <Text fw={600}>{step.title}</Text>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{fill(step.text)}</Text>
            {step.hint.trim() !== '' && (
              <Text size="sm" c="dimmed">
                {t('scripts.hint')}: {step.hint}
              </Text>
            )}
            {step.answers.length > 0 && (
              <Group gap="xs" mt="xs" role="group" aria-label={t('scripts.answers')}>
                {step.answers.map((answer, index) => (
                  <Button
                    key={index}
                    variant="light"
                    onClick={() => {
                      if (answer.next === null) setEnded(true);
                      else setStepId(answer.next);
                    }}
                  >
                    {index + 1}. {fill(answer.label)}
                  </Button>
                ))}
              </Group>
            )}
            {step.answers.length === 0 && <Text size="sm">{t('scripts.editor.previewEnd')}</Text>}
          </div>
        )}
        {ended && (
          <Text size="sm" data-testid="script-preview-ended">
            {t('scripts.editor.previewEnd')}
          </Text>
        )}
        <Group>
          <Button
            variant="default"
            size="xs"
            onClick={() => {
              setStepId(draft.start);
              setEnded(false);
            }}
          >
            {t('scripts.editor.previewRestart')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function StepEditor({
  draft,
  index,
  problems,
  onChange,
  onRemove,
}: {
  draft: ScriptDraft;
  index: number;
  problems: readonly Problem[];
  onChange: (step: DraftStep) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const step = draft.steps[index]!;
  const number = index + 1;
  const caret = useRef<number | null>(null);
  const at = (path: string) => controlIdOf(`$.steps[${index}]${path}`);
  const kinds = [...new Set(problems.map((p) => p.kind))];
  const set = (patch: Partial<DraftStep>) => onChange({ ...step, ...patch });
  const insert = (variable: string) => {
    const token = `{{${variable}}}`;
    const where = caret.current ?? step.text.length;
    set({ text: step.text.slice(0, where) + token + step.text.slice(where) });
    caret.current = where + token.length;
  };
  const label = t('scripts.editor.stepLabel', { number, title: step.title || step.id });
  return (
    <Paper
      withBorder
      p="sm"
      component="fieldset"
      aria-label={label}
      data-testid="script-step"
      data-step={step.id}
      data-problems={kinds.join(' ')}
      style={kinds.length > 0 ? { borderColor: 'var(--mantine-color-red-6)' } : undefined}
    >
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Text fw={600} id={at('')} tabIndex={-1}>
              {label}
            </Text>
            {kinds.map((kind) => (
              <Badge key={kind} color="red" variant="light" data-testid="step-problem" data-kind={kind}>
                {t(`scripts.editor.kind.${kind}`, { defaultValue: kind })}
              </Badge>
            ))}
          </Group>
          <Button
            variant="subtle"
            color="red"
            size="compact-sm"
            disabled={draft.steps.length <= 1}
            aria-label={t('scripts.editor.removeStepLabel', { number })}
            onClick={onRemove}
          >
            {t('scripts.editor.removeStep')}
          </Button>
        </Group>
        <Group grow align="flex-start">
          <TextInput
            id={at('.id')}
            label={t('scripts.editor.stepId')}
            value={step.id}
            onChange={(e) => set({ id: e.currentTarget.value })}
          />
          <TextInput
            id={at('.title')}
            label={t('scripts.editor.stepTitle')}
            value={step.title}
            onChange={(e) => set({ title: e.currentTarget.value })}
          />
        </Group>
        <GuardedTextarea
          id={at('.text')}
          label={t('scripts.editor.stepText')}
          value={step.text}
          autosize
          minRows={2}
          onValueChange={(text) => set({ text })}
          onBlur={(e) => {
            caret.current = e.currentTarget.selectionStart;
          }}
        />
        <Group gap={4} role="group" aria-label={t('scripts.editor.variables')}>
          <Text size="xs" c="dimmed">
            {t('scripts.editor.variables')}:
          </Text>
          {SCRIPT_VARIABLES.map((variable) => (
            <Button
              key={variable}
              size="compact-xs"
              variant="default"
              aria-label={t('scripts.editor.insertVariable', { variable: `{{${variable}}}`, number })}
              onClick={() => insert(variable)}
            >
              {`{{${variable}}}`}
            </Button>
          ))}
        </Group>
        <Textarea
          id={at('.hint')}
          label={t('scripts.editor.stepHint')}
          value={step.hint}
          autosize
          minRows={1}
          onChange={(e) => set({ hint: e.currentTarget.value })}
        />
        <Checkbox
          id={at('.final')}
          label={t('scripts.editor.final')}
          checked={step.final}
          onChange={(e) => set({ final: e.currentTarget.checked })}
        />
        <Text size="sm" fw={600}>
          {t('scripts.editor.answers')}
        </Text>
        {step.answers.map((answer, a) => (
          <Group key={a} align="flex-end" gap="xs">
            <TextInput
              id={at(`.answers[${a}].label`)}
              label={t('scripts.editor.answerLabel', { number: a + 1 })}
              value={answer.label}
              onChange={(e) => {
                const label = e.currentTarget.value;
                set({ answers: step.answers.map((x, i) => (i === a ? { ...x, label } : x)) });
              }}
            />
            <NativeSelect
              id={at(`.answers[${a}].next`)}
              label={t('scripts.editor.answerNextLabel', { number: a + 1 })}
              value={answer.next ?? ''}
              data={[
                { value: '', label: t('scripts.editor.end') },
                ...draft.steps.map((s) => ({ value: s.id, label: `${s.id} — ${s.title}` })),
                ...(answer.next !== null && !draft.steps.some((s) => s.id === answer.next)
                  ? [{ value: answer.next, label: answer.next }]
                  : []),
              ]}
              onChange={(e) => {
                const next = e.currentTarget.value || null;
                set({ answers: step.answers.map((x, i) => (i === a ? { ...x, next } : x)) });
              }}
            />
            <Button
              variant="subtle"
              color="red"
              size="compact-sm"
              aria-label={t('scripts.editor.removeAnswer', { number: a + 1 })}
              onClick={() => set({ answers: step.answers.filter((_, i) => i !== a) })}
            >
              ×
            </Button>
          </Group>
        ))}
        <Group>
          <Button
            size="compact-sm"
            variant="default"
            disabled={step.answers.length >= 9}
            onClick={() => set({ answers: [...step.answers, { label: '', next: null }] })}
          >
            {t('scripts.editor.addAnswer')}
          </Button>
        </Group>
        <Text size="sm" fw={600}>
          {t('scripts.editor.fields')}
        </Text>
        {step.fields.map((field, f) => {
          const setField = (patch: Partial<DraftStep['fields'][number]>) =>
            set({ fields: step.fields.map((x, i) => (i === f ? { ...x, ...patch } : x)) });
          return (
            <Stack key={f} gap={4}>
              <Group align="flex-end" gap="xs">
                <TextInput
                  id={at(`.fields[${f}].id`)}
                  label={t('scripts.editor.fieldId', { number: f + 1 })}
                  value={field.id}
                  onChange={(e) => setField({ id: e.currentTarget.value })}
                />
                <TextInput
                  id={at(`.fields[${f}].label`)}
                  label={t('scripts.editor.fieldLabel', { number: f + 1 })}
                  value={field.label}
                  onChange={(e) => setField({ label: e.currentTarget.value })}
                />
                <NativeSelect
                  id={at(`.fields[${f}].type`)}
                  label={t('scripts.editor.fieldType', { number: f + 1 })}
                  value={field.type}
                  data={(['text', 'number', 'choice'] as const).map((value) => ({
                    value,
                    label: t(`scripts.editor.fieldTypes.${value}`),
                  }))}
                  onChange={(e) => setField({ type: e.currentTarget.value as 'text' | 'number' | 'choice' })}
                />
                <Checkbox
                  id={at(`.fields[${f}].required`)}
                  label={t('scripts.editor.fieldRequired')}
                  checked={field.required}
                  onChange={(e) => setField({ required: e.currentTarget.checked })}
                />
                <Button
                  variant="subtle"
                  color="red"
                  size="compact-sm"
                  aria-label={t('scripts.editor.removeField', { number: f + 1 })}
                  onClick={() => set({ fields: step.fields.filter((_, i) => i !== f) })}
                >
                  ×
                </Button>
              </Group>
              {field.type === 'choice' && (
                <Textarea
                  id={at(`.fields[${f}].options`)}
                  label={t('scripts.editor.fieldOptions', { number: f + 1 })}
                  value={field.options}
                  autosize
                  minRows={2}
                  onChange={(e) => setField({ options: e.currentTarget.value })}
                />
              )}
            </Stack>
          );
        })}
        <Group>
          <Button
            size="compact-sm"
            variant="default"
            disabled={step.fields.length >= 20}
            onClick={() =>
              set({
                fields: [
                  ...step.fields,
                  {
                    id: `field-${step.fields.length + 1}`,
                    label: '',
                    type: 'text',
                    required: false,
                    options: '',
                  },
                ],
              })
            }
          >
            {t('scripts.editor.addField')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function ScriptEditor({
  draft,
  onChange,
  onSaved,
  onClose,
}: {
  draft: ScriptDraft;
  onChange: (draft: ScriptDraft) => void;
  onSaved: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [rejected, setRejected] = useState<Rejection | null>(null);

  const rulesOk = parseRules(draft.rules).ok;
  const problems = useMemo<Problem[]>(() => {
    const checked = checkScript(documentOf(draft));
    return [
      ...(rulesOk ? [] : [{ kind: 'json', path: '$.rules', message: t('scripts.editor.rulesInvalid') }]),
      ...(checked.ok ? [] : checked.problems),
    ];
  }, [draft, rulesOk, t]);

  const change = (next: ScriptDraft) => {
    setSaved(false);
    onChange(next);
  };
  const setStep = (index: number, step: DraftStep) =>
    change({ ...draft, steps: draft.steps.map((s, i) => (i === index ? step : s)) });

  const save = async () => {
    setBusy(true);
    setRejected(null);
    try {
      await invoke('scripts:import', {
        fileName: `${draft.id}.hotline-script.json`,
        content: `${JSON.stringify(documentOf(draft), null, 2)}\n`,
      });
      setSaved(true);
      onChange({ ...draft, revision: draft.revision + 1 });
      onSaved();
    } catch (failure) {
      setRejected({ problems: problemsOfError(failure), message: errorMessage(t, failure) });
    } finally {
      setBusy(false);
    }
  };

  const stepProblems = (index: number, id: string) =>
    problems.filter((p) => (p.stepId !== undefined ? p.stepId === id : stepIndexOf(p) === index));
  const addStep = () => {
    let n = draft.steps.length + 1;
    while (draft.steps.some((s) => s.id === `step-${n}`)) n++;
    change({
      ...draft,
      steps: [
        ...draft.steps,
        { id: `step-${n}`, title: `${n}`, text: '…', hint: '', answers: [], fields: [], final: true },
      ],
    });
  };

  return (
    <Paper
      withBorder
      p="md"
      role="region"
      aria-label={t('scripts.editor.editorLabel')}
      data-testid="script-editor"
    >
      <Stack gap="sm">
        <Group grow align="flex-start">
          <TextInput
            id={controlIdOf('$.id')}
            label={t('scripts.editor.id')}
            value={draft.id}
            onChange={(e) => change({ ...draft, id: e.currentTarget.value })}
          />
          <TextInput
            id={controlIdOf('$.title')}
            label={t('scripts.editor.name')}
            value={draft.title}
            onChange={(e) => change({ ...draft, title: e.currentTarget.value })}
          />
          <NativeSelect
            id={controlIdOf('$.language')}
            label={t('scripts.editor.language')}
            value={draft.language}
            data={SCRIPT_LANGUAGES.map((value) => ({ value, label: t(`settings.language.${value}`) }))}
            onChange={(e) => change({ ...draft, language: e.currentTarget.value as ScriptLanguage })}
          />
          <NumberInput
            id={controlIdOf('$.revision')}
            label={t('scripts.editor.revision')}
            value={draft.revision}
            min={1}
            onChange={(v) => change({ ...draft, revision: typeof v === 'number' ? v : Number(v) || 1 })}
          />
        </Group>
        <Textarea
          id={controlIdOf('$.description')}
          label={t('scripts.editor.scriptDescription')}
          value={draft.description}
          autosize
          minRows={1}
          onChange={(e) => change({ ...draft, description: e.currentTarget.value })}
        />
        <Textarea
          id={controlIdOf('$.rules')}
          label={t('scripts.editor.rules')}
          description={t('scripts.editor.rulesHint')}
          value={draft.rules}
          autosize
          minRows={1}
          styles={{ input: { fontFamily: 'monospace' } }}
          error={rulesOk ? undefined : t('scripts.editor.rulesInvalid')}
          onChange={(e) => change({ ...draft, rules: e.currentTarget.value })}
        />
        <NativeSelect
          id={controlIdOf('$.start')}
          label={t('scripts.editor.start')}
          value={draft.start}
          maw={360}
          data={[
            ...draft.steps.map((s) => ({ value: s.id, label: `${s.id} — ${s.title}` })),
            ...(draft.steps.some((s) => s.id === draft.start)
              ? []
              : [{ value: draft.start, label: draft.start }]),
          ]}
          onChange={(e) => change({ ...draft, start: e.currentTarget.value })}
        />
        <div role="region" aria-label={t('scripts.editor.problems')}>
          <Text size="sm" fw={600} role="status" aria-live="polite">
            {problems.length > 0
              ? t('scripts.editor.problemCount', { count: problems.length })
              : t('scripts.editor.noProblems')}
          </Text>
          {problems.length > 0 && <ProblemList problems={problems} label={t('scripts.editor.problems')} />}
        </div>
        <Title order={3} size="h5">
          {t('scripts.editor.steps')}
        </Title>
        {draft.steps.map((step, index) => (
          <StepEditor
            key={index}
            draft={draft}
            index={index}
            problems={stepProblems(index, step.id)}
            onChange={(next) => setStep(index, next)}
            onRemove={() => change({ ...draft, steps: draft.steps.filter((_, i) => i !== index) })}
          />
        ))}
        <Group>
          <Button variant="default" onClick={addStep} disabled={draft.steps.length >= 500}>
            {t('scripts.editor.addStep')}
          </Button>
        </Group>
        <Preview draft={draft} />
        {rejected && <RejectedAlert rejected={rejected} />}
        <Group>
          <Button onClick={() => void save()} loading={busy} disabled={problems.length > 0}>
            {t('scripts.editor.save')}
          </Button>
          <Button variant="default" onClick={onClose}>
            {t('scripts.editor.close')}
          </Button>
          {saved && (
            <Text c="green.8" role="status">
              {t('scripts.editor.saved')}
            </Text>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

export function ScriptEditorSection() {
  const { t, i18n } = useTranslation();
  const [scripts, setScripts] = useState<ScriptSummary[] | null>(null);
  const [listFailed, setListFailed] = useState(false);
  const [draft, setDraft] = useState<ScriptDraft | null>(null);
  const [draftKey, setDraftKey] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [rejected, setRejected] = useState<Rejection | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const load = useCallback(() => {
    invoke('scripts:list', {})
      .then((list) => {
        setScripts(list.scripts);
        setListFailed(false);
      })
      .catch(() => setListFailed(true));
  }, []);
  useEffect(load, [load]);

  const open = (next: ScriptDraft) => {
    setDraft(next);
    setDraftKey((k) => k + 1);
    setNotice(null);
  };
  const fetchScript = async (id: string): Promise<ScriptDocument> => {
    const file = await invoke('scripts:export', { id });
    return ScriptDocumentSchema.parse(JSON.parse(file.content));
  };
  const guarded = (action: () => Promise<void>) => () => {
    setRejected(null);
    action().catch((failure: unknown) =>
      setRejected({ problems: problemsOfError(failure), message: errorMessage(t, failure) }),
    );
  };

  const importFile = async (file: File) => {
    setRejected(null);
    setNotice(null);
    try {
      const result = await invoke('scripts:import', { fileName: file.name, content: await readText(file) });
      setNotice(t('scripts.editor.imported', { title: result.script.title }));
      load();
    } catch (failure) {
      setRejected({ problems: problemsOfError(failure), message: errorMessage(t, failure) });
    }
  };

  const language: ScriptLanguage = i18n.language.startsWith('ru') ? 'ru' : 'en';
  return (
    <Section title={t('scripts.editor.title')} description={t('scripts.editor.description')}>
      {listFailed && (
        <Text size="sm" c="dimmed">
          {t('scripts.editor.listFailed')}
        </Text>
      )}
      {scripts && (
        <ul aria-label={t('scripts.editor.list')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {scripts.map((script) => (
            <li key={script.id} data-script={script.id}>
              <Group gap="xs" py={2}>
                <Text size="sm" fw={500}>
                  {script.title}
                </Text>
                <Badge variant="light" color="gray">
                  {t(`scripts.source.${script.source}`)}
                </Badge>
                {script.readOnly && (
                  <Badge variant="outline" color="gray">
                    {t('scripts.editor.readOnly')}
                  </Badge>
                )}
                {script.readOnly ? (
                  <Button
                    size="compact-sm"
                    variant="light"
                    aria-label={t('scripts.editor.duplicateLabel', { title: script.title })}
                    onClick={guarded(async () =>
                      open(
                        duplicateDraft(
                          await fetchScript(script.id),
                          t('scripts.editor.copySuffix'),
                          scripts.map((s) => s.id),
                        ),
                      ),
                    )}
                  >
                    {t('scripts.editor.duplicate')}
                  </Button>
                ) : (
                  <Button
                    size="compact-sm"
                    variant="light"
                    aria-label={t('scripts.editor.editLabel', { title: script.title })}
                    onClick={guarded(async () => {
                      const doc = await fetchScript(script.id);
                      open({ ...draftOf(doc), revision: doc.revision + 1 });
                    })}
                  >
                    {t('scripts.editor.edit')}
                  </Button>
                )}
                <Button
                  size="compact-sm"
                  variant="subtle"
                  aria-label={t('scripts.editor.exportLabel', { title: script.title })}
                  onClick={guarded(async () => {
                    const file = await invoke('scripts:export', { id: script.id });
                    downloadFile(file.fileName, file.content);
                  })}
                >
                  {t('scripts.editor.export')}
                </Button>
              </Group>
            </li>
          ))}
        </ul>
      )}
      <Group>
        <Button variant="default" onClick={() => open(blankDraft(language, t('scripts.editor.new')))}>
          {t('scripts.editor.new')}
        </Button>
        <Button variant="default" onClick={() => fileRef.current?.click()}>
          {t('scripts.editor.import')}
        </Button>
        <input
          ref={fileRef}
          type="file"
          accept=".json,application/json"
          aria-label={t('scripts.editor.importFile')}
          style={{ display: 'none' }}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) void importFile(file);
          }}
        />
        {notice && (
          <Text c="green.8" role="status">
            {notice}
          </Text>
        )}
      </Group>
      {rejected && <RejectedAlert rejected={rejected} />}
      {draft && (
        <ScriptEditor
          key={draftKey}
          draft={draft}
          onChange={setDraft}
          onSaved={load}
          onClose={() => setDraft(null)}
        />
      )}
    </Section>
  );
}
