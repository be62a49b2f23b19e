import { afterEach, describe, expect, it, vi } from 'vitest';
import { putContact } from '../../../src/main/core/calllog/contacts-table.ts';
import { buildHistoryQuery, caseVariants } from '../../../src/main/core/calllog/history-query.ts';
import {
  createCallHistoryService,
  type CallHistoryOptions,
} from '../../../src/main/core/calllog/history-service.ts';
import { createIpcRouter, type Handlers } from '../../../src/main/core/ipc/router.ts';
import { createLogger, memorySink } from '../../../src/main/core/log/logger.ts';
import type { Db } from '../../../src/main/core/store/database.ts';
import { REQUEST_CHANNELS } from '../../../src/shared/ipc/channels.ts';
import type { CallLogFilter, CallLogEntry } from '../../../src/shared/model/call-history.ts';
import { openTempDb, seedCalls, seedMany } from './history-fixtures.ts';

const dirs: Array<{ cleanup(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);
const MIN = 60_000;

function service(db: Db, overrides: Partial<CallHistoryOptions> = {}) {
  const settings = { maskNumbers: false, defaultRegion: 'RU', language: 'en' as const };
  const dial = vi.fn(async (target: string) => ({ id: `out-${target}` }));
  const history = createCallHistoryService({
    db,
    log: createLogger(memorySink()),
    view: () => settings,
    dial,
    chooseSavePath: async () => null,
    ...overrides,
  });
  return { history, settings, dial };
}

function sample(db: Db) {
  putContact(db, { id: 'k1', name: 'ООО Ромашка', company: null, notes: null, tags: [] }, [
    { number: '84957654321', e164: '+74957654321' },
  ]);
  seedCalls(db, [
    { id: 'a', createdAt: T0, name: 'Иван Петров', answeredAt: T0 + 5000, disposition: 'Sale' },
    {
      id: 'b',
      createdAt: T0 + MIN,
      direction: 'outbound',
      number: '+74957654321',
      e164: '+74957654321',
      contactId: 'k1',
      outcome: 'busy',
      talkMs: null,
    },
    {
      id: 'c',
      createdAt: T0 + 2 * MIN,
      number: '101',
      e164: null,
      name: 'Reception',
      outcome: 'missed',
      talkMs: null,
    },
    {
      id: 'd',
      createdAt: T0 + 3 * MIN,
      number: 'anonymous',
      e164: null,
      uri: 'sip:anonymous@anonymous.invalid',
      outcome: 'missed',
      talkMs: null,
    },
    {
      id: 'e',
      createdAt: T0 + 4 * MIN,
      number: '89161112233',
      e164: '+79161112233',
      name: 'John Smith',
      outcome: null,
      talkMs: null,
    },
  ]);
}

const ids = (rows: CallLogEntry[]) => rows.map((r) => r.id);

describe('call history: list', () => {
  it('lists newest first with what the screen shows', () => {
    const { db } = openTempDb(dirs);
    sample(db);
    const { history } = service(db);
    const page = history.list({ filter: {} });
    expect(ids(page.rows)).toEqual(['e', 'd', 'c', 'b', 'a']);
    expect(page.nextCursor).toBeNull();
    const a = page.rows.find((r) => r.id === 'a')!;
    expect(a).toMatchObject({
      createdAt: T0,
      answeredAt: T0 + 5000,
      direction: 'inbound',
      outcome: 'answered',
      number: '+7 495 123 45 67',
      e164: '+74951234567',
      masked: false,
      name: 'Иван Петров',
      contactName: null,
      talkMs: 55_000,
      disposition: 'Sale',
      callbackRef: 'a',
    });
    expect(page.rows.find((r) => r.id === 'b')).toMatchObject({
      contactName: 'ООО Ромашка',
      outcome: 'busy',
    });
    expect(page.rows.find((r) => r.id === 'e')).toMatchObject({ outcome: null });
    // Nothing to dial for an anonymous caller.
    expect(page.rows.find((r) => r.id === 'd')).toMatchObject({ number: 'anonymous', callbackRef: null });
    expect(page.rows.find((r) => r.id === 'c')).toMatchObject({ number: '101', callbackRef: 'c' });
  });

  it('pages by (created_at, id): every row once, in order, even with equal start times', () => {
    const { db } = openTempDb(dirs);
    seedCalls(
      db,
      Array.from({ length: 23 }, (_, i) => ({
        id: `t${String(i).padStart(2, '0')}`,
        createdAt: T0 + Math.floor(i / 4) * MIN,
      })),
    );
    const { history } = service(db);
    const seen: string[] = [];
    let cursor: { createdAt: number; id: string } | undefined;
    let pages = 0;
    do {
      const page = history.list({ filter: {}, cursor, limit: 5 });
      seen.push(...ids(page.rows));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    const expected = Array.from({ length: 23 }, (_, i) => `t${String(i).padStart(2, '0')}`).reverse();
    expect(seen).toEqual(expected);
    expect(pages).toBe(5);
  });

  it.each<[string, CallLogFilter, string[]]>([
    ['a period', { from: T0 + MIN, to: T0 + 3 * MIN }, ['c', 'b']],
    ['from only', { from: T0 + 3 * MIN }, ['e', 'd']],
    ['a direction', { direction: 'outbound' }, ['b']],
    ['one outcome', { outcomes: ['missed'] }, ['d', 'c']],
    ['several outcomes', { outcomes: ['busy', 'answered'] }, ['b', 'a']],
    ['direction and outcome', { direction: 'inbound', outcomes: ['missed', 'busy'] }, ['d', 'c']],
    ['a whole number in national form', { number: '8 (495) 765-43-21' }, ['b']],
    ['a whole number in E.164', { number: '+79161112233' }, ['e']],
    ['part of a number', { number: '112-2' }, ['e']],
    ['an extension', { number: '101' }, ['c']],
    ['a name in another case (Cyrillic)', { text: 'иван' }, ['a']],
    ['a surname', { text: 'петров' }, ['a']],
    ['a name in ASCII, any case', { text: 'SMITH' }, ['e']],
    ["a contact's name", { text: 'ромашка' }, ['b']],
    ['digits in the text search', { text: '765 43' }, ['b']],
    ['a whole number in the text search', { text: '89161112233' }, ['e']],
    ['LIKE wildcards typed literally', { text: '%' }, []],
    [
      'everything at once',
      { from: T0, to: T0 + 10 * MIN, direction: 'inbound', outcomes: ['answered'], text: 'иван' },
      ['a'],
    ],
  ])('filters by %s', (_label, filter, expected) => {
    const { db } = openTempDb(dirs);
    sample(db);
    expect(ids(service(db).history.list({ filter }).rows)).toEqual(expected);
  });

  it('spells a non-ASCII search the ways names are written, ASCII once', () => {
    expect(caseVariants('smith')).toEqual(['smith']);
    expect(caseVariants('иван петров')).toEqual(
      expect.arrayContaining(['иван петров', 'ИВАН ПЕТРОВ', 'Иван петров', 'Иван Петров']),
    );
  });
});

describe('call history: masking', () => {
  it('masks numbers in the core when data.maskNumbers is on, and still calls back by id', async () => {
    const { db } = openTempDb(dirs);
    sample(db);
    const { history, settings, dial } = service(db);
    settings.maskNumbers = true;
    const page = history.list({ filter: {} });
    const a = page.rows.find((r) => r.id === 'a')!;
    expect(a).toMatchObject({ number: '+7 495 ***-**-67', e164: null, masked: true, callbackRef: 'a' });
    const raw = JSON.stringify(page);
    for (const digits of ['1234567', '4951234', '7654321', '9161112233']) expect(raw).not.toContain(digits);
    // Extensions are colleagues: shown as they are.
    expect(page.rows.find((r) => r.id === 'c')!.number).toBe('101');

    await expect(history.callBack('a')).resolves.toEqual({ callId: 'out-+74951234567' });
    expect(dial).toHaveBeenCalledWith('+74951234567');

    settings.maskNumbers = false;
    expect(history.list({ filter: {} }).rows.find((r) => r.id === 'a')).toMatchObject({
      number: '+7 495 123 45 67',
      e164: '+74951234567',
      masked: false,
    });
  });

  it('calls back an extension as dialled, and refuses unknown and anonymous calls', async () => {
    const { db } = openTempDb(dirs);
    sample(db);
    const { history, dial } = service(db);
    await history.callBack('c');
    expect(dial).toHaveBeenLastCalledWith('101');
    await expect(history.callBack('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(history.callBack('d')).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(dial).toHaveBeenCalledTimes(1);
  });
});

describe('call history: query plans', () => {
  const plan = (db: Db, filter: CallLogFilter, cursor?: { createdAt: number; id: string }) => {
    const q = buildHistoryQuery(filter, { cursor, limit: 51, defaultRegion: 'RU' });
    return (db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(q.params) as Array<{ detail: string }>)
      .map((r) => r.detail)
      .join(' | ');
  };
  const cursor = { createdAt: T0 + 500 * MIN, id: 'm0000500' };

  const cases: Array<[string, CallLogFilter, string]> = [
    ['the first page', {}, 'calls_history'],
    ['a period', { from: T0, to: T0 + 1000 * MIN }, 'calls_history'],
    ['direction and outcomes', { direction: 'inbound', outcomes: ['missed', 'busy'] }, 'calls_history'],
    ['a single outcome', { outcomes: ['missed'] }, 'calls_history'],
    ['a text search', { text: 'иван', from: T0 }, 'calls_history'],
    ['part of a number', { number: '4567' }, 'calls_history'],
    ['a whole number', { number: '+74951001234' }, 'calls_by_number'],
  ];

  for (const analyzed of [false, true]) {
    it(`${analyzed ? 'after ANALYZE' : 'on a fresh database'}: pages from an index in order, never sorting the log`, () => {
      const { db } = openTempDb(dirs);
      seedMany(db, 3000, T0);
      if (analyzed) db.exec('ANALYZE');
      for (const [label, filter, index] of cases) {
        for (const c of [undefined, cursor]) {
          const detail = plan(db, filter, c);
          expect(detail, `${label}${c ? ' (next page)' : ''}`).toContain(index);
          expect(detail, label).not.toMatch(/SCAN c(?! USING)/);
          expect(detail, label).not.toContain('TEMP B-TREE FOR ORDER BY');
          // The joins are lookups by key, never scans.
          expect(detail, label).not.toMatch(/SCAN (ct|w)\b/);
        }
      }
    });
  }

  it('a keyset page deep in a large log reads from the cursor on, not from the start', () => {
    const { db } = openTempDb(dirs);
    seedMany(db, 3000, T0);
    const detail = plan(db, {}, cursor);
    expect(detail).toMatch(/SEARCH c USING (COVERING )?INDEX calls_history \(\(created_at,id\)<\(\?,\?\)\)/);
  });
});

describe('call history: IPC', () => {
  function router(db: Db) {
    const { history, dial } = service(db);
    const defaults = Object.fromEntries(
      REQUEST_CHANNELS.map((c) => [c, vi.fn(() => ({}))]),
    ) as unknown as Handlers;
    const handlers: Handlers = {
      ...defaults,
      'calllog:list': vi.fn((request) => history.list(request)),
      'calllog:callBack': vi.fn(({ callId }) => history.callBack(callId)),
      'calllog:export': vi.fn((request) => history.exportCsv(request)),
    };
    return { router: createIpcRouter(handlers, createLogger(memorySink())), handlers, dial };
  }
  const trusted = { trusted: true, description: 'test' };

  it('answers valid requests', async () => {
    const { db } = openTempDb(dirs);
    sample(db);
    const { router: r } = router(db);
    const result = await r.dispatch(
      'calllog:list',
      { filter: { direction: 'outbound' }, limit: 10 },
      trusted,
    );
    expect(result).toMatchObject({ ok: true, value: { rows: [{ id: 'b' }], nextCursor: null } });
    expect(await r.dispatch('calllog:callBack', { callId: 'a' }, trusted)).toEqual({
      ok: true,
      value: { callId: 'out-+74951234567' },
    });
    expect(await r.dispatch('calllog:export', { filter: {}, locale: 'ru' }, trusted)).toEqual({
      ok: true,
      value: { cancelled: true },
    });
  });

  it.each<[string, string, unknown]>([
    ['list: no filter', 'calllog:list', {}],
    ['list: unknown direction', 'calllog:list', { filter: { direction: 'sideways' } }],
    ['list: unknown outcome', 'calllog:list', { filter: { outcomes: ['lost'] } }],
    ['list: from after to', 'calllog:list', { filter: { from: 10, to: 5 } }],
    ['list: a negative time', 'calllog:list', { filter: { from: -1 } }],
    ['list: an unknown filter key', 'calllog:list', { filter: { sql: '1=1' } }],
    ['list: a page too large', 'calllog:list', { filter: {}, limit: 100_000 }],
    ['list: a page of nothing', 'calllog:list', { filter: {}, limit: 0 }],
    ['list: a cursor without id', 'calllog:list', { filter: {}, cursor: { createdAt: 1 } }],
    ['list: a huge search', 'calllog:list', { filter: { text: 'x'.repeat(1000) } }],
    ['list: not an object', 'calllog:list', 'drop table calls'],
    ['callBack: empty id', 'calllog:callBack', { callId: '' }],
    ['callBack: a number instead of an id', 'calllog:callBack', { number: '+74951234567' }],
    ['export: an unknown locale', 'calllog:export', { filter: {}, locale: 'de' }],
    ['export: no filter', 'calllog:export', { locale: 'en' }],
    ['export: a path from the renderer', 'calllog:export', { filter: {}, path: '/etc/passwd' }],
  ])('refuses a malformed payload: %s', async (_label, channel, payload) => {
    const { db } = openTempDb(dirs);
    const { router: r, handlers, dial } = router(db);
    const result = await r.dispatch(channel, payload, trusted);
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
    expect(dial).not.toHaveBeenCalled();
  });

  it('passes the core’s errors through with their codes', async () => {
    const { db } = openTempDb(dirs);
    const { router: r } = router(db);
    expect(await r.dispatch('calllog:callBack', { callId: 'missing' }, trusted)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
