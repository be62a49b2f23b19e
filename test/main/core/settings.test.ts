import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSettingsService } from '../../../src/main/core/settings/settings-service.ts';
import { defaultManagedSettingsPath } from '../../../src/main/core/settings/paths.ts';
import { createLogger, memorySink } from '../../../src/main/core/log/logger.ts';
import { DEFAULT_SETTINGS } from '../../../src/shared/model/settings.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { type AppError } from '../../../src/main/core/app-error.ts';

let dir: ReturnType<typeof makeTempDir>;
let userFile: string;
let managedFile: string;
const sink = memorySink();
const log = createLogger(sink);
const service = () => createSettingsService({ userFile, managedFile, log });

beforeEach(() => {
  dir = makeTempDir();
  userFile = join(dir.path, 'settings.json');
  managedFile = join(dir.path, 'managed-settings.json');
  sink.records.length = 0;
});
afterEach(() => dir.cleanup());

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected an error');
}

describe('settings', () => {
  it('starts from the built-in defaults when no file exists, and creates no file until a change', () => {
    const s = service();
    expect(s.view()).toEqual({ settings: DEFAULT_SETTINGS, locked: [], problems: [] });
    expect(existsSync(userFile)).toBe(false);
  });

  it('saves an update and reads it back after a restart', () => {
    service().update({
      language: 'en',
      account: { wssUrl: 'wss://pbx.example.com:8089/ws', sipUri: 'sip:101@pbx.example.com' },
    });
    const again = service().get();
    expect(again.language).toBe('en');
    expect(again.account.wssUrl).toBe('wss://pbx.example.com:8089/ws');
    expect(again.account.registerExpires).toBe(600);
  });

  it('rejects invalid values with VALIDATION and field paths, and writes nothing', () => {
    const s = service();
    const error = thrown(() =>
      s.update({ account: { wssUrl: 'http://pbx.example.com', sipUri: '101', registerExpires: 10 } }),
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.issues?.map((i) => i.path).sort()).toEqual([
      'account.registerExpires',
      'account.sipUri',
      'account.wssUrl',
    ]);
    expect(existsSync(userFile)).toBe(false);
  });

  it('allows ws:// only on loopback (the local test PBX); wss:// anywhere', () => {
    const s = service();
    expect(() => s.update({ account: { wssUrl: 'ws://127.0.0.1:8080' } })).not.toThrow();
    expect(thrown(() => s.update({ account: { wssUrl: 'ws://pbx.example.com:8080' } })).code).toBe(
      'VALIDATION',
    );
  });

  it('layers: defaults < managed defaults < user < managed enforced, and reports locked keys', () => {
    writeFileSync(
      managedFile,
      JSON.stringify({
        defaults: { language: 'ru', account: { wssUrl: 'wss://sbc.corp.local/ws', registerExpires: 300 } },
        enforced: { account: { wssUrl: 'wss://sbc.corp.local/ws' } },
      }),
    );
    writeFileSync(
      userFile,
      JSON.stringify({ language: 'en', account: { wssUrl: 'wss://other/ws', displayName: 'Анна' } }),
    );
    const view = service().view();
    expect(view.settings.language).toBe('en'); // user beats managed defaults
    expect(view.settings.account.registerExpires).toBe(300); // managed default beats built-in
    expect(view.settings.account.wssUrl).toBe('wss://sbc.corp.local/ws'); // enforced beats user
    expect(view.settings.account.displayName).toBe('Анна');
    expect(view.locked).toEqual(['account.wssUrl']);
  });

  it('refuses to change a locked key with LOCKED, leaving the user file as it was', () => {
    writeFileSync(managedFile, JSON.stringify({ enforced: { language: 'ru' } }));
    writeFileSync(userFile, '{"language":"en"}');
    const s = service();
    const error = thrown(() => s.update({ language: 'en', account: { displayName: 'x' } }));
    expect(error.code).toBe('LOCKED');
    expect(error.issues).toEqual([{ path: 'language', message: 'locked' }]);
    expect(readFileSync(userFile, 'utf8')).toBe('{"language":"en"}');
    expect(s.get().account.displayName).toBe('');
  });

  it('a corrupt user file: names the file, falls back to defaults, does not overwrite it', () => {
    writeFileSync(userFile, '{"language": "en", oops');
    const s = service();
    const view = s.view();
    expect(view.settings).toEqual(DEFAULT_SETTINGS);
    expect(view.problems).toEqual([
      expect.objectContaining({ kind: 'not-json', file: userFile, source: 'user' }),
    ]);
    expect(readFileSync(userFile, 'utf8')).toBe('{"language": "en", oops');
    expect(sink.records.some((r) => r.level === 'warn' && JSON.stringify(r.data).includes(userFile))).toBe(
      true,
    );
  });

  it('a corrupt user file is moved aside (never deleted) when the operator saves', () => {
    writeFileSync(userFile, 'not json at all');
    const s = service();
    s.update({ language: 'en' });
    const aside = readdirSync(dir.path).filter((f) => f.startsWith('settings.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir.path, aside[0]!), 'utf8')).toBe('not json at all');
    expect(JSON.parse(readFileSync(userFile, 'utf8'))).toEqual({ language: 'en' });
    expect(s.view().problems).toEqual([]);
  });

  it('an invalid value costs only that value; unknown keys are reported and kept on save', () => {
    writeFileSync(
      userFile,
      JSON.stringify({
        language: 'klingon',
        account: { displayName: 'Оператор 7', registerExpires: 'soon' },
        future: { x: 1 },
      }),
    );
    const s = service();
    const view = s.view();
    expect(view.settings.language).toBe('system');
    expect(view.settings.account.displayName).toBe('Оператор 7');
    expect(view.settings.account.registerExpires).toBe(600);
    expect(view.problems.map((p) => `${p.kind}:${p.key}`).sort()).toEqual([
      'invalid-value:account.registerExpires',
      'invalid-value:language',
      'unknown-key:future',
    ]);
    s.update({ language: 'ru' });
    const saved = JSON.parse(readFileSync(userFile, 'utf8'));
    expect(saved.future).toEqual({ x: 1 });
    expect(saved.language).toBe('ru');
  });

  it('a corrupt managed file: names it, ignores it (safe defaults), the user layer still applies', () => {
    writeFileSync(managedFile, '{ enforced: ');
    writeFileSync(userFile, '{"language":"en"}');
    const view = service().view();
    expect(view.settings.language).toBe('en');
    expect(view.locked).toEqual([]);
    expect(view.problems).toEqual([
      expect.objectContaining({ kind: 'not-json', file: managedFile, source: 'managed' }),
    ]);
  });

  it('a managed file with an unexpected shape is reported, not half-applied', () => {
    writeFileSync(managedFile, JSON.stringify({ language: 'ru' }));
    const view = service().view();
    expect(view.settings.language).toBe('system');
    expect(view.problems[0]).toMatchObject({ source: 'managed', file: managedFile });
  });

  it('an invalid enforced value is reported and not locked', () => {
    writeFileSync(managedFile, JSON.stringify({ enforced: { account: { wssUrl: 'ftp://x' } } }));
    const view = service().view();
    expect(view.locked).toEqual([]);
    expect(view.problems).toEqual([
      expect.objectContaining({ kind: 'invalid-value', key: 'account.wssUrl', source: 'managed' }),
    ]);
  });

  it('an unreadable user file is reported by name', () => {
    // A folder where the file should be: unreadable even for root (CI runs as root, so chmod won't do).
    mkdirSync(userFile);
    expect(service().view().problems[0]).toMatchObject({ kind: 'unreadable', file: userFile });
  });

  it('reads a file with a UTF-8 BOM (Notepad saves one)', () => {
    writeFileSync(userFile, '\uFEFF{"language":"ru"}');
    expect(service().get().language).toBe('ru');
  });

  it('notifies listeners on change, and reload picks up a new managed file', () => {
    const s = service();
    const seen: string[] = [];
    s.onChange((view) => seen.push(view.settings.language));
    s.update({ language: 'en' });
    writeFileSync(managedFile, JSON.stringify({ enforced: { language: 'ru' } }));
    s.reload();
    expect(seen).toEqual(['en', 'ru']);
  });

  it('check() throws like update() but writes nothing', () => {
    writeFileSync(managedFile, JSON.stringify({ enforced: { account: { sipUri: 'sip:1@x' } } }));
    const s = service();
    expect(thrown(() => s.check({ account: { sipUri: 'sip:2@x' } })).code).toBe('LOCKED');
    expect(() => s.check({ account: { displayName: 'ok' } })).not.toThrow();
    expect(existsSync(userFile)).toBe(false);
  });

  it('finds the managed file where IT expects it on each platform', () => {
    expect(defaultManagedSettingsPath('win32', { ProgramData: 'C:\\ProgramData' })).toMatch(
      /ProgramData.Hotline.managed-settings\.json$/,
    );
    expect(defaultManagedSettingsPath('darwin', {})).toBe(
      '/Library/Application Support/Hotline/managed-settings.json',
    );
    expect(defaultManagedSettingsPath('linux', {})).toBe('/etc/hotline/managed-settings.json');
    expect(defaultManagedSettingsPath('linux', { HOTLINE_MANAGED_SETTINGS: '/x.json' })).toBe('/x.json');
  });
});
