import { spawnSync } from 'node:child_process';
import { reexecInNetworkNamespace } from '../netns.ts';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

// `npm test`: every test a fresh clone can run (unit, renderer components, end-to-end in Chromium,
// and the real-PBX integration suites). Runs inside a private network namespace when it can (root,
// as in CI), so Chromium, the PBX and the harness only ever see loopback. Ends with the totals as
// one plain line, `N passed, N failed`, which is what CI reads.
//
// Two stages: the fast suites (unit, renderer) first, then the ones with real timing — Chromium and
// the PBX (e2e, pbx). Run together, the crash test's sixty child processes and the 50,000-row exports
// starve the PBX suites of CPU on a 2-core machine, and a SIP timer that fires late is a failure
// that says nothing about Hotline.
//
//   npm test                      everything
//   npm test -- --project unit    one vitest project (unit | renderer | e2e | pbx), in one stage

const args = process.argv.slice(2);
reexecInNetworkNamespace();
mkdirSync(resolve('.tmp'), { recursive: true });
const vitest = resolve('node_modules/vitest/vitest.mjs');

interface Totals {
  passed: number;
  failed: number;
  skipped: number;
  ok: boolean;
}

function stage(name: string, stageArgs: string[]): Totals {
  const report = resolve(`.tmp/vitest-report-${name}.json`);
  rmSync(report, { force: true });
  const run = spawnSync(
    process.execPath,
    [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...stageArgs],
    { stdio: 'inherit', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } },
  );
  if (!existsSync(report)) return { passed: 0, failed: 1, skipped: 0, ok: false };
  const data = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults: Array<{ status: string; assertionResults: unknown[] }>;
  };
  // A test file that fails to load has no test results of its own: count it as a failure.
  const brokenFiles = data.testResults.filter(
    (f) => f.status === 'failed' && f.assertionResults.length === 0,
  ).length;
  return {
    passed: data.numPassedTests,
    failed: data.numFailedTests + brokenFiles,
    skipped: data.numPendingTests + data.numTodoTests,
    ok: run.status === 0,
  };
}

const stages: Array<[string, string[]]> =
  args.length > 0
    ? [['custom', args]]
    : [
        ['fast', ['--project', 'unit', '--project', 'renderer']],
        ['live', ['--project', 'e2e', '--project', 'pbx']],
      ];
const totals = stages.map(([name, stageArgs]) => stage(name, stageArgs));
const passed = totals.reduce((n, t) => n + t.passed, 0);
const failed = totals.reduce((n, t) => n + t.failed, 0);
const skipped = totals.reduce((n, t) => n + t.skipped, 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(totals.every((t) => t.ok) && failed === 0 && passed > 0 ? 0 : 1);
