import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Modal,
  NativeSelect,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPhoneOutgoing, IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ContactNumberLabelSchema,
  type ContactNumberLabel,
  type ContactView,
} from '../../../../shared/model/contact.ts';
import { formatForDisplay } from '../../../../shared/phone/dial-target.ts';
import { useAppState } from '../../app/app-state.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { IpcCallError, invoke } from '../../lib/ipc.ts';
import {
  errorsOfIssues,
  formOf,
  inputOf,
  newNumberRow,
  validateForm,
  type ContactForm,
  type FieldError,
  type FormErrors,
} from './contact-form.ts';

export interface ContactEditorProps {
  /** The contact to edit; null for a new one. */
  contact: ContactView | null;
  onSaved(contact: ContactView): void;
  onDeleted(contact: ContactView): void;
  onCancel(): void;
  onCall(number: string): void;
  /** Whether the phone can dial now. */
  canCall: boolean;
}

/**
 * One contact's fields. Every message sits next to its field; what the editor cannot know (that a
 * number is someone else's) comes back from the core the same way. Remount it (key) per contact.
 */
export function ContactEditor({
  contact,
  onSaved,
  onDeleted,
  onCancel,
  onCall,
  canCall,
}: ContactEditorProps) {
  const { t } = useTranslation();
  const { settings } = useAppState();
  const region = settings.settings.phone.defaultRegion;
  const [form, setForm] = useState<ContactForm>(() => formOf(contact));
  const [errors, setErrors] = useState<FormErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const numberRefs = useRef(new Map<number, HTMLInputElement>());

  // Opened from the list or "New contact": the keyboard continues in the form, not 150 tabs away.
  useEffect(() => nameRef.current?.focus(), []);

  const fieldError = (path: string): string | undefined => {
    const error: FieldError | undefined = errors[path];
    return error
      ? t(`contacts.fieldError.${error.message}`, { defaultValue: error.message, ...error.params })
      : undefined;
  };

  const change = (patch: Partial<ContactForm>, clear: string[]) => {
    setForm((f) => ({ ...f, ...patch }));
    setSaved(false);
    if (clear.some((path) => errors[path]))
      setErrors((e) => Object.fromEntries(Object.entries(e).filter(([path]) => !clear.includes(path))));
  };

  const setNumber = (index: number, patch: { number?: string; label?: ContactNumberLabel }) =>
    change({ numbers: form.numbers.map((row, i) => (i === index ? { ...row, ...patch } : row)) }, [
      `numbers.${index}.number`,
    ]);

  /** Moves the focus to the first field with a message, so a keyboard user lands on it. */
  const focusFirstError = (found: FormErrors) => {
    if (found.name) return nameRef.current?.focus();
    const first = form.numbers.findIndex((_, i) => found[`numbers.${i}.number`]);
    if (first >= 0) numberRefs.current.get(form.numbers[first]!.key)?.focus();
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const found = validateForm(form, region);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstError(found);
      return;
    }
    setBusy(true);
    try {
      const result = await invoke('contacts:save', inputOf(form, contact?.id));
      setSaved(true);
      onSaved(result);
    } catch (failure) {
      if (failure instanceof IpcCallError && failure.code === 'VALIDATION' && failure.issues.length > 0) {
        const fromCore = errorsOfIssues(failure.issues);
        setErrors(fromCore);
        focusFirstError(fromCore);
      } else setFormError(errorMessage(t, failure));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!contact) return;
    setBusy(true);
    try {
      await invoke('contacts:delete', { id: contact.id });
      setConfirmDelete(false);
      onDeleted(contact);
    } catch (failure) {
      setConfirmDelete(false);
      setFormError(errorMessage(t, failure));
    } finally {
      setBusy(false);
    }
  };

  const title = contact
    ? t('contacts.editor.editTitle', { name: contact.name })
    : t('contacts.editor.newTitle');
  const labels = ContactNumberLabelSchema.options.map((value) => ({
    value,
    label: t(`contacts.label.${value}`),
  }));

  return (
    <form onSubmit={(e) => void save(e)} noValidate aria-label={title} data-testid="contact-editor">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {title}
        </Title>
        <TextInput
          ref={nameRef}
          label={t('contacts.editor.name')}
          withAsterisk
          required
          value={form.name}
          onChange={(e) => change({ name: e.currentTarget.value }, ['name'])}
          error={fieldError('name')}
          maxLength={200}
          autoComplete="off"
        />
        <Group grow align="flex-start">
          <TextInput
            label={t('contacts.editor.company')}
            value={form.company}
            onChange={(e) => change({ company: e.currentTarget.value }, ['company'])}
            error={fieldError('company')}
            maxLength={200}
            autoComplete="off"
          />
          <TextInput
            label={t('contacts.editor.email')}
            type="email"
            value={form.email}
            onChange={(e) => change({ email: e.currentTarget.value }, ['email'])}
            error={fieldError('email')}
            maxLength={254}
            autoComplete="off"
          />
        </Group>

        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <Text component="legend" size="sm" fw={600} mb={4}>
            {t('contacts.editor.numbers')}
          </Text>
          <Stack gap="xs">
            {form.numbers.map((row, index) => {
              const n = index + 1;
              const error = fieldError(`numbers.${index}.number`);
              return (
                <Group key={row.key} gap="xs" align="flex-start" wrap="nowrap">
                  <NativeSelect
                    aria-label={t('contacts.editor.label', { index: n })}
                    data={labels}
                    value={row.label}
                    onChange={(e) => setNumber(index, { label: e.currentTarget.value as ContactNumberLabel })}
                    w={130}
                  />
                  <TextInput
                    ref={(el) => {
                      if (el) numberRefs.current.set(row.key, el);
                      else numberRefs.current.delete(row.key);
                    }}
                    aria-label={t('contacts.editor.number', { index: n })}
                    value={row.number}
                    onChange={(e) => setNumber(index, { number: e.currentTarget.value })}
                    error={error}
                    inputMode="tel"
                    autoComplete="off"
                    maxLength={64}
                    style={{ flex: 1 }}
                  />
                  <ActionIcon
                    variant="light"
                    size="lg"
                    aria-label={t('contacts.call', {
                      name: form.name || contact?.name || '',
                      number: formatForDisplay(row.number, region),
                    })}
                    disabled={!canCall || row.number.trim() === '' || Boolean(error)}
                    onClick={() => onCall(row.number)}
                  >
                    <IconPhoneOutgoing size={16} aria-hidden />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="lg"
                    aria-label={t('contacts.editor.removeNumber', { index: n })}
                    onClick={() => {
                      const numbers = form.numbers.filter((_, i) => i !== index);
                      // Messages follow their rows: indexes after the removed one shift down.
                      setErrors((e) =>
                        Object.fromEntries(
                          Object.entries(e).flatMap(([path, value]) => {
                            const m = /^numbers\.(\d+)\.number$/.exec(path);
                            if (!m) return [[path, value]];
                            const i = Number(m[1]);
                            return i === index ? [] : [[`numbers.${i > index ? i - 1 : i}.number`, value]];
                          }),
                        ),
                      );
                      setForm((f) => ({ ...f, numbers: numbers.length ? numbers : [newNumberRow()] }));
                      setSaved(false);
                    }}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
              );
            })}
            <Group>
              <Button
                variant="subtle"
                size="compact-sm"
                leftSection={<IconPlus size={14} aria-hidden />}
                disabled={form.numbers.length >= 20}
                onClick={() => {
                  const row = newNumberRow('work');
                  change({ numbers: [...form.numbers, row] }, []);
                  requestAnimationFrame(() => numberRefs.current.get(row.key)?.focus());
                }}
              >
                {t('contacts.editor.addNumber')}
              </Button>
            </Group>
          </Stack>
        </fieldset>

        <Textarea
          label={t('contacts.editor.notes')}
          value={form.notes}
          onChange={(e) => change({ notes: e.currentTarget.value }, ['notes'])}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={10_000}
        />
        <TagsInput
          label={t('contacts.editor.tags')}
          description={t('contacts.editor.tagsHint')}
          value={form.tags}
          onChange={(tags) => change({ tags }, ['tags'])}
          maxTags={50}
          splitChars={[',', ';']}
          clearable
        />

        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <Group justify="space-between">
          <Group gap="xs">
            <Button type="submit" loading={busy}>
              {t('contacts.editor.save')}
            </Button>
            <Button variant="default" onClick={onCancel}>
              {t('contacts.editor.cancel')}
            </Button>
            {saved && (
              <Text size="sm" c="teal.9" role="status">
                {t('contacts.editor.saved')}
              </Text>
            )}
          </Group>
          {contact && (
            <Button
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={16} aria-hidden />}
              onClick={() => setConfirmDelete(true)}
            >
              {t('contacts.editor.delete')}
            </Button>
          )}
        </Group>
      </Stack>

      <Modal
        opened={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={t('contacts.delete.title', { name: contact?.name ?? '' })}
        closeButtonProps={{ 'aria-label': t('contacts.closeDialog') }}
      >
        <Stack gap="md">
          <Text size="sm">{t('contacts.delete.body')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmDelete(false)} data-autofocus>
              {t('contacts.delete.cancel')}
            </Button>
            <Button color="red" loading={busy} onClick={() => void remove()}>
              {t('contacts.delete.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </form>
  );
}
