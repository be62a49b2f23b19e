import type { UiLanguage } from '../../../shared/model/settings.ts';
import { mainText, type MainStringKey } from '../i18n/main-strings.ts';

// Hotline's application menu (pure; src/main/electron/app-menu.ts hands it to Electron). Set
// explicitly so Electron's default menu, with Reload and DevTools, never appears: a reload takes
// the page that carries the calls' audio, and DevTools shows callers' numbers. A packaged build has
// neither; development keeps both. Every item is one of Electron's roles (the OS does the work);
// the labels are ours, in the operator's language. Quit goes through app.quit(), so it asks first
// during a call like every other way to quit (core/shell/quit-policy.ts).

/** The Electron menu roles Hotline uses (the glue checks each is a role Electron knows). */
export type AppMenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'delete'
  | 'selectAll'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'zoom'
  | 'close'
  | 'front';

export type AppMenuItem =
  | { type: 'separator' }
  | { type: 'role'; role: AppMenuRole; label: string }
  | { type: 'submenu'; label: string; submenu: AppMenuItem[] };

export interface AppMenuInput {
  language: UiLanguage;
  platform: string;
  /** app.isPackaged: no reload, no DevTools. */
  packaged: boolean;
}

const SEPARATOR = { type: 'separator' } as const;

export function appMenuTemplate(input: AppMenuInput): AppMenuItem[] {
  const text = (key: MainStringKey) => mainText(input.language, key);
  const item = (role: AppMenuRole, key: MainStringKey): AppMenuItem => ({
    type: 'role',
    role,
    label: text(key),
  });
  const submenu = (key: MainStringKey, items: AppMenuItem[]): AppMenuItem => ({
    type: 'submenu',
    label: text(key),
    submenu: items,
  });
  const mac = input.platform === 'darwin';

  const edit = submenu('menu.edit', [
    item('undo', 'menu.edit.undo'),
    item('redo', 'menu.edit.redo'),
    SEPARATOR,
    item('cut', 'menu.edit.cut'),
    item('copy', 'menu.edit.copy'),
    item('paste', 'menu.edit.paste'),
    item('delete', 'menu.edit.delete'),
    SEPARATOR,
    item('selectAll', 'menu.edit.selectAll'),
  ]);
  const development: AppMenuItem[] = input.packaged
    ? []
    : [
        item('reload', 'menu.view.reload'),
        item('forceReload', 'menu.view.forceReload'),
        item('toggleDevTools', 'menu.view.devTools'),
        SEPARATOR,
      ];
  const view = submenu('menu.view', [
    ...development,
    item('resetZoom', 'menu.view.resetZoom'),
    item('zoomIn', 'menu.view.zoomIn'),
    item('zoomOut', 'menu.view.zoomOut'),
    SEPARATOR,
    item('togglefullscreen', 'menu.view.fullScreen'),
  ]);
  const window = submenu(
    'menu.window',
    mac
      ? [
          item('minimize', 'menu.window.minimize'),
          item('zoom', 'menu.window.zoom'),
          item('close', 'menu.window.close'),
          SEPARATOR,
          item('front', 'menu.window.front'),
        ]
      : [item('minimize', 'menu.window.minimize'), item('close', 'menu.window.close')],
  );

  if (!mac) return [submenu('menu.file', [item('quit', 'menu.app.quit')]), edit, view, window];
  // macOS: the first menu is the application's own, titled with its name by the OS.
  const application: AppMenuItem = {
    type: 'submenu',
    label: 'Hotline',
    submenu: [
      item('about', 'menu.app.about'),
      SEPARATOR,
      item('services', 'menu.app.services'),
      SEPARATOR,
      item('hide', 'menu.app.hide'),
      item('hideOthers', 'menu.app.hideOthers'),
      item('unhide', 'menu.app.unhide'),
      SEPARATOR,
      item('quit', 'menu.app.quit'),
    ],
  };
  return [application, edit, view, window];
}

/** Every role in a template, depth first (for tests and checks). */
export function rolesOf(items: readonly AppMenuItem[]): AppMenuRole[] {
  return items.flatMap((entry) =>
    entry.type === 'role' ? [entry.role] : entry.type === 'submenu' ? rolesOf(entry.submenu) : [],
  );
}
