import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  SettingsSchema,
  type Settings,
  type SettingsPatch,
  type SettingsProblem,
  type SettingsView,
} from '../../../shared/model/settings.ts';
import { ACCELERATOR_DUPLICATE, shortcutDuplicates } from '../../../shared/model/shortcuts.ts';
import { AppError } from '../app-error.ts';
import type { Logger } from '../log/logger.ts';
import { writeFileAtomic } from './atomic-file.ts';
import {
  getPath,
  isPlainObject,
  setPath,
  SETTINGS_LEAVES,
  unknownPaths,
  type Json,
  type JsonObject,
} from './leaves.ts';

// Layered settings: built-in defaults < the managed file's "defaults" < the user's file < the managed
// file's "enforced" (locked). Every layer is validated leaf by leaf on load; a broken file is
// reported by name and costs only what is broken, and the user's file is never overwritten before
// the operator changes something (a corrupt one is moved aside first, never deleted).

export interface SettingsServiceOptions {
  userFile: string;
  managedFile: string;
  log: Logger;
}

export interface SettingsService {
  view(): SettingsView;
  get(): Settings;
  update(patch: SettingsPatch): SettingsView;
  /** Throws what `update` would throw (LOCKED, VALIDATION) without changing anything. */
  check(patch: SettingsPatch): void;
  /** Re-reads both files (e.g. IT changed the managed file). */
  reload(): SettingsView;
  onChange(listener: (view: SettingsView) => void): () => void;
}

interface Layer {
  values: Map<string, unknown>;
  problems: SettingsProblem[];
}

interface UserSource extends Layer {
  /** What the file held, kept so that keys we do not know (a newer version's) survive a save. */
  raw: JsonObject;
  /** The file exists but is not usable JSON: move it aside before the first write. */
  corrupt: boolean;
}

type ReadResult =
  { kind: 'missing' } | { kind: 'ok'; value: unknown } | { kind: 'error'; problem: SettingsProblem };

