import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEARCH_SQL } from '../../../src/main/core/knowledge/articles-table.ts';
import { parseCsv } from '../../../src/main/core/knowledge/import/csv.ts';
import {
  createKnowledgeService,
  type KnowledgeService,
} from '../../../src/main/core/knowledge/knowledge-service.ts';
import { indexTerms, markdownToPlain, stem } from '../../../src/main/core/knowledge/text.ts';
import { Vocabulary } from '../../../src/main/core/knowledge/vocabulary.ts';
import { createLogger, memorySink } from '../../../src/main/core/log/logger.ts';
import { createIpcRouter, type Handlers } from '../../../src/main/core/ipc/router.ts';
import { REQUEST_CHANNELS } from '../../../src/shared/ipc/channels.ts';
import { openDatabase } from '../../../src/main/core/store/database.ts';
import type { Db } from '../../../src/main/core/store/database.ts';
import type { KbHit } from '../../../src/shared/model/knowledge.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';

const log = createLogger(memorySink());
const TODAY = new Date('2025-06-15T12:00:00');

const ARTICLES = [
  {
    id: 'tariff-home',
    title: 'Тариф «Домашний 300»',
    body: '## Условия\nАбонентская плата — **600 ₽** в месяц. Скорость до 300 Мбит/с, роутер в аренду.',
    tags: ['интернет', 'домашний'],
  },
  {
    id: 'delivery',
    title: 'Доставка курьером',
    body: 'Доставка по городу бесплатна от 3000 ₽. Для тарифов на мобильную связь SIM-карту привезёт курьер.',
    tags: ['доставка'],
  },
  {
    id: 'internet-outage',
    title: 'Нет интернета: что проверить',
    body: 'Попросите клиента перезагрузить роутер. Если интернет не появился, оформите заявку на выезд мастера.',
    tags: ['интернет', 'неисправности'],
  },
  {
    id: 'warranty',
    title: 'Гарантия на смартфоны',
    body: 'Гарантийный срок — 12 месяцев. Ремонт по гарантии в сервисном центре.',
    tags: ['гарантия', 'техника'],
  },
  {
    id: 'promo-summer',
    title: 'Акция «Лето»: скидка на подключение',
    body: 'Скидка 50% на подключение интернета до конца августа.',
    tags: ['акции'],
    valid_from: '2024-06-01',
    valid_to: '2024-08-31',
  },
  {
    id: 'promo-winter',
    title: 'Акция «Зима»: скидка на подключение',
    body: 'Скидка 30% на подключение интернета зимой.',
    tags: ['акции'],
    valid_from: '2025-12-01',
  },
  {
    id: 'promo-now',
    title: 'Акция «Июнь»: скидка на подключение',
    body: 'Скидка 20% на подключение интернета в июне.',
    tags: ['акции'],
    valid_from: '2025-06-01',
    valid_to: '2025-06-30',
  },
  {
    id: 'en-delivery',
    title: 'Delivery options',
    body: 'Deliveries are free for orders over 50 EUR. Tariffs for express delivery differ by region.',
    tags: ['shipping'],
  },
  {
    id: 'en-tariffs',
    title: 'Tariff plans',
    body: 'All plans include unlimited calls.',
    tags: ['pricing'],
  },
];

let db: Db;
let kb: KnowledgeService;
beforeEach(async () => {
  db = openDatabase({ path: ':memory:', log });
  kb = createKnowledgeService({ db, log, now: () => TODAY });
  const report = await kb.import({ format: 'json', name: 'kb.json', content: JSON.stringify(ARTICLES) });
  expect(report).toMatchObject({ created: ARTICLES.length, failed: 0 });
});
afterEach(() => db.close());

const ids = (hits: KbHit[]) => hits.map((h) => h.id);
const marked = (text: string, ranges: Array<[number, number]>) => ranges.map(([s, e]) => text.slice(s, e));

