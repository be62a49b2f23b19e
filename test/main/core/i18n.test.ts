import { describe, expect, it } from 'vitest';
import { en } from '../../../src/main/core/i18n/en.ts';
import { MAIN_STRINGS, mainText } from '../../../src/main/core/i18n/main-strings.ts';
import { ru } from '../../../src/main/core/i18n/ru.ts';

// The main process's own texts (notifications, tray, menu, quit prompt, CSV export): the same
// checks as the renderer's translations (test/renderer/i18n.test.ts).

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('main-process translations', () => {
  it('Russian and English have the same keys, none empty', () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of [...Object.entries(en), ...Object.entries(ru)])
      expect(value.trim(), key).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    for (const [key, value] of Object.entries(en))
      expect(placeholders(ru[key as keyof typeof en]), key).toEqual(placeholders(value));
  });

  it('has every plural form each language needs wherever a text has plural forms', () => {
    const pluralBases = new Set(
      Object.keys(en)
        .filter((key) => /\.(one|few|many|other)$/.test(key))
        .map((key) => key.replace(/\.\w+$/, '')),
    );
    expect(pluralBases.size).toBeGreaterThan(0);
    for (const [language, strings] of Object.entries(MAIN_STRINGS)) {
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      for (const base of pluralBases)
        for (const category of categories)
          expect(strings, `${language} ${base}.${category}`).toHaveProperty([`${base}.${category}`]);
    }
  });

  it('fills placeholders and leaves none behind', () => {
    expect(mainText('en', 'incoming.titleQueue', { called: '8 800' })).toBe('Incoming call to 8 800');
    expect(mainText('ru', 'callback.title', {})).toBe('Пора перезвонить: ');
  });
});
