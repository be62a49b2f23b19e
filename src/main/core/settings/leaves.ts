import { z } from 'zod';
import { SettingsSchema } from '../../../shared/model/settings.ts';

// Settings are handled leaf by leaf (`account.wssUrl`), so that one bad value in a file costs only
// that value, and a managed file can lock single keys.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

function unwrapDefaults(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodDefault || current instanceof z.ZodPrefault) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

function collectLeaves(schema: z.ZodObject, prefix: string, out: Map<string, z.ZodType>): void {
  for (const [key, child] of Object.entries(schema.shape)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const inner = unwrapDefaults(child as z.ZodType);
    if (inner instanceof z.ZodObject) collectLeaves(inner, path, out);
    else out.set(path, child as z.ZodType);
  }
}

/** Every leaf path of the settings schema with the schema that validates its value. */
export const SETTINGS_LEAVES: ReadonlyMap<string, z.ZodType> = (() => {
  const out = new Map<string, z.ZodType>();
  collectLeaves(SettingsSchema, '', out);
  return out;
})();

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function getPath(source: unknown, path: string): { found: boolean; value?: unknown } {
  let current: unknown = source;
  for (const part of path.split('.')) {
    if (!isPlainObject(current) || !Object.hasOwn(current, part)) return { found: false };
    current = current[part];
  }
  return { found: true, value: current };
}

export function setPath(target: JsonObject, path: string, value: Json): void {
  const parts = path.split('.');
  let current = target;
  for (const part of parts.slice(0, -1)) {
    const next = current[part];
    if (!isPlainObject(next)) current[part] = {};
    current = current[part] as JsonObject;
  }
  current[parts.at(-1)!] = value;
}

/** Leaf paths present in a raw object that the schema does not know (kept in the file, reported). */
export function unknownPaths(source: JsonObject, prefix = ''): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(source)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (SETTINGS_LEAVES.has(path)) continue;
    const isSection = [...SETTINGS_LEAVES.keys()].some((leaf) => leaf.startsWith(`${path}.`));
    if (isSection && isPlainObject(value)) out.push(...unknownPaths(value, path));
    else out.push(path);
  }
  return out;
}