describe('knowledge base: text analysis', () => {
  it('stems Russian and English word forms to one stem', () => {
    expect(new Set(['тариф', 'тарифы', 'тарифов', 'тарифами'].map(stem))).toEqual(new Set(['тариф']));
    expect(new Set(['tariff', 'tariffs'].map(stem))).toEqual(new Set(['tariff']));
    expect(stem('delivery')).toBe(stem('deliveries'));
    expect(indexTerms('Тарифы на ИНТЕРНЕТ, ёлка!')).toBe('тариф на интернет елк');
  });

  it('turns Markdown into the words a reader sees', () => {
    expect(
      markdownToPlain(
        '# Заголовок\n\n- **Жирный** и _курсив_\n- [ссылка](https://x.example/тариф)\n\n| a | b |\n|---|---|\n| 1 | 2 |',
      ),
    ).toBe('Заголовок\nЖирный и курсив\nссылка\na b\n1 2');
  });
});

describe('knowledge base: search', () => {
  it('finds Russian word forms: «тарифы», «тарифов» find «тариф»', () => {
    for (const q of ['тарифы ', 'тарифов ', 'тарифом ', 'Тариф ']) {
      expect(ids(kb.search(q).hits), q).toContain('tariff-home');
    }
    expect(ids(kb.search('интернета ').hits)).toEqual(
      expect.arrayContaining(['internet-outage', 'tariff-home']),
    );
  });

  it('finds English plurals and singulars', () => {
    expect(ids(kb.search('tariffs ').hits)[0]).toBe('en-tariffs');
    expect(ids(kb.search('deliveries ').hits)[0]).toBe('en-delivery');
    expect(ids(kb.search('plan ').hits)).toContain('en-tariffs');
  });

  it('tolerates typing mistakes: «тарфи», «интернт»', () => {
    const tarfi = kb.search('тарфи ');
    expect(ids(tarfi.hits)).toContain('tariff-home');
    expect(tarfi.corrections).toEqual([{ typed: 'тарфи', matched: expect.arrayContaining(['тариф']) }]);
    const internt = kb.search('интернт ');
    expect(ids(internt.hits)).toContain('internet-outage');
    expect(internt.corrections[0]!.matched).toContain('интернет');
    // A word that is close to nothing stays unmatched.
    expect(kb.search('зюзюка ').hits).toEqual([]);
  });

  it('searches as the operator types: the last word is a prefix', () => {
    expect(ids(kb.search('тари').hits)).toContain('tariff-home');
    expect(ids(kb.search('доставк').hits)[0]).toBe('delivery');
    expect(ids(kb.search('гаранти').hits)[0]).toBe('warranty');
    expect(ids(kb.search('роутер перезаг').hits)).toEqual(['internet-outage']);
    // A prefix with a typo in it still finds its word.
    expect(ids(kb.search('интре').hits)).toContain('internet-outage');
    // One letter says nothing yet.
    expect(kb.search('т')).toEqual({ hits: [], corrections: [], mode: 'none' });
    expect(kb.search('   ').mode).toBe('none');
  });

  it('ranks a title match above a body match, and a tag above the body', () => {
    // «тариф» is in the title of tariff-home and only in the body of delivery.
    expect(ids(kb.search('тарифы ').hits).slice(0, 2)).toEqual(['tariff-home', 'delivery']);
    // «интернет» is a tag of tariff-home (and the title of internet-outage), in the body elsewhere.
    const internet = ids(kb.search('интернет ').hits);
    expect(internet[0]).toBe('internet-outage');
    expect(internet.indexOf('tariff-home')).toBeLessThan(internet.indexOf('promo-now'));
  });

  it('ignores stop words and falls back to any word when no article has all', () => {
    const both = kb.search('роутер на тариф ');
    expect(both.mode).toBe('all');
    expect(ids(both.hits)).toEqual(['tariff-home']);
    const some = kb.search('гарантия курьером ');
    expect(some.mode).toBe('any');
    expect(ids(some.hits)).toEqual(expect.arrayContaining(['warranty', 'delivery']));
  });

  it('lists current articles first, then upcoming, then expired, marked; or only current ones', () => {
    const result = kb.search('акция скидка ');
    expect(result.hits.map((h) => [h.id, h.validity])).toEqual([
      ['promo-now', 'current'],
      ['promo-winter', 'upcoming'],
      ['promo-summer', 'expired'],
    ]);
    expect(ids(kb.search('акция скидка ', { currentOnly: true }).hits)).toEqual(['promo-now']);
  });

  it('highlights the original words in the title and a snippet, not the stems', () => {
    const [hit] = kb.search('роутеры перезагрузить').hits;
    expect(hit!.id).toBe('internet-outage');
    expect(marked(hit!.snippet, hit!.snippetHighlights)).toEqual(['перезагрузить', 'роутер']);
    const [home] = kb.search('тарифы домашн').hits;
    expect(home!.title.slice(...home!.titleHighlights[0]!)).toBe('Тариф');
    expect(marked(home!.title, home!.titleHighlights)).toEqual(['Тариф', 'Домашний']);
    // The snippet is plain text: no Markdown marks.
    const [plain] = kb.search('абонентская').hits;
    expect(plain!.snippet).toContain('600 ₽');
    expect(plain!.snippet).not.toContain('**');
    expect(marked(plain!.snippet, plain!.snippetHighlights)).toEqual(['Абонентская']);
  });

  it('cuts a long body into a snippet around the matches, with "…"', async () => {
    const body = `${'Вступление без нужных слов. '.repeat(30)}Здесь про модем и настройку модема. ${'Хвост текста. '.repeat(30)}`;
    await kb.import({
      format: 'json',
      name: 'long.json',
      content: JSON.stringify([{ id: 'long', title: 'Длинная статья', body }]),
    });
    const [hit] = kb.search('модем ').hits;
    expect(hit!.snippet.startsWith('…Здесь про модем')).toBe(true);
    expect(hit!.snippet.endsWith('…')).toBe(true);
    expect(hit!.snippet.length).toBeLessThanOrEqual(182);
    expect(marked(hit!.snippet, hit!.snippetHighlights)).toEqual(['модем', 'модема']);
  });
});

