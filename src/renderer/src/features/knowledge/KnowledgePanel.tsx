import { Alert, Badge, Button, Group, Kbd, Loader, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KbHit, KbSearchResult } from '../../../../shared/model/knowledge.ts';
import { errorMessage } from '../../lib/errors.ts';
import { ArticleView } from './ArticleView.tsx';
import { Highlighted } from './Highlighted.tsx';
import {
  onKnowledgeRequest,
  peekKnowledgeRequest,
  takeKnowledgeRequest,
  type KnowledgeRequest,
} from './knowledge-events.ts';
import { useAttachTarget } from './use-attach-target.ts';
import { useKnowledgeSearch } from './use-knowledge-search.ts';
import { ValidityBadge } from './validity.tsx';
import './knowledge.css';

// The side panel's knowledge base: search as the operator types, results with the matched words
// highlighted, and one article at a time next to the call. Keyboard: F6 from anywhere puts the
// cursor in the search box; ↑/↓ move through the results while typing goes on (a combobox: the
// focus stays in the box), Enter opens the article, Esc goes back to the list with the search as
// it was (and in the box clears it).

/** Replaces the word the operator typed with a suggested one (the "did you mean" buttons). */
export function replaceWord(query: string, typed: string, replacement: string): string {
  const escaped = typed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}(?=$|[^\\p{L}\\p{N}])`, 'iu');
  return pattern.test(query) ? query.replace(pattern, `$1${replacement}`) : query;
}

export function KnowledgePanel() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const search = useKnowledgeSearch(text);
  const [selection, setSelection] = useState<{ result: KbSearchResult | null; index: number }>({
    result: null,
    index: 0,
  });
  // The request that made the side panel show this tab (the tab is not kept mounted).
  const [openId, setOpenId] = useState<string | null>(() => {
    const request = peekKnowledgeRequest();
    return request?.kind === 'open' ? request.articleId : null;
  });
  const inputRef = useRef<HTMLInputElement>(null);
  const focusPending = useRef(false);
  const listId = useId();
  const target = useAttachTarget();

  const result = search.result;
  const hits = result?.hits ?? [];
  // A new answer selects its first result, so Enter opens the best match straight away.
  const active = selection.result === result ? Math.min(selection.index, hits.length - 1) : 0;
  const select = (index: number) => setSelection({ result, index });

  const handle = useCallback((request: KnowledgeRequest) => {
    takeKnowledgeRequest();
    if (request.kind === 'open') setOpenId(request.articleId);
    else {
      setOpenId(null);
      focusPending.current = true;
      // Already on screen: focus now; otherwise the effect below does once the box is back.
      if (inputRef.current) {
        inputRef.current.focus();
        inputRef.current.select();
        focusPending.current = false;
      }
    }
  }, []);

  useEffect(() => {
    // An "open" request was read as the state started; a "focus" one is done here.
    if (takeKnowledgeRequest()?.kind === 'focus') inputRef.current?.focus();
    return onKnowledgeRequest(handle);
  }, [handle]);

  useEffect(() => {
    if (openId === null && focusPending.current && inputRef.current) {
      focusPending.current = false;
      inputRef.current.focus();
    }
  });

  const open = (hit: KbHit | undefined) => {
    if (hit) setOpenId(hit.id);
  };
  const back = () => {
    setOpenId(null);
    focusPending.current = true;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    switch (event.key) {
      case 'ArrowDown':
        if (hits.length === 0) return;
        event.preventDefault();
        select(Math.min(active + 1, hits.length - 1));
        break;
      case 'ArrowUp':
        if (hits.length === 0) return;
        event.preventDefault();
        select(Math.max(active - 1, 0));
        break;
      case 'Enter':
        if (hits.length === 0) return;
        event.preventDefault();
        open(hits[active]);
        break;
      case 'Escape':
        if (text === '') return;
        event.preventDefault();
        setText('');
        break;
    }
  };

  if (openId !== null) return <ArticleView articleId={openId} target={target} onBack={back} />;

  const optionId = (index: number) => `${listId}-option-${index}`;
  const showList = hits.length > 0;
  return (
    <Stack gap="xs" data-testid="knowledge-panel">
      <TextInput
        ref={inputRef}
        label={t('knowledge.search')}
        placeholder={t('knowledge.searchHint')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && active >= 0 ? optionId(active) : undefined}
        aria-keyshortcuts="F6"
        autoComplete="off"
        spellCheck={false}
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={
          search.pending ? (
            <Loader size="xs" aria-hidden />
          ) : (
            <Kbd size="xs" aria-hidden>
              F6
            </Kbd>
          )
        }
        rightSectionWidth={40}
      />

      <SearchSummary text={text} search={search} onText={setText} />

      <ul
        id={listId}
        role="listbox"
        aria-label={t('knowledge.results')}
        className="kb-results"
        data-testid="kb-results"
        hidden={!showList}
      >
        {hits.map((hit, index) => (
          <li
            key={hit.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            className="kb-result"
            data-active={index === active || undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => open(hit)}
            onMouseMove={() => index !== active && select(index)}
          >
            <Text size="sm" fw={600} component="div">
              <Highlighted text={hit.title} ranges={hit.titleHighlights} />
            </Text>
            {hit.snippet && (
              <Text size="xs" component="div" lineClamp={3} className="kb-snippet">
                <Highlighted text={hit.snippet} ranges={hit.snippetHighlights} />
              </Text>
            )}
            {(hit.tags.length > 0 || hit.validFrom || hit.validTo) && (
              <Group gap={4} mt={4}>
                <ValidityBadge validity={hit.validity} from={hit.validFrom} to={hit.validTo} />
                {hit.tags.slice(0, 4).map((tag) => (
                  <Badge key={tag} size="xs" variant="light" color="grape">
                    {tag}
                  </Badge>
                ))}
              </Group>
            )}
          </li>
        ))}
      </ul>
    </Stack>
  );
}

/** What the search found, said politely to a screen reader; corrections; the "any word" note. */
function SearchSummary({
  text,
  search,
  onText,
}: {
  text: string;
  search: ReturnType<typeof useKnowledgeSearch>;
  onText: (text: string) => void;
}) {
  const { t } = useTranslation();
  const { result, error, query } = search;
  if (error)
    return (
      <Alert color="red" role="alert">
        {errorMessage(t, error)}
      </Alert>
    );
  const count = result?.hits.length ?? 0;
  const status =
    query === ''
      ? t('knowledge.hint')
      : !result
        ? ''
        : count === 0
          ? t('knowledge.nothing', { query })
          : t('knowledge.found', { count });
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed" role="status" data-testid="kb-status">
        {status}
      </Text>
      {result && result.corrections.length > 0 && (
        <Group gap={4} data-testid="kb-corrections">
          <Text size="xs">{t('knowledge.didYouMean')}</Text>
          {result.corrections.flatMap((c) =>
            c.matched.slice(0, 2).map((word) => (
              <Button
                key={`${c.typed}-${word}`}
                size="compact-xs"
                variant="light"
                onClick={() => onText(replaceWord(text, c.typed, word))}
                aria-label={t('knowledge.searchInstead', { word, typed: c.typed })}
              >
                {word}
              </Button>
            )),
          )}
        </Group>
      )}
      {result?.mode === 'any' && count > 0 && (
        <Text size="xs" c="dimmed">
          {t('knowledge.someWords')}
        </Text>
      )}
    </Stack>
  );
}
