import { randomUUID } from 'node:crypto';
import {
  CONTACT_LIMITS,
  type ImportResult,
  type ImportSkipReason,
} from '../../../../shared/model/contact.ts';
import { normalizeContactNumber } from '../../../../shared/phone/contact-number.ts';
import { AppError, isAppError } from '../../app-error.ts';
import type { Db } from '../../store/database.ts';
import { writeInSlices } from '../../store/write-in-slices.ts';
import {
  getContact,
  linkCallsToContact,
  numbersOf,
  ownerOfNumber,
  putContact,
  type NumberInput,
} from '../contacts-table.ts';
import { parseCsv } from './csv.ts';
import { decodeText } from './decode.ts';
import type { ImportRecord } from './records.ts';
import { looksLikeVcard, parseVcards } from './vcard.ts';

// An imported CSV or vCard file: the good rows go in, each bad one is reported with the line it
// starts on and why. It is written in slices (store/write-in-slices.ts): the core also runs the
// phone, and 200,000 contacts take most of a minute to index — an INVITE must not wait for that. A
// failure part-way leaves the slices before it written and says how many contacts that was;
// importing the file again is safe (see below). The rule for numbers already in the address book
// (one contact per number): a row whose numbers belong to one existing contact updates that
// contact — its other numbers are added, an empty company or e-mail filled, tags joined, notes
// appended when new; its name is kept (the operator may have corrected it). So importing the same
// file twice changes nothing the second time. A row whose numbers belong to two different contacts
// is skipped ("number-conflict"): merge those contacts first.

const MAX_SKIPPED_LISTED = 1000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Outcome = 'imported' | 'updated' | 'unchanged' | { reason: ImportSkipReason; value?: string };

export async function importContacts(
  db: Db,
  file: { fileName: string; content: Uint8Array },
  options: {
    defaultRegion: string;
    now: number;
    sliceMs?: number;
    /** After each written slice: entries done of all the file's entries. */
    onProgress?: (done: number, total: number) => void;
  },
): Promise<ImportResult> {
  const fileError = (message: string, key: string) =>
    new AppError('VALIDATION', message, [{ path: 'file', message: key }]);
  if (file.content.length > CONTACT_LIMITS.importBytes)
    throw fileError('The file is larger than import takes', 'too-large');
  const { text, encoding } = await decodeText(file.content);
  // (/\S/ stops at the first letter; trim() would copy a 20 MB text.)
  if (!/\S/.test(text)) throw fileError('The file is empty', 'empty');
  const vcard = looksLikeVcard(text);
  if (!vcard && /\.(vcf|vcard)$/i.test(file.fileName))
    throw fileError('The file is not a vCard file', 'unknown-format');
  const entries = vcard ? await parseVcards(text) : await parseCsv(text);

  const result: ImportResult = {
    imported: 0,
    updated: 0,
    unchanged: 0,
    skipped: [],
    skippedTotal: 0,
    format: vcard ? 'vcard' : 'csv',
    encoding,
  };
  const skip = (line: number, reason: ImportSkipReason, value?: string) => {
    result.skippedTotal++;
    if (result.skipped.length < MAX_SKIPPED_LISTED)
      result.skipped.push(
        value === undefined ? { line, reason } : { line, reason, value: value.slice(0, 200) },
      );
  };
  let writtenBefore = 0;
  try {
    await writeInSlices(
      db,
      entries.length,
      (index) => {
        const entry = entries[index]!;
        if ('error' in entry) {
          skip(entry.line, entry.error, entry.value);
          return;
        }
        const outcome = importOne(db, entry.record, options);
        if (outcome === 'imported') result.imported++;
        else if (outcome === 'updated') result.updated++;
        else if (outcome === 'unchanged') result.unchanged++;
        else skip(entry.line, outcome.reason, outcome.value);
      },
      {
        ...(options.sliceMs !== undefined ? { sliceMs: options.sliceMs } : {}),
        committed: (done) => {
          writtenBefore = result.imported + result.updated;
          options.onProgress?.(done, entries.length);
        },
      },
    );
  } catch (error) {
    if (isAppError(error)) throw error;
    // The failing slice was rolled back; what the slices before it wrote stays.
    throw new AppError(
      'STORAGE',
      `The import could not be written after ${writtenBefore} contacts: ${(error as Error).message}`,
    );
  }
  return result;
}

