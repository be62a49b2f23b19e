import type { ContactNumber, ContactNumberLabel } from '../../../shared/model/contact.ts';
import { prepared, type Db } from '../store/database.ts';
import { nameKeyOf, prefixRange, termsOf } from './search-terms.ts';

// The `contacts`, `contact_numbers` and `contact_terms` tables: a contact has any number of numbers,
// each stored as received and normalized (E.164), so "who is calling" is one indexed lookup; each
// number belongs to one contact (unique indexes). `contact_terms` is derived from the name, company
// and numbers and rewritten with them, for prefix search.

export interface ContactRow {
  id: string;
  name: string;
  company: string | null;
  email: string | null;
  notes: string | null;
  tags: string[];
  createdAt: number;
  updatedAt: number;
}

interface ContactSqlRow {
  id: string;
  name: string;
  company: string | null;
  email: string | null;
  notes: string | null;
  tags: string;
  created_at: number;
  updated_at: number;
}

const COLUMNS = 'c.id, c.name, c.company, c.email, c.notes, c.tags, c.created_at, c.updated_at';

const fromSql = (r: ContactSqlRow): ContactRow => ({
  id: r.id,
  name: r.name,
  company: r.company,
  email: r.email,
  notes: r.notes,
  tags: JSON.parse(r.tags) as string[],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface NumberInput {
  number: string;
  e164: string | null;
  label?: ContactNumberLabel | null;
}

/**
 * Writes a contact with exactly these numbers (created, or every field replaced) and its search
 * terms, in one transaction. A number another contact has fails on the unique index: callers check
 * first (contacts-service.ts) to say whose it is.
 */
export function putContact(
  db: Db,
  contact: Omit<ContactRow, 'createdAt' | 'updatedAt' | 'email'> & { email?: string | null },
  numbers: readonly NumberInput[],
  now = Date.now(),
): void {
  db.transaction(() => {
    prepared(
      db,
      `INSERT INTO contacts (id, name, company, email, notes, tags, name_key, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, company = excluded.company,
         email = excluded.email, notes = excluded.notes, tags = excluded.tags,
         name_key = excluded.name_key, updated_at = excluded.updated_at`,
    ).run(
      contact.id,
      contact.name,
      contact.company,
      contact.email ?? null,
      contact.notes,
      JSON.stringify(contact.tags),
      nameKeyOf(contact.name),
      now,
      now,
    );
    prepared(db, 'DELETE FROM contact_numbers WHERE contact_id = ?').run(contact.id);
    const insert = prepared(
      db,
      'INSERT INTO contact_numbers (contact_id, number, e164, label) VALUES (?, ?, ?, ?)',
    );
    for (const n of numbers) insert.run(contact.id, n.number, n.e164, n.label ?? null);
    writeTerms(db, contact.id, contact.name, contact.company, numbers);
  })();
}

function writeTerms(
  db: Db,
  id: string,
  name: string,
  company: string | null,
  numbers: ReadonlyArray<{ number: string; e164: string | null }>,
): void {
  prepared(db, 'DELETE FROM contact_terms WHERE contact_id = ?').run(id);
  const insert = prepared(db, 'INSERT INTO contact_terms (contact_id, term, name_key) VALUES (?, ?, ?)');
  const nameKey = nameKeyOf(name);
  for (const term of termsOf({ name, company }, numbers)) insert.run(id, term, nameKey);
}

/** Rewrites every contact's search terms and name key (after a migration or a repaired database). */
export function rebuildContactSearch(db: Db): number {
  let count = 0;
  db.transaction(() => {
    db.prepare('DELETE FROM contact_terms').run();
    const setKey = db.prepare('UPDATE contacts SET name_key = ? WHERE id = ?');
    const numbers = db.prepare('SELECT number, e164 FROM contact_numbers WHERE contact_id = ?');
    const rows = db.prepare('SELECT id, name, company FROM contacts').all() as Array<{
      id: string;
      name: string;
      company: string | null;
    }>;
    for (const row of rows) {
      setKey.run(nameKeyOf(row.name), row.id);
      writeTerms(db, row.id, row.name, row.company, numbers.all(row.id) as NumberInput[]);
      count++;
    }
  })();
  return count;
}

export const CONTACT_BY_NUMBER_SQL = `SELECT ${COLUMNS}
  FROM contact_numbers n JOIN contacts c ON c.id = n.contact_id
  WHERE n.e164 = ? ORDER BY c.updated_at DESC LIMIT 1`;

export function contactByNumber(db: Db, e164: string): ContactRow | undefined {
  const row = prepared(db, CONTACT_BY_NUMBER_SQL).get(e164) as ContactSqlRow | undefined;
  return row && fromSql(row);
}

export function getContact(db: Db, id: string): ContactRow | undefined {
  const row = prepared(db, `SELECT ${COLUMNS} FROM contacts c WHERE c.id = ?`).get(id) as
    ContactSqlRow | undefined;
  return row && fromSql(row);
}

interface NumberSqlRow {
  contact_id: string;
  number: string;
  e164: string | null;
  label: string | null;
}

const LABELS = new Set<string>(['mobile', 'work', 'home', 'other']);
const numberFromSql = (r: NumberSqlRow): ContactNumber => ({
  number: r.number,
  e164: r.e164,
  label: (r.label && LABELS.has(r.label) ? r.label : 'other') as ContactNumberLabel,
});

/** Numbers in the order they were written (the editor's order). */
export function numbersOf(db: Db, contactId: string): ContactNumber[] {
  return (
    prepared(
      db,
      'SELECT contact_id, number, e164, label FROM contact_numbers WHERE contact_id = ? ORDER BY rowid',
    ).all(contactId) as NumberSqlRow[]
  ).map(numberFromSql);
}

/** The contact a number belongs to, by its E.164 form or (internal numbers) as dialled. */
export function ownerOfNumber(
  db: Db,
  number: { e164: string | null; key: string },
): { id: string; name: string } | undefined {
  const sql = number.e164
    ? `SELECT c.id, c.name FROM contact_numbers n JOIN contacts c ON c.id = n.contact_id WHERE n.e164 = ?`
    : `SELECT c.id, c.name FROM contact_numbers n JOIN contacts c ON c.id = n.contact_id
        WHERE n.e164 IS NULL AND n.number = ?`;
  return prepared(db, sql).get(number.e164 ?? number.key) as { id: string; name: string } | undefined;
}

export function deleteContact(db: Db, id: string): boolean {
  return prepared(db, 'DELETE FROM contacts WHERE id = ?').run(id).changes > 0;
}

/** Files the calls with this number that belong to no contact yet under `contactId`. */
export const LINK_CALLS_SQL = 'UPDATE calls SET contact_id = ? WHERE remote_e164 = ? AND contact_id IS NULL';

export function linkCallsToContact(db: Db, contactId: string, e164: string): number {
  return prepared(db, LINK_CALLS_SQL).run(contactId, e164).changes;
}

/** The id of the contact a number belongs to (the call log files each new call under it). */
export function contactIdByNumber(db: Db, e164: string): string | null {
  const id = prepared(db, 'SELECT contact_id FROM contact_numbers WHERE e164 = ?').pluck().get(e164) as
    string | undefined;
  return id ?? null;
}

// ---- the list and search ---------------------------------------------------------------------

export interface ListedContact {
  id: string;
  name: string;
  company: string | null;
  email: string | null;
  tags: string[];
}

/** Where a page ends, to start the next one right after it (keyset: no OFFSET, no sort). */
export type ListPosition =
  | { kind: 'all'; nameKey: string; id: string }
  | {
      kind: 'search';
      term: string;
      nameKey: string;
      id: string;
    };

export const LIST_ALL_SQL = `SELECT c.id, c.name, c.company, c.email, c.tags, c.name_key
  FROM contacts c WHERE (c.name_key, c.id) > (?, ?) ORDER BY c.name_key, c.id LIMIT ?`;

/**
 * Search: the first prefix reads its range of `contact_terms_by_term`, already in (term, name)
 * order; a contact matching the prefix with several words shows once, at its first; every other
 * prefix must match one of the contact's terms (a primary-key range per row).
 */
export function searchSql(extraPrefixes: number): string {
  const others = Array.from(
    { length: extraPrefixes },
    () =>
      `AND EXISTS (SELECT 1 FROM contact_terms o WHERE o.contact_id = t.contact_id AND o.term >= ? AND o.term < ?)`,
  ).join('\n    ');
  return `SELECT c.id, c.name, c.company, c.email, c.tags, t.term, t.name_key
  FROM contact_terms t JOIN contacts c ON c.id = t.contact_id
  WHERE t.term >= ? AND t.term < ?
    AND (t.term, t.name_key, t.contact_id) > (?, ?, ?)
    AND NOT EXISTS (SELECT 1 FROM contact_terms d WHERE d.contact_id = t.contact_id AND d.term >= ? AND d.term < t.term)
    ${others}
  ORDER BY t.term, t.name_key, t.contact_id LIMIT ?`;
}

export function listContacts(
  db: Db,
  args: { prefixes: string[]; limit: number; after?: ListPosition },
): { items: ListedContact[]; next: ListPosition | null } {
  const take = args.limit + 1;
  type Row = {
    id: string;
    name: string;
    company: string | null;
    email: string | null;
    tags: string;
    name_key: string;
    term?: string;
  };
  let rows: Row[];
  if (args.prefixes.length === 0) {
    const after = args.after?.kind === 'all' ? args.after : { nameKey: '', id: '' };
    rows = prepared(db, LIST_ALL_SQL).all(after.nameKey, after.id, take) as Row[];
  } else {
    // The longest prefix is usually the rarest: it drives the read.
    const [driver, ...others] = [...args.prefixes].sort((a, b) => b.length - a.length) as [
      string,
      ...string[],
    ];
    const [low, high] = prefixRange(driver);
    const after = args.after?.kind === 'search' ? args.after : { term: low, nameKey: '', id: '' };
    rows = prepared(db, searchSql(others.length)).all(
      low,
      high,
      after.term,
      after.nameKey,
      after.id,
      low,
      ...others.flatMap(prefixRange),
      take,
    ) as Row[];
  }
  const page = rows.slice(0, args.limit);
  const last = page.at(-1);
  const next: ListPosition | null =
    rows.length > args.limit && last
      ? last.term === undefined
        ? { kind: 'all', nameKey: last.name_key, id: last.id }
        : { kind: 'search', term: last.term, nameKey: last.name_key, id: last.id }
      : null;
  return {
    items: page.map((r) => ({
      id: r.id,
      name: r.name,
      company: r.company,
      email: r.email,
      tags: JSON.parse(r.tags) as string[],
    })),
    next,
  };
}

/** The numbers of several contacts at once (a page of the list), by contact id. */
export function numbersOfMany(db: Db, ids: readonly string[]): Map<string, ContactNumber[]> {
  const out = new Map<string, ContactNumber[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT contact_id, number, e164, label FROM contact_numbers
        WHERE contact_id IN (${ids.map(() => '?').join(', ')}) ORDER BY contact_id, rowid`,
    )
    .all(...ids) as NumberSqlRow[];
  for (const row of rows) out.get(row.contact_id)?.push(numberFromSql(row));
  return out;
}
