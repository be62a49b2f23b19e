import { app, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { createCore, type Core } from './core/create-core.ts';
import { createLogger } from './core/log/logger.ts';
import { defaultManagedSettingsPath } from './core/settings/paths.ts';
import { APP_ORIGIN, originOf } from './electron/app-origin.ts';
import { createElectronLogSink } from './electron/electron-log-sink.ts';
import { installSecurity } from './electron/install-security.ts';
import { connectIpc } from './electron/ipc-adapter.ts';
import { createMainWindow } from './electron/main-window.ts';
import { registerAppScheme, serveRenderer } from './electron/protocol.ts';
import { createSafeStorageCipher } from './electron/safe-storage-cipher.ts';
import { createElectronNotifier, createElectronSystemEvents, openExternal } from './electron/system-ports.ts';

// Electron entry: the composition root only. Everything with logic lives in core/ (runs under Node)
// or in the small adapters in electron/.

const log = createLogger(createElectronLogSink(), 'hotline', app.isPackaged ? 'info' : 'debug');

app.enableSandbox();
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // A second Hotline would fight over the SIP registration and the database.
  app.quit();
} else {
  let core: Core | undefined;
  let mainWindow: BrowserWindow | undefined;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });

  app
    .whenReady()
    .then(() => {
      const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
      const trustedOrigins = [APP_ORIGIN, ...(devServerUrl ? [originOf(devServerUrl)!] : [])];
      installSecurity(trustedOrigins[trustedOrigins.length - 1]!, log.child('security'));
      serveRenderer(join(import.meta.dirname, '../renderer'));

      core = createCore({
        dataDir: app.getPath('userData'),
        managedSettingsFile: defaultManagedSettingsPath(),
        appInfo: {
          name: app.getName(),
          version: app.getVersion(),
          platform: process.platform,
          runtime: 'electron',
          versions: {
            electron: process.versions.electron ?? '',
            chrome: process.versions.chrome ?? '',
            node: process.versions.node,
          },
          systemLocale: () => app.getPreferredSystemLanguages()[0] ?? app.getLocale(),
        },
        ports: {
          secrets: createSafeStorageCipher(),
          notifier: createElectronNotifier(),
          system: createElectronSystemEvents(),
          openExternal,
        },
        log,
      });

      const ipc = connectIpc(core.router, core.events, trustedOrigins);
      void core.start();
      mainWindow = createMainWindow({
        preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
        url: devServerUrl ?? `${APP_ORIGIN}/index.html`,
        iconPath: join(import.meta.dirname, '../../resources/icon.png'),
      });
      ipc.addWindow(mainWindow.webContents);
      const contents = mainWindow.webContents;
      const media = core.media;
      // The window hosts call media: when its page dies or reloads, the calls' media is gone with it.
      contents.on('render-process-gone', (_event, details) => {
        log.error('renderer process gone', { reason: details.reason, exitCode: details.exitCode });
        media.hostGone('renderer-crashed');
      });
      contents.on('did-start-navigation', (details) => {
        if (details.isMainFrame && !details.isSameDocument) media.hostGone('renderer-reloaded');
      });
      contents.once('destroyed', () => media.hostGone('renderer-closed'));
      mainWindow.on('closed', () => (mainWindow = undefined));
    })
    .catch((error: unknown) => {
      log.error('start-up failed', { error });
      app.exit(1);
    });

  app.on('window-all-closed', () => app.quit());
  let closing = false;
  app.on('will-quit', (event) => {
    if (!core || closing) return;
    // Unregister and close the database before leaving; the OS would not wait for either.
    event.preventDefault();
    closing = true;
    void core.close().finally(() => app.quit());
  });
}
