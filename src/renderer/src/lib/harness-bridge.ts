import { EVENT_CHANNELS, isEventChannel, REQUEST_CHANNELS } from '../../../shared/ipc/channels.ts';
import type { EventChannel, RequestChannel } from '../../../shared/ipc/channels.ts';
import type { HotlineBridge } from '../../../shared/ipc/bridge.ts';
import type { IpcResult } from '../../../shared/ipc/errors.ts';

// DEVELOPMENT ONLY: the browser harness's stand-in for the Electron preload. It speaks the same
// contract to the core under Node over a loopback WebSocket guarded by a random token. In the app,
// window.hotline comes from the preload and this file is never loaded (and the CSP forbids the socket).

const TOKEN_KEY = 'hotline.harness.token';
const REQUEST_TIMEOUT_MS = 15_000;
/** Imports answer when the whole file is written: 200,000 contacts take most of a minute. */
const LONG_REQUESTS: Partial<Record<RequestChannel, number>> = {
  'contacts:import': 10 * 60_000,
  'kb:import': 10 * 60_000,
};

/** The token arrives once in the URL fragment (#token=…); it is kept for reloads and removed from the URL. */
function takeToken(): string | null {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const fromUrl = fragment.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    history.replaceState(null, '', location.pathname + location.search);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

interface Pending {
  resolve: (result: IpcResult<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}

export function installHarnessBridge(): boolean {
  const token = takeToken();
  if (!token) return false;
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ipc?token=${encodeURIComponent(token)}`;
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>(
    EVENT_CHANNELS.map((c) => [c, new Set()]),
  );
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let socket: WebSocket;
  let open: Promise<void>;

  const connect = (): void => {
    socket = new WebSocket(url);
    open = new Promise((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('error', () => reject(new Error('harness connection failed')), { once: true });
    });
    open.catch(() => undefined);
    socket.addEventListener('message', (message) => {
      const data = JSON.parse(String(message.data)) as
        { id: number; result: IpcResult<unknown> } | { event: string; payload: unknown };
      if ('id' in data) {
        const entry = pending.get(data.id);
        if (!entry) return;
        clearTimeout(entry.timer);
        pending.delete(data.id);
        entry.resolve(data.result);
      } else if (isEventChannel(data.event)) {
        for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
      }
    });
    socket.addEventListener('close', () => {
      for (const [id, entry] of pending) {
        clearTimeout(entry.timer);
        entry.resolve({
          ok: false,
          error: { code: 'DISCONNECTED', message: 'Connection to the core closed' },
        });
        pending.delete(id);
      }
      setTimeout(connect, 1000);
    });
  };
  connect();

  const bridge: HotlineBridge = {
    async invoke(channel: RequestChannel, request: unknown) {
      if (!(REQUEST_CHANNELS as readonly string[]).includes(channel)) {
        return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown channel' } };
      }
      try {
        await open;
      } catch {
        return { ok: false, error: { code: 'DISCONNECTED', message: 'No connection to the core' } };
      }
      const id = nextId++;
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve({ ok: false, error: { code: 'TIMEOUT', message: `${channel} timed out` } });
        }, LONG_REQUESTS[channel] ?? REQUEST_TIMEOUT_MS);
        pending.set(id, { resolve, timer });
        socket.send(JSON.stringify({ id, channel, payload: request }));
      });
    },
    on(channel, listener) {
      const set = listeners.get(channel);
      if (!set) throw new Error(`Unknown event channel ${channel}`);
      set.add(listener);
      return () => set.delete(listener);
    },
  };
  window.hotline = bridge;
  return true;
}
