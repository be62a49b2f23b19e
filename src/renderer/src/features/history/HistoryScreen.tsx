import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The call history; it fills from the call log. */
export function HistoryScreen() {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-screen="history">
      <Title order={1} size="h2">
        {t('history.title')}
      </Title>
      <Text c="dimmed">{t('history.empty')}</Text>
    </Stack>
  );
}
