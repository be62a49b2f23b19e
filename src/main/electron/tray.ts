import {
  app,
  Menu,
  nativeImage,
  Tray,
  type BrowserWindow,
  type MenuItemConstructorOptions,
  type NativeImage,
} from 'electron';
import type { ShellService, TrayView } from '../core/shell/shell-service.ts';
import { missedOverlayBitmap, trayIconBitmap } from '../core/shell/tray-icon.ts';
import type { TrayMenuItem, TrayVariant } from '../core/shell/tray-state.ts';

// The tray icon, its menu and the missed-call badge: drawing only. What to show comes from the
// core (core/shell/tray-state.ts: variant, tooltip, menu, badge), already in the UI language.
//
// Badge per platform: macOS — the dock badge and the tray title; Windows — an overlay on the taskbar
// button (with the count as its accessible description); Linux — the launcher count (Unity API,
// where the desktop has one). A missed call while the window is not focused flashes the taskbar
// button / bounces the dock icon until the operator comes back.

export interface AppTrayOptions {
  iconPath: string;
  shell: ShellService;
  window: () => BrowserWindow | undefined;
  showWindow: () => void;
  quit: () => void;
}

/** Tray sizes: 16 px at 1×, 32 px at 2× (Windows and macOS pick by the display's scale). */
const SIZES = [
  { size: 16, scaleFactor: 1 },
  { size: 32, scaleFactor: 2 },
] as const;

function drawn(base: NativeImage, paint: (bitmap: Uint8Array, size: number) => Uint8Array): NativeImage {
  const image = nativeImage.createEmpty();
  for (const { size, scaleFactor } of SIZES) {
    const bitmap = base.resize({ width: size, height: size, quality: 'best' }).toBitmap();
    // A bitmap of another layout than expected: the plain icon rather than garbage.
    const pixels = bitmap.length === size * size * 4 ? Buffer.from(paint(bitmap, size)) : bitmap;
    image.addRepresentation({ scaleFactor, width: size, height: size, buffer: pixels });
  }
  return image;
}

function menuOf(items: TrayMenuItem[], click: (id: string) => void): Menu {
  const toOptions = (item: TrayMenuItem): MenuItemConstructorOptions => {
    if (item.type === 'separator') return { type: 'separator' };
    if (item.type === 'submenu') return { label: item.label, submenu: (item.submenu ?? []).map(toOptions) };
    return {
      label: item.label,
      type: item.type === 'radio' ? 'radio' : 'normal',
      checked: item.checked ?? false,
      enabled: item.enabled ?? true,
      click: () => item.id && click(item.id),
    };
  };
  return Menu.buildFromTemplate(items.map(toOptions));
}

export function createAppTray(options: AppTrayOptions): { destroy(): void } {
  const { shell } = options;
  const base = nativeImage.createFromPath(options.iconPath);
  const icons = new Map<TrayVariant, NativeImage>();
  const iconOf = (variant: TrayVariant) => {
    let icon = icons.get(variant);
    if (!icon) {
      icon = drawn(base, (bitmap, size) => trayIconBitmap(bitmap, size, variant));
      icons.set(variant, icon);
    }
    return icon;
  };
  let overlay: NativeImage | undefined;
  const overlayIcon = () =>
    (overlay ??= drawn(nativeImage.createEmpty(), (_bitmap, size) => missedOverlayBitmap(size)));

  const onClick = (id: string) => {
    const command = shell.trayCommand(id);
    if (command?.kind === 'show') options.showWindow();
    else if (command?.kind === 'quit') options.quit();
  };

  let view = shell.tray();
  const tray = new Tray(iconOf(view.variant));
  // Windows and Linux: a click on the icon brings the window; the menu is on the right button.
  if (process.platform !== 'darwin') tray.on('click', () => options.showWindow());

  let shownVariant: TrayVariant | undefined = view.variant;
  const show = (next: TrayView) => {
    view = next;
    if (next.variant !== shownVariant) {
      tray.setImage(iconOf(next.variant));
      shownVariant = next.variant;
    }
    tray.setToolTip(next.tooltip);
    tray.setContextMenu(menuOf(next.menu, onClick));
    if (process.platform === 'darwin') {
      app.dock?.setBadge(next.badge);
      tray.setTitle(next.badge);
    } else if (process.platform === 'win32') {
      const win = options.window();
      if (win && !win.isDestroyed())
        win.setOverlayIcon(next.missedCalls > 0 ? overlayIcon() : null, next.missedText);
    } else {
      app.setBadgeCount(next.missedCalls);
    }
  };
  show(view);

  const unsubscribers = [
    shell.onTrayChange(show),
    shell.onMissedCall(() => {
      const win = options.window();
      if (!win || win.isDestroyed() || win.isFocused()) return;
      win.flashFrame(true);
      win.once('focus', () => win.flashFrame(false));
    }),
  ];

  return {
    destroy() {
      for (const unsubscribe of unsubscribers) unsubscribe();
      tray.destroy();
    },
  };
}
