import { describe, expect, it } from 'vitest';
import { en } from '../../src/renderer/src/i18n/en.ts';
import { ru } from '../../src/renderer/src/i18n/ru.ts';
import { ERROR_CODES } from '../../src/shared/ipc/errors.ts';
import { CallEndReasonSchema } from '../../src/shared/model/call.ts';

function leaves(object: object, prefix = ''): Array<[string, unknown]> {
  return Object.entries(object).flatMap(([key, value]) =>
    value && typeof value === 'object'
      ? leaves(value, `${prefix}${key}.`)
      : [[`${prefix}${key}`, value] as [string, unknown]],
  );
}

describe('translations', () => {
  it('Russian and English have the same keys, none empty', () => {
    const enKeys = leaves(en)
      .map(([k]) => k)
      .sort();
    const ruKeys = leaves(ru)
      .map(([k]) => k)
      .sort();
    expect(ruKeys).toEqual(enKeys);
    for (const [key, value] of [...leaves(en), ...leaves(ru)]) expect(String(value).trim(), key).not.toBe('');
  });

  it('every error code and call end reason has a message', () => {
    for (const code of ERROR_CODES) expect(en.errors[code], code).toBeTruthy();
    for (const reason of CallEndReasonSchema.options) expect(en.phone.end[reason], reason).toBeTruthy();
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (text: unknown) =>
      [...String(text).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const ruMap = new Map(leaves(ru));
    for (const [key, value] of leaves(en))
      expect(placeholders(ruMap.get(key)), key).toEqual(placeholders(value));
  });
});
