import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  exportCallsCsv,
  guardFormula,
  localTimestamp,
  quoteField,
  type CsvExportOptions,
} from '../../../src/main/core/calllog/csv-export.ts';
import { createCore } from '../../../src/main/core/create-core.ts';
import { createCallHistoryService } from '../../../src/main/core/calllog/history-service.ts';
import { putContact } from '../../../src/main/core/calllog/contacts-table.ts';
import { createLogger, memorySink } from '../../../src/main/core/log/logger.ts';
import type { Db } from '../../../src/main/core/store/database.ts';
import type { SavePathRequest } from '../../../src/main/core/ports.ts';
import { createNodePorts } from '../../../tools/harness/node-ports.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { openTempDb, seedCalls, seedMany } from './history-fixtures.ts';

const dirs: Array<{ cleanup(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

/** Local wall-clock times, so the expected text does not depend on the machine's time zone. */
const at = (h: number, m = 0, s = 0) => new Date(2026, 10, 24, h, m, s).getTime();

/** A strict RFC 4180 reader: what Excel or a CRM importer would see. */
function parseCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"') {
      if (field !== '') throw new Error(`stray quote at ${i}`);
      quoted = true;
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else if (ch === '\n' || ch === '\r') {
      throw new Error(`bare line break at ${i}`);
    } else field += ch;
  }
  if (field !== '' || row.length) throw new Error('the last line has no CRLF');
  return rows;
}

function sample(db: Db) {
  putContact(db, { id: 'k1', name: 'Smith, Jones & "Partners"', company: null, notes: null, tags: [] }, []);
  seedCalls(db, [
    {
      id: 'a',
      createdAt: at(9, 5, 7),
      name: 'Иван Петров',
      answeredAt: at(9, 5, 12),
      ringMs: 4600,
      talkMs: 125_400,
      holdMs: 10_000,
      disposition: 'Продажа; повторно',
    },
    {
      id: 'b',
      createdAt: at(10),
      direction: 'outbound',
      number: '101',
      e164: null,
      outcome: 'busy',
      talkMs: null,
      contactId: 'k1',
      name: 'Line one\r\nline two',
    },
    {
      id: 'c',
      createdAt: at(11),
      name: '=HYPERLINK("http://evil.example","click")',
      number: '+7 (999) 1',
      e164: null,
      outcome: 'missed',
      talkMs: null,
      disposition: '@SUM(A1)',
    },
    {
      id: 'd',
      createdAt: at(12),
      name: '-2+3',
      outcome: null,
      talkMs: null,
      ringMs: null,
      disposition: '\tTabbed',
    },
  ]);
}

async function exportTo(db: Db, dir: string, options: Partial<CsvExportOptions> = {}) {
  const path = join(dir, 'calls.csv');
  const rows = await exportCallsCsv(db, {
    filter: {},
    locale: 'en',
    path,
    mask: false,
    defaultRegion: 'RU',
    ...options,
  });
  const bytes = readFileSync(path);
  return { rows, bytes, text: bytes.toString('utf8'), path };
}

