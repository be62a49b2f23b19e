import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SidePanel } from '../../../src/renderer/src/features/side/SidePanel.tsx';
import { KnowledgePanel } from '../../../src/renderer/src/features/knowledge/KnowledgePanel.tsx';
import { KnowledgeSection } from '../../../src/renderer/src/features/knowledge/KnowledgeSection.tsx';
import type { CallView } from '../../../src/shared/model/call.ts';
import type { CallArticle } from '../../../src/shared/model/call-articles.ts';
import type {
  KbArticle,
  KbHit,
  KbImportReport,
  KbSearchResult,
} from '../../../src/shared/model/knowledge.ts';
import type { IpcResult } from '../../../src/shared/ipc/errors.ts';
import { installFakeBridge, ok, type FakeHandlers } from '../fake-bridge.ts';
import { initialState, renderWithApp } from '../render-app.tsx';

// The knowledge panel beside the call: search as the operator types (debounced, stale answers
// dropped), highlighted matches, "did you mean", the keyboard (↑/↓, Enter, Esc, F6), the article
// as safe Markdown, and "Attach to this call". And Settings → Knowledge base: the import.

const hit = (id: string, title: string, patch: Partial<KbHit> = {}): KbHit => ({
  id,
  title,
  tags: [],
  source: 'kb.md',
  validFrom: null,
  validTo: null,
  validity: 'current',
  updatedAt: 1,
  score: -1,
  titleHighlights: [],
  snippet: '',
  snippetHighlights: [],
  ...patch,
});

const TARIFF = hit('tariff-home', 'Тариф «Домашний 300»', {
  titleHighlights: [[0, 5]],
  snippet: 'Для тарифов на мобильную связь…',
  snippetHighlights: [[4, 11]],
  tags: ['интернет'],
});
const PROMO = hit('promo-summer', 'Акция «Лето»: тариф со скидкой', {
  titleHighlights: [[14, 19]],
  validFrom: '2024-06-01',
  validTo: '2024-08-31',
  validity: 'expired',
});
const DELIVERY = hit('delivery', 'Доставка курьером', { titleHighlights: [[0, 8]] });

const ARTICLE: KbArticle = {
  id: 'tariff-home',
  title: 'Тариф «Домашний 300»',
  body: [
    '## Условия',
    'Абонентская плата — **600 ₽** в месяц.',
    '',
    '| Скорость | Цена |',
    '| --- | --- |',
    '| 300 Мбит/с | 600 ₽ |',
    '',
    '<script>window.hacked = true</script><img src=x onerror="window.hacked = true">',
    '',
    '[Подробнее](javascript:alert(1)) и [сайт](https://example.com/tariff)',
  ].join('\n'),
  tags: ['интернет', 'домашний'],
  validFrom: null,
  validTo: null,
  source: 'kb.md',
  updatedAt: 1,
};

const result = (hits: KbHit[], patch: Partial<KbSearchResult> = {}): KbSearchResult => ({
  hits,
  corrections: [],
  mode: 'all',
  ...patch,
});

const ACTIVE_CALL: CallView = {
  id: 'c-1',
  direction: 'inbound',
  state: 'active',
  remote: { number: '84951234567', displayName: 'Иван Петров', uri: 'sip:84951234567@pbx' },
  muted: false,
  earlyMedia: false,
  startedAt: 1,
  answeredAt: 2,
};

/** A core answering the knowledge channels; `search` decides what a query finds. */
function fakeCore(
  options: {
    search?: (query: string) => KbSearchResult | Promise<IpcResult<KbSearchResult>>;
    calls?: CallView[];
    extra?: FakeHandlers;
  } = {},
) {
  const attached: CallArticle[] = [];
  const bridge = installFakeBridge({
    'call:list': () => ok({ calls: options.calls ?? [] }),
    'card:get': () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'no card' } }),
    'kb:search': (request) => {
      const { query } = request as { query: string };
      const answer = options.search?.(query) ?? result([TARIFF, PROMO]);
      return 'hits' in answer ? ok(answer) : answer;
    },
    'kb:get': (request) => ok({ article: (request as { id: string }).id === ARTICLE.id ? ARTICLE : null }),
    'kb:attached': () => ok({ articles: [...attached] }),
    'kb:attach': (request) => {
      const { articleId } = request as { articleId: string };
      attached.push({ articleId, title: ARTICLE.title, attachedAt: 3 });
      return ok({ added: true, articles: [...attached] });
    },
    ...options.extra,
  });
  const calls = (channel: string) =>
    bridge.invoke.mock.calls.filter(([c]) => c === channel).map(([, r]) => r);
  return { bridge, calls };
}

const searchBox = () => screen.getByRole('combobox', { name: 'Search the knowledge base' });
const options = () => screen.queryAllByRole('option');
const type = (text: string) => fireEvent.change(searchBox(), { target: { value: text } });

