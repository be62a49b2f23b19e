import type { CallArticle, KbAttachResult, KbImportRequest } from '../../../shared/model/call-articles.ts';
import type { KbImportIssue, KbImportReport } from '../../../shared/model/knowledge.ts';
import { AppError } from '../app-error.ts';
import { getCall } from '../calllog/calls-table.ts';
import { getWrapup } from '../calllog/wrapups-table.ts';
import type { Logger } from '../log/logger.ts';
import type { Db } from '../store/database.ts';
import { articlesOfCall, attachArticle } from './call-articles-table.ts';
import type { KbImportFile, KbImportFormat, KnowledgeService } from './knowledge-service.ts';

// What the operator used: articles attached to a call in progress or in wrap-up (IPC `kb:attach`,
// `kb:attached`), kept with the title they had then and sent with the call's wrap-up document. And
// imports of files the renderer read (`kb:import`): the extension picks the importer, a file of
// another kind is reported and the others are imported.

export interface CallArticlesService {
  attach(callId: string, articleId: string, at?: number): KbAttachResult;
  attached(callId: string): CallArticle[];
}

export function createCallArticles(options: {
  db: Db;
  knowledge: Pick<KnowledgeService, 'get'>;
  log: Logger;
  now?: () => number;
}): CallArticlesService {
  const { db, knowledge, log } = options;
  const now = options.now ?? Date.now;
  return {
    attach(callId, articleId, at = now()) {
      const call = getCall(db, callId);
      if (!call) throw new AppError('NOT_FOUND', `No call ${callId} in the log`);
      const wrapup = getWrapup(db, callId);
      // The wrap-up's document carries the attachments: after it was filed, nothing would send them.
      if (wrapup?.state === 'submitted')
        throw new AppError('LOCKED', 'The wrap-up of this call was already submitted');
      if (call.endedAt !== null && !wrapup)
        throw new AppError('LOCKED', 'This call has ended and has no wrap-up to attach articles to');
      const article = knowledge.get(articleId);
      if (!article) throw new AppError('NOT_FOUND', `No article ${articleId} in the knowledge base`);
      let added: boolean;
      try {
        added = attachArticle(db, callId, { articleId, title: article.title, attachedAt: at });
      } catch (error) {
        log.error('attaching an article failed', { error, callId, articleId });
        throw new AppError('STORAGE', `The article could not be attached: ${(error as Error).message}`);
      }
      if (added) log.info('article attached', { callId, articleId });
      return { added, articles: articlesOfCall(db, callId) };
    },
    attached: (callId) => articlesOfCall(db, callId),
  };
}

const FORMATS: Record<string, KbImportFormat> = {
  md: 'markdown',
  markdown: 'markdown',
  csv: 'csv',
  json: 'json',
};

export function importFormatOf(fileName: string): KbImportFormat | undefined {
  const ext = /\.([^.\\/]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return ext ? FORMATS[ext] : undefined;
}

/**
 * Imports files sent as text: a file whose extension is not .md/.markdown/.csv/.json is reported
 * (with the rest imported), as is every bad entry of the others.
 */
export async function importContents(
  knowledge: Pick<KnowledgeService, 'import'>,
  files: KbImportRequest['files'],
): Promise<KbImportReport> {
  const unknown: KbImportIssue[] = [];
  const good: KbImportFile[] = [];
  for (const file of files) {
    const format = importFormatOf(file.fileName);
    if (!format) {
      unknown.push({ file: file.fileName, message: 'not a Markdown, CSV or JSON file (.md, .csv, .json)' });
      continue;
    }
    // A byte-order mark would break JSON.parse and hide a Markdown file's front matter.
    good.push({ format, name: file.fileName, content: file.content.replace(/^\uFEFF/, '') });
  }
  const report: KbImportReport =
    good.length > 0
      ? await knowledge.import(good)
      : { created: 0, updated: 0, unchanged: 0, failed: 0, issues: [] };
  return { ...report, failed: report.failed + unknown.length, issues: [...unknown, ...report.issues] };
}