describe('knowledge base: import', () => {
  it('JSON: imports the good entries, reports the bad ones by index', async () => {
    const report = await kb.import({
      format: 'json',
      name: 'more.json',
      content: JSON.stringify({
        articles: [
          { id: 'a1', title: 'Рассрочка', body: 'Без переплаты', valid_to: '31.12.2025' },
          { id: 'a2', body: 'нет заголовка' },
          { id: 'a3', title: 'Плохая дата', valid_from: '2025-02-30' },
          { id: 'a4', title: 'Перепутаны даты', valid_from: '2025-05-01', valid_to: '2025-04-01' },
          'not an object',
          { title: 'Без id', tags: 'один, два; три' },
        ],
      }),
    });
    expect(report).toMatchObject({ created: 2, updated: 0, unchanged: 0, failed: 4 });
    expect(report.issues.map((i) => [i.index, i.message])).toEqual([
      [1, expect.stringMatching(/title/)],
      [2, expect.stringMatching(/"2025-02-30" is not a date/)],
      [3, expect.stringMatching(/valid_to is before valid_from/)],
      [4, expect.stringMatching(/object/)],
    ]);
    expect(kb.get('a1')).toMatchObject({ title: 'Рассрочка', validTo: '2025-12-31', source: 'more.json' });
    expect(kb.get('more.json#без-id')).toMatchObject({ tags: ['один', 'два', 'три'] });
    expect(
      (await kb.import({ format: 'json', name: 'broken.json', content: '[{"title": "x",\n  oops]' })).issues,
    ).toEqual([{ file: 'broken.json', line: 2, message: expect.stringMatching(/not valid JSON/) }]);
  });

  it('CSV: header row, BOM, ";" separator, quotes and line breaks in cells; bad rows by line', async () => {
    const csv =
      '\ufeffid;Заголовок;Текст;Теги;Действует до\r\n' +
      'c1;Обмен товара;"Обмен в течение 14 дней; нужен ""чек""";обмен,возврат;\r\n' +
      'c2;Оплата картой;"Строка 1\r\nСтрока 2";оплата;2030-01-01\r\n' +
      'c3;Лишнее поле;текст;теги;;лишнее\r\n' +
      'c4;Плохая дата;текст;;32.01.2025\r\n' +
      ';Без id;текст;;\r\n';
    const report = await kb.import({ format: 'csv', name: 'kb.csv', content: csv });
    expect(report).toMatchObject({ created: 3, failed: 2 });
    expect(report.issues).toEqual([
      { file: 'kb.csv', line: 5, message: '6 fields where the header has 5' },
      { file: 'kb.csv', line: 6, message: expect.stringMatching(/valid_to: "32.01.2025" is not a date/) },
    ]);
    expect(kb.get('c1')).toMatchObject({
      body: 'Обмен в течение 14 дней; нужен "чек"',
      tags: ['обмен', 'возврат'],
      validTo: null,
    });
    expect(kb.get('c2')!.body).toBe('Строка 1\r\nСтрока 2');
    expect(kb.get('kb.csv#без-id')).toBeDefined();
    expect(
      (await kb.import({ format: 'csv', name: 'x.csv', content: 'foo,bar\nx,y\n' })).issues[0],
    ).toMatchObject({
      line: 1,
      message: expect.stringMatching(/no title column/),
    });
  });

  it('Markdown: front matter or the first heading as title; a bad file is reported, the rest imported', async () => {
    const report = await kb.import([
      {
        format: 'markdown',
        name: 'returns.md',
        content:
          '---\ntitle: "Возврат товара"\ntags:\n  - возврат\n  - магазин\nvalid_from: 2025-01-01\n---\nВернуть можно в течение **14 дней**.\n',
      },
      { format: 'markdown', name: 'modem.md', content: '# Настройка модема\n\nЗайдите в веб-интерфейс.' },
      { format: 'markdown', name: 'broken.md', content: '---\ntitle: x\nэто не поле\n---\ntext' },
      { format: 'markdown', name: 'untitled.md', content: 'Просто текст без заголовка' },
    ]);
    expect(report).toMatchObject({ created: 2, failed: 2 });
    expect(report.issues).toEqual([
      { file: 'broken.md', line: 3, message: expect.stringMatching(/not "key: value"/) },
      { file: 'untitled.md', line: 1, message: expect.stringMatching(/no title/) },
    ]);
    expect(kb.get('returns')).toMatchObject({
      title: 'Возврат товара',
      tags: ['возврат', 'магазин'],
      validFrom: '2025-01-01',
      body: 'Вернуть можно в течение **14 дней**.',
    });
    expect(kb.get('modem')).toMatchObject({ title: 'Настройка модема', body: 'Зайдите в веб-интерфейс.' });
    expect(ids(kb.search('модемы').hits)).toEqual(['modem']);
  });

  it('upserts by id: the same file again changes nothing, an edited one updates, duplicates are reported', async () => {
    const again = await kb.import({ format: 'json', name: 'kb.json', content: JSON.stringify(ARTICLES) });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: ARTICLES.length });
    const edited = ARTICLES.map((a) => (a.id === 'warranty' ? { ...a, title: 'Гарантия на ноутбуки' } : a));
    expect(
      await kb.import({ format: 'json', name: 'kb.json', content: JSON.stringify(edited) }),
    ).toMatchObject({
      updated: 1,
      unchanged: ARTICLES.length - 1,
    });
    const dup = await kb.import({
      format: 'json',
      name: 'dup.json',
      content: JSON.stringify([
        { id: 'd', title: 'Первая' },
        { id: 'd', title: 'Вторая' },
      ]),
    });
    expect(dup.issues).toEqual([{ file: 'dup.json', index: 1, message: 'the same id "d" as entry 0' }]);
    expect(kb.get('d')!.title).toBe('Первая');
  });

  it('imports files from disk by extension', async () => {
    const dir = makeTempDir();
    try {
      writeFileSync(join(dir.path, 'sim.md'), '# SIM-карта\n\nЗамена SIM-карты бесплатна.');
      writeFileSync(
        join(dir.path, 'kb.csv'),
        'title,body\nПеренос номера,Перенос номера от другого оператора\n',
      );
      const report = await kb.importPaths([join(dir.path, 'sim.md'), join(dir.path, 'kb.csv')]);
      expect(report).toMatchObject({ created: 2, failed: 0 });
      await expect(kb.importPaths([join(dir.path, 'notes.txt')])).rejects.toThrow(/\.md, \.csv or \.json/);
    } finally {
      dir.cleanup();
    }
  });
});

