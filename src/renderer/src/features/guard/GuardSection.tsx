import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconLock, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BUILT_IN_RULES } from '../../../../shared/guard/builtin-rules.ts';
import { createPhraseGuard, mergeRules, type RuleIssue } from '../../../../shared/guard/guard.ts';
import {
  GUARD_LANGUAGES,
  GUARD_SEVERITIES,
  parsePattern,
  PhraseRuleSchema,
  type GuardLanguage,
  type GuardSeverity,
  type PhraseRule,
  type RuleOverride,
} from '../../../../shared/guard/rule.ts';
import { issuePathParts, type GuardSettings } from '../../../../shared/model/guard-settings.ts';
import { useAppState } from '../../app/app-state.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { invoke } from '../../lib/ipc.ts';
import { SaveRow, Section } from '../settings/section-parts.tsx';
import { GuardFindings } from './GuardedTextarea.tsx';

// Settings → Phrase guard: which built-in rules are on, and the company's own rules (a phrase's
// patterns, why it hurts, what to say instead, its language and severity) — new ones, or a
// built-in one changed ("Edit" copies it). Checked with mergeRules, as main checks it: each
// mistake sits at its rule and field with its line. "Try the rules" runs the rules as they are in
// the form. IT can lock either list (managed file: `guard.disabled`, `guard.custom`).

const BUILT_IN: readonly PhraseRule[] = BUILT_IN_RULES.map((rule) => PhraseRuleSchema.parse(rule));
const BUILT_IN_BY_ID = new Map(BUILT_IN.map((rule) => [rule.id, rule]));

/** A rule's name for people: the first form of each word of its first pattern («я не знаю»). */
export function ruleTitle(rule: Pick<PhraseRule, 'patterns'>): string {
  try {
    return parsePattern(rule.patterns[0] ?? '')
      .slots.map((slot) => (slot.any ? '…' : slot.forms[0]))
      .join(' ');
  } catch {
    return rule.patterns[0] ?? '';
  }
}

interface RuleForm {
  id: string;
  language: GuardLanguage;
  severity: GuardSeverity;
  enabled: boolean;
  /** One per line. */
  patterns: string;
  reason: string;
  /** One per line. */
  alternatives: string;
  /** Fields the form does not edit (unlessFollowedBy, unlessPrecededBy), kept as they were. */
  rest: Pick<RuleOverride, 'unlessFollowedBy' | 'unlessPrecededBy'>;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

function toForm(entry: RuleOverride): RuleForm {
  const base = BUILT_IN_BY_ID.get(entry.id);
  const rest: RuleForm['rest'] = {};
  if (entry.unlessFollowedBy?.length) rest.unlessFollowedBy = entry.unlessFollowedBy;
  if (entry.unlessPrecededBy?.length) rest.unlessPrecededBy = entry.unlessPrecededBy;
  return {
    id: entry.id,
    language: entry.language ?? base?.language ?? 'ru',
    severity: entry.severity ?? base?.severity ?? 'warning',
    enabled: entry.enabled ?? true,
    patterns: (entry.patterns ?? base?.patterns ?? []).join('\n'),
    reason: entry.reason ?? base?.reason ?? '',
    alternatives: (entry.alternatives ?? base?.alternatives ?? []).join('\n'),
    rest,
  };
}

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** The entry as stored: a new rule whole; a change to a built-in one only with what differs. */
function toEntry(form: RuleForm): RuleOverride {
  const whole: RuleOverride = {
    id: form.id,
    language: form.language,
    patterns: lines(form.patterns),
    reason: form.reason.trim(),
    alternatives: lines(form.alternatives),
    severity: form.severity,
    ...form.rest,
    ...(form.enabled ? {} : { enabled: false }),
  };
  const base = BUILT_IN_BY_ID.get(form.id);
  if (!base) return whole;
  const entry: RuleOverride = { id: form.id };
  if (whole.language !== base.language) entry.language = whole.language;
  if (!same(whole.patterns!, base.patterns)) entry.patterns = whole.patterns;
  if (whole.reason !== base.reason) entry.reason = whole.reason;
  if (!same(whole.alternatives!, base.alternatives)) entry.alternatives = whole.alternatives;
  if (whole.severity !== base.severity) entry.severity = whole.severity;
  if (!form.enabled) entry.enabled = false;
  for (const key of ['unlessFollowedBy', 'unlessPrecededBy'] as const) {
    const kept = form.rest[key];
    if (kept && !same(kept, base[key])) entry[key] = kept;
  }
  return entry;
}

/** Puts the cursor in a rule's patterns once it is on screen (after "Add" or "Edit"). */
function focusRule(id: string): void {
  requestAnimationFrame(() =>
    document
      .querySelector<HTMLTextAreaElement>(`[data-testid="guard-rule"][data-rule="${id}"] textarea`)
      ?.focus(),
  );
}

function newId(taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) if (!taken.has(`company.${n}`)) return `company.${n}`;
}

