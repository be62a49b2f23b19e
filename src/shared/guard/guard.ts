import { z } from 'zod';
import { BUILT_IN_RULES } from './builtin-rules.ts';
import {
  foldText,
  parsePattern,
  parseSlot,
  PhraseRuleSchema,
  MAX_OVERRIDES,
  RuleOverrideSchema,
  type GuardLanguage,
  type GuardSeverity,
  type ParsedPattern,
  type PatternSlot,
  type PhraseRule,
  type PhraseRuleInput,
} from './rule.ts';

// The forbidden-phrase guard: rules compiled once into one regular expression each, run over the
// folded text (lower case, ё = е: same length, so offsets are offsets in what the operator typed).
// Runs in the renderer on every keystroke of a note and in main over scripts: a 2,000-character
// note costs a few hundred microseconds (bench/knowledge.bench.ts, guard.*).

export interface GuardMatch {
  ruleId: string;
  rule: PhraseRule;
  /** UTF-16 offsets in the checked text: text.slice(start, end) === this.text. */
  start: number;
  end: number;
  text: string;
}

export interface PhraseGuard {
  readonly rules: readonly PhraseRule[];
  /**
   * Every match, in text order, not overlapping: where two rules hit the same words the longer
   * match wins («нет проблем» over «проблем»), then the more severe.
   */
  check(text: string, options?: { languages?: readonly GuardLanguage[] }): GuardMatch[];
}

const W = '\\p{L}\\p{N}\\p{M}';
/** Not inside a word: no letter before, nor a letter and an inner ' or - («интер-нет»). */
const START = `(?<![${W}]|[${W}]['-])`;
const END = `(?![${W}]|['-][${W}])`;
/** Between the words of a phrase: spaces, line breaks, punctuation, but not a sentence end. */
const GAP = `[^${W}.!?]{1,10}`;
/** The start of the text or of a sentence (after . ! ? … or a line break, quotes and dashes allowed). */
const SENTENCE_START = `(?<=(?:^|[.!?…\\n])[^${W}.!?…\\n]*)`;
/** "Unless followed / preceded by" look at the neighbouring word across spaces only. */
const NEAR = '\\s{1,5}';
const ANY_WORD = `[${W}]+(?:['-][${W}]+)*`;

const SEVERITY_RANK: Record<GuardSeverity, number> = { error: 0, warning: 1, info: 2 };

function escapeRegExp(text: string): string {
  // With the u flag only syntax characters may be escaped (not - or /).
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function slotSource(slot: PatternSlot): string {
  if (slot.any) return ANY_WORD;
  // Longest first: with the word-end check any order is correct, this one backtracks least.
  const forms = [...slot.forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return forms.length === 1 ? forms[0]! : `(?:${forms.join('|')})`;
}

function patternSource(pattern: ParsedPattern): string {
  let source = pattern.sentenceStart ? SENTENCE_START : '';
  let started = false;
  for (const slot of pattern.slots) {
    const word = slotSource(slot);
    if (!started) {
      if (slot.optional) source += `(?:${word}${GAP})?`;
      else {
        source += word;
        started = true;
      }
    } else source += slot.optional ? `(?:${GAP}${word})?` : `${GAP}${word}`;
  }
  return source;
}

/** The one regular expression for a rule; exported for tests and the script editor's linter. */
export function compileRule(rule: PhraseRule): RegExp {
  const patterns = rule.patterns
    .map(parsePattern)
    // More words first: at one position the alternation takes the first pattern that fits.
    .sort((a, b) => b.slots.length - a.slots.length)
    .map(patternSource);
  let source = START;
  if (rule.unlessPrecededBy.length > 0) {
    const words = rule.unlessPrecededBy.map((s) => slotSource(parseSlot(s))).join('|');
    source += `(?<!(?<![${W}])(?:${words})${NEAR})`;
  }
  source += `(?:${patterns.join('|')})${END}`;
  if (rule.unlessFollowedBy.length > 0) {
    const words = rule.unlessFollowedBy.map((s) => slotSource(parseSlot(s))).join('|');
    source += `(?!${NEAR}(?:${words})${END})`;
  }
  return new RegExp(source, 'gu');
}

interface CompiledRule {
  rule: PhraseRule;
  regex: RegExp;
}

export function createPhraseGuard(rules: readonly (PhraseRule | PhraseRuleInput)[]): PhraseGuard {
  const parsed = rules.map((rule) => PhraseRuleSchema.parse(rule));
  const compiled: CompiledRule[] = parsed
    .filter((rule) => rule.enabled)
    .map((rule) => ({ rule, regex: compileRule(rule) }));

  return {
    rules: parsed,
    check(text, options) {
      if (text.length === 0) return [];
      const folded = foldText(text);
      const languages = options?.languages;
      const found: GuardMatch[] = [];
      for (const { rule, regex } of compiled) {
        if (languages && !languages.includes(rule.language)) continue;
        regex.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = regex.exec(folded)) !== null) {
          const start = m.index;
          const end = start + m[0].length;
          found.push({ ruleId: rule.id, rule, start, end, text: text.slice(start, end) });
        }
      }
      return resolveOverlaps(found);
    },
  };
}

