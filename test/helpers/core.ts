import { join } from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../src/main/core/create-core.ts';
import { createLogger, memorySink } from '../../src/main/core/log/logger.ts';
import { createNodePorts } from '../../tools/harness/node-ports.ts';
import { makeTempDir } from './temp-dir.ts';

// The core as tests build it: under Node with the harness ports, a fresh data folder (or the one
// given), an in-memory log to read, no managed settings. The caller closes it (and removes the
// folder) through `dispose`, usually from an afterEach.

export interface TestCore {
  core: Core;
  dataDir: string;
  logs: ReturnType<typeof memorySink>['records'];
  dispose(): Promise<void>;
}

export function createTestCore(
  options: { dataDir?: string; systemLocale?: string } & Partial<Pick<CoreOptions, 'syncBackoff'>> = {},
): TestCore {
  const temp = options.dataDir ? undefined : makeTempDir();
  const dataDir = options.dataDir ?? temp!.path;
  const sink = memorySink();
  const log = createLogger(sink);
  const core = createCore({
    dataDir,
    managedSettingsFile: join(dataDir, 'managed-none.json'),
    appInfo: {
      name: 'Hotline',
      version: '0.1.0-test',
      platform: process.platform,
      runtime: 'harness',
      versions: {},
      systemLocale: () => options.systemLocale ?? 'en-US',
    },
    ports: createNodePorts(dataDir, log),
    log,
    ...(options.syncBackoff ? { syncBackoff: options.syncBackoff } : {}),
  });
  let disposed = false;
  return {
    core,
    dataDir,
    logs: sink.records,
    async dispose() {
      if (disposed) return;
      disposed = true;
      await core.close();
      temp?.cleanup();
    },
  };
}
