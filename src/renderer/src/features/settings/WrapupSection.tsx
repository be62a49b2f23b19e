import {
  ActionIcon,
  Button,
  Checkbox,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  REQUEST_FIELD_IDS,
  WrapupSettingsSchema,
  type Disposition,
  type ListItem,
  type RequestFieldId,
  type WrapupSettings,
} from '../../../../shared/model/wrapup-settings.ts';
import { useAppState } from '../../app/app-state.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { invoke, IpcCallError } from '../../lib/ipc.ts';
import { SaveRow, Section, useLocked } from './section-parts.tsx';

// Settings → Wrap-up: the call results (dispositions) with their names in both languages and
// hotkeys, the topics, the request types, and which request/order fields the form shows and
// requires. Checked with the same schema main uses; each message sits at its row and column.

type ListKey = 'dispositions' | 'topics' | 'requestTypes';
type Errors = Record<string, string>;

const HOTKEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

function ListEditor({
  list,
  rows,
  withHotkey,
  errors,
  disabled,
  onChange,
}: {
  list: ListKey;
  rows: Array<ListItem | Disposition>;
  withHotkey: boolean;
  errors: Errors;
  disabled: boolean;
  onChange: (rows: Array<ListItem | Disposition>) => void;
}) {
  const { t } = useTranslation();
  const title = t(`settings.wrapup.${list}`);
  const error = (index: number, field: string) => {
    const code = errors[`${list}.${index}.${field}`];
    return code
      ? t(`settings.wrapup.error.${code}`, { defaultValue: t('settings.wrapup.error.invalid') })
      : undefined;
  };
  const cell = (column: string, index: number) =>
    t('settings.wrapup.cell', { list: title, column, row: index + 1 });
  const edit = (index: number, patch: Partial<Disposition>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const listError = errors[list];

  return (
    <Stack gap={6}>
      <div>
        <Title order={3} size="h5">
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {t(`settings.wrapup.${list}Hint`)}
        </Text>
      </div>
      {rows.length > 0 && (
        <Table withRowBorders={false} verticalSpacing={4} horizontalSpacing={6} aria-label={title}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('settings.wrapup.code')}</Table.Th>
              <Table.Th>{t('settings.wrapup.labelRu')}</Table.Th>
              <Table.Th>{t('settings.wrapup.labelEn')}</Table.Th>
              {withHotkey && <Table.Th>{t('settings.wrapup.hotkey')}</Table.Th>}
              <Table.Th>
                <VisuallyHidden>{t('settings.wrapup.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, index) => (
              <Table.Tr key={index} style={{ verticalAlign: 'top' }}>
                <Table.Td>
                  <TextInput
                    aria-label={cell(t('settings.wrapup.code'), index)}
                    value={row.code}
                    onChange={(e) => edit(index, { code: e.currentTarget.value })}
                    error={error(index, 'code')}
                    disabled={disabled}
                    maw={160}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={cell(t('settings.wrapup.labelRu'), index)}
                    value={row.label.ru}
                    onChange={(e) => edit(index, { label: { ...row.label, ru: e.currentTarget.value } })}
                    error={error(index, 'label.ru')}
                    disabled={disabled}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={cell(t('settings.wrapup.labelEn'), index)}
                    value={row.label.en}
                    onChange={(e) => edit(index, { label: { ...row.label, en: e.currentTarget.value } })}
                    error={error(index, 'label.en')}
                    disabled={disabled}
                  />
                </Table.Td>
                {withHotkey && (
                  <Table.Td>
                    <NativeSelect
                      aria-label={cell(t('settings.wrapup.hotkey'), index)}
                      data={[{ value: '', label: t('settings.wrapup.noHotkey') }, ...HOTKEYS]}
                      value={'hotkey' in row && row.hotkey ? String(row.hotkey) : ''}
                      onChange={(e) =>
                        edit(index, { hotkey: e.currentTarget.value ? Number(e.currentTarget.value) : null })
                      }
                      error={error(index, 'hotkey')}
                      disabled={disabled}
                      w={90}
                    />
                  </Table.Td>
                )}
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={t('settings.wrapup.remove', { row: index + 1, list: title })}
                    onClick={() => onChange(rows.filter((_, i) => i !== index))}
                    disabled={disabled}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {listError && (
        <Text size="sm" c="red.8" role="alert">
          {t(`settings.wrapup.error.${listError}`, { defaultValue: t('settings.wrapup.error.invalid') })}
        </Text>
      )}
      <div>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() =>
            onChange([
              ...rows,
              withHotkey
                ? { code: '', label: { ru: '', en: '' }, hotkey: null }
                : { code: '', label: { ru: '', en: '' } },
            ])
          }
          disabled={disabled}
        >
          {t('settings.wrapup.add', { list: title })}
        </Button>
      </div>
    </Stack>
  );
}

function FieldsEditor({
  value,
  disabled,
  onChange,
}: {
  value: WrapupSettings['requestFields'];
  disabled: boolean;
  onChange: (value: WrapupSettings['requestFields']) => void;
}) {
  const { t } = useTranslation();
  // Shown fields in their configured order, then the hidden ones.
  const order: RequestFieldId[] = [
    ...value.map((f) => f.field),
    ...REQUEST_FIELD_IDS.filter((id) => !value.some((f) => f.field === id)),
  ];
  return (
    <Stack gap={6}>
      <Title order={3} size="h5">
        {t('settings.wrapup.fields')}
      </Title>
      <Table withRowBorders={false} verticalSpacing={4} aria-label={t('settings.wrapup.fields')} maw={520}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settings.wrapup.field')}</Table.Th>
            <Table.Th>{t('settings.wrapup.fieldShown')}</Table.Th>
            <Table.Th>{t('settings.wrapup.fieldRequired')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {order.map((id) => {
            const setting = value.find((f) => f.field === id);
            const name = t(`wrapup.request.${id}`);
            return (
              <Table.Tr key={id}>
                <Table.Td>{name}</Table.Td>
                <Table.Td>
                  <Checkbox
                    aria-label={`${name}: ${t('settings.wrapup.fieldShown')}`}
                    checked={setting !== undefined}
                    disabled={disabled}
                    onChange={(e) =>
                      onChange(
                        e.currentTarget.checked
                          ? [...value, { field: id, required: false }]
                          : value.filter((f) => f.field !== id),
                      )
                    }
                  />
                </Table.Td>
                <Table.Td>
                  <Checkbox
                    aria-label={`${name}: ${t('settings.wrapup.fieldRequired')}`}
                    checked={setting?.required ?? false}
                    disabled={disabled || setting === undefined}
                    onChange={(e) => {
                      const required = e.currentTarget.checked;
                      onChange(value.map((f) => (f.field === id ? { ...f, required } : f)));
                    }}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

export function WrapupSection() {
  const { t } = useTranslation();
  const { settings } = useAppState();
  const locked = useLocked();
  const [form, setForm] = useState<WrapupSettings>(settings.settings.wrapup);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const isLocked = (key: keyof WrapupSettings) => settings.locked.includes(`wrapup.${key}`);

  const set = <K extends keyof WrapupSettings>(key: K, value: WrapupSettings[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setSaved(false);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const parsed = WrapupSettingsSchema.safeParse(form);
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) next[issue.path.join('.')] ??= issue.message;
      setErrors(next);
      setFormError(t('errors.VALIDATION'));
      return;
    }
    setBusy(true);
    try {
      const wrapup = Object.fromEntries(
        Object.entries(parsed.data).filter(([key]) => !isLocked(key as keyof WrapupSettings)),
      ) as Partial<WrapupSettings>;
      await invoke('settings:update', { patch: { wrapup } });
      setErrors({});
      setSaved(true);
    } catch (failure) {
      if (failure instanceof IpcCallError && failure.issues.length > 0) {
        const next: Errors = {};
        for (const issue of failure.issues)
          next[issue.path.replace(/^(patch\.)?wrapup\./, '')] ??= issue.message;
        setErrors(next);
      }
      setFormError(errorMessage(t, failure));
    } finally {
      setBusy(false);
    }
  };

  const list = (key: ListKey, withHotkey = false) => (
    <ListEditor
      list={key}
      rows={form[key]}
      withHotkey={withHotkey}
      errors={errors}
      disabled={isLocked(key)}
      onChange={(rows) => set(key, rows as never)}
    />
  );

  return (
    <Section title={t('settings.wrapup.title')} description={t('settings.wrapup.description')}>
      <form onSubmit={(e) => void save(e)} noValidate aria-label={t('settings.wrapup.title')}>
        <Stack gap="lg">
          {list('dispositions', true)}
          {list('topics')}
          {list('requestTypes')}
          <FieldsEditor
            value={form.requestFields}
            disabled={isLocked('requestFields')}
            onChange={(value) => set('requestFields', value)}
          />
          <TextInput
            label={t('settings.wrapup.currency')}
            description={t('settings.wrapup.currencyHint')}
            value={form.currency}
            maxLength={3}
            maw={240}
            onChange={(e) => set('currency', e.currentTarget.value.toUpperCase())}
            error={
              errors.currency
                ? t(`settings.wrapup.error.${errors.currency}`, {
                    defaultValue: t('settings.wrapup.error.invalid'),
                  })
                : undefined
            }
            {...locked('wrapup.currency')}
          />
          <SaveRow busy={busy} saved={saved} formError={formError} />
        </Stack>
      </form>
    </Section>
  );
}
