import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/main/core/app-error.ts';
import { createContactsService } from '../../../../src/main/core/contacts/contacts-service.ts';
import { detectDelimiter, mapColumns, parseCsv } from '../../../../src/main/core/contacts/import/csv.ts';
import { decodeText } from '../../../../src/main/core/contacts/import/decode.ts';
import { importContacts } from '../../../../src/main/core/contacts/import/import-contacts.ts';
import { parseVcards } from '../../../../src/main/core/contacts/import/vcard.ts';
import { createLogger, memorySink } from '../../../../src/main/core/log/logger.ts';
import { openDatabase, type Db } from '../../../../src/main/core/store/database.ts';
import { CONTACT_LIMITS } from '../../../../src/shared/model/contact.ts';
import { countEventLoopTurns } from '../../../helpers/event-loop.ts';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/contacts');
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const log = createLogger(memorySink());
const dbs: Db[] = [];
afterEach(() => dbs.splice(0).forEach((db) => db.open && db.close()));

function setup() {
  const db = openDatabase({ path: ':memory:', log });
  dbs.push(db);
  const contacts = createContactsService({ db, log, defaultRegion: () => 'RU' });
  const importFile = (fileName: string, content = fixture(fileName)) =>
    contacts.import({ fileName, content });
  const byName = (name: string) => {
    const item = contacts.list({ query: '', limit: 200 }).items.find((i) => i.name === name);
    if (!item) throw new Error(`no contact ${name}`);
    return contacts.get(item.id);
  };
  const all = () => contacts.list({ query: '', limit: 200 }).items.map((i) => i.name);
  return { db, contacts, importFile, byName, all };
}

const text = (s: string) => new TextEncoder().encode(s);

async function fileIssue(fn: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION');
    return (error as AppError).issues?.find((i) => i.path === 'file')?.message;
  }
  throw new Error('expected a VALIDATION error');
}