function readJson(file: string, source: 'user' | 'managed'): ReadResult {
  if (!existsSync(file)) return { kind: 'missing' };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { kind: 'error', problem: { kind: 'unreadable', file, source, detail: (error as Error).message } };
  }
  try {
    return { kind: 'ok', value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (error) {
    return { kind: 'error', problem: { kind: 'not-json', file, source, detail: (error as Error).message } };
  }
}

/** Validates each known leaf of a raw object; invalid values are reported and left out. */
function validateLeaves(raw: JsonObject, file: string, source: 'user' | 'managed'): Layer {
  const values = new Map<string, unknown>();
  const problems: SettingsProblem[] = [];
  for (const [path, schema] of SETTINGS_LEAVES) {
    const { found, value } = getPath(raw, path);
    if (!found) continue;
    const parsed = schema.safeParse(value);
    if (parsed.success) values.set(path, parsed.data);
    else
      problems.push({
        kind: 'invalid-value',
        file,
        source,
        key: path,
        detail: parsed.error.issues[0]?.message ?? 'invalid',
      });
  }
  for (const path of unknownPaths(raw)) {
    problems.push({ kind: 'unknown-key', file, source, key: path, detail: 'not a Hotline setting' });
  }
  return { values, problems };
}

function loadUser(file: string): UserSource {
  const read = readJson(file, 'user');
  if (read.kind === 'missing') return { raw: {}, values: new Map(), problems: [], corrupt: false };
  if (read.kind === 'error') return { raw: {}, values: new Map(), problems: [read.problem], corrupt: true };
  if (!isPlainObject(read.value)) {
    const problem: SettingsProblem = {
      kind: 'not-json',
      file,
      source: 'user',
      detail: 'expected a JSON object',
    };
    return { raw: {}, values: new Map(), problems: [problem], corrupt: true };
  }
  return { raw: read.value, ...validateLeaves(read.value, file, 'user'), corrupt: false };
}

function loadManaged(file: string): { defaults: Layer; enforced: Layer; problems: SettingsProblem[] } {
  const empty = (): Layer => ({ values: new Map(), problems: [] });
  const read = readJson(file, 'managed');
  if (read.kind === 'missing') return { defaults: empty(), enforced: empty(), problems: [] };
  if (read.kind === 'error') return { defaults: empty(), enforced: empty(), problems: [read.problem] };
  const value = read.value;
  if (!isPlainObject(value) || Object.keys(value).some((k) => k !== 'defaults' && k !== 'enforced')) {
    const problem: SettingsProblem = {
      kind: 'not-json',
      file,
      source: 'managed',
      detail: 'expected an object with "defaults" and/or "enforced"',
    };
    return { defaults: empty(), enforced: empty(), problems: [problem] };
  }
  const section = (name: 'defaults' | 'enforced'): Layer =>
    isPlainObject(value[name]) ? validateLeaves(value[name], file, 'managed') : empty();
  const defaults = section('defaults');
  const enforced = section('enforced');
  return { defaults, enforced, problems: [...defaults.problems, ...enforced.problems] };
}

export function createSettingsService(options: SettingsServiceOptions): SettingsService {
  const { userFile, managedFile, log } = options;
  const listeners = new Set<(view: SettingsView) => void>();
  let user = loadUser(userFile);
  let managed = loadManaged(managedFile);
  let current = compute();
  logProblems(current.problems);

  function compute(): SettingsView {
    const merged: JsonObject = {};
    for (const layer of [managed.defaults.values, user.values, managed.enforced.values]) {
      for (const [path, value] of layer) setPath(merged, path, value as Json);
    }
    // Every leaf was validated alone; the whole is parsed again to fill defaults and catch
    // cross-field rules. It cannot fail on leaf values that each passed, but stay safe if it does.
    const parsed = SettingsSchema.safeParse(merged);
    const settings = parsed.success ? parsed.data : SettingsSchema.parse({});
    return {
      settings,
      locked: [...managed.enforced.values.keys()].sort(),
      problems: [...managed.problems, ...user.problems],
    };
  }

  function logProblems(problems: SettingsProblem[]): void {
    for (const problem of problems) log.warn('settings problem', problem);
  }

  function notify(): void {
    for (const listener of listeners) listener(current);
  }

  function persistUser(nextRaw: JsonObject): void {
    mkdirSync(dirname(userFile), { recursive: true });
    if (user.corrupt && existsSync(userFile)) {
      const aside = `${userFile}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(userFile, aside);
      log.warn('moved an unreadable settings file aside before saving', { from: userFile, to: aside });
    }
    writeFileAtomic(userFile, `${JSON.stringify(nextRaw, null, 2)}\n`);
  }

  /** The leaves a patch sets, after checking none is locked and each is valid. */
  function prepareChanges(patch: SettingsPatch): Array<[string, unknown]> {
    const changes: Array<[string, unknown]> = [];
    for (const path of SETTINGS_LEAVES.keys()) {
      const { found, value } = getPath(patch, path);
      if (found && value !== undefined) changes.push([path, value]);
    }
    const locked = changes.filter(([path]) => managed.enforced.values.has(path)).map(([path]) => path);
    if (locked.length > 0) {
      throw new AppError(
        'LOCKED',
        `Set by your administrator: ${locked.join(', ')}`,
        locked.map((path) => ({ path, message: 'locked' })),
      );
    }
    const issues: Array<{ path: string; message: string }> = [];
    for (const [path, value] of changes) {
      const parsed = SETTINGS_LEAVES.get(path)!.safeParse(value);
      if (!parsed.success) issues.push({ path, message: parsed.error.issues[0]?.message ?? 'invalid' });
    }
    if (issues.length === 0) issues.push(...crossLeafIssues(changes));
    if (issues.length > 0) throw new AppError('VALIDATION', 'Some settings are not valid', issues);
    return changes;
  }

  /**
   * Rules across leaves, which the leaf-by-leaf checks cannot see: two global shortcuts with the same
   * keys. Only a patch that creates the clash is refused (reported at the leaves it changed); one
   * the files already hold is tolerated here and reported when the shortcuts are registered.
   */
  function crossLeafIssues(changes: Array<[string, unknown]>): Array<{ path: string; message: string }> {
    const changed = new Set(changes.map(([path]) => path));
    const next = structuredClone(current.settings) as unknown as JsonObject;
    for (const [path, value] of changes) setPath(next, path, value as Json);
    const shortcuts = (next as unknown as Settings).shortcuts;
    return [...shortcutDuplicates(shortcuts).keys()]
      .map((action) => `shortcuts.${action}`)
      .filter((path) => changed.has(path))
      .map((path) => ({ path, message: ACCELERATOR_DUPLICATE }));
  }

  return {
    view: () => current,
    get: () => current.settings,
    check(patch) {
      prepareChanges(patch);
    },
    update(patch) {
      const changes = prepareChanges(patch);
      if (changes.length === 0) return current;

      const nextRaw: JsonObject = structuredClone(user.raw);
      for (const [path, value] of changes) setPath(nextRaw, path, value as Json);
      try {
        persistUser(nextRaw);
      } catch (error) {
        throw new AppError('STORAGE', `Cannot save settings to ${userFile}: ${(error as Error).message}`);
      }
      user = { raw: nextRaw, ...validateLeaves(nextRaw, userFile, 'user'), corrupt: false };
      current = compute();
      notify();
      return current;
    },
    reload() {
      user = loadUser(userFile);
      managed = loadManaged(managedFile);
      current = compute();
      logProblems(current.problems);
      notify();
      return current;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
