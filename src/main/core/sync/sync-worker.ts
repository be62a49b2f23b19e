import type { Status } from '../../../shared/ipc/contract.ts';
import type { Logger } from '../log/logger.ts';
import type { Db } from '../store/database.ts';
import { getMeta, setMeta } from '../store/app-meta.ts';
import type { DeliveryRequest, DeliveryResult, HttpDelivery, RetryCode } from './http-delivery.ts';
import {
  dueOutbox,
  markAttemptFailed,
  markDelivered,
  markParked,
  nextOutboxDueAt,
  outboxCounts,
  requeueParked,
  type OutboxRow,
} from './outbox-table.ts';

// Delivers the outbox to the company's endpoint. Rows go out oldest first, several calls side by
// side but never two rows of one call at once (a call's documents arrive in order). Every answer
// is written back in one transaction per batch.
//
// When the server or the way to it fails (down, slow, 5xx, 429, garbage, bad credentials) the whole
// queue waits — full-jitter exponential backoff, or the server's Retry-After — and the wait is
// stored in the database, so a restart does not hammer a struggling server. A document the server
// refuses (other 4xx) is parked as failed, shown to the operator, and retried only when asked.
//
// Triggers: start-up, successful registration, coming online, a timer, a new record, the operator.
// Coming online / registration / the operator skip our own backoff wait (the network is back, so
// try now), but never a wait the server asked for with Retry-After.

export type SyncStatus = Status['sync'];
export type SyncTrigger = 'startup' | 'registered' | 'online' | 'timer' | 'enqueued' | 'manual' | 'settings';

export interface SyncWorkerOptions {
  db: Db;
  log: Logger;
  delivery: () => HttpDelivery;
  config: () => { endpointUrl: string; intervalS: number; requestTimeoutS: number };
  credentials: () => Promise<{ token?: string; hmacKey?: string }>;
  onStatus: (status: SyncStatus) => void;
  backoff?: { baseMs: number; capMs: number };
  random?: () => number;
  /** How many documents are in flight at once (each from a different call). */
  concurrency?: number;
  batchSize?: number;
}

export interface SyncWorker {
  start(): void;
  trigger(reason: SyncTrigger): void;
  setOnline(online: boolean): void;
  /** Parked documents back in the queue, then a run. Returns how many. */
  retryFailed(): number;
  status(): SyncStatus;
  /** Resolves when the current run (if any) has finished. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

interface BackoffState {
  attempt: number;
  /** Epoch ms before which the queue waits. */
  until: number;
  /** The server asked for this wait (Retry-After): honoured even when the network comes back. */
  serverAsked: boolean;
  lastError?: { code: string; status?: number; at: number };
  lastDeliveredAt?: number;
}

const BACKOFF_KEY = 'sync.backoff';
export const DEFAULT_SYNC_BACKOFF = { baseMs: 1000, capMs: 5 * 60_000 };
/** A Retry-After beyond this is treated as this: an operator's records should not wait a day. */
const MAX_RETRY_AFTER_MS = 60 * 60_000;

/** "Full jitter": a uniformly random wait up to the exponential cap, so desks do not retry together. */
export function fullJitterDelay(
  attempt: number,
  policy: { baseMs: number; capMs: number },
  random = Math.random,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * ceiling);
}

