import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { CorePorts, GlobalShortcuts } from '../../src/main/core/ports.ts';
import type { Logger } from '../../src/main/core/log/logger.ts';
import { createDevFileCipher } from '../../src/main/core/secrets/dev-file-cipher.ts';

/**
 * Global shortcuts under Node: nothing is taken from the system; the registrations are recorded so
 * a test can press one (`press`). `taken` plays another program holding some keys (register then
 * answers false, as Electron's globalShortcut does).
 */
export interface RecordingGlobalShortcuts extends GlobalShortcuts {
  /** The accelerators registered now, in order. */
  registered(): string[];
  /** Calls the function registered for the accelerator; false when none is. */
  press(accelerator: string): boolean;
  /** How many times everything was unregistered (each re-registration starts with it). */
  readonly unregisterCount: number;
}

export function createRecordingGlobalShortcuts(taken: readonly string[] = []): RecordingGlobalShortcuts {
  const registrations = new Map<string, () => void>();
  let unregisterCount = 0;
  return {
    register(accelerator, fn) {
      if (taken.includes(accelerator) || registrations.has(accelerator)) return false;
      registrations.set(accelerator, fn);
      return true;
    },
    unregisterAll() {
      registrations.clear();
      unregisterCount += 1;
    },
    registered: () => [...registrations.keys()],
    press(accelerator) {
      const fn = registrations.get(accelerator);
      fn?.();
      return fn !== undefined;
    },
    get unregisterCount() {
      return unregisterCount;
    },
  };
}

/**
 * DEV ONLY: the ports for the core under plain Node (browser harness, tests). Secrets use the
 * dev-only file cipher; notifications are logged (the page shows its own); Node has no power or
 * screen-lock events, so those never fire here — tests drive the supervisor directly instead.
 */
export function createNodePorts(
  dataDir: string,
  log: Logger,
): CorePorts & { openExternal(url: string): Promise<void> } {
  return {
    secrets: createDevFileCipher(join(dataDir, 'dev-secret.key')),
    notifier: {
      inPage: true,
      notify: ({ title, body, tag }) => log.info('notification', { title, body, tag }),
      withdraw: () => undefined,
    },
    globalShortcuts: createRecordingGlobalShortcuts(),
    system: {
      onResume: () => () => undefined,
      onUnlock: () => () => undefined,
      onOnlineChange: () => () => undefined,
    },
    // The harness never launches programs on the developer's machine; it records the request.
    openExternal: async (url) => log.info('openExternal (harness: not opened)', { url }),
    // No dialog under Node: exports go to dataDir/exports, where tests and the developer find them.
    chooseSavePath: async ({ defaultName }) => {
      const dir = join(dataDir, 'exports');
      await mkdir(dir, { recursive: true });
      return join(dir, basename(defaultName));
    },
  };
}
