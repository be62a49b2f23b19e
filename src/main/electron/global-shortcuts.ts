import { globalShortcut } from 'electron';
import type { GlobalShortcuts } from '../core/ports.ts';

/**
 * The GlobalShortcuts port on Electron's `globalShortcut` (usable only once the app is ready; the
 * core registers from `start()`). `register` answers false when another program holds the keys
 * (Windows, Linux/X11); macOS may accept silently and never call back, which nobody can detect.
 */
export function createElectronGlobalShortcuts(): GlobalShortcuts {
  return {
    register: (accelerator, fn) => globalShortcut.register(accelerator, fn),
    unregisterAll: () => globalShortcut.unregisterAll(),
  };
}
