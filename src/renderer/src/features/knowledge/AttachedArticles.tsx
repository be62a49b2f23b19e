import { Anchor, List, Stack, Text } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { requestKnowledge, useCallArticles, useRegisterWrapupCall } from './knowledge-events.ts';

// The wrap-up form's "Articles used": what the operator attached to this call from the knowledge
// base (during the call or now). They are sent with the wrap-up. While the form is on screen its
// call is the one the side panel's "Attach to this call" attaches to (when no call is in progress).
// Nothing attached: nothing shown. An article's name opens it in the side panel.

export function AttachedArticles({ callId }: { callId: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  useRegisterWrapupCall(callId);
  // An older core, or the call is gone: the form works without the list.
  const list = useCallArticles(callId).articles ?? [];
  if (list.length === 0) return null;
  return (
    <Stack gap={4} component="section" aria-labelledby={headingId} data-testid="wrapup-articles">
      <Text id={headingId} size="sm" fw={500}>
        {t('knowledge.wrapup.title')}
      </Text>
      <List size="sm" spacing={2} icon={<IconPaperclip size={14} aria-hidden />}>
        {list.map((article) => (
          <List.Item key={article.articleId}>
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => requestKnowledge({ kind: 'open', articleId: article.articleId })}
              aria-label={t('knowledge.wrapup.open', { title: article.title })}
            >
              {article.title}
            </Anchor>
          </List.Item>
        ))}
      </List>
      <Text size="xs" c="dimmed">
        {t('knowledge.wrapup.hint')}
      </Text>
    </Stack>
  );
}