function resolveOverlaps(matches: GuardMatch[]): GuardMatch[] {
  if (matches.length < 2) return matches;
  matches.sort(
    (a, b) =>
      a.start - b.start || b.end - a.end || SEVERITY_RANK[a.rule.severity] - SEVERITY_RANK[b.rule.severity],
  );
  const kept: GuardMatch[] = [];
  let lastEnd = -1;
  for (const match of matches) {
    if (match.start < lastEnd) continue;
    kept.push(match);
    lastEnd = match.end;
  }
  return kept;
}

let defaultGuard: PhraseGuard | undefined;
/** The guard with the built-in rules, compiled on first use. */
export function builtInGuard(): PhraseGuard {
  return (defaultGuard ??= createPhraseGuard(BUILT_IN_RULES));
}

// ---------------------------------------------------------------------------------------------
// One-click replacement

const ENGLISH_I = /^i(?:'(?:m|ll|d|ve))?$/i;

function firstWord(text: string): string {
  return /^[\p{L}']+/u.exec(text.replace(/\u2019/g, "'"))?.[0] ?? '';
}

function atSentenceStart(text: string, offset: number): boolean {
  // Walk back over spaces, quotes and dashes: the text's start or a sentence end means "yes".
  for (let i = offset - 1; i >= 0; i--) {
    const c = text[i]!;
    if (/[.!?…\n]/.test(c)) return true;
    if (/[\p{L}\p{N}]/u.test(c)) return false;
  }
  return true;
}

function upperFirst(text: string): string {
  const i = text.search(/\p{L}/u);
  return i === -1 ? text : text.slice(0, i) + text[i]!.toUpperCase() + text.slice(i + 1);
}

function lowerFirst(text: string): string {
  const word = firstWord(text.trimStart());
  // "I'll…" stays; so does an abbreviation ("SMS") or a name written in capitals.
  if (ENGLISH_I.test(word) || (word.length > 1 && word === word.toUpperCase())) return text;
  const i = text.search(/\p{L}/u);
  return i === -1 ? text : text.slice(0, i) + text[i]!.toLowerCase() + text.slice(i + 1);
}

/**
 * The alternative with the capitalisation of the text it replaces: «Не знаю» → «Сейчас уточню»,
 * «НЕ ЗНАЮ» → «СЕЙЧАС УТОЧНЮ», «я не знаю» (mid-sentence) → «сейчас уточню». English "I" is
 * always written capitalised, so it alone does not make a replacement start with a capital.
 */
export function matchCase(original: string, alternative: string, sentenceStart: boolean): string {
  const letters = original.match(/\p{L}/gu) ?? [];
  const upper = letters.filter((c) => c !== c.toLowerCase()).length;
  if (letters.length >= 2 && upper === letters.length) return alternative.toUpperCase();
  const first = letters[0];
  const capitalised = first !== undefined && first !== first.toLowerCase();
  if (capitalised && !(ENGLISH_I.test(firstWord(original)) && !sentenceStart)) return upperFirst(alternative);
  return sentenceStart && capitalised ? upperFirst(alternative) : lowerFirst(alternative);
}

/**
 * Replaces a match with an alternative, keeping capitalisation. A match found in an older version
 * of the text (the operator typed since) is not applied: the text comes back unchanged.
 */
export function replaceMatch(
  text: string,
  match: Pick<GuardMatch, 'start' | 'end' | 'text'>,
  alternative: string,
): string {
  if (text.slice(match.start, match.end) !== match.text) return text;
  const replacement = matchCase(match.text, alternative, atSentenceStart(text, match.start));
  return text.slice(0, match.start) + replacement + text.slice(match.end);
}

// ---------------------------------------------------------------------------------------------
// A company's rules

export interface RuleIssue {
  /** Where in the company's list: `[2].patterns[0]`. */
  path: string;
  message: string;
  ruleId?: string;
}

export type MergeResult = { ok: true; rules: PhraseRule[] } | { ok: false; issues: RuleIssue[] };

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
}

function issuesOf(error: z.ZodError, prefix: readonly PropertyKey[], ruleId?: string): RuleIssue[] {
  return error.issues.map((issue) => ({
    path: formatPath([...prefix, ...issue.path]),
    message: issue.message,
    ...(ruleId ? { ruleId } : {}),
  }));
}

/** Whether the issue at `[i].field` is about a field the entry does not have at all. */
function isMissing(raw: unknown, path: string): boolean {
  const field = /^\[\d+\]\.(\w+)$/.exec(path)?.[1];
  return field !== undefined && typeof raw === 'object' && raw !== null && !(field in raw);
}

/**
 * The built-in rules with a company's list applied: an entry whose id exists changes only the
 * fields it gives (`{ "id": "ru.hedging", "enabled": false }`); a new id must be a whole rule.
 * All or nothing: any mistake is reported with its place and no rule changes.
 */
export function mergeRules(
  builtIn: readonly (PhraseRule | PhraseRuleInput)[],
  overrides: unknown,
): MergeResult {
  const base = builtIn.map((rule) => PhraseRuleSchema.parse(rule));
  const list = z
    .array(z.unknown())
    .max(MAX_OVERRIDES)
    .safeParse(overrides ?? []);
  if (!list.success) return { ok: false, issues: issuesOf(list.error, []) };
  const issues: RuleIssue[] = [];
  const byId = new Map(base.map((rule) => [rule.id, rule]));
  const order = base.map((rule) => rule.id);
  const seen = new Set<string>();
  list.data.forEach((raw, index) => {
    const rawId = typeof raw === 'object' && raw !== null && 'id' in raw ? String(raw.id) : undefined;
    // A new rule is checked whole at once, so every missing field is reported together.
    const isNew = rawId === undefined || !byId.has(rawId);
    const entry = isNew ? PhraseRuleSchema.safeParse(raw) : RuleOverrideSchema.safeParse(raw);
    if (!entry.success) {
      const hint = isNew ? ' (a new rule needs id, language, patterns and reason)' : '';
      issues.push(
        ...issuesOf(entry.error, [index], rawId).map((issue) =>
          isMissing(raw, issue.path) ? { ...issue, message: `required${hint}` } : issue,
        ),
      );
      return;
    }
    const { id } = entry.data;
    if (seen.has(id)) {
      issues.push({ path: `[${index}].id`, message: `"${id}" appears more than once`, ruleId: id });
      return;
    }
    seen.add(id);
    const existing = byId.get(id);
    const defined = Object.fromEntries(Object.entries(entry.data).filter(([, v]) => v !== undefined));
    const result = PhraseRuleSchema.safeParse(existing ? { ...existing, ...defined } : defined);
    if (!result.success) {
      issues.push(...issuesOf(result.error, [index], id));
      return;
    }
    if (!existing) order.push(id);
    byId.set(id, result.data);
  });
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, rules: order.map((id) => byId.get(id)!) };
}
