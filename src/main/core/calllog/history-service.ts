import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type {
  CallLogCursor,
  CallLogExportResult,
  CallLogFilter,
  CallLogPage,
  ExportLocale,
} from '../../../shared/model/call-history.ts';
import { AppError, isAppError } from '../app-error.ts';
import type { Logger } from '../log/logger.ts';
import type { SavePathRequest } from '../ports.ts';
import type { Db } from '../store/database.ts';
import { getCall } from './calls-table.ts';
import { exportCallsCsv, localTimestamp } from './csv-export.ts';
import { buildHistoryQuery, callbackTarget, historyRows, toEntry } from './history-query.ts';

// The History screen's three requests: pages of the filtered log, calling a row back, and the CSV
// export. Masking (`data.maskNumbers`) is decided here, per request, so the renderer never holds a
// number the operator is not meant to see; calling back goes by the call's id.

export interface CallHistoryOptions {
  db: Db;
  log: Logger;
  /** Read on every request, so a settings change applies to the next page. */
  view: () => {
    maskNumbers: boolean;
    defaultRegion: string;
    language: ExportLocale;
    /** Configured dispositions: the export writes their names, not their codes. */
    dispositions?: ReadonlyArray<{ code: string; label: Record<ExportLocale, string> }>;
  };
  /** The phone's dial: the core passes `phone.dial`. */
  dial: (target: string) => Promise<{ id: string }>;
  chooseSavePath: (request: SavePathRequest) => Promise<string | null>;
  now?: () => number;
}

export interface CallHistoryService {
  list(request: { filter: CallLogFilter; cursor?: CallLogCursor; limit?: number }): CallLogPage;
  callBack(callId: string): Promise<{ callId: string }>;
  exportCsv(request: { filter: CallLogFilter; locale?: ExportLocale }): Promise<CallLogExportResult>;
}

export const HISTORY_PAGE_DEFAULT = 50;

export function createCallHistoryService(options: CallHistoryOptions): CallHistoryService {
  const { db, log } = options;
  const now = options.now ?? Date.now;

  return {
    list({ filter, cursor, limit = HISTORY_PAGE_DEFAULT }) {
      const { maskNumbers, defaultRegion } = options.view();
      // One row more than asked says whether another page exists without a count over the log.
      const query = buildHistoryQuery(filter, { cursor, limit: limit + 1, defaultRegion });
      const sqlRows = historyRows(db, query);
      const page = sqlRows.slice(0, limit);
      const last = page.at(-1);
      return {
        rows: page.map((row) => toEntry(row, { mask: maskNumbers, defaultRegion })),
        nextCursor: sqlRows.length > limit && last ? { createdAt: last.created_at, id: last.id } : null,
      };
    },

    async callBack(callId) {
      const row = getCall(db, callId);
      if (!row) throw new AppError('NOT_FOUND', `No call ${callId} in the log`);
      const target = callbackTarget(
        { remote_number: row.remoteNumber, remote_e164: row.remoteE164, remote_uri: row.remoteUri },
        options.view().defaultRegion,
      );
      if (!target) throw new AppError('VALIDATION', 'This call has no number to call back');
      // The number itself is not logged: with masking on, logs are read by more people than calls.
      log.info('calling back from history', { callId });
      const call = await options.dial(target);
      return { callId: call.id };
    },

    async exportCsv({ filter, locale }) {
      const { maskNumbers, defaultRegion, language, dispositions = [] } = options.view();
      const stamp = localTimestamp(now()).replace(/[: ]/g, '-').slice(0, 16);
      const path = await options.chooseSavePath({
        defaultName: `hotline-calls-${stamp}.csv`,
        filters: [{ name: 'CSV', extensions: ['csv'] }],
      });
      if (!path) return { cancelled: true };
      try {
        await mkdir(dirname(path), { recursive: true });
        const rows = await exportCallsCsv(db, {
          filter,
          locale: locale ?? language,
          dispositionLabel: (code) =>
            dispositions.find((d) => d.code === code)?.label[locale ?? language] ?? code,
          path,
          mask: maskNumbers,
          defaultRegion,
        });
        log.info('call history exported', { rows, masked: maskNumbers });
        return { cancelled: false, path, rows };
      } catch (error) {
        if (isAppError(error)) throw error;
        log.error('call history export failed', { error });
        throw new AppError('STORAGE', `The export could not be written: ${(error as Error).message}`);
      }
    },
  };
}
