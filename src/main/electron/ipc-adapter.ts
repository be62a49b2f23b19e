import { ipcMain, type WebContents } from 'electron';
import { REQUEST_CHANNELS } from '../../shared/ipc/channels.ts';
import type { EventHub } from '../core/ipc/event-hub.ts';
import type { IpcRouter } from '../core/ipc/router.ts';
import { isTrustedSender } from './trusted-sender.ts';

/**
 * Connects the core's router to ipcMain (one handler per allowlisted channel) and its events to
 * every window we created. The sender check happens here, where Electron's facts are known; the
 * router does the rest (schemas, envelope).
 */
export function connectIpc(router: IpcRouter, events: EventHub, trustedOrigins: readonly string[]) {
  const windows = new Map<number, WebContents>();

  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      const frame = event.senderFrame;
      const trusted = isTrustedSender(
        { webContentsId: event.sender.id, frameUrl: frame?.url, isMainFrame: frame?.parent === null },
        new Set(windows.keys()),
        trustedOrigins,
      );
      return router.dispatch(channel, payload, {
        trusted,
        description: `webContents ${event.sender.id} ${frame?.url ?? ''}`,
      });
    });
  }

  const unsubscribe = events.subscribe((channel, payload) => {
    for (const contents of windows.values()) if (!contents.isDestroyed()) contents.send(channel, payload);
  });

  return {
    addWindow(contents: WebContents) {
      windows.set(contents.id, contents);
      contents.once('destroyed', () => windows.delete(contents.id));
    },
    dispose() {
      unsubscribe();
      for (const channel of REQUEST_CHANNELS) ipcMain.removeHandler(channel);
    },
  };
}