describe('CSV export: format', () => {
  it('writes UTF-8 with a BOM, CRLF lines and English headers', async () => {
    const { db, dir } = openTempDb(dirs);
    sample(db);
    const { rows, bytes, text } = await exportTo(db, dir);
    expect(rows).toBe(4);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const table = parseCsv(text.slice(1), ',');
    expect(table[0]).toEqual([
      'Date and time',
      'Direction',
      'Outcome',
      'Number',
      'Caller name',
      'Contact',
      'Ringing, s',
      'Talk time, s',
      'On hold, s',
      'Disposition',
      'Call ID',
    ]);
    expect(table).toHaveLength(5);
    // Newest first, like the screen.
    expect(table.slice(1).map((r) => r[10])).toEqual(['d', 'c', 'b', 'a']);
    expect(table[4]).toEqual([
      '2026-11-24 09:05:07',
      'Inbound',
      'Answered',
      'tel:+74951234567',
      'Иван Петров',
      '',
      '5',
      '125',
      '10',
      'Продажа; повторно',
      'a',
    ]);
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and keeps Cyrillic intact', async () => {
    const { db, dir } = openTempDb(dirs);
    sample(db);
    const { text } = await exportTo(db, dir);
    expect(text).toContain('"Smith, Jones & ""Partners"""');
    expect(text).toContain('"Line one\r\nline two"');
    expect(text).toContain('"Продажа; повторно"');
    const b = parseCsv(text.slice(1), ',').find((r) => r[10] === 'b')!;
    expect(b.slice(1, 6)).toEqual([
      'Outbound',
      'Busy',
      '101',
      'Line one\r\nline two',
      'Smith, Jones & "Partners"',
    ]);
    expect(quoteField('plain')).toBe('plain');
    expect(quoteField('a"b')).toBe('"a""b"');
    expect(quoteField('a\nb')).toBe('"a\nb"');
  });

  it('guards cells that a spreadsheet would run as a formula', async () => {
    const { db, dir } = openTempDb(dirs);
    sample(db);
    const table = parseCsv((await exportTo(db, dir)).text.slice(1), ',');
    const c = table.find((r) => r[10] === 'c')!;
    expect(c[4]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(c[9]).toBe("'@SUM(A1)");
    // Not a whole number, written as received: guarded like text.
    expect(c[3]).toBe("'+7 (999) 1");
    const d = table.find((r) => r[10] === 'd')!;
    expect(d[4]).toBe("'-2+3");
    expect(d[9]).toBe("'\tTabbed");
    expect(d[2]).toBe('In progress');
    expect(d[6]).toBe('');
    for (const [input, output] of [
      ['=1+1', "'=1+1"],
      ['+1', "'+1"],
      ['-1', "'-1"],
      ['@x', "'@x"],
      ['\tx', "'\tx"],
      ['\rx', "'\rx"],
      ['Иван', 'Иван'],
      ['a=b', 'a=b'],
    ])
      expect(guardFormula(input!)).toBe(output);
    // No cell of the file starts with a formula character.
    for (const row of table) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('writes known numbers as tel: URIs: text in Excel, readable, dialable', async () => {
    const { db, dir } = openTempDb(dirs);
    seedCalls(db, [{ id: 'x', createdAt: at(9), number: '+74951234567', e164: '+74951234567' }]);
    const table = parseCsv((await exportTo(db, dir)).text.slice(1), ',');
    expect(table[1]![3]).toBe('tel:+74951234567');
  });

  it('writes Russian headers and values with the delimiter Russian Excel expects', async () => {
    const { db, dir } = openTempDb(dirs);
    sample(db);
    const { text } = await exportTo(db, dir, { locale: 'ru' });
    const table = parseCsv(text.slice(1), ';');
    expect(table[0]!.slice(0, 4)).toEqual(['Дата и время', 'Направление', 'Результат', 'Номер']);
    expect(table.find((r) => r[10] === 'a')!.slice(1, 3)).toEqual(['Входящий', 'Отвечен']);
    expect(table.find((r) => r[10] === 'b')!.slice(1, 3)).toEqual(['Исходящий', 'Занято']);
    expect(table.find((r) => r[10] === 'c')![2]).toBe('Пропущен');
    expect(table.find((r) => r[10] === 'd')![2]).toBe('Идёт');
    // A comma inside a field is still quoted, for readers that guess the delimiter.
    expect(text).toContain('"Smith, Jones & ""Partners"""');
  });

  it('formats local times as YYYY-MM-DD HH:mm:ss', () => {
    expect(localTimestamp(new Date(2026, 0, 2, 3, 4, 5).getTime())).toBe('2026-01-02 03:04:05');
    expect(localTimestamp(new Date(2026, 11, 31, 23, 59, 59).getTime())).toBe('2026-12-31 23:59:59');
  });
});

describe('CSV export: content', () => {
  it('applies the same filters as the list', async () => {
    const { db, dir } = openTempDb(dirs);
    sample(db);
    const { rows, text } = await exportTo(db, dir, {
      filter: { from: at(9, 30), direction: 'inbound', outcomes: ['missed'] },
    });
    expect(rows).toBe(1);
    expect(parseCsv(text.slice(1), ',').map((r) => r[10])).toEqual(['Call ID', 'c']);
  });

  it('masks numbers when asked, leaving no full number in the file', async () => {
    const { db, dir } = openTempDb(dirs);
    sample(db);
    seedCalls(db, [{ id: 'm', createdAt: at(8), number: '89161112233', e164: '+79161112233' }]);
    const { text } = await exportTo(db, dir, { mask: true });
    const table = parseCsv(text.slice(1), ',');
    expect(table.find((r) => r[10] === 'a')![3]).toBe("'+7 495 ***-**-67");
    expect(table.find((r) => r[10] === 'm')![3]).toBe("'+7 916 ***-**-33");
    expect(table.find((r) => r[10] === 'b')![3]).toBe('101');
    for (const digits of ['1234567', '4951234', '1112233', 'tel:']) expect(text).not.toContain(digits);
  });

  it('streams 50,000 calls in batches, with the database free for the call log in between', async () => {
    const { db, dir } = openTempDb(dirs);
    seedMany(db, 50_000, at(0) - 50_000 * 60_000);
    const path = join(dir, 'big.csv');
    const writing = exportCallsCsv(db, {
      filter: { to: at(22) },
      locale: 'ru',
      path,
      mask: false,
      defaultRegion: 'RU',
    });
    // While the export runs, calls are written (the recorder shares the connection); they are
    // outside the period, so the count stays exact.
    let wroteDuring = 0;
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      seedCalls(db, [{ id: `live${i}`, createdAt: at(23, i) }]);
      wroteDuring++;
    }
    const rows = await writing;
    expect(wroteDuring).toBe(5);
    expect(rows).toBe(50_000);
    const text = readFileSync(path, 'utf8');
    const lines = text.split('\r\n');
    expect(lines).toHaveLength(50_002); // header, rows, and the empty string after the last CRLF
    expect(lines.at(-2)).toMatch(/^\S+ \S+;Исходящий;Отвечен;tel:\+74951000000;;;;25;0;;m0000000$/);
  });

  it('writes beside the target and renames: a failed export leaves no file behind', async () => {
    const { db, dir } = openTempDb(dirs);
    sample(db);
    const target = join(dir, 'taken');
    mkdirSync(target); // a folder where the file should go: the rename fails
    await expect(
      exportCallsCsv(db, { filter: {}, locale: 'en', path: target, mask: false, defaultRegion: 'RU' }),
    ).rejects.toThrow();
    expect(readdirSync(dir).filter((n) => n.includes('.part'))).toEqual([]);
    expect(readdirSync(target)).toEqual([]);
  });
});

describe('CSV export: the service and the harness port', () => {
  function service(db: Db, chooseSavePath: (r: SavePathRequest) => Promise<string | null>) {
    const settings = { maskNumbers: false, defaultRegion: 'RU', language: 'ru' as 'ru' | 'en' };
    const history = createCallHistoryService({
      db,
      log: createLogger(memorySink()),
      view: () => settings,
      dial: async () => ({ id: 'x' }),
      chooseSavePath,
      now: () => at(14, 30),
    });
    return { history, settings };
  }

  it('saves where the port says, in the language asked for (or the UI language)', async () => {
    const { db, dir } = openTempDb(dirs);
    sample(db);
    const ports = createNodePorts(dir, createLogger(memorySink()));
    const choose = vi.fn(ports.chooseSavePath);
    const { history } = service(db, choose);
    const result = await history.exportCsv({ filter: { outcomes: ['answered'] } });
    expect(choose).toHaveBeenCalledWith({
      defaultName: 'hotline-calls-2026-11-24-14-30.csv',
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    });
    const path = join(dir, 'exports', 'hotline-calls-2026-11-24-14-30.csv');
    expect(result).toEqual({ cancelled: false, path, rows: 1 });
    expect(readFileSync(path, 'utf8')).toContain('Дата и время;');
    await history.exportCsv({ filter: {}, locale: 'en' });
    expect(readFileSync(path, 'utf8')).toContain('Date and time,');
  });

  it('reports a cancelled dialog, and a write failure as STORAGE', async () => {
    const { db, dir } = openTempDb(dirs);
    sample(db);
    expect(await service(db, async () => null).history.exportCsv({ filter: {} })).toEqual({
      cancelled: true,
    });
    const blocked = join(dir, 'blocked');
    mkdirSync(blocked);
    await expect(service(db, async () => blocked).history.exportCsv({ filter: {} })).rejects.toMatchObject({
      code: 'STORAGE',
    });
  });
});

describe('CSV export and history through the core', () => {
  it('reads masking and language from settings, and exports to dataDir/exports under Node', async () => {
    const dir = makeTempDir();
    dirs.push(dir);
    writeFileSync(
      join(dir.path, 'settings.json'),
      JSON.stringify({ language: 'ru', data: { maskNumbers: true } }),
    );
    const log = createLogger(memorySink());
    const core = createCore({
      dataDir: dir.path,
      managedSettingsFile: join(dir.path, 'managed-none.json'),
      appInfo: {
        name: 'Hotline',
        version: '0.1.0-test',
        platform: process.platform,
        runtime: 'harness',
        versions: {},
        systemLocale: () => 'en-US',
      },
      ports: createNodePorts(dir.path, log),
      log,
    });
    try {
      seedCalls(core.db, [
        { id: 'a', createdAt: at(9), name: 'Иван', disposition: 'order' },
        { id: 'b', createdAt: at(8), name: 'Пётр', disposition: 'retired-code' },
      ]);
      const sender = { trusted: true, description: 'test' };
      const list = await core.router.dispatch('calllog:list', { filter: {} }, sender);
      expect(list).toMatchObject({
        ok: true,
        value: { rows: [{ id: 'a', number: '+7 495 ***-**-67', e164: null, masked: true }, { id: 'b' }] },
      });
      const result = await core.router.dispatch('calllog:export', { filter: {} }, sender);
      expect(result).toMatchObject({ ok: true, value: { cancelled: false, rows: 2 } });
      const path = (result as { value: { path: string } }).value.path;
      expect(path.startsWith(join(dir.path, 'exports'))).toBe(true);
      const text = readFileSync(path, 'utf8');
      expect(text).toContain('Дата и время;');
      expect(text).toContain("'+7 495 ***-**-67");
      expect(text).not.toContain('4951234567');
      // Dispositions by their configured name in the export's language; an unknown code as stored.
      expect(text).toContain(';Оформлен заказ;');
      expect(text).toContain(';retired-code;');
      expect(
        await core.router.dispatch('calllog:export', { filter: {}, locale: 'xx' }, sender),
      ).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
    } finally {
      await core.close();
    }
  });
});