export function createSyncWorker(options: SyncWorkerOptions): SyncWorker {
  const { db, log } = options;
  const policy = options.backoff ?? DEFAULT_SYNC_BACKOFF;
  const random = options.random ?? Math.random;
  const concurrency = options.concurrency ?? 8;
  const batchSize = options.batchSize ?? 64;

  let backoff = loadBackoff();
  let online = true;
  let started = false;
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  /** Set by triggers that may skip our own backoff wait (not the server's). */
  let skipOwnWait = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let state: SyncStatus['state'] = 'off';
  let lastPublished = '';

  function loadBackoff(): BackoffState {
    try {
      const raw = getMeta(db, BACKOFF_KEY);
      if (raw) {
        const parsed = JSON.parse(raw) as BackoffState;
        if (Number.isFinite(parsed.attempt) && Number.isFinite(parsed.until)) return parsed;
      }
    } catch (error) {
      log.warn('stored sync backoff unreadable; starting fresh', { error });
    }
    return { attempt: 0, until: 0, serverAsked: false };
  }

  function saveBackoff(): void {
    try {
      setMeta(db, BACKOFF_KEY, JSON.stringify(backoff));
    } catch (error) {
      // The database refusing writes is reported by the call log; the wait still applies in memory.
      log.warn('cannot store the sync backoff', { error });
    }
  }

  function status(): SyncStatus {
    let counts = { pending: 0, failed: 0 };
    try {
      counts = outboxCounts(db);
    } catch (error) {
      log.warn('cannot count the outbox', { error });
    }
    const waiting = backoff.until > Date.now();
    return {
      state,
      pending: counts.pending,
      failed: counts.failed,
      ...(backoff.lastError ? { lastError: backoff.lastError } : {}),
      ...(backoff.lastDeliveredAt ? { lastDeliveredAt: backoff.lastDeliveredAt } : {}),
      ...(waiting && state === 'waiting' ? { nextAttemptAt: backoff.until } : {}),
    };
  }

  function publish(): void {
    const next = status();
    const key = JSON.stringify(next);
    if (key === lastPublished) return;
    lastPublished = key;
    options.onStatus(next);
  }

  function setState(next: SyncStatus['state']): void {
    state = next;
    publish();
  }

  function trigger(reason: SyncTrigger): void {
    if (!started || stopped) return;
    if (reason === 'online' || reason === 'registered' || reason === 'manual' || reason === 'settings')
      skipOwnWait = true;
    if (running) {
      again = true;
      return;
    }
    running = run().finally(() => {
      running = undefined;
      schedule();
    });
  }

  async function run(): Promise<void> {
    do {
      again = false;
      try {
        await drain();
      } catch (error) {
        // A bug or a database failure must not kill the worker: log, wait, try again later.
        log.error('sync run failed', { error });
        failQueue({ code: 'internal', detail: (error as Error).message }, Date.now());
      }
    } while (again && !stopped);
  }

  async function drain(): Promise<void> {
    const config = options.config();
    if (config.endpointUrl === '') return setState('off');
    if (!online) return setState('offline');
    for (;;) {
      if (stopped) return;
      const now = Date.now();
      const skipping = skipOwnWait && !backoff.serverAsked;
      if (backoff.until > now && !skipping) return setState('waiting');
      skipOwnWait = false;
      // Skipping our own wait must cover the rows that wait for it too: a failed row's next attempt
      // is that same time, and without this "coming online" would find nothing due and wait on.
      const rows = dueOutbox(db, skipping ? Math.max(now, backoff.until) : now, batchSize);
      if (rows.length === 0) {
        // Rows whose own next_attempt_at is later (set by an earlier failure) count as waiting.
        return setState(outboxCounts(db).pending > 0 ? 'waiting' : 'idle');
      }
      setState('sending');
      const credentials = await options.credentials();
      const failure = await sendBatch(rows, config, credentials);
      if (failure) return setState('waiting');
    }
  }

  /** Sends a batch; returns the failure that stopped the queue, if any. */
  async function sendBatch(
    rows: OutboxRow[],
    config: { endpointUrl: string; requestTimeoutS: number },
    credentials: { token?: string; hmacKey?: string },
  ): Promise<Extract<DeliveryResult, { kind: 'retry' }> | undefined> {
    const delivery = options.delivery();
    const results = new Map<number, DeliveryResult>();
    let queueFailure: Extract<DeliveryResult, { kind: 'retry' }> | undefined;
    let next = 0;
    const lane = async () => {
      // Once the server has failed, send nothing new: what is in flight finishes, the rest waits.
      while (next < rows.length && !queueFailure && !stopped) {
        const row = rows[next++]!;
        const request: DeliveryRequest = {
          url: config.endpointUrl,
          body: row.payload,
          idempotencyKey: row.id,
          timeoutMs: config.requestTimeoutS * 1000,
          ...credentials,
        };
        const result = await delivery.send(request);
        results.set(row.seq, result);
        if (result.kind === 'retry') queueFailure ??= result;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, lane));

    const now = Date.now();
    if (queueFailure) failQueue(queueFailure, now);
    let delivered = 0;
    db.transaction(() => {
      for (const row of rows) {
        const result = results.get(row.seq);
        if (!result) continue;
        if (result.kind === 'delivered') {
          markDelivered(db, row.seq, now, result.status);
          delivered++;
        } else if (result.kind === 'rejected') {
          markParked(db, row.seq, { error: result.detail, status: result.status });
          log.warn('sync: the server refused a record; parked', {
            id: row.id,
            kind: row.kind,
            status: result.status,
            detail: result.detail,
          });
          backoff.lastError = { code: 'rejected', status: result.status, at: now };
        } else {
          markAttemptFailed(db, row.seq, {
            error: `${result.code}: ${result.detail}`,
            status: result.status ?? null,
            nextAttemptAt: backoff.until,
          });
        }
      }
    })();
    if (delivered > 0) backoff.lastDeliveredAt = now;
    if (!queueFailure && backoff.attempt > 0) {
      log.info('sync: the endpoint accepts records again', { after: backoff.attempt });
      backoff = { ...backoff, attempt: 0, until: 0, serverAsked: false };
      if (backoff.lastError?.code !== 'rejected') delete backoff.lastError;
    }
    saveBackoff();
    return queueFailure;
  }

  function failQueue(
    failure: { code: RetryCode; status?: number; retryAfterMs?: number; detail: string },
    now: number,
  ) {
    const attempt = backoff.attempt + 1;
    const serverAsked = failure.retryAfterMs !== undefined;
    const delay = serverAsked
      ? Math.min(failure.retryAfterMs!, MAX_RETRY_AFTER_MS)
      : fullJitterDelay(attempt, policy, random);
    backoff = {
      ...backoff,
      attempt,
      until: now + delay,
      serverAsked,
      lastError: { code: failure.code, ...(failure.status ? { status: failure.status } : {}), at: now },
    };
    saveBackoff();
    log.warn('sync: endpoint failed; waiting before the next try', {
      code: failure.code,
      status: failure.status,
      detail: failure.detail,
      attempt,
      delayMs: delay,
    });
  }

  /** The next run: when the wait ends, when a row becomes due, or the periodic timer. */
  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (stopped || !started) return;
    const now = Date.now();
    let at = now + options.config().intervalS * 1000;
    if (state === 'waiting') {
      let due: number | undefined;
      try {
        due = nextOutboxDueAt(db);
      } catch {
        due = undefined;
      }
      // The wait may already be over (a slow batch outlasted it): then run at once.
      at = Math.min(at, Math.max(now, backoff.until, due ?? 0));
    }
    timer = setTimeout(() => trigger('timer'), Math.max(0, at - now));
    timer.unref?.();
  }

  return {
    start() {
      if (started) return;
      started = true;
      publish();
      trigger('startup');
    },
    trigger,
    setOnline(next) {
      if (online === next) return;
      online = next;
      if (next) trigger('online');
      else if (!running) setState(options.config().endpointUrl === '' ? 'off' : 'offline');
    },
    retryFailed() {
      const count = requeueParked(db, Date.now());
      if (backoff.lastError?.code === 'rejected') delete backoff.lastError;
      saveBackoff();
      publish();
      trigger('manual');
      return count;
    },
    status,
    idle: async () => {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      while (running) await running;
    },
  };
}
