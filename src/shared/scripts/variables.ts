import { SCRIPT_VARIABLES, type ScriptLanguage, type ScriptVariable } from './format.ts';

// Filling a step's `{{variables}}`: the operator's and the company's names from the settings, the
// caller's name from the caller card's contact, and a greeting for the time of day — all in the
// script's language (not the interface's: an English-speaking operator may read a Russian script).

export interface VariableValues {
  /** The operator's name as the caller should hear it; null when not set. */
  operatorName: string | null;
  companyName: string | null;
  /** The caller's contact name; null when the number is unknown. */
  callerName: string | null;
}

/** One piece of a filled text: plain text, or a variable's value (`missing`: a stand-in wording). */
export interface TextPart {
  text: string;
  variable?: ScriptVariable;
  missing?: boolean;
}

const GREETINGS: Record<ScriptLanguage, { morning: string; afternoon: string; evening: string }> = {
  ru: { morning: 'доброе утро', afternoon: 'добрый день', evening: 'добрый вечер' },
  en: { morning: 'good morning', afternoon: 'good afternoon', evening: 'good evening' },
};

/** Shown in place of a value nobody has: the operator sees what to say instead. */
export const MISSING_WORDING: Record<ScriptLanguage, Record<Exclude<ScriptVariable, 'greeting'>, string>> = {
  ru: {
    'caller.name': 'неизвестный абонент',
    'operator.name': '[ваше имя]',
    'company.name': '[название компании]',
  },
  en: {
    'caller.name': 'unknown caller',
    'operator.name': '[your name]',
    'company.name': '[company name]',
  },
};

/** Morning 05:00–11:59, afternoon 12:00–17:59, evening otherwise (also at night), local time. */
export function partOfDay(at: Date): 'morning' | 'afternoon' | 'evening' {
  const hour = at.getHours();
  if (hour >= 5 && hour < 12) return 'morning';
  if (hour >= 12 && hour < 18) return 'afternoon';
  return 'evening';
}

/** The greeting for the time of day, lower case («добрый день», "good afternoon"). */
export function timeOfDayGreeting(language: ScriptLanguage, at: Date): string {
  return GREETINGS[language][partOfDay(at)];
}

const KNOWN: ReadonlySet<string> = new Set(SCRIPT_VARIABLES);
const VARIABLE = /\{\{([^{}]*)\}\}/g;

/** True at the start of the text or of a sentence (after . ! ? … or a line break). */
function atSentenceStart(before: string): boolean {
  return /(^|[.!?…\n])[\s«"“'(—–-]*$/u.test(before);
}

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

function valueOf(
  name: ScriptVariable,
  values: VariableValues,
  language: ScriptLanguage,
  at: Date,
): { text: string; missing: boolean } {
  const given =
    name === 'greeting'
      ? timeOfDayGreeting(language, at)
      : (name === 'caller.name'
          ? values.callerName
          : name === 'operator.name'
            ? values.operatorName
            : values.companyName
        )?.trim() || null;
  if (given) return { text: given, missing: false };
  return { text: MISSING_WORDING[language][name as Exclude<ScriptVariable, 'greeting'>], missing: true };
}

/**
 * The text in pieces, each variable filled. The greeting is capitalised at the start of a sentence
 * and lower case inside one; names are used as written. An unknown `{{name}}` (a script that skipped
 * validation) stays as written.
 */
export function scriptTextParts(
  text: string,
  options: { language: ScriptLanguage; values: VariableValues; at: Date },
): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  let written = '';
  const push = (part: TextPart) => {
    if (part.text === '') return;
    const previous = parts.at(-1);
    if (!part.variable && previous && !previous.variable) previous.text += part.text;
    else parts.push(part);
    written += part.text;
  };
  for (const match of text.matchAll(VARIABLE)) {
    push({ text: text.slice(last, match.index) });
    last = match.index + match[0].length;
    const name = match[1]!.trim();
    if (!KNOWN.has(name)) {
      push({ text: match[0] });
      continue;
    }
    const variable = name as ScriptVariable;
    const value = valueOf(variable, options.values, options.language, options.at);
    const start = atSentenceStart(written);
    const shown =
      variable === 'greeting' || (value.missing && variable === 'caller.name')
        ? start
          ? capitalize(value.text)
          : value.text
        : value.text;
    push({ text: shown, variable, ...(value.missing ? { missing: true } : {}) });
  }
  push({ text: text.slice(last) });
  return parts;
}

/** The text with every variable filled, as one string. */
export function fillScriptText(
  text: string,
  options: { language: ScriptLanguage; values: VariableValues; at: Date },
): string {
  return scriptTextParts(text, options)
    .map((p) => p.text)
    .join('');
}
