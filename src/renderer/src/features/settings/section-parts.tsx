import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppState } from '../../app/app-state.tsx';

// The pieces every settings section is built from: a titled region, the Save row, and the props
// that show a field IT has locked.

export function Section({
  title,
  description,
  children,
}: {
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <section aria-label={title}>
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4">
            {title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </div>
        {children}
      </Stack>
    </section>
  );
}

/** A section's Save button, any extra actions, and the "Saved" confirmation. */
/** The end of every settings form: the form-wide error (if any), Save, and "Saved". */
export function SaveRow({
  busy,
  saved,
  formError,
  children,
}: {
  busy: boolean;
  saved: boolean;
  formError?: string | null;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      {formError && (
        <Alert color="red" role="alert">
          {formError}
        </Alert>
      )}
      <Group>
        <Button type="submit" loading={busy}>
          {t('settings.save')}
        </Button>
        {children}
        {saved && (
          <Text c="green.8" role="status">
            {t('settings.saved')}
          </Text>
        )}
      </Group>
    </>
  );
}

export function useLocked() {
  const { settings } = useAppState();
  const { t } = useTranslation();
  return (path: string) =>
    settings.locked.includes(path)
      ? {
          disabled: true,
          rightSection: <IconLock size={14} aria-label={t('settings.lockedHint')} />,
          description: t('settings.lockedHint'),
        }
      : {};
}
