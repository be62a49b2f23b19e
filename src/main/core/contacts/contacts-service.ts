import { randomUUID } from 'node:crypto';
import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import type { FieldIssue } from '../../../shared/ipc/errors.ts';
import {
  ContactInputSchema,
  type ContactInput,
  type ContactList,
  type ContactNumberLabel,
  type ContactView,
  type ImportResult,
} from '../../../shared/model/contact.ts';
import { normalizeContactNumber } from '../../../shared/phone/contact-number.ts';
import { AppError } from '../app-error.ts';
import type { Logger } from '../log/logger.ts';
import type { Db } from '../store/database.ts';
import {
  deleteContact,
  getContact,
  linkCallsToContact,
  listContacts,
  numbersOf,
  numbersOfMany,
  ownerOfNumber,
  putContact,
  rebuildContactSearch,
  type ListPosition,
  type NumberInput,
} from './contacts-table.ts';
import { importContacts } from './import/import-contacts.ts';
import { queryPrefixes } from './search-terms.ts';

// Contacts as the operator manages them: list and search, create and edit (several numbers each,
// normalized to E.164 with the default region), delete, merge, import, and "name this unknown
// caller". Rules that hold everywhere:
// - a number belongs to one contact: saving a number another contact has is refused with a field
//   message naming that contact (import merges instead: see import/import-contacts.ts);
// - a number added to a contact files the earlier calls with that number that had no contact under
//   it, so history and the caller card agree from then on.

export interface ContactsService {
  list(request: { query?: string; limit?: number; cursor?: string }): ContactList;
  get(id: string): ContactView;
  save(input: ContactInput): ContactView;
  delete(id: string): void;
  merge(targetId: string, sourceIds: readonly string[]): ContactView;
  /** The unknown caller's card: a contact with this name and number; earlier calls filed under it. */
  createForNumber(number: string, name: string): { contact: ContactView; linkedCalls: number };
  /** Writes in slices with the event loop free between them (see import/import-contacts.ts). */
  import(file: { fileName: string; content: Uint8Array }): Promise<ImportResult>;
  /** Rewrites the search terms of every contact (a repaired database may lack some). */
  reindex(): number;
}

export interface ContactsServiceOptions {
  db: Db;
  log: Logger;
  defaultRegion: () => string;
  now?: () => number;
  /** A large import is being written: rows done of the file's rows, at most every PROGRESS_EVERY_MS. */
  onImportProgress?: (progress: { done: number; total: number }) => void;
}

/** How often a running import reports progress (the UI's bar needs no more). */
const PROGRESS_EVERY_MS = 250;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const blankToNull = (value: string | undefined | null): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

/** Tags trimmed, empty ones dropped, each once (the first spelling wins). */
export function cleanTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const tag of tags) {
    const trimmed = tag.trim();
    const key = trimmed.toLowerCase();
    if (trimmed === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(trimmed);
  }
  return out;
}

/** Mobile numbers are labelled so by the numbering plan; anything else starts as "other". */
export function guessLabel(e164: string | null): ContactNumberLabel {
  if (!e164) return 'other';
  try {
    const type = parsePhoneNumberWithError(e164).getType();
    return type === 'MOBILE' ? 'mobile' : 'other';
  } catch {
    return 'other';
  }
}

function encodeCursor(position: ListPosition): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string | undefined): ListPosition | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<
      Record<string, unknown>
    >;
    const str = (v: unknown) => typeof v === 'string';
    if (value.kind === 'all' && str(value.nameKey) && str(value.id)) return value as ListPosition;
    if (value.kind === 'search' && str(value.term) && str(value.nameKey) && str(value.id))
      return value as ListPosition;
  } catch {
    // falls through
  }
  throw new AppError('BAD_REQUEST', 'The list cursor is not one this list gave');
}

