import { ActionIcon, Button, Group, NumberInput, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  MAX_NOT_READY_REASONS,
  OperatorSettingsSchema,
  type NotReadyReason,
} from '../../../../shared/model/operator.ts';
import { useAppState } from '../../app/app-state.tsx';
import { invoke } from '../../lib/ipc.ts';
import { SaveRow, Section, useLocked } from './section-parts.tsx';
import { useSectionForm } from './use-section-form.ts';

const LANGS = ['ru', 'en'] as const;

/** An id for a new reason from its English name (what reports show), unique in the list. */
export function reasonIdFor(english: string, taken: ReadonlySet<string>): string {
  const base =
    english
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 28)
      .replace(/-+$/, '') || 'reason';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * Settings → Operator: the not-ready reasons (names in both languages; the id is fixed once saved,
 * so reports keep adding up), the wrap-up time limit, do-not-disturb and missed call → not ready.
 */
export function OperatorSection() {
  const { t } = useTranslation();
  const { settings } = useAppState();
  const locked = useLocked();
  const saved = settings.settings.operator;
  const form = useSectionForm('operator', OperatorSettingsSchema, saved, async (operator) => {
    await invoke('settings:update', { patch: { operator } });
  });
  const { set, error } = form;
  const reasons = form.form.notReadyReasons;
  const reasonsLocked = settings.locked.includes('operator.notReadyReasons');
  const savedIds = new Set(saved.notReadyReasons.map((r) => r.id));

  const rename = (index: number, lang: (typeof LANGS)[number], value: string) => {
    const next = reasons.map((reason, i): NotReadyReason => {
      if (i !== index) return reason;
      const renamed = { ...reason, label: { ...reason.label, [lang]: value } };
      // A reason not saved yet takes its id from its English name; a saved one keeps its id.
      if (lang === 'en' && !savedIds.has(reason.id)) {
        const taken = new Set(reasons.filter((_, j) => j !== index).map((r) => r.id));
        renamed.id = reasonIdFor(value, new Set([...taken, ...savedIds]));
      }
      return renamed;
    });
    set('notReadyReasons', next);
  };

  const add = () => {
    const taken = new Set([...reasons.map((r) => r.id), ...savedIds]);
    set('notReadyReasons', [...reasons, { id: reasonIdFor('', taken), label: { ru: '', en: '' } }]);
  };

  const switchLock = (path: string) =>
    settings.locked.includes(path) ? { disabled: true, description: t('settings.lockedHint') } : {};

  return (
    <Section title={t('operator.settings.title')} description={t('operator.settings.description')}>
      <form
        onSubmit={(e) => void form.save(e)}
        noValidate
        aria-label={t('operator.settings.title')}
        data-testid="operator-settings"
      >
        <Stack gap="md" maw={640}>
          <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }} disabled={reasonsLocked}>
            <Text component="legend" fw={600} size="sm" p={0}>
              {t('operator.settings.reasons')}
            </Text>
            <Stack gap="xs">
              <Text size="xs" c="dimmed">
                {reasonsLocked ? t('settings.lockedHint') : t('operator.settings.reasonsHint')}
              </Text>
              {/* Column headings for sighted users; each field has its own full name. */}
              <Group gap="xs" wrap="nowrap" aria-hidden pr={reasonsLocked ? 0 : 42}>
                {LANGS.map((lang) => (
                  <Text key={lang} size="sm" fw={500} style={{ flex: 1 }}>
                    {t(lang === 'ru' ? 'operator.settings.labelRu' : 'operator.settings.labelEn')}
                  </Text>
                ))}
              </Group>
              {reasons.map((reason, index) => {
                const name = reason.label.en || reason.label.ru || reason.id;
                return (
                  <Group key={index} gap="xs" align="flex-start" wrap="nowrap" data-testid="operator-reason">
                    {LANGS.map((lang) => (
                      <TextInput
                        key={lang}
                        style={{ flex: 1 }}
                        size="sm"
                        placeholder={t(
                          lang === 'ru' ? 'operator.settings.labelRu' : 'operator.settings.labelEn',
                        )}
                        aria-label={t('operator.settings.reasonLabel', {
                          number: index + 1,
                          language: t(
                            lang === 'ru' ? 'operator.settings.labelRu' : 'operator.settings.labelEn',
                          ),
                        })}
                        value={reason.label[lang]}
                        disabled={reasonsLocked}
                        maxLength={60}
                        onChange={(e) => rename(index, lang, e.currentTarget.value)}
                        error={error(`notReadyReasons.${index}.label.${lang}`)}
                        inputWrapperOrder={['label', 'input', 'description', 'error']}
                        description={
                          lang === 'en'
                            ? (error(`notReadyReasons.${index}.id`) ??
                              t('operator.settings.reasonId', { id: reason.id }))
                            : undefined
                        }
                      />
                    ))}
                    {!reasonsLocked && (
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        size="lg"
                        aria-label={t('operator.settings.removeReason', { label: name })}
                        onClick={() =>
                          set(
                            'notReadyReasons',
                            reasons.filter((_, i) => i !== index),
                          )
                        }
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    )}
                  </Group>
                );
              })}
              {error('notReadyReasons') && (
                <Text size="sm" c="red.8" role="alert">
                  {error('notReadyReasons')}
                </Text>
              )}
              {!reasonsLocked && (
                <Group>
                  <Button
                    variant="light"
                    size="compact-sm"
                    leftSection={<IconPlus size={14} aria-hidden />}
                    onClick={add}
                    disabled={reasons.length >= MAX_NOT_READY_REASONS}
                  >
                    {t('operator.settings.addReason')}
                  </Button>
                </Group>
              )}
            </Stack>
          </fieldset>
          <NumberInput
            label={t('operator.settings.wrapupLimit')}
            description={t('operator.settings.wrapupLimitHint')}
            value={form.form.wrapupLimitS}
            min={0}
            max={3600}
            step={15}
            allowDecimal={false}
            maw={360}
            onChange={(v) => set('wrapupLimitS', typeof v === 'number' ? v : Number(v))}
            error={error('wrapupLimitS')}
            {...locked('operator.wrapupLimitS')}
          />
          <Switch
            label={t('operator.settings.dnd')}
            description={t('operator.settings.dndHint')}
            checked={form.form.dndWhenNotReady}
            onChange={(e) => set('dndWhenNotReady', e.currentTarget.checked)}
            {...switchLock('operator.dndWhenNotReady')}
          />
          <Switch
            label={t('operator.settings.missed')}
            description={t('operator.settings.missedHint')}
            checked={form.form.missedToNotReady}
            onChange={(e) => set('missedToNotReady', e.currentTarget.checked)}
            {...switchLock('operator.missedToNotReady')}
          />
          <SaveRow busy={form.busy} saved={form.saved} formError={form.formError} />
        </Stack>
      </form>
    </Section>
  );
}
