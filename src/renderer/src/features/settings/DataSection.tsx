import { Checkbox, Group, NumberInput, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DataSettingsSchema, type DataSettings } from '../../../../shared/model/settings.ts';
import { useAppState } from '../../app/app-state.tsx';
import { invoke } from '../../lib/ipc.ts';
import { SaveRow, Section, useLocked } from './section-parts.tsx';
import { useSectionForm } from './use-section-form.ts';

type NumberKey = 'retentionDays' | 'backupIntervalH' | 'backupsKept';

/**
 * Keeping the local data: how long calls stay (0 = always), how often the database is backed up and
 * how many copies are kept, and whether callers' numbers are masked. Core applies each of them; IT
 * may lock any.
 */
export function DataSection() {
  const { t } = useTranslation();
  const { settings } = useAppState();
  const locked = useLocked();
  const { form, set, error, formError, saved, busy, save } = useSectionForm(
    'data',
    DataSettingsSchema,
    settings.settings.data,
    async (data) => {
      await invoke('settings:update', { patch: { data } });
    },
  );

  const numberField = (key: NumberKey, min: number, max: number) => ({
    label: t(`settings.data.${key}`),
    value: Number.isNaN(form[key]) ? '' : form[key],
    min,
    max,
    allowDecimal: false,
    allowNegative: false,
    // An empty field stays invalid (NaN) rather than silently becoming 0 ("keep everything").
    onChange: (v: number | string) => set(key, v === '' ? Number.NaN : Number(v)),
    error: error(key),
    ...locked(`data.${key}`),
  });

  const maskLocked = settings.locked.includes('data.maskNumbers');
  return (
    <Section title={t('settings.data.title')} description={t('settings.data.description')}>
      <form onSubmit={(e) => void save(e)} noValidate aria-label={t('settings.data.title')}>
        <Stack gap="sm" maw={560}>
          <NumberInput
            {...numberField('retentionDays', 0, 3650)}
            description={
              settings.locked.includes('data.retentionDays')
                ? t('settings.lockedHint')
                : t('settings.data.retentionHint')
            }
            maw={320}
          />
          <Group grow maw={480} align="flex-start">
            <NumberInput {...numberField('backupIntervalH', 1, 168)} />
            <NumberInput {...numberField('backupsKept', 1, 60)} />
          </Group>
          <Checkbox
            label={t('settings.data.maskNumbers')}
            description={maskLocked ? t('settings.lockedHint') : t('settings.data.maskNumbersHint')}
            checked={form.maskNumbers}
            disabled={maskLocked}
            onChange={(e) => set('maskNumbers', e.currentTarget.checked as DataSettings['maskNumbers'])}
          />
          <SaveRow busy={busy} saved={saved} formError={formError} />
        </Stack>
      </form>
    </Section>
  );
}
