import {
  MediaMethodSchemas,
  type MediaMethod,
  type MediaParams,
  type MediaReport,
  type MediaRequestEvent,
  type MediaRespond,
  type MediaResult,
} from '../../../shared/ipc/media.ts';
import { AppError } from '../app-error.ts';
import type { Logger } from '../log/logger.ts';

// Request/response over IPC to the renderer's media engine: ids, timeouts, and "the renderer is
// gone" — which fails every pending request at once so calls end cleanly instead of hanging.

export type HostGoneReason = 'renderer-crashed' | 'renderer-reloaded' | 'renderer-closed' | 'disconnected';

export interface MediaBridge {
  call<M extends MediaMethod>(method: M, params: MediaParams<M>, timeoutMs?: number): Promise<MediaResult<M>>;
  /** From the renderer: the answer to a request (`media:respond`). */
  respond(message: MediaRespond): void;
  /** From the renderer: something happened to media (`media:report`). */
  report(report: MediaReport): void;
  /** The transport says the media host is gone. */
  hostGone(reason: HostGoneReason): void;
  isHostReady(): boolean;
  onReport(listener: (report: MediaReport) => void): () => void;
  onHostGone(listener: (reason: HostGoneReason) => void): () => void;
  pendingCount(): number;
}

interface Pending {
  method: MediaMethod;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export function createMediaBridge(options: {
  send: (request: MediaRequestEvent) => void;
  log: Logger;
  defaultTimeoutMs?: number;
}): MediaBridge {
  const { log } = options;
  const pending = new Map<number, Pending>();
  const reportListeners = new Set<(report: MediaReport) => void>();
  const goneListeners = new Set<(reason: HostGoneReason) => void>();
  let nextId = 1;
  let hostReady = false;

  return {
    call(method, params, timeoutMs = options.defaultTimeoutMs ?? 10_000) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          log.warn('media request timed out', { method, id, timeoutMs });
          reject(new AppError('TIMEOUT', `Media engine did not answer ${method} within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, { method, resolve: resolve as (value: unknown) => void, reject, timer });
        try {
          options.send({ id, method, params });
        } catch (error) {
          clearTimeout(timer);
          pending.delete(id);
          reject(new AppError('DISCONNECTED', `Media engine unreachable: ${(error as Error).message}`));
        }
      });
    },
    respond(message) {
      const entry = pending.get(message.id);
      if (!entry) {
        log.warn('media response for an unknown or expired request', { id: message.id });
        return;
      }
      pending.delete(message.id);
      clearTimeout(entry.timer);
      if (!message.ok) {
        entry.reject(new AppError('INTERNAL', `Media engine failed ${entry.method}: ${message.error}`));
        return;
      }
      const parsed = MediaMethodSchemas[entry.method].result.safeParse(message.value);
      if (!parsed.success) {
        log.error('media response breaks the contract', {
          method: entry.method,
          issues: parsed.error.issues,
        });
        entry.reject(new AppError('INTERNAL', `Malformed media response to ${entry.method}`));
        return;
      }
      entry.resolve(parsed.data);
    },
    report(report) {
      if (report.kind === 'ready') hostReady = true;
      for (const listener of reportListeners) listener(report);
    },
    hostGone(reason) {
      if (!hostReady && pending.size === 0) return;
      hostReady = false;
      log.warn('media host gone', { reason, pending: pending.size });
      for (const [id, entry] of pending) {
        clearTimeout(entry.timer);
        entry.reject(new AppError('DISCONNECTED', `Media engine gone (${reason})`));
        pending.delete(id);
      }
      for (const listener of goneListeners) listener(reason);
    },
    isHostReady: () => hostReady,
    onReport(listener) {
      reportListeners.add(listener);
      return () => reportListeners.delete(listener);
    },
    onHostGone(listener) {
      goneListeners.add(listener);
      return () => goneListeners.delete(listener);
    },
    pendingCount: () => pending.size,
  };
}
