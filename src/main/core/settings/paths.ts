import { join } from 'node:path';

/**
 * Where IT puts the machine-wide managed settings file (the convention of Slack, Zoom, VS Code):
 * %ProgramData%\Hotline on Windows, /Library/Application Support/Hotline on macOS, /etc/hotline
 * elsewhere. HOTLINE_MANAGED_SETTINGS overrides it (tests, unusual deployments).
 */
export function defaultManagedSettingsPath(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (env.HOTLINE_MANAGED_SETTINGS) return env.HOTLINE_MANAGED_SETTINGS;
  if (platform === 'win32')
    return join(env.ProgramData ?? 'C:\\ProgramData', 'Hotline', 'managed-settings.json');
  if (platform === 'darwin') return '/Library/Application Support/Hotline/managed-settings.json';
  return '/etc/hotline/managed-settings.json';
}
