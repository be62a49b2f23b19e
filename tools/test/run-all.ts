import { spawnSync } from 'node:child_process';
import { reexecInNetworkNamespace } from '../netns.ts';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// `npm test`: every test a fresh clone can run (unit, renderer components, end-to-end in Chromium,
// and the real-PBX integration suites as they land). Runs inside a private network namespace when it
// can (root, as in CI), so Chromium, the PBX and the harness only ever see loopback. Ends with the
// totals as one plain line, `N passed, N failed`, which is what CI reads.
//
//   npm test                      everything
//   npm test -- --project unit    one vitest project (unit | renderer | e2e)
//   npm test -- test/main/core    a path filter, as with vitest

const args = process.argv.slice(2);
const report = resolve('.tmp/vitest-report.json');

reexecInNetworkNamespace();

mkdirSync(resolve('.tmp'), { recursive: true });
const vitest = resolve('node_modules/vitest/vitest.mjs');
const run = spawnSync(
  process.execPath,
  [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args],
  { stdio: 'inherit', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } },
);

let passed = 0;
let failed: number;
let skipped = 0;
if (existsSync(report)) {
  const data = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults: Array<{ status: string; assertionResults: unknown[] }>;
  };
  passed = data.numPassedTests;
  // A test file that fails to load has no test results of its own: count it as a failure.
  const brokenFiles = data.testResults.filter(
    (f) => f.status === 'failed' && f.assertionResults.length === 0,
  ).length;
  failed = data.numFailedTests + brokenFiles;
  skipped = data.numPendingTests + data.numTodoTests;
} else {
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(run.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
