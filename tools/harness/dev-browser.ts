import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { consoleSink, createLogger } from '../../src/main/core/log/logger.ts';
import { guardUnhandledRejections } from '../../src/main/core/process/unhandled-rejection.ts';
import { buildRenderer } from './build-renderer.ts';
import { startHarness } from './server.ts';

// `npm run dev:browser`: the whole app in a Chromium tab, against the core under Node.
//   --port N         fixed port (default 5174; 0 = any free port)
//   --data DIR       data folder (default .tmp/harness-data; delete it to start fresh)
//   --no-watch       build once instead of rebuilding the renderer on change
// HOTLINE_MANAGED_SETTINGS points at a managed settings file to try IT's locking.

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5174' },
    data: { type: 'string', default: '.tmp/harness-data' },
    'no-watch': { type: 'boolean', default: false },
  },
});

const log = createLogger(consoleSink, 'harness', 'info');
guardUnhandledRejections(log.child('process'));
const staticDir = await buildRenderer({ watch: !values['no-watch'] });
const harness = await startHarness({
  dataDir: resolve(values.data),
  managedSettingsFile: process.env.HOTLINE_MANAGED_SETTINGS ?? resolve(values.data, 'managed-settings.json'),
  staticDir,
  port: Number(values.port),
  log,
});

console.log(
  `\nHotline (browser harness) is running. Open this address in Chromium:\n\n  ${harness.pageUrl}\n`,
);
console.log('The token in the address is what lets the page talk to the core; keep it to yourself.');

const stop = async () => {
  await harness.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
