import { z } from 'zod';
import {
  KbArticleSchema,
  KbImportReportSchema,
  KbSearchRequestSchema,
  KbSearchResultSchema,
} from '../model/knowledge.ts';
import {
  CallArticleSchema,
  KbAttachRequestSchema,
  KbAttachResultSchema,
  KbImportRequestSchema,
} from '../model/call-articles.ts';

// The knowledge base's channels, spread into `requestSchemas` (contract.ts).

export const knowledgeRequestSchemas = {
  /** Search as the operator types: called on every keystroke, answers in a few milliseconds. */
  'kb:search': { request: KbSearchRequestSchema, response: KbSearchResultSchema },
  /** One article, to open next to the call. */
  'kb:get': {
    request: z.object({ id: z.string().min(1).max(200) }).strict(),
    response: z.object({ article: KbArticleSchema.nullable() }),
  },
  /** Attaches an article to a call in progress or in wrap-up (so reports know what helped). */
  'kb:attach': { request: KbAttachRequestSchema, response: KbAttachResultSchema },
  /** The articles attached to a call, in the order they were attached. */
  'kb:attached': {
    request: z.object({ callId: z.string().min(1).max(64) }).strict(),
    response: z.object({ articles: z.array(CallArticleSchema) }),
  },
  /**
   * Imports Markdown, CSV and JSON files the renderer read (the extension picks the format): every
   * good entry is written, every bad one reported with its file and line or index.
   */
  'kb:import': { request: KbImportRequestSchema, response: KbImportReportSchema },
};