export function createContactsService(options: ContactsServiceOptions): ContactsService {
  const { db, log } = options;
  const now = options.now ?? Date.now;
  let importing = false;

  function view(id: string): ContactView {
    const row = getContact(db, id);
    if (!row) throw new AppError('NOT_FOUND', `No contact ${id}`);
    return { ...row, numbers: numbersOf(db, id) };
  }

  /** The input checked and normalized, or VALIDATION with one issue per field. */
  function check(input: ContactInput, selfId: string | undefined) {
    const parsed = ContactInputSchema.parse(input);
    const region = options.defaultRegion();
    const issues: FieldIssue[] = [];
    const name = parsed.name.trim();
    if (name === '') issues.push({ path: 'name', message: 'required' });
    const email = blankToNull(parsed.email);
    if (email && !EMAIL.test(email)) issues.push({ path: 'email', message: 'invalid-email' });
    const numbers: NumberInput[] = [];
    const seen = new Set<string>();
    parsed.numbers.forEach((entry, index) => {
      const path = `numbers.${index}.number`;
      if (entry.number.trim() === '') return; // an empty row the editor left: ignored
      const normalized = normalizeContactNumber(entry.number, region);
      if (!normalized.ok) return issues.push({ path, message: normalized.error });
      if (seen.has(normalized.key)) return issues.push({ path, message: 'duplicate' });
      seen.add(normalized.key);
      const owner = ownerOfNumber(db, normalized);
      if (owner && owner.id !== selfId)
        return issues.push({ path, message: 'taken', params: { id: owner.id, name: owner.name } });
      numbers.push({ number: normalized.number, e164: normalized.e164, label: entry.label });
    });
    if (issues.length > 0) {
      const taken = issues.find((i) => i.message === 'taken');
      throw new AppError(
        'VALIDATION',
        taken
          ? `The number is already saved for the contact “${taken.params?.name}”`
          : 'The contact has invalid fields',
        issues,
      );
    }
    return {
      name,
      company: blankToNull(parsed.company),
      email,
      notes: blankToNull(parsed.notes),
      tags: cleanTags(parsed.tags),
      numbers,
    };
  }

  function linkCalls(id: string, numbers: readonly NumberInput[]): number {
    let linked = 0;
    for (const n of numbers) if (n.e164) linked += linkCallsToContact(db, id, n.e164);
    return linked;
  }

  /** Tables (ours and other features') whose rows point at a contact, found from the schema. */
  function contactReferences(): Array<{ table: string; column: string }> {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[];
    const out: Array<{ table: string; column: string }> = [];
    for (const table of tables) {
      if (table === 'contact_numbers' || table === 'contact_terms') continue;
      const keys = db.prepare('SELECT "table", "from" FROM pragma_foreign_key_list(?)').all(table) as Array<{
        table: string;
        from: string;
      }>;
      for (const key of keys) if (key.table === 'contacts') out.push({ table, column: key.from });
    }
    return out;
  }

  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

  return {
    list(request) {
      const limit = request.limit ?? 50;
      const { items, next } = listContacts(db, {
        prefixes: queryPrefixes(request.query ?? ''),
        limit,
        after: decodeCursor(request.cursor),
      });
      const numbers = numbersOfMany(
        db,
        items.map((i) => i.id),
      );
      return {
        items: items.map((item) => ({ ...item, numbers: numbers.get(item.id) ?? [] })),
        nextCursor: next ? encodeCursor(next) : null,
      };
    },

    get: view,

    save(input) {
      const id = input.id;
      if (id !== undefined && !getContact(db, id)) throw new AppError('NOT_FOUND', `No contact ${id}`);
      const contactId = id ?? randomUUID();
      db.transaction(() => {
        const checked = check(input, id);
        putContact(db, { id: contactId, ...checked }, checked.numbers, now());
        linkCalls(contactId, checked.numbers);
      })();
      log.info(id ? 'contact updated' : 'contact created', { id: contactId });
      return view(contactId);
    },

    delete(id) {
      if (!deleteContact(db, id)) throw new AppError('NOT_FOUND', `No contact ${id}`);
      log.info('contact deleted', { id });
    },

    merge(targetId, sourceIds) {
      const sources = [...new Set(sourceIds)].filter((s) => s !== targetId);
      if (sources.length === 0)
        throw new AppError('VALIDATION', 'Choose at least one other contact to merge', [
          { path: 'sourceIds', message: 'required' },
        ]);
      db.transaction(() => {
        const target = getContact(db, targetId);
        if (!target) throw new AppError('NOT_FOUND', `No contact ${targetId}`);
        const rows = sources.map((id) => {
          const row = getContact(db, id);
          if (!row) throw new AppError('NOT_FOUND', `No contact ${id}`);
          return row;
        });
        const notes = [target.notes, ...rows.map((r) => r.notes)]
          .map((n) => n?.trim() ?? '')
          .filter((n, i, all) => n !== '' && all.indexOf(n) === i)
          .join('\n\n');
        const numbers = [target.id, ...sources].flatMap((id) => numbersOf(db, id));
        const merged = {
          id: target.id,
          name: target.name,
          company: target.company ?? rows.find((r) => r.company)?.company ?? null,
          email: target.email ?? rows.find((r) => r.email)?.email ?? null,
          notes: notes === '' ? null : notes,
          tags: cleanTags([target.tags, ...rows.map((r) => r.tags)].flat()),
        };
        // Calls, requests, callbacks… whatever points at a source now points at the target.
        for (const { table, column } of contactReferences()) {
          const update = db.prepare(
            `UPDATE ${quote(table)} SET ${quote(column)} = ? WHERE ${quote(column)} = ?`,
          );
          for (const id of sources) update.run(target.id, id);
        }
        for (const id of sources) deleteContact(db, id);
        putContact(db, merged, numbers, now());
        linkCalls(target.id, numbers);
      })();
      log.info('contacts merged', { target: targetId, sources: sources.length });
      return view(targetId);
    },

    createForNumber(number, name) {
      const normalized = normalizeContactNumber(number, options.defaultRegion());
      if (!normalized.ok)
        throw new AppError('VALIDATION', 'The number cannot be saved', [
          { path: 'number', message: normalized.error },
        ]);
      const id = randomUUID();
      let linkedCalls = 0;
      db.transaction(() => {
        const trimmed = name.trim();
        const issues: FieldIssue[] = [];
        if (trimmed === '') issues.push({ path: 'name', message: 'required' });
        const owner = ownerOfNumber(db, normalized);
        if (owner)
          issues.push({ path: 'number', message: 'taken', params: { id: owner.id, name: owner.name } });
        if (issues.length > 0)
          throw new AppError(
            'VALIDATION',
            owner ? `The number is already saved for the contact “${owner.name}”` : 'A name is required',
            issues,
          );
        const numbers = [
          { number: normalized.number, e164: normalized.e164, label: guessLabel(normalized.e164) },
        ];
        putContact(db, { id, name: trimmed, company: null, notes: null, tags: [] }, numbers, now());
        linkedCalls = linkCalls(id, numbers);
      })();
      log.info('contact created for a caller', { id, linkedCalls });
      return { contact: view(id), linkedCalls };
    },

    async import(file) {
      // One at a time: a second file while the first is still being written would interleave.
      if (importing)
        throw new AppError('VALIDATION', 'Another import is still running', [
          { path: 'file', message: 'busy' },
        ]);
      importing = true;
      const started = performance.now();
      let reportedAt = performance.now();
      const result = await importContacts(db, file, {
        defaultRegion: options.defaultRegion(),
        now: now(),
        onProgress: (done, total) => {
          const at = performance.now();
          if (done < total && at - reportedAt < PROGRESS_EVERY_MS) return;
          reportedAt = at;
          options.onImportProgress?.({ done, total });
        },
      }).finally(() => (importing = false));
      log.info('contacts imported', {
        format: result.format,
        encoding: result.encoding,
        imported: result.imported,
        updated: result.updated,
        skipped: result.skippedTotal,
        ms: Math.round(performance.now() - started),
      });
      return result;
    },

    reindex() {
      const count = rebuildContactSearch(db);
      log.info('contact search rebuilt', { contacts: count });
      return count;
    },
  };
}
