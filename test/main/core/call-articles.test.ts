import { afterEach, describe, expect, it } from 'vitest';
import { type Core } from '../../../src/main/core/create-core.ts';
import { outboxRows } from '../../../src/main/core/sync/outbox-table.ts';
import { SyncDocumentSchema } from '../../../src/main/core/sync/sync-documents.ts';
import { importFormatOf } from '../../../src/main/core/knowledge/call-articles.ts';
import type { CallView } from '../../../src/shared/model/call.ts';
import { createTestCore } from '../../helpers/core.ts';

// Articles attached to a call (`kb:attach`, `kb:attached`, table call_articles from migration
// 0056), their place in the wrap-up's sync document, and `kb:import` of files sent as text —
// all through the IPC router, as the renderer calls them.

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const TRUSTED = { trusted: true, description: 'test' };
const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

function startCore(): Core {
  const test = createTestCore();
  cleanups.push(() => test.dispose());
  return test.core;
}

async function call<T = unknown>(core: Core, channel: string, request: unknown) {
  return (await core.router.dispatch(channel, request, TRUSTED)) as
    | { ok: true; value: T }
    | { ok: false; error: { code: string; message: string; issues?: Array<{ path: string }> } };
}

async function value<T>(core: Core, channel: string, request: unknown): Promise<T> {
  const result = await call<T>(core, channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

function view(id: string, patch: Partial<CallView> = {}): CallView {
  return {
    id,
    direction: 'inbound',
    state: 'ringing',
    remote: { number: '84951234567', displayName: 'Иван Петров', uri: 'sip:84951234567@pbx' },
    muted: false,
    earlyMedia: false,
    startedAt: T0,
    ...patch,
  };
}

function answer(core: Core, id: string): void {
  core.callLog.record(view(id), T0);
  core.callLog.record(view(id, { state: 'active', answeredAt: T0 + 3000 }), T0 + 3000);
}

function hangUp(core: Core, id: string): void {
  core.callLog.record(
    view(id, {
      state: 'ended',
      answeredAt: T0 + 3000,
      endedAt: T0 + 60_000,
      end: { reason: 'remote-hangup' },
    }),
    T0 + 60_000,
  );
}

const ARTICLES = [
  {
    format: 'json' as const,
    name: 'kb.json',
    content: JSON.stringify([
      { id: 'tariff-home', title: 'Тариф «Домашний 300»', body: 'Абонентская плата — 600 ₽.' },
      { id: 'delivery', title: 'Доставка курьером', body: 'Бесплатно от 3000 ₽.' },
    ]),
  },
];

describe('articles attached to a call', () => {
  it('attaches during the call and in wrap-up, once each, with the title they had', async () => {
    const core = startCore();
    await core.knowledge.import(ARTICLES);
    answer(core, 'c-1');

    const first = await value<{ added: boolean; articles: unknown[] }>(core, 'kb:attach', {
      callId: 'c-1',
      articleId: 'tariff-home',
    });
    expect(first.added).toBe(true);
    const again = await value<{ added: boolean }>(core, 'kb:attach', {
      callId: 'c-1',
      articleId: 'tariff-home',
    });
    expect(again.added).toBe(false);

    hangUp(core, 'c-1');
    // In wrap-up: still possible.
    await value(core, 'kb:attach', { callId: 'c-1', articleId: 'delivery' });
    // The article changes (re-imported) and one is deleted: the call keeps what was used then.
    await core.knowledge.import({
      format: 'json',
      name: 'kb.json',
      content: JSON.stringify([{ id: 'tariff-home', title: 'Тариф «Домашний 500»', body: '…' }]),
    });
    core.knowledge.delete('delivery');
    const { articles } = await value<{ articles: Array<{ articleId: string; title: string }> }>(
      core,
      'kb:attached',
      { callId: 'c-1' },
    );
    expect(articles.map((a) => [a.articleId, a.title])).toEqual([
      ['tariff-home', 'Тариф «Домашний 300»'],
      ['delivery', 'Доставка курьером'],
    ]);
  });

  it('refuses an unknown call or article, and a call whose wrap-up was submitted', async () => {
    const core = startCore();
    await core.knowledge.import(ARTICLES);
    answer(core, 'c-1');
    expect(await call(core, 'kb:attach', { callId: 'nope', articleId: 'delivery' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await call(core, 'kb:attach', { callId: 'c-1', articleId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    hangUp(core, 'c-1');
    core.wrapups.submit('c-1', { disposition: 'info', topic: '', notes: '', fields: {} }, T0 + 90_000);
    expect(await call(core, 'kb:attach', { callId: 'c-1', articleId: 'delivery' })).toMatchObject({
      ok: false,
      error: { code: 'LOCKED' },
    });
    // A call that ended unanswered has no wrap-up to carry an article.
    core.callLog.record(view('missed'), T0);
    core.callLog.record(
      view('missed', { state: 'ended', endedAt: T0 + 5000, end: { reason: 'caller-cancelled' } }),
      T0 + 5000,
    );
    expect(await call(core, 'kb:attach', { callId: 'missed', articleId: 'delivery' })).toMatchObject({
      ok: false,
      error: { code: 'LOCKED' },
    });
    expect(await value(core, 'kb:attached', { callId: 'missed' })).toEqual({ articles: [] });
  });

  it('validates the payloads at the IPC boundary', async () => {
    const core = startCore();
    for (const bad of [
      {},
      { callId: 'c-1' },
      { callId: '', articleId: 'a' },
      { callId: 'c-1', articleId: 'a'.repeat(201) },
      { callId: 'c-1', articleId: 'a', extra: true },
      { callId: 5, articleId: 'a' },
    ])
      expect(await call(core, 'kb:attach', bad), JSON.stringify(bad)).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
    expect(await call(core, 'kb:attached', { callId: 'c-1', more: 1 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await call(core, 'kb:import', { files: [] })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(
      await call(core, 'kb:import', { files: [{ fileName: 'a.md', content: 'x'.repeat(5_000_001) }] }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('goes away with its call when retention deletes the call', async () => {
    const core = startCore();
    await core.knowledge.import(ARTICLES);
    answer(core, 'c-1');
    await value(core, 'kb:attach', { callId: 'c-1', articleId: 'delivery' });
    core.db.prepare('DELETE FROM wrapups WHERE call_id = ?').run('c-1');
    core.db.prepare('DELETE FROM call_events WHERE call_id = ?').run('c-1');
    core.db.prepare('DELETE FROM calls WHERE id = ?').run('c-1');
    expect(core.db.prepare('SELECT count(*) FROM call_articles').pluck().get()).toBe(0);
  });
});

describe('the wrap-up document', () => {
  type WrapupData = { articles?: Array<{ articleId: string; title: string; attachedAt: string }> };
  const wrapupDoc = (core: Core, callId: string) => {
    const row = outboxRows(core.db, { aggregateId: callId }).find((r) => r.kind === 'wrapup.submitted')!;
    const document = JSON.parse(row.payload) as { data: WrapupData };
    expect(SyncDocumentSchema.safeParse(document).success).toBe(true);
    return document.data;
  };

  it('carries the attached articles in the order attached, and none when none were', async () => {
    const core = startCore();
    await core.knowledge.import(ARTICLES);
    answer(core, 'c-1');
    await value(core, 'kb:attach', { callId: 'c-1', articleId: 'delivery' });
    hangUp(core, 'c-1');
    await value(core, 'kb:attach', { callId: 'c-1', articleId: 'tariff-home' });
    core.wrapups.submit('c-1', { disposition: 'info', topic: '', notes: '', fields: {} }, T0 + 90_000);
    const data = wrapupDoc(core, 'c-1');
    expect(data.articles?.map((a) => [a.articleId, a.title])).toEqual([
      ['delivery', 'Доставка курьером'],
      ['tariff-home', 'Тариф «Домашний 300»'],
    ]);
    expect(data.articles?.[0]?.attachedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    answer(core, 'c-2');
    hangUp(core, 'c-2');
    core.wrapups.submit('c-2', { disposition: 'info', topic: '', notes: '', fields: {} }, T0 + 90_000);
    expect('articles' in wrapupDoc(core, 'c-2')).toBe(false);
  });
});

describe('kb:import', () => {
  it('picks the importer by extension, imports the good entries and reports the bad ones with their place', async () => {
    const core = startCore();
    const report = await value<{
      created: number;
      updated: number;
      failed: number;
      issues: Array<{ file: string; line?: number; index?: number; message: string }>;
    }>(core, 'kb:import', {
      files: [
        {
          fileName: 'tariff.md',
          content: '\uFEFF---\ntitle: Тариф «Домашний»\ntags: [интернет]\n---\nАбонентская плата 600 ₽.',
        },
        {
          fileName: 'prices.CSV',
          content: 'title,body,valid_to\nРоутер,Аренда 100 ₽,\n,без заголовка,\nМодем,Покупка,31.02.2025\n',
        },
        { fileName: 'list.json', content: '[{"title":"Гарантия"},{"body":"нет заголовка"}]' },
        { fileName: 'notes.txt', content: 'просто текст' },
      ],
    });
    expect(report).toMatchObject({ created: 3, updated: 0, failed: 4 });
    expect(report.issues.map((i) => [i.file, i.line ?? i.index ?? null])).toEqual([
      ['notes.txt', null],
      ['prices.CSV', 3],
      ['prices.CSV', 4],
      ['list.json', 1],
    ]);
    expect(core.knowledge.search('тарифов').hits.map((h) => h.title)).toEqual(['Тариф «Домашний»']);
    // A file imported again: its article is updated in place, not duplicated.
    const again = await value<{ created: number; updated: number; unchanged: number }>(core, 'kb:import', {
      files: [
        { fileName: 'tariff.md', content: '---\ntitle: Тариф «Домашний»\n---\nАбонентская плата 650 ₽.' },
      ],
    });
    expect(again).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    expect(core.knowledge.count()).toBe(3);
    expect(importFormatOf('a.markdown')).toBe('markdown');
    expect(importFormatOf('noextension')).toBeUndefined();
  });
});