function importOne(db: Db, record: ImportRecord, options: { defaultRegion: string; now: number }): Outcome {
  const name = record.name.trim() || record.company.trim();
  if (name === '') return { reason: 'no-name' };
  const company = record.company.trim() || null;
  const email = record.email.trim() || null;
  const notes = record.notes.trim() || null;
  for (const [field, value, max] of [
    ['name', name, CONTACT_LIMITS.name],
    ['company', company, CONTACT_LIMITS.company],
    ['email', email, CONTACT_LIMITS.email],
    ['notes', notes, CONTACT_LIMITS.notes],
  ] as const)
    if (value && value.length > max) return { reason: 'too-long', value: field };
  if (email && !EMAIL.test(email)) return { reason: 'invalid-email', value: email };

  const numbers: Array<NumberInput & { key: string }> = [];
  for (const { raw, label } of record.numbers) {
    const normalized = normalizeContactNumber(raw, options.defaultRegion);
    if (!normalized.ok) return { reason: 'invalid-number', value: raw };
    if (numbers.some((n) => n.key === normalized.key)) continue;
    numbers.push({ number: normalized.number, e164: normalized.e164, label, key: normalized.key });
  }
  if (numbers.length === 0) return { reason: 'no-number' };
  if (numbers.length > CONTACT_LIMITS.numbers) return { reason: 'too-many-numbers' };

  const tags = record.tags.map((t) => t.trim().slice(0, CONTACT_LIMITS.tag)).filter((t) => t !== '');
  const owners = new Map<string, string>();
  for (const n of numbers) {
    const owner = ownerOfNumber(db, n);
    if (owner) owners.set(owner.id, owner.name);
  }
  if (owners.size > 1) return { reason: 'number-conflict', value: [...owners.values()].join(', ') };

  const [ownerId] = owners.keys();
  let id: string;
  let written: NumberInput[];
  if (ownerId) {
    const existing = getContact(db, ownerId)!;
    const had = numbersOf(db, ownerId);
    const keys = new Set(had.map((n) => n.e164 ?? n.number));
    written = [...had, ...numbers.filter((n) => !keys.has(n.key))];
    if (written.length > CONTACT_LIMITS.numbers) return { reason: 'too-many-numbers' };
    const mergedNotes =
      notes && !(existing.notes ?? '').includes(notes)
        ? [existing.notes, notes].filter((n) => n).join('\n\n')
        : existing.notes;
    id = ownerId;
    const merged = {
      id,
      name: existing.name,
      company: existing.company ?? company,
      email: existing.email ?? email,
      notes: mergedNotes && mergedNotes.length <= CONTACT_LIMITS.notes ? mergedNotes : existing.notes,
      tags: joinTags(existing.tags, tags),
    };
    const same =
      written.length === had.length &&
      merged.company === existing.company &&
      merged.email === existing.email &&
      merged.notes === existing.notes &&
      merged.tags.length === existing.tags.length;
    if (same) return 'unchanged';
    putContact(db, merged, written, options.now);
  } else {
    id = randomUUID();
    written = numbers;
    putContact(db, { id, name, company, email, notes, tags: joinTags([], tags) }, written, options.now);
  }
  for (const n of written) if (n.e164) linkCallsToContact(db, id, n.e164);
  return ownerId ? 'updated' : 'imported';
}

function joinTags(a: readonly string[], b: readonly string[]): string[] {
  const seen = new Set<string>();
  return [...a, ...b]
    .filter((t) => {
      const key = t.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, CONTACT_LIMITS.tags);
}
