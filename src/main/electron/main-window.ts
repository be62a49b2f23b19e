import { app, BrowserWindow } from 'electron';
import { createWebPreferences } from './web-preferences.ts';

export interface MainWindowOptions {
  preloadPath: string;
  url: string;
  iconPath: string;
}

/** The operator's window. It hosts call media too, so it is never throttled in the background. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Hotline',
    icon: options.iconPath,
    backgroundColor: '#f8f9fa',
    webPreferences: createWebPreferences({
      preloadPath: options.preloadPath,
      hostsMedia: true,
      packaged: app.isPackaged,
    }),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.url);
  return window;
}
