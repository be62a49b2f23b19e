import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/main/core/app-error.ts';
import { createCallRecorder } from '../../../../src/main/core/calllog/call-recorder.ts';
import { getCall } from '../../../../src/main/core/calllog/calls-table.ts';
import {
  createContactsService,
  type ContactsService,
} from '../../../../src/main/core/contacts/contacts-service.ts';
import {
  CONTACT_BY_NUMBER_SQL,
  LINK_CALLS_SQL,
  LIST_ALL_SQL,
  putContact,
  searchSql,
} from '../../../../src/main/core/contacts/contacts-table.ts';
import { foldText, queryPrefixes } from '../../../../src/main/core/contacts/search-terms.ts';
import { createLogger, memorySink } from '../../../../src/main/core/log/logger.ts';
import { openDatabase, type Db } from '../../../../src/main/core/store/database.ts';
import { migrate } from '../../../../src/main/core/store/migrate.ts';
import { MIGRATIONS } from '../../../../src/main/core/store/migrations/index.ts';
import type { CallView } from '../../../../src/shared/model/call.ts';
import { makeTempDir } from '../../../helpers/temp-dir.ts';

const dbs: Db[] = [];
const dirs: Array<{ cleanup(): void }> = [];
afterEach(() => {
  dbs.splice(0).forEach((db) => db.open && db.close());
  dirs.splice(0).forEach((d) => d.cleanup());
});

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);
const log = createLogger(memorySink());

function setup(region = 'RU') {
  const db = openDatabase({ path: ':memory:', log });
  dbs.push(db);
  let clock = T0;
  const contacts = createContactsService({
    db,
    log,
    defaultRegion: () => region,
    now: () => (clock += 1000),
  });
  return { db, contacts };
}

/** A finished call in the log, as the recorder writes it. */
function seedCall(db: Db, id: string, remote: string, e164: string | null, contactId: string | null = null) {
  db.prepare(
    `INSERT INTO calls (id, direction, remote_number, remote_e164, state, created_at, last_event_at, contact_id)
     VALUES (?, 'inbound', ?, ?, 'ended', ?, ?, ?)`,
  ).run(id, remote, e164, T0, T0, contactId);
}

const contactOfCall = (db: Db, id: string) =>
  db.prepare('SELECT contact_id FROM calls WHERE id = ?').pluck().get(id) as string | null;

function validationIssues(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION');
    return (error as AppError).issues ?? [];
  }
  throw new Error('expected a VALIDATION error');
}

const names = (contacts: ContactsService, query: string, limit = 50) =>
  contacts.list({ query, limit }).items.map((i) => i.name);

