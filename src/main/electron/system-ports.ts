import { Notification, net, powerMonitor, shell } from 'electron';
import type { Notifier, SystemEvents } from '../core/ports.ts';

export function createElectronNotifier(): Notifier {
  return {
    notify({ title, body }) {
      if (Notification.isSupported()) new Notification({ title, body, silent: true }).show();
    },
  };
}

/** Power resume, screen unlock and online changes (polled: Electron has no online event in main). */
export function createElectronSystemEvents(pollMs = 5000): SystemEvents {
  return {
    onResume(listener) {
      powerMonitor.on('resume', listener);
      return () => powerMonitor.off('resume', listener);
    },
    onUnlock(listener) {
      powerMonitor.on('unlock-screen', listener);
      return () => powerMonitor.off('unlock-screen', listener);
    },
    onOnlineChange(listener) {
      let online = net.isOnline();
      const timer = setInterval(() => {
        const now = net.isOnline();
        if (now !== online) listener((online = now));
      }, pollMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}

export const openExternal = (url: string): Promise<void> => shell.openExternal(url);
