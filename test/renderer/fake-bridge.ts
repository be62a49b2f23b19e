import { vi } from 'vitest';
import type { EventChannel, RequestChannel } from '../../src/shared/ipc/channels.ts';
import type { HotlineBridge } from '../../src/shared/ipc/bridge.ts';
import type { IpcResult } from '../../src/shared/ipc/errors.ts';

// An in-memory window.hotline for component tests: each channel answers from a handler the test
// gives; events can be pushed as main would. (The real transport is covered by e2e tests.)
export type FakeHandlers = Partial<
  Record<RequestChannel, (request: unknown) => IpcResult<unknown> | Promise<IpcResult<unknown>>>
>;

export function installFakeBridge(handlers: FakeHandlers) {
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  const invoke = vi.fn(async (channel: RequestChannel, request: unknown) => {
    const handler = handlers[channel];
    if (!handler)
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } } as IpcResult<unknown>;
    return handler(request);
  });
  const bridge: HotlineBridge = {
    invoke,
    on(channel, listener) {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => set.delete(listener);
    },
  };
  window.hotline = bridge;
  return {
    invoke,
    emit(channel: EventChannel, payload: unknown) {
      for (const listener of listeners.get(channel) ?? []) listener(payload);
    },
  };
}

export const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });

/** What the whole App asks for as it starts, answered empty: spread into a test's own handlers. */
export const APP_START_HANDLERS: FakeHandlers = {
  'call:list': () => ok({ calls: [] }),
  'calllog:list': () => ok({ rows: [], total: 0, nextCursor: null }),
  'callbacks:list': () => ok({ callbacks: [] }),
  'requests:list': () => ok({ requests: [] }),
  'wrapup:drafts': () => ok({ drafts: [] }),
};
