import { z } from 'zod';
import { KbArticleSchema, KbSearchRequestSchema, KbSearchResultSchema } from '../model/knowledge.ts';

// The knowledge base's channels, spread into `requestSchemas` (contract.ts).

export const knowledgeRequestSchemas = {
  /** Search as the operator types: called on every keystroke, answers in a few milliseconds. */
  'kb:search': { request: KbSearchRequestSchema, response: KbSearchResultSchema },
  /** One article, to open next to the call. */
  'kb:get': {
    request: z.object({ id: z.string().min(1).max(200) }).strict(),
    response: z.object({ article: KbArticleSchema.nullable() }),
  },
};
