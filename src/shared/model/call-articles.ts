import { z } from 'zod';

// Knowledge-base articles attached to a call ("what helped"), and the import of article files the
// renderer reads and sends as text. Stored in `call_articles` (migration 0056); the attached
// articles travel in the call's wrap-up.submitted sync document.

export const ARTICLE_ID_MAX = 200;

/** One article attached to a call: its id, its title when it was attached, and when. */
export const CallArticleSchema = z.object({
  articleId: z.string(),
  /** The title as it was when attached: the article may change or be deleted later. */
  title: z.string(),
  attachedAt: z.number().int(),
});
export type CallArticle = z.infer<typeof CallArticleSchema>;

export const KbAttachRequestSchema = z
  .object({
    callId: z.string().min(1).max(64),
    articleId: z.string().min(1).max(ARTICLE_ID_MAX),
  })
  .strict();

export const KbAttachResultSchema = z.object({
  /** False when the article was already attached to this call (nothing changed). */
  added: z.boolean(),
  articles: z.array(CallArticleSchema),
});
export type KbAttachResult = z.infer<typeof KbAttachResultSchema>;

export const KB_IMPORT_LIMITS = {
  files: 200,
  /** Characters of one file's text. */
  fileChars: 5_000_000,
  /** Characters of every file together: one import crosses IPC as one message. */
  totalChars: 20_000_000,
  fileName: 255,
} as const;

/** The file name's extension picks the importer: Markdown, CSV or JSON. */
export const KB_IMPORT_EXTENSIONS = ['.md', '.markdown', '.csv', '.json'] as const;

export const KbImportRequestSchema = z
  .object({
    files: z
      .array(
        z
          .object({
            fileName: z.string().trim().min(1).max(KB_IMPORT_LIMITS.fileName),
            content: z.string().max(KB_IMPORT_LIMITS.fileChars, 'the file is too large'),
          })
          .strict(),
      )
      .min(1)
      .max(KB_IMPORT_LIMITS.files),
  })
  .strict()
  .superRefine((request, ctx) => {
    const total = request.files.reduce((sum, f) => sum + f.content.length, 0);
    if (total > KB_IMPORT_LIMITS.totalChars)
      ctx.addIssue({ code: 'custom', path: ['files'], message: 'the files are too large together' });
  });
export type KbImportRequest = z.infer<typeof KbImportRequestSchema>;