describe('knowledge panel: search', () => {
  it('searches once the typing pauses, and shows the results with the matched words highlighted', async () => {
    const { calls } = fakeCore();
    await renderWithApp(<KnowledgePanel />, initialState());
    for (const text of ['т', 'та', 'тар', 'тарифы']) type(text);
    await waitFor(() => expect(options()).toHaveLength(2));
    // One request for the whole burst of keystrokes, with what was typed last.
    expect(calls('kb:search')).toEqual([{ query: 'тарифы', limit: 15 }]);

    const first = options()[0]!;
    expect([...first.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Тариф', 'тарифов']);
    expect(first.textContent).toContain('Для тарифов на мобильную связь');
    const second = options()[1]!;
    expect([...second.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['тариф']);
    // Validity: an expired promotion says so; an article without dates has no badge.
    expect(second.querySelector('[data-validity="expired"]')?.textContent).toMatch(/^Expired /);
    expect(first.querySelector('[data-validity]')).toBeNull();
    expect(screen.getByTestId('kb-status').textContent).toBe(
      '2 articles found. Up and Down choose, Enter opens.',
    );
  });

  it('drops an answer that arrives after the answer to newer text', async () => {
    const pending = new Map<string, (value: IpcResult<KbSearchResult>) => void>();
    const { calls } = fakeCore({
      search: (query) => new Promise((resolve) => pending.set(query, resolve)),
    });
    await renderWithApp(<KnowledgePanel />, initialState());
    type('тариф');
    await waitFor(() => expect(calls('kb:search')).toHaveLength(1));
    type('доставка');
    await waitFor(() => expect(calls('kb:search')).toHaveLength(2));
    await act(async () => pending.get('доставка')!(ok(result([DELIVERY]))));
    await act(async () => pending.get('тариф')!(ok(result([TARIFF, PROMO]))));
    expect(options().map((o) => o.querySelector('.mantine-Text-root')?.textContent)).toEqual([
      'Доставка курьером',
    ]);
  });

  it('offers the corrected word and searches it when chosen', async () => {
    const { calls } = fakeCore({
      search: (query) =>
        query === 'тарфи домашний'
          ? result([TARIFF], { corrections: [{ typed: 'тарфи', matched: ['тариф'] }] })
          : result([TARIFF]),
    });
    await renderWithApp(<KnowledgePanel />, initialState());
    type('тарфи домашний');
    const button = await screen.findByRole('button', { name: 'Search for “тариф” instead of “тарфи”' });
    expect(screen.getByTestId('kb-corrections').textContent).toContain('Did you mean');
    fireEvent.click(button);
    expect((searchBox() as HTMLInputElement).value).toBe('тариф домашний');
    await waitFor(() => expect(calls('kb:search').at(-1)).toEqual({ query: 'тариф домашний', limit: 15 }));
  });

  it('says when nothing is found', async () => {
    fakeCore({ search: () => result([], { mode: 'none' }) });
    await renderWithApp(<KnowledgePanel />, initialState());
    type('квазар');
    await waitFor(() =>
      expect(screen.getByTestId('kb-status').textContent).toBe('Nothing found for “квазар”.'),
    );
    expect(searchBox().getAttribute('aria-expanded')).toBe('false');
  });
});

describe('knowledge panel: keyboard and article', () => {
  it('moves through the results with the arrows, opens with Enter, and goes back with Esc', async () => {
    const { calls } = fakeCore({ search: () => result([PROMO, TARIFF, DELIVERY]) });
    await renderWithApp(<KnowledgePanel />, initialState());
    searchBox().focus();
    type('тариф');
    await waitFor(() => expect(options()).toHaveLength(3));
    const activeTitle = () => document.getElementById(searchBox().getAttribute('aria-activedescendant')!)!;
    // The best match is chosen at once.
    expect(options()[0]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(searchBox(), { key: 'ArrowDown' });
    fireEvent.keyDown(searchBox(), { key: 'ArrowDown' });
    fireEvent.keyDown(searchBox(), { key: 'ArrowDown' });
    expect(activeTitle()).toBe(options()[2]);
    fireEvent.keyDown(searchBox(), { key: 'ArrowUp' });
    expect(activeTitle()).toBe(options()[1]);
    expect(options().map((o) => o.getAttribute('aria-selected'))).toEqual(['false', 'true', 'false']);

    fireEvent.keyDown(searchBox(), { key: 'Enter' });
    const article = await screen.findByTestId('kb-article');
    expect(calls('kb:get')).toEqual([{ id: 'tariff-home' }]);
    const title = within(article).getByRole('heading', { level: 3, name: 'Тариф «Домашний 300»' });
    await waitFor(() => expect(document.activeElement).toBe(title));

    fireEvent.keyDown(title, { key: 'Escape' });
    await waitFor(() => expect(document.activeElement).toBe(searchBox()));
    expect((searchBox() as HTMLInputElement).value).toBe('тариф');
    expect(options()).toHaveLength(3);
    // Esc in the box clears the search.
    fireEvent.keyDown(searchBox(), { key: 'Escape' });
    expect((searchBox() as HTMLInputElement).value).toBe('');
  });

  it('renders the article as Markdown without raw HTML or script links, with tags', async () => {
    fakeCore();
    await renderWithApp(<KnowledgePanel />, initialState());
    type('тариф');
    await waitFor(() => expect(options()).toHaveLength(2));
    fireEvent.click(options()[0]!);
    const article = await screen.findByTestId('kb-article');
    expect(within(article).getByRole('heading', { level: 5, name: 'Условия' })).toBeTruthy();
    expect(within(article).getByText('600 ₽', { selector: 'strong' })).toBeTruthy();
    expect(within(article).getByRole('table')).toBeTruthy();
    expect(within(article).getByRole('cell', { name: '300 Мбит/с' })).toBeTruthy();
    expect(article.querySelector('script, img, [onerror]')).toBeNull();
    expect(article.innerHTML).not.toContain('hacked');
    expect(within(article).getByRole('link', { name: 'сайт' }).getAttribute('href')).toBe(
      'https://example.com/tariff',
    );
    expect(within(article).getByText('Подробнее').getAttribute('href') ?? '').not.toMatch(/javascript/i);
    expect(within(article).getByText('интернет')).toBeTruthy();
    expect(within(article).getByText('домашний')).toBeTruthy();
    // No call in progress or in wrap-up: nothing to attach to.
    expect(within(article).queryByRole('button', { name: /Attach/ })).toBeNull();
  });

  it('attaches the article to the call in progress', async () => {
    const { calls } = fakeCore({ calls: [ACTIVE_CALL] });
    await renderWithApp(<KnowledgePanel />, { ...initialState(), calls: [ACTIVE_CALL] });
    type('тариф');
    await waitFor(() => expect(options()).toHaveLength(2));
    fireEvent.keyDown(searchBox(), { key: 'Enter' });
    const attach = await screen.findByRole('button', { name: 'Attach to this call' });
    fireEvent.click(attach);
    await screen.findByRole('button', { name: 'Attached to this call' });
    expect(calls('kb:attach')).toEqual([{ callId: 'c-1', articleId: 'tariff-home' }]);
    expect(screen.getByText('Attached: it will be sent with the wrap-up.')).toBeTruthy();
    // Pressing it again attaches nothing twice.
    fireEvent.click(screen.getByRole('button', { name: 'Attached to this call' }));
    expect(calls('kb:attach')).toHaveLength(1);
  });

  it('F6 from anywhere brings the knowledge tab to front with the cursor in the search', async () => {
    fakeCore();
    await renderWithApp(
      <>
        <input aria-label="elsewhere" />
        <SidePanel />
      </>,
      initialState(),
    );
    const elsewhere = screen.getByRole('textbox', { name: 'elsewhere' });
    elsewhere.focus();
    expect(screen.queryByRole('combobox')).toBeNull();
    fireEvent.keyDown(elsewhere, { key: 'F6' });
    await waitFor(() => expect(document.activeElement).toBe(searchBox()));
    expect(screen.getByRole('tab', { name: 'Knowledge base' }).getAttribute('aria-selected')).toBe('true');
  });
});

describe('Settings → Knowledge base', () => {
  it('sends the chosen files as text and lists what was imported and each bad entry with its place', async () => {
    const report: KbImportReport = {
      created: 2,
      updated: 1,
      unchanged: 0,
      failed: 2,
      issues: [
        { file: 'prices.csv', line: 4, message: 'title: a title is required' },
        { file: 'list.json', index: 1, message: 'valid_to is before valid_from' },
      ],
    };
    const { calls } = fakeCore({ extra: { 'kb:import': () => ok(report) } });
    await renderWithApp(<KnowledgeSection />, initialState());
    expect(screen.getByRole('button', { name: 'Import files…' })).toBeTruthy();
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    expect(input.multiple).toBe(true);
    // A spreadsheet saved on Russian Windows: Windows-1251 bytes, not UTF-8.
    const cp1251 = new Uint8Array([0xd2, 0xe0, 0xf0, 0xe8, 0xf4]); // «Тариф»
    const files = [
      new File(['---\ntitle: Тариф\n---\nТекст'], 'tariff.md', { type: 'text/markdown' }),
      new File([new Uint8Array([...new TextEncoder().encode('title\n')]), cp1251], 'prices.csv'),
    ];
    await act(async () => {
      fireEvent.change(input, { target: { files } });
    });
    await waitFor(() =>
      expect(screen.getByTestId('kb-import-result').textContent).toContain('2 new, 1 updated, 0 unchanged.'),
    );
    expect(calls('kb:import')).toEqual([
      {
        files: [
          { fileName: 'tariff.md', content: '---\ntitle: Тариф\n---\nТекст' },
          { fileName: 'prices.csv', content: 'title\nТариф' },
        ],
      },
    ]);
    expect(
      within(screen.getByRole('list', { name: 'Skipped entries' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'prices.csv, line 4: title: a title is required',
      'list.json, entry 2: valid_to is before valid_from',
    ]);
  });
});
