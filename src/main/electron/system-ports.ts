import { Notification, net, powerMonitor, shell } from 'electron';
import type { Notifier, SystemEvents } from '../core/ports.ts';

/**
 * OS notifications. Shown ones are kept by tag: Electron garbage-collects a Notification nobody holds
 * (its click and action events then never arrive), and an incoming call's must be taken down when the
 * call stops ringing. Buttons exist on macOS; elsewhere a click brings the window forward.
 */
export function createElectronNotifier(focusWindow: () => void): Notifier {
  const shown = new Map<string, Notification>();
  return {
    notify({ title, body, tag, actions, onAction, onClick }) {
      if (!Notification.isSupported()) return;
      const notification = new Notification({
        title,
        body,
        silent: true,
        actions: (actions ?? []).map((action) => ({ type: 'button' as const, text: action.label })),
      });
      notification.on('click', () => {
        focusWindow();
        onClick?.();
      });
      notification.on('action', (_event, index) => {
        const action = actions?.[index];
        if (action) onAction?.(action.id);
      });
      if (tag) {
        shown.get(tag)?.close();
        shown.set(tag, notification);
        notification.on('close', () => {
          if (shown.get(tag) === notification) shown.delete(tag);
        });
      }
      notification.show();
    },
    withdraw(tag) {
      shown.get(tag)?.close();
      shown.delete(tag);
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
