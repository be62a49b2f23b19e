import { join } from 'node:path';
import type { CorePorts } from '../../src/main/core/ports.ts';
import type { Logger } from '../../src/main/core/log/logger.ts';
import { createDevFileCipher } from '../../src/main/core/secrets/dev-file-cipher.ts';

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
    notifier: { notify: (notification) => log.info('notification', notification) },
    system: {
      onResume: () => () => undefined,
      onUnlock: () => () => undefined,
      onOnlineChange: () => () => undefined,
    },
    // The harness never launches programs on the developer's machine; it records the request.
    openExternal: async (url) => log.info('openExternal (harness: not opened)', { url }),
  };
}
