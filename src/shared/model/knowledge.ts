import { z } from 'zod';

// The product knowledge base: articles (terms, prices, tariffs, promotions, procedures) the operator
// searches while on a call. The core stores and indexes them (src/main/core/knowledge/); these are
// the shapes that cross IPC and the import format for JSON files.

/** A calendar day, `YYYY-MM-DD`: validity is by day in the call center's local time, inclusive. */
export const IsoDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');

/**
 * A day written by a person or a spreadsheet: `2025-03-01`, `01.03.2025`, or a full ISO timestamp
 * (its day is kept). Empty means "no limit". An impossible date (31.02) is an error.
 */
export function parseDay(value: string): string | null | 'invalid' {
  const text = value.trim();
  if (text === '') return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(text);
  let y: number, mo: number, d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(text)))
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else return 'invalid';
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
    return 'invalid';
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const DayInput = z
  .union([z.string(), z.null()])
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === null) return null;
    const day = parseDay(value);
    if (day === 'invalid') {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not a date (use YYYY-MM-DD or DD.MM.YYYY)` });
      return z.NEVER;
    }
    return day;
  });

const TagsInput = z
  .union([z.array(z.string().max(100)), z.string().max(5000)])
  .optional()
  .transform((value) => {
    const list = typeof value === 'string' ? value.split(/[;,|]/) : (value ?? []);
    return [...new Set(list.map((t) => t.trim()).filter((t) => t.length > 0))];
  })
  .pipe(z.array(z.string().max(100)).max(50, 'at most 50 tags'));

export const KB_ID = /^[^\s\p{Cc}][^\p{Cc}]{0,199}$/u;

/**
 * One article as imported (a JSON file's entries, a CSV row, a Markdown file after its front matter
 * is read). `id` is optional: without it the importer derives one from the source and the title,
 * so importing the same file again updates its articles rather than duplicating them.
 */
export const KbArticleInputSchema = z
  .object({
    id: z.string().trim().regex(KB_ID, 'an id of 1–200 characters, no control characters').optional(),
    title: z.string().trim().min(1, 'a title is required').max(500),
    body: z.string().max(200_000).default(''),
    tags: TagsInput,
    valid_from: DayInput,
    valid_to: DayInput,
    source: z.string().trim().min(1).max(300).optional(),
  })
  .superRefine((a, ctx) => {
    if (a.valid_from && a.valid_to && a.valid_from > a.valid_to) {
      ctx.addIssue({ code: 'custom', path: ['valid_to'], message: 'valid_to is before valid_from' });
    }
  });
export type KbArticleInput = z.input<typeof KbArticleInputSchema>;
export type KbArticleFields = z.output<typeof KbArticleInputSchema>;

export const KbArticleSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** Markdown. */
  body: z.string(),
  tags: z.array(z.string()),
  validFrom: IsoDaySchema.nullable(),
  validTo: IsoDaySchema.nullable(),
  source: z.string(),
  updatedAt: z.number(),
});
export type KbArticle = z.infer<typeof KbArticleSchema>;

/** current: valid today; upcoming: not yet; expired: no longer (shown last, marked). */
export const KbValiditySchema = z.enum(['current', 'upcoming', 'expired']);
export type KbValidity = z.infer<typeof KbValiditySchema>;

/** [start, end) offsets of a highlighted word in the string it belongs to. */
const Range = z.tuple([z.number().int(), z.number().int()]);

export const KbHitSchema = z.object({
  id: z.string(),
  title: z.string(),
  tags: z.array(z.string()),
  source: z.string(),
  validFrom: IsoDaySchema.nullable(),
  validTo: IsoDaySchema.nullable(),
  validity: KbValiditySchema,
  updatedAt: z.number(),
  /** bm25: lower is better (FTS5's convention). */
  score: z.number(),
  titleHighlights: z.array(Range),
  /** Plain text around the best match in the body (Markdown removed), "…" where cut. */
  snippet: z.string(),
  snippetHighlights: z.array(Range),
});
export type KbHit = z.infer<typeof KbHitSchema>;

export const KbSearchResultSchema = z.object({
  hits: z.array(KbHitSchema),
  /** Query words that matched no article and were read as the nearest words of the articles. */
  corrections: z.array(z.object({ typed: z.string(), matched: z.array(z.string()) })),
  /** all: every word matched; any: nothing had all of them, so articles with some are shown. */
  mode: z.enum(['all', 'any', 'none']),
});
export type KbSearchResult = z.infer<typeof KbSearchResultSchema>;

export const KbSearchRequestSchema = z
  .object({
    query: z.string().max(500),
    limit: z.number().int().min(1).max(50).default(10),
    /** Hide expired and upcoming articles instead of listing them last. */
    currentOnly: z.boolean().default(false),
  })
  .strict();
export type KbSearchRequest = z.input<typeof KbSearchRequestSchema>;

/** An entry an import could not take, and where it is in the file. */
export const KbImportIssueSchema = z.object({
  file: z.string(),
  /** 1-based line in a CSV or Markdown file. */
  line: z.number().int().optional(),
  /** 0-based position in a JSON array. */
  index: z.number().int().optional(),
  message: z.string(),
});
export type KbImportIssue = z.infer<typeof KbImportIssueSchema>;

export const KbImportReportSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  failed: z.number().int(),
  issues: z.array(KbImportIssueSchema),
});
export type KbImportReport = z.infer<typeof KbImportReportSchema>;
