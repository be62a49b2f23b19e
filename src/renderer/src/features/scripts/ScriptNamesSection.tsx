import { Checkbox, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ScriptSettingsSchema } from '../../../../shared/model/scripts-settings.ts';
import { useAppState } from '../../app/app-state.tsx';
import { invoke } from '../../lib/ipc.ts';
import { SaveRow, Section, useLocked } from '../settings/section-parts.tsx';
import { useSectionForm } from '../settings/use-section-form.ts';

// What the scripts say for {{company.name}} and {{operator.name}}, and whether Hotline's own scripts
// are offered. Without a company name the greeting shows a placeholder, so this is the first thing a
// team lead fills in. IT's scripts (scripts.managed) are not edited here.

const NamesSchema = ScriptSettingsSchema.pick({ companyName: true, operatorName: true, builtIn: true });

export function ScriptNamesSection() {
  const { t } = useTranslation();
  const { settings } = useAppState();
  const locked = useLocked();
  const { companyName, operatorName, builtIn } = settings.settings.scripts;
  const { form, set, error, formError, saved, busy, save } = useSectionForm(
    'scripts',
    NamesSchema,
    { companyName, operatorName, builtIn },
    async (scripts) => {
      await invoke('settings:update', { patch: { scripts } });
    },
  );
  const builtInLocked = settings.locked.includes('scripts.builtIn');
  return (
    <Section title={t('scripts.names.title')} description={t('scripts.names.description')}>
      <form onSubmit={(e) => void save(e)} noValidate aria-label={t('scripts.names.title')}>
        <Stack gap="sm" maw={560}>
          <TextInput
            label={t('scripts.names.companyName')}
            description={t('scripts.names.companyNameHint', { variable: '{{company.name}}' })}
            value={form.companyName}
            maxLength={120}
            onChange={(e) => set('companyName', e.currentTarget.value)}
            error={error('companyName')}
            {...locked('scripts.companyName')}
          />
          <TextInput
            label={t('scripts.names.operatorName')}
            description={t('scripts.names.operatorNameHint', { variable: '{{operator.name}}' })}
            value={form.operatorName}
            maxLength={120}
            onChange={(e) => set('operatorName', e.currentTarget.value)}
            error={error('operatorName')}
            {...locked('scripts.operatorName')}
          />
          <Checkbox
            label={t('scripts.names.builtIn')}
            description={builtInLocked ? t('settings.lockedHint') : undefined}
            checked={form.builtIn}
            disabled={builtInLocked}
            onChange={(e) => set('builtIn', e.currentTarget.checked)}
          />
          <SaveRow busy={busy} saved={saved} formError={formError} />
        </Stack>
      </form>
    </Section>
  );
}
