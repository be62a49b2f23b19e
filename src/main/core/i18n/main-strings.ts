import type { UiLanguage } from '../../../shared/model/settings.ts';
import { en, type MainStringKey } from './en.ts';
import { ru } from './ru.ts';

export type { MainStringKey };

/** The main process's texts by language (en.ts, ru.ts). */
export const MAIN_STRINGS: Record<UiLanguage, Record<MainStringKey, string>> = { en, ru };

/** A main-process text in the operator's language, `{{name}}` placeholders filled from `vars`. */
export function mainText(
  language: UiLanguage,
  key: MainStringKey,
  vars: Record<string, string> = {},
): string {
  return MAIN_STRINGS[language][key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => vars[name] ?? '');
}