type FieldErrors = Record<string, string>;

/** Field errors keyed `index.field`, from the form's own checks and then mergeRules. */
function check(t: ReturnType<typeof useTranslation>['t'], forms: readonly RuleForm[]): FieldErrors {
  const errors: FieldErrors = {};
  forms.forEach((form, index) => {
    if (lines(form.patterns).length === 0) errors[`${index}.patterns`] = t('guard.settings.needPattern');
    if (form.reason.trim() === '') errors[`${index}.reason`] = t('guard.settings.needReason');
  });
  // The rest is checked even where a required field is empty (a stand-in takes its place), so
  // every mistake shows at once.
  const entries = forms.map((form) => ({
    ...toEntry(form),
    ...(lines(form.patterns).length === 0 ? { patterns: ['x'] } : {}),
    ...(form.reason.trim() === '' ? { reason: 'x' } : {}),
  }));
  const merged = mergeRules(BUILT_IN_RULES, entries);
  if (!merged.ok) for (const issue of merged.issues) addIssue(t, errors, forms, issue);
  return errors;
}

function addIssue(
  t: ReturnType<typeof useTranslation>['t'],
  errors: FieldErrors,
  forms: readonly RuleForm[],
  issue: RuleIssue,
): void {
  const [index, field, item] = issuePathParts(issue.path);
  if (typeof index !== 'number') {
    errors.list ??= issue.message;
    return;
  }
  const column = field === 'alternatives' || field === 'patterns' || field === 'reason' ? field : 'rule';
  // Empty lines are dropped before the check: count the written lines to find the one meant.
  let message = issue.message;
  if (typeof item === 'number' && (column === 'patterns' || column === 'alternatives')) {
    const written = forms[index]![column].split('\n');
    let seen = -1;
    const line = written.findIndex((text) => text.trim() !== '' && ++seen === item);
    message = t('guard.settings.lineError', { line: line + 1, message: issue.message });
  }
  errors[`${index}.${column}`] ??= message;
}

