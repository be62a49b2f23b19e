import { prepared, type Db } from '../store/database.ts';

// The `contacts` and `contact_numbers` tables: a contact has any number of numbers, each stored as
// received and normalized (E.164) so "who is calling" is one indexed lookup.

export interface ContactRow {
  id: string;
  name: string;
  company: string | null;
  notes: string | null;
  tags: string[];
  createdAt: number;
  updatedAt: number;
}

interface ContactSqlRow {
  id: string;
  name: string;
  company: string | null;
  notes: string | null;
  tags: string;
  created_at: number;
  updated_at: number;
}

const fromSql = (r: ContactSqlRow): ContactRow => ({
  id: r.id,
  name: r.name,
  company: r.company,
  notes: r.notes,
  tags: JSON.parse(r.tags) as string[],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function putContact(
  db: Db,
  contact: Omit<ContactRow, 'createdAt' | 'updatedAt'>,
  numbers: Array<{ number: string; e164: string | null; label?: string }>,
  now = Date.now(),
): void {
  db.transaction(() => {
    prepared(
      db,
      `INSERT INTO contacts (id, name, company, notes, tags, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, company = excluded.company,
         notes = excluded.notes, tags = excluded.tags, updated_at = excluded.updated_at`,
    ).run(contact.id, contact.name, contact.company, contact.notes, JSON.stringify(contact.tags), now, now);
    prepared(db, 'DELETE FROM contact_numbers WHERE contact_id = ?').run(contact.id);
    const insert = prepared(
      db,
      'INSERT INTO contact_numbers (contact_id, number, e164, label) VALUES (?, ?, ?, ?)',
    );
    for (const n of numbers) insert.run(contact.id, n.number, n.e164, n.label ?? null);
  })();
}

export const CONTACT_BY_NUMBER_SQL = `SELECT c.id, c.name, c.company, c.notes, c.tags, c.created_at, c.updated_at
  FROM contact_numbers n JOIN contacts c ON c.id = n.contact_id
  WHERE n.e164 = ? ORDER BY c.updated_at DESC LIMIT 1`;

export function contactByNumber(db: Db, e164: string): ContactRow | undefined {
  const row = prepared(db, CONTACT_BY_NUMBER_SQL).get(e164) as ContactSqlRow | undefined;
  return row && fromSql(row);
}
