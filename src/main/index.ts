import { app, dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { isAppError } from './core/app-error.ts';
import { createCore, type Core } from './core/create-core.ts';
import { createLogger } from './core/log/logger.ts';
import { guardUnhandledRejections } from './core/process/unhandled-rejection.ts';
import { defaultManagedSettingsPath } from './core/settings/paths.ts';
import { APP_ORIGIN, originOf } from './electron/app-origin.ts';
import { createElectronLogSink } from './electron/electron-log-sink.ts';
import { installSecurity } from './electron/install-security.ts';
import { connectIpc } from './electron/ipc-adapter.ts';
import { createMainWindow } from './electron/main-window.ts';
import { registerAppScheme, serveRenderer } from './electron/protocol.ts';
import { createSafeStorageCipher } from './electron/safe-storage-cipher.ts';
import { createElectronNotifier, createElectronSystemEvents, openExternal } from './electron/system-ports.ts';
import { chooseSavePath } from './electron/save-dialog.ts';
import { createElectronGlobalShortcuts } from './electron/global-shortcuts.ts';
import { createAppTray } from './electron/tray.ts';
import { dialLinkInArgs } from '../shared/phone/dial-link.ts';
import { resolveUiLanguage, type UiLanguage } from '../shared/model/settings.ts';
import { mainText } from './core/i18n/main-strings.ts';
import { installAppMenu } from './electron/app-menu.ts';
import { installQuitHandling } from './electron/quit-handling.ts';

// Electron entry: the composition root only. Everything with logic lives in core/ (runs under Node)
// or in the small adapters in electron/.

const log = createLogger(createElectronLogSink(), 'hotline', app.isPackaged ? 'info' : 'debug');
const systemLocale = () => app.getPreferredSystemLanguages()[0] ?? app.getLocale();
guardUnhandledRejections(log.child('process'));

app.enableSandbox();
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // A second Hotline would fight over the SIP registration and the database.
  app.quit();
} else {
  let core: Core | undefined;
  let mainWindow: BrowserWindow | undefined;
  let tray: { destroy(): void } | undefined;
  /** The operator's language for what main shows itself (menus, dialogs). */
  const language = (): UiLanguage =>
    resolveUiLanguage(core?.settings.get().language ?? 'system', systemLocale());
  const showMainWindow = () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };

  // tel:/callto:/sip: links from other programs (declared in electron-builder.yml): macOS sends them
  // as open-url (also the one that started Hotline, before ready), Windows and Linux start a second
  // instance with the link among its arguments. The number goes to the dial field, never dialled.
  let linkBeforeStart: string | undefined = dialLinkInArgs(process.argv);
  const openLink = (link: string) => {
    if (!core) {
      linkBeforeStart = link;
      return;
    }
    showMainWindow();
    core.dialLinks.open(link);
  };
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openLink(url);
  });

  app.on('second-instance', (_event, argv) => {
    showMainWindow();
    const link = dialLinkInArgs(argv);
    if (link) openLink(link);
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
          systemLocale,
        },
        ports: {
          secrets: createSafeStorageCipher(),
          notifier: createElectronNotifier(showMainWindow),
          system: createElectronSystemEvents(),
          globalShortcuts: createElectronGlobalShortcuts(),
          openExternal,
          chooseSavePath,
        },
        log,
      });

      const phone = core.phone;
      // Closing the window hides it to the tray; quitting asks first while a call is in progress.
      const quitHandling = installQuitHandling({
        calls: () => phone.list(),
        language,
        window: () => mainWindow,
        showWindow: showMainWindow,
        hasTray: () => tray !== undefined,
        log: log.child('quit'),
      });
      // Hotline's own menu, never Electron's default (which has Reload and DevTools in a shipped build).
      const settings = core.settings;
      installAppMenu({ language, onSettingsChange: (listener) => settings.onChange(listener) });

      const ipc = connectIpc(core.router, core.events, trustedOrigins);
      void core.start();
      mainWindow = createMainWindow({
        preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
        url: devServerUrl ?? `${APP_ORIGIN}/index.html`,
        iconPath: join(import.meta.dirname, '../../resources/icon.png'),
      });
      ipc.addWindow(mainWindow.webContents);
      quitHandling.watchWindow(mainWindow);
      // Tray icon and badge, and the "show Hotline" global shortcut (the rest of the shell is in core).
      tray = createAppTray({
        iconPath: join(import.meta.dirname, '../../resources/icon.png'),
        shell: core.shell,
        window: () => mainWindow,
        showWindow: showMainWindow,
        // Through before-quit, where the quit handling asks first during a call.
        quit: () => app.quit(),
      });
      core.shell.onShowRequested(showMainWindow);
      if (linkBeforeStart) openLink(linkBeforeStart);
      linkBeforeStart = undefined;
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
      // Said to the operator, not only logged: e.g. a database from a newer Hotline (left untouched).
      if (isAppError(error)) dialog.showErrorBox(mainText(language(), 'startup.failed'), error.message);
      app.exit(1);
    });

  // macOS: a click on the Dock icon brings back the window hidden by closing it.
  app.on('activate', showMainWindow);
  // Closing the window only hides it, so this comes once a quit or the end of the session closed it.
  app.on('window-all-closed', () => app.quit());
  let closing = false;
  app.on('will-quit', (event) => {
    if (!core || closing) return;
    // Unregister and close the database before leaving; the OS would not wait for either.
    event.preventDefault();
    closing = true;
    tray?.destroy();
    void core.close().finally(() => app.quit());
  });
}
