import { Stack, Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  GLOBAL_SHORTCUT_ACTIONS,
  ShortcutsFormSchema,
  type GlobalShortcutAction,
} from '../../../../shared/model/shortcuts.ts';
import { formatAccelerator } from '../../../../shared/shortcuts/accelerator.ts';
import { useAppState } from '../../app/app-state.tsx';
import { invoke } from '../../lib/ipc.ts';
import { SaveRow, Section, useLocked } from './section-parts.tsx';
import { ShortcutField } from './ShortcutField.tsx';
import { useSectionForm } from './use-section-form.ts';

/**
 * Settings → Shortcuts: the system-wide shortcuts (answer, hang up, mute, show Hotline), recorded
 * by pressing them. Problems show next to the field as the keys are pressed (the same rules main
 * applies), and a shortcut that is saved but not working (another program holds it) says so.
 */
export function ShortcutsSection() {
  const { t } = useTranslation();
  const { settings, status, info } = useAppState();
  const locked = useLocked();
  const saved = settings.settings.shortcuts;
  const form = useSectionForm('shortcuts', ShortcutsFormSchema, saved, async (shortcuts) => {
    await invoke('settings:update', { patch: { shortcuts } });
  });
  const values = form.form;

  // As the operator records: the first problem of each field, in their language. These are the
  // checks Save runs too, so the form's own copy of them (which would go stale once another field
  // is changed) is not shown; main's answer is, until the next Save.
  const live = new Map<string, string>();
  const parsed = ShortcutsFormSchema.safeParse(values);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0]);
      if (!live.has(key))
        live.set(
          key,
          t(`settings.shortcuts.error.${issue.message}`, { defaultValue: t('errors.VALIDATION') }),
        );
    }

  const failures = status.shell?.shortcutFailures ?? [];
  const failureOf = (action: GlobalShortcutAction) => {
    // Only for what is registered now: a new, unsaved value has not been tried yet.
    if (!saved.globalEnabled || values[action] !== saved[action]) return undefined;
    const failure = failures.find((f) => f.action === action && f.accelerator === saved[action]);
    return failure
      ? t(`settings.shortcuts.failure.${failure.reason}`, {
          keys: formatAccelerator(failure.accelerator, info.platform),
        })
      : undefined;
  };

  return (
    <Section title={t('settings.shortcuts.title')} description={t('settings.shortcuts.description')}>
      <form onSubmit={(e) => void form.save(e)} noValidate aria-label={t('settings.shortcuts.title')}>
        <Stack gap="sm" maw={560}>
          <Switch
            label={t('settings.shortcuts.enabled')}
            checked={values.globalEnabled}
            onChange={(e) => form.set('globalEnabled', e.currentTarget.checked)}
            {...locked('shortcuts.globalEnabled')}
          />
          {GLOBAL_SHORTCUT_ACTIONS.map((action) => {
            const lock = locked(`shortcuts.${action}`);
            return (
              <ShortcutField
                key={action}
                label={t(`settings.shortcuts.action.${action}`)}
                value={values[action]}
                platform={info.platform}
                onChange={(accelerator) => form.set(action, accelerator)}
                error={
                  live.get(action) ?? (form.formError ? form.error(action) : undefined) ?? failureOf(action)
                }
                disabled={!values.globalEnabled || lock.disabled}
                description={lock.description}
                rightSection={lock.rightSection}
              />
            );
          })}
          <SaveRow busy={form.busy} saved={form.saved} formError={form.formError} />
        </Stack>
      </form>
    </Section>
  );
}
