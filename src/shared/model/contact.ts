import { z } from 'zod';

// Contacts as the UI and the IPC contract see them. A contact has any number of numbers, each
// with a label; the same number (its E.164 form, or an internal number as dialled) belongs to at
// most one contact. Payloads are checked here for shape and size only: what makes a contact valid
// (a name, numbers that parse, numbers nobody else has) is checked by the core, which answers
// VALIDATION with one issue per field so the editor shows each message next to its field.

export const CONTACT_LIMITS = {
  name: 200,
  company: 200,
  email: 254,
  notes: 10_000,
  tag: 50,
  tags: 50,
  number: 64,
  numbers: 20,
  query: 200,
  pageSize: 200,
  /** The largest file `contacts:import` takes (bytes, before base64). */
  importBytes: 20 * 1024 * 1024,
} as const;

export const ContactNumberLabelSchema = z.enum(['mobile', 'work', 'home', 'other']);
export type ContactNumberLabel = z.infer<typeof ContactNumberLabelSchema>;

export const ContactNumberSchema = z.object({
  /** As typed or imported (an internal number: as dialled). */
  number: z.string(),
  /** The normalized public number; null for internal numbers and SIP addresses. */
  e164: z.string().nullable(),
  label: ContactNumberLabelSchema,
});
export type ContactNumber = z.infer<typeof ContactNumberSchema>;

export const ContactViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  company: z.string().nullable(),
  email: z.string().nullable(),
  notes: z.string().nullable(),
  tags: z.array(z.string()),
  numbers: z.array(ContactNumberSchema),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type ContactView = z.infer<typeof ContactViewSchema>;

/** A row of the contacts list: what the list shows and dials, without the notes. */
export const ContactSummarySchema = ContactViewSchema.omit({ notes: true, createdAt: true, updatedAt: true });
export type ContactSummary = z.infer<typeof ContactSummarySchema>;

const Text = (max: number) => z.string().max(max);

/** The editor's whole contact: creating when `id` is absent, replacing every field when present. */
export const ContactInputSchema = z
  .object({
    id: z.string().min(1).max(64).optional(),
    name: Text(CONTACT_LIMITS.name),
    company: Text(CONTACT_LIMITS.company).default(''),
    email: Text(CONTACT_LIMITS.email).default(''),
    notes: Text(CONTACT_LIMITS.notes).default(''),
    tags: z.array(Text(CONTACT_LIMITS.tag)).max(CONTACT_LIMITS.tags).default([]),
    numbers: z
      .array(
        z
          .object({ number: Text(CONTACT_LIMITS.number), label: ContactNumberLabelSchema.default('other') })
          .strict(),
      )
      .max(CONTACT_LIMITS.numbers)
      .default([]),
  })
  .strict();
export type ContactInput = z.input<typeof ContactInputSchema>;
export type ContactInputParsed = z.output<typeof ContactInputSchema>;

export const ContactListRequestSchema = z
  .object({
    query: Text(CONTACT_LIMITS.query).default(''),
    limit: z.number().int().min(1).max(CONTACT_LIMITS.pageSize).default(50),
    /** From the previous page's `nextCursor`. */
    cursor: z.string().max(2000).optional(),
  })
  .strict();

export const ContactListSchema = z.object({
  items: z.array(ContactSummarySchema),
  /** Null on the last page. */
  nextCursor: z.string().nullable(),
});
export type ContactList = z.infer<typeof ContactListSchema>;

/**
 * Why an imported row (CSV line, or the line a vCard starts on) was not imported. The renderer
 * translates them as `contacts.import.reason.<reason>`.
 */
export const ImportSkipReasonSchema = z.enum([
  /** Broken quoting, or a vCard without its END. */
  'malformed',
  /** Neither a name nor a company. */
  'no-name',
  'no-number',
  'invalid-number',
  'invalid-email',
  /** Its numbers belong to two or more different contacts already: merge them first. */
  'number-conflict',
  'too-long',
  'too-many-numbers',
]);
export type ImportSkipReason = z.infer<typeof ImportSkipReasonSchema>;

export const ImportResultSchema = z.object({
  /** New contacts. */
  imported: z.number().int().min(0),
  /** Rows merged into a contact that already had one of their numbers. */
  updated: z.number().int().min(0),
  /** Rows whose contact already had everything they carry (the same file imported again). */
  unchanged: z.number().int().min(0),
  /** The first skipped rows (at most 1000), in file order. */
  skipped: z.array(
    z.object({
      line: z.number().int().min(1),
      reason: ImportSkipReasonSchema,
      /** What was wrong, as found in the file (the number that does not parse, …), when useful. */
      value: z.string().optional(),
    }),
  ),
  /** All skipped rows, also those past the list's limit. */
  skippedTotal: z.number().int().min(0),
  format: z.enum(['csv', 'vcard']),
  /** How the file's text was decoded. */
  encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1251']),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

/** File-level import problems (VALIDATION, issue path `file`); `contacts.import.fileError.<key>`. */
export const IMPORT_FILE_ERRORS = ['empty', 'too-large', 'unknown-format', 'no-columns'] as const;
export type ImportFileError = (typeof IMPORT_FILE_ERRORS)[number];

/** Field messages in VALIDATION issues; the renderer translates `contacts.fieldError.<key>`. */
export const CONTACT_FIELD_ERRORS = [
  'required',
  'invalid-email',
  /** The number is another contact's (the params carry that contact's id and name). */
  'taken',
  /** The same number twice in this contact. */
  'duplicate',
  'empty',
  'invalid-characters',
  'too-short',
  'too-long',
  'invalid-number',
  'invalid-country',
] as const;
