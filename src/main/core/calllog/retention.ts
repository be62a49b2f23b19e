import type { DataSettings } from '../../../shared/model/settings.ts';
import type { Logger } from '../log/logger.ts';
import type { Db } from '../store/database.ts';

// Retention: calls older than `data.retentionDays` are deleted with their events and wrap-ups
// (0 keeps everything), and so are outbox rows delivered that long ago. A call is never deleted
// while it is unfinished, while any of its outbox rows is undelivered (pending or refused), or
// while its wrap-up is a draft the operator has typed into (the empty draft opened for every answered
// call does not count: a wrap-up nobody started must not keep a call forever). The work goes in small batches, one short transaction each,
// yielding between them, so the phone's own writes never wait long.

const DAY_MS = 86_400_000;

export interface RetentionResult {
  calls: number;
  events: number;
  wrapups: number;
  outbox: number;
  /** Transactions used. */
  batches: number;
}

/** The oldest `limit` calls before `cutoff` that may go. Uses calls_by_created. */
export const EXPIRED_CALLS_SQL = `SELECT c.id FROM calls c
  WHERE c.created_at < ? AND c.ended_at IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.aggregate_id = c.id AND o.state != 'delivered')
    AND NOT EXISTS (SELECT 1 FROM wrapups w WHERE w.call_id = c.id AND w.state = 'draft'
      AND (w.disposition IS NOT NULL OR w.notes != '' OR w.data != '{}'))
  ORDER BY c.created_at LIMIT ?`;

/** Delivered outbox rows older than `cutoff`. Uses outbox_delivered_at. */
export const EXPIRED_OUTBOX_SQL = `SELECT seq FROM outbox
  WHERE state = 'delivered' AND delivered_at < ? ORDER BY delivered_at LIMIT ?`;

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Deletes what is older than `retentionDays` before `now`, `batchSize` rows per transaction.
 * Resolves with what was deleted; nothing is deleted when `retentionDays` is 0.
 */
export async function applyRetention(
  db: Db,
  options: { retentionDays: number; now: number; batchSize?: number; shouldStop?: () => boolean },
): Promise<RetentionResult> {
  const result: RetentionResult = { calls: 0, events: 0, wrapups: 0, outbox: 0, batches: 0 };
  if (options.retentionDays <= 0) return result;
  const cutoff = options.now - options.retentionDays * DAY_MS;
  const size = Math.max(1, options.batchSize ?? 500);
  const stop = options.shouldStop ?? (() => false);

  const expiredCalls = db.prepare(EXPIRED_CALLS_SQL).pluck();
  const deleteEvents = db.prepare('DELETE FROM call_events WHERE call_id = ?');
  const deleteWrapup = db.prepare('DELETE FROM wrapups WHERE call_id = ?');
  const deleteCall = db.prepare('DELETE FROM calls WHERE id = ?');
  const callBatch = db.transaction((): number => {
    const ids = expiredCalls.all(cutoff, size) as string[];
    for (const id of ids) {
      result.events += deleteEvents.run(id).changes;
      result.wrapups += deleteWrapup.run(id).changes;
      result.calls += deleteCall.run(id).changes;
    }
    return ids.length;
  });

  const expiredOutbox = db.prepare(EXPIRED_OUTBOX_SQL).pluck();
  const deleteOutbox = db.prepare('DELETE FROM outbox WHERE seq = ?');
  const outboxBatch = db.transaction((): number => {
    const seqs = expiredOutbox.all(cutoff, size) as number[];
    for (const seq of seqs) result.outbox += deleteOutbox.run(seq).changes;
    return seqs.length;
  });

  for (const batch of [callBatch, outboxBatch]) {
    while (!stop()) {
      const count = batch();
      result.batches++;
      if (count < size) break;
      await yieldToOthers();
    }
  }
  return result;
}

export interface RetentionService {
  /** Runs once now (after start-up) and then daily. */
  start(): void;
  /** Runs now; a run in progress is shared. Never rejects (failures are logged). */
  runNow(): Promise<RetentionResult | undefined>;
  stop(): Promise<void>;
}

export interface RetentionServiceOptions {
  db: Db;
  settings: () => Pick<DataSettings, 'retentionDays'>;
  log: Logger;
  now?: () => number;
  batchSize?: number;
  /** Between runs; a day unless a test says otherwise. */
  everyMs?: number;
}

export function createRetentionService(options: RetentionServiceOptions): RetentionService {
  const { db, log } = options;
  const now = options.now ?? Date.now;
  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<RetentionResult | undefined> | undefined;
  let stopped = false;

  async function run(): Promise<RetentionResult | undefined> {
    const { retentionDays } = options.settings();
    if (retentionDays <= 0 || stopped) return undefined;
    try {
      const result = await applyRetention(db, {
        retentionDays,
        now: now(),
        batchSize: options.batchSize,
        shouldStop: () => stopped,
      });
      if (result.calls + result.outbox > 0) log.info('old records deleted', { retentionDays, ...result });
      return result;
    } catch (error) {
      // A full or read-only disk: nothing is lost by trying again tomorrow.
      log.warn('deleting old records failed; will try again', { error });
      return undefined;
    }
  }

  function runNow(): Promise<RetentionResult | undefined> {
    if (running) return running;
    const current = run();
    running = current;
    void current.finally(() => {
      if (running === current) running = undefined;
    });
    return current;
  }

  return {
    start() {
      stopped = false;
      if (timer) clearInterval(timer);
      timer = setInterval(() => void runNow(), options.everyMs ?? DAY_MS);
      timer.unref?.();
      void runNow();
    },
    runNow,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
