import { Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Script and knowledge base beside the call. Their content arrives with those features. */
export function SidePanel() {
  const { t } = useTranslation();
  return (
    <Tabs defaultValue="script" keepMounted={false}>
      <Tabs.List grow>
        <Tabs.Tab value="script">{t('side.script')}</Tabs.Tab>
        <Tabs.Tab value="knowledge">{t('side.knowledge')}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="script" pt="md">
        <Text c="dimmed" size="sm">
          {t('side.scriptEmpty')}
        </Text>
      </Tabs.Panel>
      <Tabs.Panel value="knowledge" pt="md">
        <Text c="dimmed" size="sm">
          {t('side.knowledgeEmpty')}
        </Text>
      </Tabs.Panel>
    </Tabs>
  );
}