describe('knowledge base: the index stays in sync', () => {
  const ftsIds = (match: string) =>
    db
      .prepare(
        'SELECT a.id FROM kb_fts JOIN kb_articles a ON a.seq = kb_fts.rowid WHERE kb_fts MATCH ? ORDER BY a.id',
      )
      .pluck()
      .all(match);

  it('on update and delete, through the service or by hand', async () => {
    expect(ftsIds('"гарант"')).toEqual(['warranty']);
    await kb.import({
      format: 'json',
      name: 'kb.json',
      content: JSON.stringify([{ id: 'warranty', title: 'Ремонт ноутбуков' }]),
    });
    expect(ftsIds('"гарант"')).toEqual([]);
    expect(ids(kb.search('ноутбук ').hits)).toEqual(['warranty']);
    expect(kb.delete('warranty')).toBe(true);
    expect(kb.delete('warranty')).toBe(false);
    expect(ftsIds('"ноутбук"')).toEqual([]);
    expect(kb.search('ноутбук ').hits).toEqual([]);
    // A delete by SQL (a tool, a future migration) goes through the trigger too.
    db.prepare("DELETE FROM kb_articles WHERE id = 'delivery'").run();
    expect(ftsIds('"курьер"')).toEqual([]);
    // FTS5's own check: the index matches the content table exactly.
    expect(() => db.exec("INSERT INTO kb_fts (kb_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
    expect(kb.count()).toBe(ARTICLES.length - 2);
  });

  it('the typo vocabulary follows changes', async () => {
    expect(kb.search('модемм ').hits).toEqual([]);
    await kb.import({
      format: 'json',
      name: 'x.json',
      content: JSON.stringify([{ id: 'm', title: 'Модем' }]),
    });
    expect(ids(kb.search('модемм ').hits)).toEqual(['m']);
  });

  it('search reads the index, then articles by primary key (query plans)', () => {
    const plan = (sql: string, ...params: unknown[]) =>
      db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...params)
        .map((r) => (r as { detail: string }).detail)
        .join('\n');
    const search = plan(SEARCH_SQL, '"тариф"', 30);
    expect(search).toMatch(/SCAN kb_fts VIRTUAL TABLE INDEX/);
    expect(search).toMatch(/SEARCH a USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    expect(search).not.toMatch(/SCAN a\b/);
    expect(plan('SELECT * FROM kb_articles WHERE id = ?', 'x')).toMatch(
      /USING INDEX sqlite_autoindex_kb_articles_1/,
    );
    expect(plan('SELECT * FROM kb_articles WHERE seq = ?', 1)).toMatch(/INTEGER PRIMARY KEY/);
  });
});

describe('knowledge base: parts', () => {
  it('CSV parser: RFC 4180 quoting, CRLF/LF, BOM, and where a record is broken', () => {
    expect(parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\n"multi\nline",z')).toEqual({
      records: [
        { line: 1, cells: ['a', 'b'] },
        { line: 2, cells: ['x, y', 'say "hi"'] },
        { line: 3, cells: ['multi\nline', 'z'] },
      ],
      errors: [],
    });
    expect(parseCsv('a,b\n"x"y,1\nok,2\n"open,3\n')).toEqual({
      records: [
        { line: 1, cells: ['a', 'b'] },
        { line: 3, cells: ['ok', '2'] },
      ],
      errors: [
        { line: 2, message: expect.stringMatching(/after a closing quote/) },
        { line: 4, message: 'a quoted field is not closed' },
      ],
    });
    expect(parseCsv('a\tb\n1\t2').records[1]!.cells).toEqual(['1', '2']);
  });

  it('vocabulary: edit distance with swaps, prefixes, estimates', () => {
    const v = new Vocabulary(
      [
        { term: 'тариф', doc: 10 },
        { term: 'тара', doc: 2 },
        { term: 'мод', doc: 3 },
        { term: 'интернет', doc: 7 },
        { term: 'интерфейс', doc: 1 },
      ],
      [
        { word: 'тариф', stem: 'тариф' },
        { word: 'тарифы', stem: 'тариф' },
        { word: 'модем', stem: 'мод' },
        { word: 'интернета', stem: 'интернет' },
        { word: 'сломанный', stem: 'слома' },
      ],
    );
    expect(v.near('тарфи', 1).map((n) => n.word)).toEqual(['тариф']); // a swap is one edit
    expect(v.near('тарф', 1).map((n) => [n.word, n.term])).toEqual([['тариф', 'тариф']]);
    expect(v.near('тарииф', 1).map((n) => n.term)).toEqual(['тариф']);
    expect(v.near('тарииф', 0)).toEqual([]);
    expect(v.near('модемм', 1).map((n) => [n.word, n.term])).toEqual([['модем', 'мод']]);
    expect(v.near('интрен', 1, { prefix: true }).map((n) => n.word)).toEqual(['интернета']);
    // A word whose stem left the index (its articles were deleted) is not offered.
    expect(v.near('сломан', 1)).toEqual([]);
    expect(v.hasPrefix('инте')).toBe(true);
    expect(v.hasPrefix('интз')).toBe(false);
    expect(v.prefixDocs('инте')).toBe(8);
    expect(v.prefixDocs('т')).toBe(12);
    expect(v.prefixDocs('мод')).toBe(3);
    expect(v.prefixDocs('я')).toBe(0);
  });

  it('the migration creates the index and its vocabulary view', () => {
    const dir = makeTempDir();
    try {
      const fileDb = openDatabase({ path: join(dir.path, 'hotline.db'), log });
      const names = fileDb
        .prepare("SELECT name FROM sqlite_master WHERE name LIKE 'kb_%' ORDER BY name")
        .pluck()
        .all();
      expect(names).toEqual(expect.arrayContaining(['kb_articles', 'kb_fts', 'kb_vocab', 'kb_state']));
      fileDb.close();
    } finally {
      dir.cleanup();
    }
  });
});

describe('knowledge base: IPC', () => {
  function router() {
    const defaults = Object.fromEntries(REQUEST_CHANNELS.map((c) => [c, () => ({})])) as unknown as Handlers;
    const knowledge: Pick<Handlers, 'kb:search' | 'kb:get'> = {
      'kb:search': ({ query, ...options }) => kb.search(query, options),
      'kb:get': ({ id }) => ({ article: kb.get(id) ?? null }),
    };
    return createIpcRouter({ ...defaults, ...knowledge }, log);
  }
  const sender = { trusted: true, description: 'test' };

  it('kb:search and kb:get answer through the contract', async () => {
    const search = await router().dispatch('kb:search', { query: 'тарифы ', limit: 1 }, sender);
    expect(search).toMatchObject({ ok: true, value: { mode: 'all', hits: [{ id: 'tariff-home' }] } });
    const get = await router().dispatch('kb:get', { id: 'warranty' }, sender);
    expect(get).toMatchObject({ ok: true, value: { article: { title: 'Гарантия на смартфоны' } } });
    expect(await router().dispatch('kb:get', { id: 'nope' }, sender)).toEqual({
      ok: true,
      value: { article: null },
    });
  });

  it('refuses malformed payloads', async () => {
    for (const payload of [
      { query: 'x', limit: 500 },
      { query: 'x'.repeat(501) },
      { query: 'x', admin: true },
      {},
    ]) {
      expect(
        await router().dispatch('kb:search', payload, sender),
        JSON.stringify(payload).slice(0, 40),
      ).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
    }
    expect(await router().dispatch('kb:get', { id: '' }, sender)).toMatchObject({ ok: false });
  });
});
