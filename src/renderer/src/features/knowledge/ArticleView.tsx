import { Alert, Anchor, Badge, Button, Group, Loader, Stack, Text, Title, Typography } from '@mantine/core';
import { IconArrowLeft, IconCheck, IconPaperclip } from '@tabler/icons-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import type { KbArticle } from '../../../../shared/model/knowledge.ts';
import { errorMessage } from '../../lib/errors.ts';
import { invoke } from '../../lib/ipc.ts';
import { notifyAttached, useCallArticles } from './knowledge-events.ts';
import type { AttachTarget } from './use-attach-target.ts';
import { ValidityBadge, validityOf, validityRange } from './validity.tsx';

// One article beside the call: title, tags, validity, the body as Markdown, and "Attach to this
// call". The body is rendered by react-markdown with GitHub tables and lists: raw HTML in an
// article is dropped (`skipHtml`), link targets pass react-markdown's URL filter and open in the
// user's browser through main's allowlist, and images are shown as their description (the page
// loads nothing from outside). Esc goes back to the results.

/** Markdown headings sit below the article's own title (h3) in the page's outline. */
const heading =
  (order: 4 | 5 | 6): Components['h1'] =>
  ({ children }) => (
    <Title order={order} mt="sm" mb={4}>
      {children}
    </Title>
  );

const MARKDOWN_COMPONENTS: Components = {
  h1: heading(4),
  h2: heading(5),
  h3: heading(6),
  h4: heading(6),
  h5: heading(6),
  h6: heading(6),
  a: ({ href, children }) => (
    <Anchor
      href={href}
      onClick={(event) => {
        event.preventDefault();
        if (href) void invoke('shell:openExternal', { url: href }).catch(() => undefined);
      }}
    >
      {children}
    </Anchor>
  ),
  img: ({ alt }) => (alt ? <Text span c="dimmed">{`[${alt}]`}</Text> : null),
};

export function ArticleMarkdown({ body }: { body: string }) {
  return (
    <Typography className="kb-article-body">
      <Markdown remarkPlugins={[remarkGfm]} skipHtml components={MARKDOWN_COMPONENTS}>
        {body}
      </Markdown>
    </Typography>
  );
}

type Loaded = { id: string; article: KbArticle | null; error?: undefined } | { id: string; error: unknown };

export function ArticleView({
  articleId,
  target,
  onBack,
}: {
  articleId: string;
  target: AttachTarget | null;
  onBack: () => void;
}) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const titleRef = useRef<HTMLHeadingElement>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    let alive = true;
    invoke('kb:get', { id: articleId })
      .then(({ article }) => alive && setLoaded({ id: articleId, article }))
      .catch((error: unknown) => alive && setLoaded({ id: articleId, error }));
    return () => {
      alive = false;
    };
  }, [articleId]);

  const current = loaded?.id === articleId ? loaded : null;
  const article = current && !current.error && 'article' in current ? current.article : null;

  // The heading takes the focus once the article is there: a screen reader reads the title, and
  // Esc (handled on the article) works at once.
  useEffect(() => {
    if (article) titleRef.current?.focus({ preventScroll: true });
  }, [article]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    onBack();
  };

  const back = (
    <Button
      variant="subtle"
      size="compact-sm"
      leftSection={<IconArrowLeft size={14} aria-hidden />}
      onClick={onBack}
      aria-keyshortcuts="Escape"
      style={{ alignSelf: 'flex-start' }}
    >
      {t('knowledge.back')}
    </Button>
  );

  if (!current)
    return (
      <Stack gap="sm" onKeyDown={onKeyDown}>
        {back}
        <Group gap="xs" role="status">
          <Loader size="xs" />
          <Text size="sm">{t('knowledge.loadingArticle')}</Text>
        </Group>
      </Stack>
    );
  if (current.error !== undefined || !article)
    return (
      <Stack gap="sm" onKeyDown={onKeyDown}>
        {back}
        <Alert color="red" role="alert">
          {current.error !== undefined ? errorMessage(t, current.error) : t('knowledge.articleGone')}
        </Alert>
      </Stack>
    );

  const range = validityRange(t, i18n.language, article.validFrom, article.validTo);
  return (
    <article aria-labelledby={titleId} onKeyDown={onKeyDown} data-testid="kb-article">
      <Stack gap="xs">
        {back}
        <Title order={3} size="h4" id={titleId} ref={titleRef} tabIndex={-1} style={{ outline: 'none' }}>
          {article.title}
        </Title>
        {(article.tags.length > 0 || range) && (
          <Group gap={4}>
            <ValidityBadge
              validity={validityOf(article.validFrom, article.validTo)}
              from={article.validFrom}
              to={article.validTo}
            />
            {article.tags.map((tag) => (
              <Badge key={tag} size="sm" variant="light" color="grape">
                {tag}
              </Badge>
            ))}
          </Group>
        )}
        {range && (
          <Text size="xs" c="dimmed">
            {range}
          </Text>
        )}
        {target && <AttachButton key={target.callId} articleId={article.id} target={target} />}
        <ArticleMarkdown body={article.body} />
      </Stack>
    </article>
  );
}

function AttachButton({ articleId, target }: { articleId: string; target: AttachTarget }) {
  const { t } = useTranslation();
  const { callId } = target;
  const attached = useCallArticles(callId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [justAttached, setJustAttached] = useState(false);

  const isAttached = attached.articles?.some((a) => a.articleId === articleId) ?? false;

  const attach = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await invoke('kb:attach', { callId, articleId });
      attached.set(result.articles);
      setJustAttached(true);
      notifyAttached(callId);
    } catch (failure) {
      setError(errorMessage(t, failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Button
          size="xs"
          variant={isAttached ? 'light' : 'filled'}
          leftSection={
            isAttached ? <IconCheck size={14} aria-hidden /> : <IconPaperclip size={14} aria-hidden />
          }
          onClick={() => {
            if (!isAttached) void attach();
          }}
          loading={busy}
          // Not `disabled`: the button keeps the focus it has when the attach succeeds.
          data-disabled={isAttached || undefined}
          aria-disabled={isAttached || undefined}
          style={{ alignSelf: 'flex-start' }}
        >
          {isAttached ? t('knowledge.attached') : t('knowledge.attach')}
        </Button>
        <Text size="xs" c="dimmed">
          {target.kind === 'wrapup' ? t('knowledge.attachWrapupHint') : t('knowledge.attachCallHint')}
        </Text>
      </Group>
      <Text size="sm" role="status" c="green.9">
        {justAttached && isAttached ? t('knowledge.attachedStatus') : ''}
      </Text>
      {error && (
        <Text size="sm" c="red.8" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