export function GuardSection() {
  const { t } = useTranslation();
  const { settings } = useAppState();
  const saved = settings.settings.guard;
  const lockedDisabled = settings.locked.includes('guard.disabled');
  const lockedCustom = settings.locked.includes('guard.custom');
  const [disabled, setDisabled] = useState<string[]>(saved.disabled);
  const [forms, setForms] = useState<RuleForm[]>(() => saved.custom.map(toForm));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [showBuiltIn, setShowBuiltIn] = useState(false);
  const [sample, setSample] = useState('');

  const touch = () => {
    setDone(false);
    setFormError(null);
  };
  const edit = (index: number, patch: Partial<RuleForm>) => {
    setForms((list) => list.map((form, i) => (i === index ? { ...form, ...patch } : form)));
    setErrors((e) => {
      const next = { ...e };
      for (const key of Object.keys(patch)) delete next[`${index}.${key}`];
      delete next[`${index}.rule`];
      return next;
    });
    touch();
  };
  const add = (form: RuleForm) => {
    setForms((list) => [...list, form]);
    touch();
  };
  const taken = new Set([...BUILT_IN_BY_ID.keys(), ...forms.map((f) => f.id)]);

  // The rules as the form has them now, for "Try the rules": a rule still being written (not valid
  // yet) is left out, the others apply.
  const preview = useMemo(() => {
    const entries = forms.map(toEntry).filter((entry) => mergeRules(BUILT_IN_RULES, [entry]).ok);
    const merged = mergeRules(BUILT_IN_RULES, entries);
    if (!merged.ok) return null;
    const off = new Set(disabled);
    return createPhraseGuard(merged.rules.map((r) => (off.has(r.id) ? { ...r, enabled: false } : r)));
  }, [forms, disabled]);
  const sampleMatches = useMemo(() => (preview && sample ? preview.check(sample) : []), [preview, sample]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const found = check(t, forms);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setFormError(t('guard.settings.fix'));
      return;
    }
    const patch: Partial<GuardSettings> = {};
    if (!lockedDisabled) patch.disabled = disabled;
    if (!lockedCustom) patch.custom = forms.map(toEntry);
    setBusy(true);
    try {
      await invoke('settings:update', { patch: { guard: patch } });
      setDone(true);
    } catch (failure) {
      setFormError(errorMessage(t, failure));
    } finally {
      setBusy(false);
    }
  };

  const lockNote = (locked: boolean) =>
    locked ? (
      <Group gap={4}>
        <IconLock size={14} aria-hidden />
        <Text size="sm" c="dimmed">
          {t('settings.lockedHint')}
        </Text>
      </Group>
    ) : null;

  return (
    <Section title={t('guard.settings.title')} description={t('guard.settings.description')}>
      <form onSubmit={(e) => void save(e)} noValidate aria-label={t('guard.settings.title')}>
        <Stack gap="lg">
          <Stack gap={6}>
            <Group justify="space-between" maw={760}>
              <Title order={3} size="h5">
                {t('guard.settings.builtIn', { count: BUILT_IN.length })}
              </Title>
              <Button
                variant="subtle"
                size="compact-sm"
                aria-expanded={showBuiltIn}
                aria-controls="guard-builtin"
                data-testid="guard-builtin-toggle"
                onClick={() => setShowBuiltIn((v) => !v)}
              >
                {showBuiltIn ? t('guard.settings.hideBuiltIn') : t('guard.settings.showBuiltIn')}
              </Button>
            </Group>
            <Text size="sm" c="dimmed">
              {t('guard.settings.builtInHint', {
                off: disabled.filter((id) => BUILT_IN_BY_ID.has(id)).length,
              })}
            </Text>
            {lockNote(lockedDisabled)}
            <div id="guard-builtin" hidden={!showBuiltIn}>
              {showBuiltIn && (
                <Table verticalSpacing={4} maw={760} aria-label={t('guard.settings.builtInTable')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('guard.settings.on')}</Table.Th>
                      <Table.Th>{t('guard.settings.phrase')}</Table.Th>
                      <Table.Th>{t('guard.settings.edit')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {BUILT_IN.map((rule) => {
                      const title = ruleTitle(rule);
                      const changed = forms.some((f) => f.id === rule.id);
                      return (
                        <Table.Tr key={rule.id} data-rule={rule.id} style={{ verticalAlign: 'top' }}>
                          <Table.Td>
                            <Checkbox
                              aria-label={t('guard.settings.ruleOn', { title })}
                              checked={!disabled.includes(rule.id)}
                              disabled={lockedDisabled}
                              onChange={(e) => {
                                const on = e.currentTarget.checked;
                                setDisabled((list) =>
                                  on ? list.filter((id) => id !== rule.id) : [...list, rule.id],
                                );
                                touch();
                              }}
                            />
                          </Table.Td>
                          <Table.Td>
                            <Group gap={6} wrap="nowrap">
                              <Badge size="xs" variant="light" color="gray">
                                {rule.language}
                              </Badge>
                              <Text size="sm" fw={500}>
                                «{title}»
                              </Text>
                              {changed && (
                                <Badge size="xs" variant="light" color="blue">
                                  {t('guard.settings.changed')}
                                </Badge>
                              )}
                            </Group>
                            <Text size="xs" c="dimmed">
                              {rule.reason}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <ActionIcon
                              variant="subtle"
                              size="lg"
                              aria-label={t('guard.settings.editBuiltIn', { title })}
                              disabled={lockedCustom}
                              onClick={() => {
                                if (!changed) add(toForm(rule));
                                focusRule(rule.id);
                              }}
                            >
                              <IconPencil size={16} aria-hidden />
                            </ActionIcon>
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              )}
            </div>
          </Stack>

          <Stack gap="sm">
            <div>
              <Title order={3} size="h5">
                {t('guard.settings.custom')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('guard.settings.customHint')}
              </Text>
              {lockNote(lockedCustom)}
            </div>
            {forms.map((form, index) => (
              <RuleEditor
                key={form.id}
                form={form}
                index={index}
                errors={errors}
                disabled={lockedCustom}
                onChange={(patch) => edit(index, patch)}
                onRemove={() => {
                  setForms((list) => list.filter((_, i) => i !== index));
                  setErrors({});
                  touch();
                }}
              />
            ))}
            {errors.list && (
              <Text size="sm" c="red.8" role="alert">
                {errors.list}
              </Text>
            )}
            <Button
              variant="default"
              size="xs"
              leftSection={<IconPlus size={14} aria-hidden />}
              style={{ alignSelf: 'flex-start' }}
              disabled={lockedCustom}
              data-testid="guard-add"
              onClick={() => {
                const id = newId(taken);
                add({
                  id,
                  language: 'ru',
                  severity: 'warning',
                  enabled: true,
                  patterns: '',
                  reason: '',
                  alternatives: '',
                  rest: {},
                });
                focusRule(id);
              }}
            >
              {t('guard.settings.add')}
            </Button>
          </Stack>

          <Stack gap={4} maw={760}>
            <Textarea
              label={t('guard.settings.try')}
              description={t('guard.settings.tryHint')}
              value={sample}
              onChange={(e) => setSample(e.currentTarget.value)}
              autosize
              minRows={2}
            />
            <GuardFindings matches={sampleMatches} />
          </Stack>

          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          {!(lockedCustom && lockedDisabled) && <SaveRow busy={busy} saved={done} />}
        </Stack>
      </form>
    </Section>
  );
}

function RuleEditor({
  form,
  index,
  errors,
  disabled,
  onChange,
  onRemove,
}: {
  form: RuleForm;
  index: number;
  errors: FieldErrors;
  disabled: boolean;
  onChange: (patch: Partial<RuleForm>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const base = BUILT_IN_BY_ID.get(form.id);
  const name = ruleTitle({ patterns: lines(form.patterns) }) || t('guard.settings.newRule');
  const legend = base
    ? t('guard.settings.changedLegend', { title: ruleTitle(base) })
    : t('guard.settings.ruleLegend', { number: index + 1, title: name });
  const error = (field: string) => errors[`${index}.${field}`];
  return (
    <Fieldset legend={legend} maw={760} data-testid="guard-rule" data-rule={form.id}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-end">
          <Group gap="sm" align="flex-end">
            <NativeSelect
              label={t('guard.settings.language')}
              data={GUARD_LANGUAGES.map((value) => ({ value, label: t(`guard.settings.lang.${value}`) }))}
              value={form.language}
              onChange={(e) => onChange({ language: e.currentTarget.value as GuardLanguage })}
              disabled={disabled}
              w={140}
            />
            <NativeSelect
              label={t('guard.settings.severity')}
              data={GUARD_SEVERITIES.map((value) => ({ value, label: t(`guard.settings.level.${value}`) }))}
              value={form.severity}
              onChange={(e) => onChange({ severity: e.currentTarget.value as GuardSeverity })}
              disabled={disabled}
              w={160}
            />
            <Checkbox
              label={t('guard.settings.enabled')}
              checked={form.enabled}
              onChange={(e) => onChange({ enabled: e.currentTarget.checked })}
              disabled={disabled}
              mb={8}
            />
          </Group>
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            aria-label={t('guard.settings.remove', { title: legend })}
            onClick={onRemove}
            disabled={disabled}
          >
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Textarea
            label={t('guard.settings.patterns')}
            description={t('guard.settings.patternsHint')}
            value={form.patterns}
            onChange={(e) => onChange({ patterns: e.currentTarget.value })}
            error={error('patterns')}
            disabled={disabled}
            autosize
            minRows={2}
            required
            spellCheck={false}
          />
          <Textarea
            label={t('guard.settings.alternatives')}
            description={t('guard.settings.alternativesHint')}
            value={form.alternatives}
            onChange={(e) => onChange({ alternatives: e.currentTarget.value })}
            error={error('alternatives')}
            disabled={disabled}
            autosize
            minRows={2}
          />
        </SimpleGrid>
        <Textarea
          label={t('guard.settings.reason')}
          value={form.reason}
          onChange={(e) => onChange({ reason: e.currentTarget.value })}
          error={error('reason')}
          disabled={disabled}
          autosize
          minRows={1}
          required
        />
        {error('rule') && (
          <Text size="sm" c="red.8" role="alert">
            {error('rule')}
          </Text>
        )}
      </Stack>
    </Fieldset>
  );
}
