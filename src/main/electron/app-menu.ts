import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import type { UiLanguage } from '../../shared/model/settings.ts';
import { appMenuTemplate, type AppMenuItem, type AppMenuRole } from '../core/shell/app-menu.ts';

// Hands core/shell/app-menu.ts's template to Electron, again when the operator's language changes;
// nothing is decided here.

// A role Hotline names that Electron does not know fails to compile here.
const asRole = (role: AppMenuRole): NonNullable<MenuItemConstructorOptions['role']> => role;

function toOptions(item: AppMenuItem): MenuItemConstructorOptions {
  if (item.type === 'separator') return { type: 'separator' };
  if (item.type === 'role') return { role: asRole(item.role), label: item.label };
  return { label: item.label, submenu: item.submenu.map(toOptions) };
}

export interface AppMenuOptions {
  language: () => UiLanguage;
  /** The settings changed (the language may have). */
  onSettingsChange: (listener: () => void) => unknown;
}

export function installAppMenu(options: AppMenuOptions): void {
  let shown: UiLanguage | undefined;
  const show = () => {
    const language = options.language();
    if (language === shown) return;
    shown = language;
    const template = appMenuTemplate({ language, platform: process.platform, packaged: app.isPackaged });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template.map(toOptions)));
  };
  show();
  options.onSettingsChange(show);
}
