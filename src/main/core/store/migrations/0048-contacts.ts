import type { Migration } from '../migrate.ts';
import { rebuildContactSearch } from '../../contacts/contacts-table.ts';

/**
 * Contacts the operator edits, searches and imports:
 * - an e-mail address (CSV and vCard files carry one);
 * - `name_key`, the folded name, for the list's order (an index, so a page never sorts);
 * - `contact_terms`: the words of each contact's name and company and the digit forms of its
 *   numbers, for prefix search (see contacts/search-terms.ts);
 * - one contact per number: the E.164 index becomes unique, and so do internal numbers (stored as
 *   dialled, e164 NULL). A database that already has a number on two contacts keeps it on the one
 *   changed last (the one the caller card showed); the others lose it, and their notes say so.
 */
export const contacts: Migration = {
  version: 48,
  name: 'contacts',
  up(db) {
    db.exec(`
      ALTER TABLE contacts ADD COLUMN email TEXT;
      ALTER TABLE contacts ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
      CREATE INDEX contacts_by_name ON contacts(name_key, id);

      CREATE TABLE contact_terms (
        contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        term       TEXT NOT NULL,
        name_key   TEXT NOT NULL,
        PRIMARY KEY (contact_id, term)
      ) STRICT, WITHOUT ROWID;
      -- A prefix of a term is a range of this index, already in list order (term, then name).
      CREATE INDEX contact_terms_by_term ON contact_terms(term, name_key, contact_id);
    `);

    // Numbers on two contacts: the contact changed last keeps it. (A temporary index, so finding the
    // internal numbers' twins is a lookup, not a scan per number.)
    db.exec('CREATE INDEX contact_numbers_dedupe ON contact_numbers(number) WHERE e164 IS NULL');
    const losers = db
      .prepare(
        `SELECT n.contact_id AS contactId, n.number AS number
           FROM contact_numbers n JOIN contacts c ON c.id = n.contact_id
          WHERE EXISTS (
            SELECT 1 FROM contact_numbers m JOIN contacts d ON d.id = m.contact_id
             WHERE m.contact_id != n.contact_id
               AND ((n.e164 IS NOT NULL AND m.e164 = n.e164) OR (n.e164 IS NULL AND m.e164 IS NULL AND m.number = n.number))
               AND (d.updated_at > c.updated_at OR (d.updated_at = c.updated_at AND d.id > c.id)))`,
      )
      .all() as Array<{ contactId: string; number: string }>;
    const drop = db.prepare('DELETE FROM contact_numbers WHERE contact_id = ? AND number = ?');
    const note = db.prepare(
      `UPDATE contacts SET notes = CASE WHEN notes IS NULL OR notes = '' THEN ? ELSE notes || char(10) || ? END
        WHERE id = ?`,
    );
    for (const { contactId, number } of losers) {
      drop.run(contactId, number);
      const text = `${number}: this number now belongs only to another contact (one contact per number).`;
      note.run(text, text, contactId);
    }

    db.exec(`
      DROP INDEX contact_numbers_dedupe;
      DROP INDEX contact_numbers_by_e164;
      -- "who is calling": the caller card looks a number up while the phone rings; one owner each.
      CREATE UNIQUE INDEX contact_numbers_by_e164 ON contact_numbers(e164) WHERE e164 IS NOT NULL;
      CREATE UNIQUE INDEX contact_numbers_internal ON contact_numbers(number) WHERE e164 IS NULL;
    `);
    rebuildContactSearch(db);
  },
};
