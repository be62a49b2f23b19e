import { Tabs } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KnowledgePanel } from '../knowledge/KnowledgePanel.tsx';
import { useKnowledgeRequests } from '../knowledge/knowledge-events.ts';
import { ScriptPanel } from '../scripts/ScriptPanel.tsx';
import { useOpenScriptOnCallStart } from '../scripts/use-script-run.ts';

/** Script and knowledge base beside the call. Their content arrives with those features. */
export function SidePanel() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('script');
  // F6, or an article opened from elsewhere (the wrap-up form): the knowledge base comes to front.
  useKnowledgeRequests(useCallback(() => setTab('knowledge'), []));
  // A call starts (rings, or dials out): its script comes to front.
  useOpenScriptOnCallStart(useCallback(() => setTab('script'), []));
  return (
    <Tabs value={tab} onChange={setTab} keepMounted={false}>
      <Tabs.List grow>
        <Tabs.Tab value="script">{t('side.script')}</Tabs.Tab>
        <Tabs.Tab value="knowledge">{t('side.knowledge')}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="script" pt="md">
        <ScriptPanel />
      </Tabs.Panel>
      <Tabs.Panel value="knowledge" pt="md">
        <KnowledgePanel />
      </Tabs.Panel>
    </Tabs>
  );
}
