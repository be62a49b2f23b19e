import { Alert, Button, Group, Modal, Radio, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactSummary, ContactView } from '../../../../shared/model/contact.ts';
import { formatForDisplay } from '../../../../shared/phone/dial-target.ts';
import { useAppState } from '../../app/app-state.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { invoke } from '../../lib/ipc.ts';

/** Several contacts into one: the operator picks which one stays; the core moves the rest into it. */
export function MergeDialog({
  contacts,
  onClose,
  onMerged,
}: {
  contacts: ContactSummary[];
  onClose(): void;
  onMerged(contact: ContactView): void;
}) {
  const { t } = useTranslation();
  const { settings } = useAppState();
  const [targetId, setTargetId] = useState(contacts[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const merge = async () => {
    setBusy(true);
    setError(null);
    try {
      const merged = await invoke('contacts:merge', {
        targetId,
        sourceIds: contacts.filter((c) => c.id !== targetId).map((c) => c.id),
      });
      onMerged(merged);
    } catch (failure) {
      setError(errorMessage(t, failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('contacts.merge.title', { count: contacts.length })}
      closeButtonProps={{ 'aria-label': t('contacts.closeDialog') }}
    >
      <Stack gap="md">
        <Radio.Group
          value={targetId}
          onChange={setTargetId}
          label={t('contacts.merge.keep')}
          description={t('contacts.merge.keepHint')}
        >
          <Stack gap="xs" mt="xs">
            {contacts.map((c) => (
              <Radio
                key={c.id}
                value={c.id}
                label={c.name}
                description={[
                  c.company,
                  ...c.numbers.map((n) => formatForDisplay(n.number, settings.settings.phone.defaultRegion)),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              />
            ))}
          </Stack>
        </Radio.Group>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('contacts.merge.cancel')}
          </Button>
          <Button loading={busy} onClick={() => void merge()} disabled={!targetId}>
            {t('contacts.merge.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