describe('contacts: create and edit', () => {
  it('stores numbers as typed with their E.164 form from the default region, in the editor’s order', () => {
    const { contacts } = setup('RU');
    const saved = contacts.save({
      name: '  Иван Петров ',
      company: 'ООО «Ромашка»',
      email: 'ivan@example.ru',
      notes: 'Звонить после 14:00',
      tags: ['vip', ' b2b ', 'VIP', ''],
      numbers: [
        { number: '8 (495) 123-45-67', label: 'work' },
        { number: '+7 916 000 11 22', label: 'mobile' },
        { number: '201', label: 'other' },
        { number: '   ', label: 'home' },
      ],
    });
    expect(saved).toMatchObject({
      name: 'Иван Петров',
      company: 'ООО «Ромашка»',
      email: 'ivan@example.ru',
      tags: ['vip', 'b2b'],
      numbers: [
        { number: '8 (495) 123-45-67', e164: '+74951234567', label: 'work' },
        { number: '+7 916 000 11 22', e164: '+79160001122', label: 'mobile' },
        { number: '201', e164: null, label: 'other' },
      ],
    });
    // The same national form in another region is another number.
    const us = setup('US').contacts.save({
      name: 'NY office',
      numbers: [{ number: '(212) 555-0100', label: 'work' }],
    });
    expect(us.numbers[0]!.e164).toBe('+12125550100');
  });

  it('answers bad fields with one issue each, next to the field', () => {
    const { contacts } = setup();
    const issues = validationIssues(() =>
      contacts.save({
        name: ' ',
        email: 'not-an-email',
        numbers: [
          { number: '+7 495 123-45-67', label: 'work' },
          { number: 'abc', label: 'work' },
          { number: '8 495 1234567', label: 'home' },
          { number: '+7 12', label: 'home' },
        ],
      }),
    );
    expect(issues).toEqual([
      { path: 'name', message: 'required' },
      { path: 'email', message: 'invalid-email' },
      { path: 'numbers.1.number', message: 'invalid-characters' },
      { path: 'numbers.2.number', message: 'duplicate' },
      { path: 'numbers.3.number', message: 'invalid-number' },
    ]);
  });

  it('refuses a number another contact has, naming that contact; the contact itself may keep it', () => {
    const { db, contacts } = setup();
    const ivan = contacts.save({
      name: 'Иван Петров',
      numbers: [{ number: '+7 495 123-45-67', label: 'work' }],
    });
    const issues = validationIssues(() =>
      contacts.save({ name: 'Пётр', numbers: [{ number: '8 (495) 123 45 67', label: 'home' }] }),
    );
    expect(issues).toEqual([
      { path: 'numbers.0.number', message: 'taken', params: { id: ivan.id, name: 'Иван Петров' } },
    ]);
    expect(() =>
      contacts.save({ name: 'Пётр', numbers: [{ number: '8 (495) 123 45 67', label: 'home' }] }),
    ).toThrow(/already saved for the contact “Иван Петров”/);
    // Nothing of the refused contact was written.
    expect(db.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(1);
    // Editing Иван with his own number (typed differently) is fine.
    const edited = contacts.save({
      id: ivan.id,
      name: 'Иван Петрович Петров',
      numbers: [{ number: '84951234567', label: 'mobile' }],
    });
    expect(edited).toMatchObject({
      id: ivan.id,
      name: 'Иван Петрович Петров',
      numbers: [{ e164: '+74951234567' }],
    });
    // Internal numbers are one contact's too.
    contacts.save({ name: 'Reception', numbers: [{ number: '100', label: 'work' }] });
    expect(
      validationIssues(() =>
        contacts.save({ name: 'Other', numbers: [{ number: '100', label: 'work' }] }),
      )[0],
    ).toMatchObject({ message: 'taken', params: { name: 'Reception' } });
  });

  it('the database itself refuses a number on two contacts (unique index), whoever writes it', () => {
    const { db } = setup();
    putContact(db, { id: 'a', name: 'A', company: null, notes: null, tags: [] }, [
      { number: 'x', e164: '+74951234567' },
    ]);
    expect(() =>
      putContact(db, { id: 'b', name: 'B', company: null, notes: null, tags: [] }, [
        { number: 'y', e164: '+74951234567' },
      ]),
    ).toThrow(/UNIQUE/);
    expect(db.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(1);
  });

  it('files earlier calls of a new number under the contact; calls of other contacts stay theirs', () => {
    const { db, contacts } = setup();
    const other = contacts.save({ name: 'Other', numbers: [{ number: '+7 495 000-00-01', label: 'work' }] });
    seedCall(db, 'c1', '84951234567', '+74951234567');
    seedCall(db, 'c2', '+7 495 123 45 67', '+74951234567');
    seedCall(db, 'c3', '84950000001', '+74950000001', other.id);
    seedCall(db, 'c4', '84959999999', '+74959999999');
    const ivan = contacts.save({ name: 'Иван', numbers: [{ number: '8 495 123 45 67', label: 'work' }] });
    expect(['c1', 'c2', 'c3', 'c4'].map((id) => contactOfCall(db, id))).toEqual([
      ivan.id,
      ivan.id,
      other.id,
      null,
    ]);
  });

  it('deletes a contact with its numbers; its calls stay in the log without it', () => {
    const { db, contacts } = setup();
    const ivan = contacts.save({ name: 'Иван', numbers: [{ number: '8 495 123 45 67', label: 'work' }] });
    seedCall(db, 'c1', '84951234567', '+74951234567', ivan.id);
    contacts.delete(ivan.id);
    expect(() => contacts.get(ivan.id)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(contactOfCall(db, 'c1')).toBeNull();
    expect(db.prepare('SELECT count(*) FROM contact_numbers').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM contact_terms').pluck().get()).toBe(0);
    expect(names(contacts, 'иван')).toEqual([]);
    expect(() => contacts.delete(ivan.id)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    // The number is free again.
    expect(contacts.save({ name: 'Пётр', numbers: [{ number: '+74951234567', label: 'home' }] }).name).toBe(
      'Пётр',
    );
  });
});

describe('contacts: merge', () => {
  it('unions numbers and tags, joins notes, fills empty fields and re-links calls to the target, in one step', () => {
    const { db, contacts } = setup();
    const target = contacts.save({
      name: 'Иван Петров',
      notes: 'VIP с 2024',
      tags: ['vip'],
      numbers: [{ number: '+7 495 123-45-67', label: 'work' }],
    });
    const a = contacts.save({
      name: 'И. Петров',
      company: 'Ромашка',
      email: 'ivan@example.ru',
      notes: 'Звонить после 14:00',
      tags: ['VIP', 'b2b'],
      numbers: [{ number: '+7 916 000-11-22', label: 'mobile' }],
    });
    const b = contacts.save({
      name: 'Ваня',
      notes: 'VIP с 2024',
      numbers: [{ number: '201', label: 'other' }],
    });
    seedCall(db, 'c1', '+74951234567', '+74951234567', target.id);
    seedCall(db, 'c2', '+79160001122', '+79160001122', a.id);
    seedCall(db, 'c3', '201', null, b.id);
    // Another feature's table pointing at contacts (requests, callbacks…) follows too.
    db.exec(
      'CREATE TABLE side_notes (id INTEGER PRIMARY KEY, contact_id TEXT REFERENCES contacts(id) ON DELETE CASCADE)',
    );
    db.prepare('INSERT INTO side_notes (contact_id) VALUES (?)').run(a.id);

    const merged = contacts.merge(target.id, [a.id, b.id, target.id]);
    expect(merged).toMatchObject({
      id: target.id,
      name: 'Иван Петров',
      company: 'Ромашка',
      email: 'ivan@example.ru',
      notes: 'VIP с 2024\n\nЗвонить после 14:00',
      tags: ['vip', 'b2b'],
    });
    expect(merged.numbers.map((n) => n.e164 ?? n.number).sort()).toEqual([
      '+74951234567',
      '+79160001122',
      '201',
    ]);
    expect(['c1', 'c2', 'c3'].map((id) => contactOfCall(db, id))).toEqual([target.id, target.id, target.id]);
    expect(db.prepare('SELECT contact_id FROM side_notes').pluck().all()).toEqual([target.id]);
    expect(() => contacts.get(a.id)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(names(contacts, '916')).toEqual(['Иван Петров']);
    expect(names(contacts, 'ваня')).toEqual([]);
  });

  it('changes nothing when one of the contacts is gone', () => {
    const { db, contacts } = setup();
    const target = contacts.save({
      name: 'Target',
      numbers: [{ number: '+7 495 123-45-67', label: 'work' }],
    });
    const a = contacts.save({ name: 'Source', numbers: [{ number: '+7 916 000-11-22', label: 'mobile' }] });
    seedCall(db, 'c2', '+79160001122', '+79160001122', a.id);
    expect(() => contacts.merge(target.id, [a.id, 'missing'])).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    expect(contacts.get(a.id).numbers).toHaveLength(1);
    expect(contactOfCall(db, 'c2')).toBe(a.id);
    expect(() => contacts.merge(target.id, [target.id])).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
  });
});

describe('contacts: the unknown caller gets a name', () => {
  it('creates the contact with the number and files the earlier calls from it that had no contact', () => {
    const { db, contacts } = setup();
    seedCall(db, 'c1', '84951234567', '+74951234567');
    seedCall(db, 'c2', '+74951234567', '+74951234567');
    seedCall(db, 'c3', '84959999999', '+74959999999');
    const { contact, linkedCalls } = contacts.createForNumber('8 495 123-45-67', ' Мария ');
    expect(contact).toMatchObject({
      name: 'Мария',
      numbers: [{ number: '8 495 123-45-67', e164: '+74951234567', label: 'other' }],
    });
    expect(linkedCalls).toBe(2);
    expect(['c1', 'c2', 'c3'].map((id) => contactOfCall(db, id))).toEqual([contact.id, contact.id, null]);
    // A mobile number is labelled so.
    expect(contacts.createForNumber('+7 916 000-11-22', 'Пётр').contact.numbers[0]!.label).toBe('mobile');
  });

  it('refuses a number that already has a contact, and an empty name', () => {
    const { contacts } = setup();
    const ivan = contacts.save({ name: 'Иван', numbers: [{ number: '+7 495 123-45-67', label: 'work' }] });
    expect(validationIssues(() => contacts.createForNumber('84951234567', 'Мария'))).toEqual([
      { path: 'number', message: 'taken', params: { id: ivan.id, name: 'Иван' } },
    ]);
    expect(validationIssues(() => contacts.createForNumber('+7 916 000-11-22', '  '))).toEqual([
      { path: 'name', message: 'required' },
    ]);
    expect(validationIssues(() => contacts.createForNumber('+7 12', 'Мария'))).toEqual([
      { path: 'number', message: 'invalid-number' },
    ]);
  });

  it('the call log files the next call from that number under the contact', () => {
    const { db, contacts } = setup();
    const { contact } = contacts.createForNumber('+7 495 123-45-67', 'Мария');
    const recorder = createCallRecorder({ db, log, defaultRegion: () => 'RU', account: () => undefined });
    const call: CallView = {
      id: 'next',
      direction: 'inbound',
      state: 'ringing',
      remote: { number: '84951234567', uri: 'sip:84951234567@pbx' },
      muted: false,
      earlyMedia: false,
      startedAt: T0,
    };
    recorder.record(call, T0);
    recorder.record({ ...call, id: 'stranger', remote: { number: '84950000000', uri: 'sip:x@pbx' } }, T0);
    expect(getCall(db, 'next')!.contactId).toBe(contact.id);
    expect(getCall(db, 'stranger')!.contactId).toBeNull();
    recorder.dispose();
  });
});

describe('contacts: list and search', () => {
  function seedPeople(contacts: ContactsService) {
    contacts.save({
      name: 'Иван Петров',
      company: 'ООО «Ромашка»',
      numbers: [{ number: '8 495 123-45-67', label: 'work' }],
    });
    contacts.save({ name: 'Пётр Иванов', numbers: [{ number: '+7 916 000-11-22', label: 'mobile' }] });
    contacts.save({
      name: 'Анна Ёлкина',
      company: 'Globex',
      numbers: [{ number: '+1 212 555 0100', label: 'work' }],
    });
    contacts.save({ name: 'José García', numbers: [{ number: '201', label: 'work' }] });
  }

  it('lists everyone by name and finds by a prefix of any word of the name or company, ignoring case, ё and accents', () => {
    const { contacts } = setup();
    seedPeople(contacts);
    expect(names(contacts, '')).toEqual(['José García', 'Анна Ёлкина', 'Иван Петров', 'Пётр Иванов']);
    // Ordered by the word that matched, then by name: "петр" (Пётр) before "петров".
    expect(names(contacts, 'ПЕТ')).toEqual(['Пётр Иванов', 'Иван Петров']);
    expect(names(contacts, 'елк')).toEqual(['Анна Ёлкина']);
    expect(names(contacts, 'jose')).toEqual(['José García']);
    expect(names(contacts, 'ромаш')).toEqual(['Иван Петров']);
    expect(names(contacts, 'glob')).toEqual(['Анна Ёлкина']);
    // Every word must match, each as a prefix: "пётр ив" fits both, "пётр иванов" one of them.
    expect(names(contacts, 'пётр ив')).toEqual(['Пётр Иванов', 'Иван Петров']);
    expect(names(contacts, 'пётр иванов')).toEqual(['Пётр Иванов']);
    expect(names(contacts, 'иван ромашка')).toEqual(['Иван Петров']);
    expect(names(contacts, 'петрова')).toEqual([]);
  });

  it('finds numbers by the digits people type: international, national with the trunk prefix, or without', () => {
    const { contacts } = setup();
    seedPeople(contacts);
    expect(names(contacts, '+7 (495) 12')).toEqual(['Иван Петров']);
    expect(names(contacts, '8 495 123')).toEqual(['Иван Петров']);
    expect(names(contacts, '495-123-45')).toEqual(['Иван Петров']);
    expect(names(contacts, '916')).toEqual(['Пётр Иванов']);
    expect(names(contacts, '1212555')).toEqual(['Анна Ёлкина']);
    expect(names(contacts, '20')).toEqual(['José García']);
    expect(names(contacts, '123 99')).toEqual([]);
    expect(queryPrefixes('+7 (495) 12')).toEqual(['749512']);
  });

  it('pages with the cursor: every match once, in order, with no page repeating another', () => {
    const { contacts } = setup();
    for (let i = 0; i < 23; i++)
      contacts.save({
        // "Петров Пётр": two words match "пет", the contact is listed once.
        name: `Петров Пётр ${String(i).padStart(2, '0')}`,
        numbers: [{ number: `+7 495 100-00-${String(i).padStart(2, '0')}`, label: 'work' }],
      });
    for (const query of ['', 'пет', '7495100']) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = contacts.list({ query, limit: 5, cursor });
        seen.push(...page.items.map((i) => i.name));
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor);
      expect(pages, query).toBe(5);
      expect(seen, query).toEqual(
        Array.from({ length: 23 }, (_, i) => `Петров Пётр ${String(i).padStart(2, '0')}`),
      );
    }
    expect(() => contacts.list({ query: '', cursor: 'garbage' })).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST' }),
    );
  });

  it('folds text the same way for the terms and the query', () => {
    expect(foldText('ЁЛКА Йогурт Ærø José')).toBe('елка йогурт ærø jose');
  });

  it('answers the list, search and number lookups from indexes, with no sort, on many contacts', () => {
    const { db, contacts } = setup();
    const first = ['Иван', 'Пётр', 'Анна', 'Ольга', 'Мария', 'John', 'Jane'];
    const last = ['Петров', 'Иванов', 'Смирнова', 'Кузнецов', 'Smith', 'Brown'];
    db.transaction(() => {
      for (let i = 0; i < 3000; i++) {
        const e164 = `+7495${String(1_000_000 + i)}`;
        putContact(
          db,
          {
            id: `k${i}`,
            name: `${first[i % 7]} ${last[i % 6]} ${i}`,
            company: i % 5 ? null : `Компания ${i % 97}`,
            notes: null,
            tags: [],
          },
          [{ number: e164, e164 }],
        );
      }
    })();
    db.exec('ANALYZE');
    const plan = (sql: string, ...params: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join(' | ');
    const all = plan(LIST_ALL_SQL, '', '', 51);
    expect(all).toContain('USING INDEX contacts_by_name');
    expect(all).not.toContain('TEMP B-TREE');
    const search = plan(searchSql(1), 'пет', 'пет\u{10FFFF}', 'пет', '', '', 'пет', 'ив', 'ив\u{10FFFF}', 51);
    expect(search).toMatch(/SEARCH t USING COVERING INDEX contact_terms_by_term \(term>\? AND term<\?\)/);
    expect(search).toMatch(/SEARCH d USING PRIMARY KEY \(contact_id=\? AND term>\? AND term<\?\)/);
    expect(search).toMatch(/SEARCH o EXISTS USING PRIMARY KEY \(contact_id=\? AND term>\? AND term<\?\)/);
    expect(search).not.toMatch(/SCAN|TEMP B-TREE/);
    expect(plan(CONTACT_BY_NUMBER_SQL, '+74951000001')).toContain('contact_numbers_by_e164');
    const link = plan(LINK_CALLS_SQL, 'k1', '+74951000001');
    expect(link).toContain('calls_by_number');
    // And it is the right answer.
    expect(names(contacts, 'иван пет', 3)).toEqual(['Иван Петров 0', 'Иван Петров 1008', 'Иван Петров 1050']);
    expect(names(contacts, '+7 495 100 0042', 3)).toEqual(['Иван Петров 42']);
  });
});

describe('contacts: migration 0048', () => {
  it('keeps a number on the contact changed last, notes it on the other, and indexes existing contacts for search', () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const path = join(dir.path, 'hotline.db');
    const raw = new Database(path);
    migrate(
      raw,
      MIGRATIONS.filter((m) => m.version < 48),
      log,
    );
    const insert = raw.prepare(
      "INSERT INTO contacts (id, name, company, notes, tags, created_at, updated_at) VALUES (?, ?, NULL, ?, '[]', 1, ?)",
    );
    insert.run('old', 'Старый Контакт', null, 10);
    insert.run('new', 'Новый Контакт', 'был', 20);
    const number = raw.prepare(
      'INSERT INTO contact_numbers (contact_id, number, e164, label) VALUES (?, ?, ?, ?)',
    );
    number.run('old', '8 495 123-45-67', '+74951234567', 'work');
    number.run('new', '+7 495 1234567', '+74951234567', 'work');
    number.run('old', '201', null, null);
    number.run('new', '201', null, null);
    number.run('old', '+7 916 000-11-22', '+79160001122', 'mobile');
    raw.close();

    const db = openDatabase({ path, log });
    dbs.push(db);
    const numbersOf = (id: string) =>
      db.prepare('SELECT number FROM contact_numbers WHERE contact_id = ? ORDER BY number').pluck().all(id);
    expect(numbersOf('new')).toEqual(['+7 495 1234567', '201']);
    expect(numbersOf('old')).toEqual(['+7 916 000-11-22']);
    expect(db.prepare("SELECT notes FROM contacts WHERE id = 'old'").pluck().get()).toMatch(
      /^8 495 123-45-67: this number now belongs only to another contact.*\n201: /,
    );
    expect(db.prepare("SELECT notes FROM contacts WHERE id = 'new'").pluck().get()).toBe('был');
    const contacts = createContactsService({ db, log, defaultRegion: () => 'RU' });
    expect(names(contacts, 'стар')).toEqual(['Старый Контакт']);
    expect(names(contacts, '916')).toEqual(['Старый Контакт']);
    expect(names(contacts, '')).toEqual(['Новый Контакт', 'Старый Контакт']);
  });
});