describe('contacts import: CSV', () => {
  it('imports the good rows of an Excel file (BOM, `;`, Russian headers) and reports each bad one at its line', async () => {
    const { importFile, byName, all } = setup();
    const result = await importFile('excel-ru-semicolon-bom.csv');
    expect(result).toEqual({
      imported: 3,
      updated: 1,
      unchanged: 0,
      skipped: [
        { line: 4, reason: 'no-number' },
        { line: 5, reason: 'invalid-number', value: '12-34-5678-99' },
        // The row spans lines 7–8 (a quoted line break in the notes); it is reported where it starts.
        { line: 7, reason: 'invalid-email', value: 'anna@example' },
        { line: 9, reason: 'no-name' },
      ],
      skippedTotal: 4,
      format: 'csv',
      encoding: 'utf-8',
    });
    expect(all()).toEqual(['Иван Петров', 'Иван Петров (второй номер)', 'Ольга Смирнова']);
    // The BOM is not part of the first header ("ФИО" was recognized), the cells are exact.
    expect(byName('Иван Петров')).toMatchObject({
      company: 'ООО «Ромашка»',
      email: 'ivan@example.ru',
      // Line 11 (another name, the same number) was merged into him: the name he had is kept.
      notes: 'Звонить после 14:00\n\nДубль номера Ивана',
      tags: ['vip', 'b2b'],
      numbers: [
        { number: '8 (495) 123-45-67', e164: '+74951234567', label: 'other' },
        { number: '+7 916 000-11-22', e164: '+79160001122', label: 'mobile' },
      ],
    });
    // Two numbers in one cell, split at the comma (the delimiter is `;`).
    expect(byName('Ольга Смирнова').numbers.map((n) => n.e164)).toEqual(['+78125550000', '+78125550001']);
  });

  it('changes nothing when the same file is imported again', async () => {
    const { importFile, byName } = setup();
    await importFile('excel-ru-semicolon-bom.csv');
    const before = byName('Иван Петров');
    const again = await importFile('excel-ru-semicolon-bom.csv');
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 4, skippedTotal: 4 });
    expect(byName('Иван Петров')).toEqual(before);
  });

  it('reads a Windows-1251 file (no BOM) and builds names from surname, first name and patronymic columns', async () => {
    const { importFile, byName } = setup();
    const result = await importFile('outlook-ru-cp1251.csv');
    expect(result).toMatchObject({
      imported: 2,
      encoding: 'windows-1251',
      skipped: [{ line: 4, reason: 'no-number' }],
    });
    expect(byName('Дмитрий Андреевич Соколов')).toMatchObject({
      company: 'АО «Вектор»',
      notes: 'Главный инженер',
      numbers: [{ e164: '+73432223344', label: 'work' }],
    });
    expect(byName('Мария Ёлкина').numbers).toEqual([
      { number: '8 343 222 33 55', e164: '+73432223355', label: 'home' },
    ]);
  });

  it('reads comma-separated RFC 4180 quoting, and reports a row whose quote never closes as malformed', async () => {
    const { importFile, byName } = setup();
    const result = await importFile('google-en-comma.csv');
    expect(result).toMatchObject({
      imported: 2,
      skipped: [
        { line: 4, reason: 'invalid-number', value: 'not a number' },
        { line: 5, reason: 'malformed' },
      ],
    });
    expect(byName('Smith, John')).toMatchObject({
      company: 'ACME, Inc.',
      notes: 'Prefers "mornings"',
      tags: ['customer'],
      numbers: [
        { e164: '+12125550100', label: 'other' },
        { e164: '+12125550101', label: 'work' },
      ],
    });
    expect(byName('Jane Doe').numbers.map((n) => n.e164)).toEqual(['+442079460958', '+447911123456']);
  });

  it('counts lines as an editor does, with CR LF and quoted line breaks', async () => {
    const csv =
      'Name;Phone\r\n"A\r\nB";+7 495 000-00-01\r\n\r\nC;+7 495 000-00-02\r\n"D;\r\nE;+7 495 000-00-03\r\n';
    const entries = await parseCsv(csv);
    expect(entries.map((e) => e.line)).toEqual([2, 5, 6]);
    expect(entries[0]).toMatchObject({ record: { name: 'A\nB' } });
    expect(entries[2]).toMatchObject({ error: 'malformed' });
  });

  it('parses in pieces with the event loop free between them, the same as in one piece', async () => {
    const csv = [
      'Имя;Телефон;Заметки',
      ...Array.from({ length: 300 }, (_, i) =>
        i % 50 === 7
          ? `"Клиент 😀 ${i}";+7 916 ${1_000_000 + i};"строка 1\nстрока ""2"""`
          : `Клиент 🎧 ${i};+7 916 ${1_000_000 + i};`,
      ),
      '"broken;+7 916 0000000',
    ].join('\r\n');
    const whole = await parseCsv(csv, csv.length + 1);
    for (const piece of [1, 7, 64]) {
      const turns = countEventLoopTurns();
      // Pieces this small cut through emoji (surrogate pairs), quotes and line breaks.
      expect(await parseCsv(csv, piece)).toEqual(whole);
      expect(turns.stop()).toBeGreaterThan(10);
    }
    expect(whole).toHaveLength(301);
    expect(whole[7]).toMatchObject({
      line: 9,
      record: { name: 'Клиент 😀 7', notes: 'строка 1\nстрока "2"' },
    });
    expect(whole.at(-1)).toMatchObject({ error: 'malformed' });

    const cards = Array.from(
      { length: 40 },
      (_, i) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Клиент ${i}\r\nTEL:+7 916 ${1_000_000 + i}\r\nEND:VCARD`,
    ).join('\r\n');
    const turns = countEventLoopTurns();
    const parsedCards = await parseVcards(cards, 0);
    expect(turns.stop()).toBeGreaterThan(10);
    expect(parsedCards).toEqual(await parseVcards(cards));
    expect(parsedCards).toHaveLength(40);
    expect(parsedCards[39]).toMatchObject({ line: 196, record: { name: 'Клиент 39' } });
  });

  it('finds the delimiter from the header and the columns from their many names', () => {
    expect(detectDelimiter('Имя;Телефон;"a,b,c"\nx,y,z')).toBe(';');
    expect(detectDelimiter('Name,Phone\n')).toBe(',');
    expect(detectDelimiter('Name\tPhone\tNotes\n')).toBe('\t');
    const fields = (header: string[]) =>
      mapColumns(header).map((c) => `${c.field}${c.label ? `:${c.label}` : ''}`);
    expect(
      fields(['Ф.И.О.', 'Моб. телефон', 'Рабочий телефон', 'Эл. почта', 'Примечания', 'Группы', 'Факс']),
    ).toEqual(['name', 'phone:mobile', 'phone:work', 'email', 'notes', 'tags']);
    expect(
      fields([
        'Given Name',
        'Family Name',
        'Phone 1 - Type',
        'Phone 1 - Value',
        'E-mail 1 - Value',
        'Organization 1 - Name',
      ]),
    ).toEqual(['given', 'family', 'phone:other', 'email', 'company']);
    // "Имя" is the whole name unless a surname column is beside it.
    expect(fields(['Имя', 'Телефон'])).toEqual(['name', 'phone:other']);
    expect(fields(['Фамилия', 'Имя', 'Телефон'])).toEqual(['family', 'given', 'phone:other']);
  });

  it('refuses files it cannot read as a whole: empty, too large, without name or phone columns, not a vCard', async () => {
    const { importFile } = setup();
    expect(await fileIssue(() => importFile('a.csv', text('  \r\n')))).toBe('empty');
    expect(await fileIssue(() => importFile('a.csv', new Uint8Array(CONTACT_LIMITS.importBytes + 1)))).toBe(
      'too-large',
    );
    expect(await fileIssue(() => importFile('a.csv', text('Foo;Bar\n1;2\n')))).toBe('no-columns');
    expect(await fileIssue(() => importFile('a.csv', text('Name;Notes\nA;b\n')))).toBe('no-columns');
    expect(await fileIssue(() => importFile('a.vcf', text('Name,Phone\nA,+74950000001\n')))).toBe(
      'unknown-format',
    );
  });

  it('skips a row whose numbers belong to two different contacts, and a failed slice writes none of its rows', async () => {
    const { db, contacts, importFile } = setup();
    contacts.save({ name: 'A', numbers: [{ number: '+7 495 000-00-01', label: 'work' }] });
    contacts.save({ name: 'B', numbers: [{ number: '+7 495 000-00-02', label: 'work' }] });
    const result = await importFile(
      'x.csv',
      text('Name;Phone\nAB;+7 495 000-00-01, +7 495 000-00-02\nC;+7 495 000-00-03\n'),
    );
    expect(result).toMatchObject({
      imported: 1,
      skipped: [{ line: 2, reason: 'number-conflict', value: 'A, B' }],
    });

    // Rows written in the same slice (a few ms of work) go back together when one fails.
    db.exec(
      `CREATE TRIGGER refuse_z BEFORE INSERT ON contacts WHEN NEW.name = 'Z' BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    );
    const count = () => db.prepare('SELECT count(*) FROM contacts').pluck().get();
    const before = count();
    await expect(
      importFile('y.csv', text('Name;Phone\nY;+7 495 000-00-04\nZ;+7 495 000-00-05\n')),
    ).rejects.toMatchObject({ code: 'STORAGE' });
    expect(count()).toBe(before);
  });

  it('writes a large file in slices with the event loop free between them (the phone keeps working)', async () => {
    const { db, contacts } = setup();
    const rows = Array.from({ length: 400 }, (_, i) => `Клиент ${i};+7 916 ${String(1_000_000 + i)}`);
    const content = text(['ФИО;Телефон', ...rows].join('\n'));
    // Something else the core must do meanwhile (an INVITE, a keep-alive): count its turns.
    const turns = countEventLoopTurns();
    const progress: Array<[number, number]> = [];
    const result = await importContacts(
      db,
      { fileName: 'big.csv', content },
      {
        defaultRegion: 'RU',
        now: 1,
        sliceMs: 1,
        onProgress: (done, total) => progress.push([done, total]),
      },
    );
    expect(turns.stop()).toBeGreaterThan(3);
    expect(result).toMatchObject({ imported: 400, skippedTotal: 0 });
    // After every slice: rows done so far, rising to all of them.
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toEqual([400, 400]);
    expect(progress.every(([done], i) => i === 0 || done > progress[i - 1]![0])).toBe(true);
    expect(contacts.list({ query: '', limit: 500 }).items).toHaveLength(400);
  });

  it('a failure part-way keeps the slices written before it, says how many, and the same file can be imported again', async () => {
    const { db, contacts } = setup();
    const content = text('Name;Phone\nA;+7 495 000-00-11\nB;+7 495 000-00-12\nZ;+7 495 000-00-13\n');
    db.exec(
      `CREATE TRIGGER refuse_z BEFORE INSERT ON contacts WHEN NEW.name = 'Z' BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    );
    // sliceMs 0: every row is its own slice.
    await expect(
      importContacts(db, { fileName: 'x.csv', content }, { defaultRegion: 'RU', now: 1, sliceMs: 0 }),
    ).rejects.toMatchObject({
      code: 'STORAGE',
      message: expect.stringMatching(/after 2 contacts.*disk full/),
    });
    expect(contacts.list({ query: '', limit: 10 }).items.map((i) => i.name)).toEqual(['A', 'B']);
    db.exec('DROP TRIGGER refuse_z');
    const again = await importContacts(db, { fileName: 'x.csv', content }, { defaultRegion: 'RU', now: 2 });
    expect(again).toMatchObject({ imported: 1, unchanged: 2 });
  });

  it('the service reports progress a few times a second, and always the end', async () => {
    const db = openDatabase({ path: ':memory:', log });
    dbs.push(db);
    const reports: Array<{ done: number; total: number }> = [];
    const contacts = createContactsService({
      db,
      log,
      defaultRegion: () => 'RU',
      onImportProgress: (p) => reports.push(p),
    });
    const rows = Array.from({ length: 50 }, (_, i) => `N${i};+7 916 ${String(3_000_000 + i)}`);
    await contacts.import({ fileName: 'a.csv', content: text(['Name;Phone', ...rows].join('\n')) });
    // 50 rows fit in one slice: one report, the end.
    expect(reports).toEqual([{ done: 50, total: 50 }]);
  });

  it('takes one file at a time; a second one while the first is written is refused with a reason', async () => {
    const { importFile } = setup();
    const rows = Array.from({ length: 300 }, (_, i) => `N${i};+7 916 ${String(2_000_000 + i)}`);
    const first = importFile('a.csv', text(['Name;Phone', ...rows].join('\n')));
    expect(await fileIssue(() => importFile('b.csv', text('Name;Phone\nB;+7 495 000-00-21\n')))).toBe('busy');
    expect(await first).toMatchObject({ imported: 300 });
    expect(await importFile('b.csv', text('Name;Phone\nB;+7 495 000-00-21\n'))).toMatchObject({
      imported: 1,
    });
  });

  it('files the earlier calls of imported numbers under their new contacts', async () => {
    const { db, importFile, byName } = setup();
    db.prepare(
      `INSERT INTO calls (id, direction, remote_number, remote_e164, state, created_at, last_event_at)
       VALUES ('c1', 'inbound', '84951234567', '+74951234567', 'ended', 1, 1)`,
    ).run();
    await importFile('excel-ru-semicolon-bom.csv');
    expect(db.prepare("SELECT contact_id FROM calls WHERE id = 'c1'").pluck().get()).toBe(
      byName('Иван Петров').id,
    );
  });
});

describe('contacts import: vCard', () => {
  it('reads vCard 2.1 from an old phone: QUOTED-PRINTABLE UTF-8 with soft line breaks, TYPE as bare words, photos skipped', async () => {
    const { importFile, byName } = setup();
    const result = await importFile('android-21-quoted-printable.vcf');
    expect(result).toEqual({
      imported: 2,
      updated: 0,
      unchanged: 0,
      skipped: [{ line: 22, reason: 'no-number' }],
      skippedTotal: 1,
      format: 'vcard',
      encoding: 'utf-8',
    });
    expect(byName('Алексей Сидоров')).toMatchObject({
      notes: 'Клиент с 2019 года, предпочитает звонки вечером',
      numbers: [
        { e164: '+79161234567', label: 'mobile' },
        { number: '8 (495) 222-33-44', e164: '+74952223344', label: 'home' },
      ],
    });
    expect(byName('Мастер по ремонту').numbers).toEqual([
      { number: '+7 495 333-44-55', e164: '+74953334455', label: 'work' },
    ]);
  });

  it('reads vCard 3.0 and 4.0: folded lines, escapes, ORG, CATEGORIES, tel: URIs; reports bad cards at their BEGIN', async () => {
    const { importFile, byName } = setup();
    const result = await importFile('contacts-30-40.vcf');
    expect(result.skipped).toEqual([
      { line: 21, reason: 'malformed' },
      { line: 25, reason: 'invalid-number', value: '+7 12' },
      { line: 30, reason: 'no-name' },
    ]);
    expect(result.imported).toBe(2);
    expect(byName('Jan Kowalski')).toMatchObject({
      company: 'Globex, Sp. z o.o.',
      email: 'jan.kowalski@globex.example',
      notes:
        'Long note that was folded by the exporter because it is longer than seventy-five octets, and it continues here.\nSecond line.',
      tags: ['VIP', 'Partners'],
      numbers: [
        { e164: '+48221234567', label: 'work' },
        { e164: '+48601234567', label: 'mobile' },
      ],
    });
    expect(byName('Мария Иванова')).toMatchObject({
      tags: ['клиенты'],
      numbers: [
        { e164: '+74959876543', label: 'home' },
        { e164: '+74959876544', label: 'work' },
      ],
    });
  });

  it('decodes a Windows-1251 quoted-printable value by its CHARSET, and builds the name from N without FN', async () => {
    const cp1251 = (s: string) =>
      [...s].map((ch) => '=' + (ch.charCodeAt(0) - 0x410 + 0xc0).toString(16).toUpperCase()).join('');
    const card = [
      'BEGIN:VCARD',
      'VERSION:2.1',
      `N;CHARSET=WINDOWS-1251;ENCODING=QUOTED-PRINTABLE:${cp1251('Орлов')};${cp1251('Олег')};;;`,
      'TEL;PREF;WORK:+74950000009',
      'END:VCARD',
    ].join('\n');
    const entries = await parseVcards(card);
    expect(entries).toEqual([
      {
        line: 1,
        record: expect.objectContaining({
          name: 'Олег Орлов',
          numbers: [{ raw: '+74950000009', label: 'work' }],
        }),
      },
    ]);
  });
});

describe('contacts import: text encodings', () => {
  it('tells UTF-8 (with and without BOM), UTF-16 and Windows-1251 apart', async () => {
    const word = 'Телефон';
    expect(await decodeText(text(word))).toEqual({ text: word, encoding: 'utf-8' });
    expect(await decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...text(word)]))).toEqual({
      text: word,
      encoding: 'utf-8',
    });
    const utf16 = Uint8Array.from([
      0xff,
      0xfe,
      ...[...word].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]),
    ]);
    expect(await decodeText(utf16)).toEqual({ text: word, encoding: 'utf-16le' });
    const cp1251 = Uint8Array.from([...word].map((c) => c.charCodeAt(0) - 0x410 + 0xc0));
    expect(await decodeText(cp1251)).toEqual({ text: word, encoding: 'windows-1251' });
  });

  it('decodes in pieces (letters split between them joined), and finds Windows-1251 late in a file', async () => {
    const line = 'Иван Петров 😀;+7 495 123-45-67\n';
    const utf8 = text(line.repeat(50));
    for (const piece of [1, 3, 7])
      expect(await decodeText(utf8, piece)).toEqual({ text: line.repeat(50), encoding: 'utf-8' });
    // ASCII for the first pieces, then a Cyrillic name in Windows-1251: the whole file is re-read.
    const ascii = 'Name;Phone\n' + 'John;+1 202 555 0100\n'.repeat(20);
    const cp1251 = Uint8Array.from([
      ...text(ascii),
      ...[...'Иван'].map((c) => c.charCodeAt(0) - 0x410 + 0xc0),
    ]);
    expect(await decodeText(cp1251, 16)).toEqual({ text: `${ascii}Иван`, encoding: 'windows-1251' });
  });
});
