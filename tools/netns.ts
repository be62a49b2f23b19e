import { spawnSync } from 'node:child_process';

/**
 * Re-runs this Node script inside a private network namespace with only loopback up, when it can
 * (root on Linux, as in CI): Chromium, the PBX and the harness then cannot reach anything else.
 * Returns only when already inside (or when a namespace is not possible); otherwise exits with the
 * inner run's status.
 */
export function reexecInNetworkNamespace(): void {
  if (process.env.HOTLINE_NO_NETNS === '1' || process.env.HOTLINE_IN_NETNS === '1') return;
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return;
  const probe = spawnSync('unshare', ['--net', '--', 'ip', 'link', 'set', 'lo', 'up'], { stdio: 'ignore' });
  if (probe.status !== 0) return;
  const inner = spawnSync(
    'unshare',
    [
      '--net',
      '--',
      'sh',
      '-c',
      'ip link set lo up && exec "$0" "$@"',
      process.execPath,
      ...process.execArgv,
      process.argv[1]!,
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit', env: { ...process.env, HOTLINE_IN_NETNS: '1' } },
  );
  process.exit(inner.status ?? 1);
}
