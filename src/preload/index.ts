import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  EVENT_CHANNELS,
  REQUEST_CHANNELS,
  type EventChannel,
  type RequestChannel,
} from '../shared/ipc/channels.ts';

// The only bridge between the page and main: `window.hotline.invoke` for allowlisted requests and
// `window.hotline.on` for allowlisted events. No raw ipcRenderer, nothing else.

const requests = new Set<string>(REQUEST_CHANNELS);
const events = new Set<string>(EVENT_CHANNELS);

contextBridge.exposeInMainWorld('hotline', {
  invoke(channel: RequestChannel, request: unknown) {
    if (!requests.has(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown channel' } });
    }
    return ipcRenderer.invoke(channel, request);
  },
  on(channel: EventChannel, listener: (payload: unknown) => void) {
    if (!events.has(channel)) throw new Error(`Unknown event channel: ${String(channel)}`);
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
});
