import { z } from 'zod';

// The forbidden-phrase rule model and its small pattern language. Rules are data (built in, or
// written by a company's trainers in JSON), so every pattern is parsed and checked here, with the
// exact place of a mistake, before anything is compiled into a regular expression.
//
// A pattern is a sequence of words separated by spaces. Each word slot lists the forms it accepts:
//
//   не знаю|знаем            "|" separates forms of one slot: «не знаю», «не знаем»
//   проблем{а,ы,у,ой,}       "{…}" expands endings: проблема, проблемы, проблему, проблемой, проблем
//   я? не знаю               "?" after a slot makes it optional: «я не знаю», «не знаю»
//   на * месте               "*" is any one word
//   ^ нет                    "^" first: only at the start of a sentence (or of the text)
//
// Forms are whole words (Unicode letters, digits, inner ' or -), compared case-insensitively with
// ё = е. Between words any run of spaces, line breaks and punctuation other than a sentence end
// (. ! ?) is accepted. Word forms are listed explicitly rather than matched by prefix: «нет» must
// never fire inside «интернет», and «проблем*» would also hit «проблематика».

export const GUARD_LANGUAGES = ['ru', 'en'] as const;
export type GuardLanguage = (typeof GUARD_LANGUAGES)[number];

export const GUARD_SEVERITIES = ['error', 'warning', 'info'] as const;
export type GuardSeverity = (typeof GUARD_SEVERITIES)[number];

/** How many forms one slot may expand to: a typo like `{a,b}{c,d}{e,f}…` must not explode. */
const MAX_FORMS_PER_SLOT = 200;
const MAX_SLOTS = 12;
const FORM = /^[\p{L}\p{N}\p{M}]+(?:['-][\p{L}\p{N}\p{M}]+)*$/u;

/** One word slot of a pattern, after expansion. `forms` is empty for "*" (any word). */
export interface PatternSlot {
  forms: string[];
  any: boolean;
  optional: boolean;
}

export interface ParsedPattern {
  sentenceStart: boolean;
  slots: PatternSlot[];
}

export class PatternSyntaxError extends Error {
  /** 0-based character offset in the pattern where the problem is. */
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} (at character ${offset + 1})`);
    this.name = 'PatternSyntaxError';
    this.offset = offset;
  }
}

/**
 * Lower case, ё→е, typographic apostrophes → ', one UTF-16 unit in, one out: offsets found in the
 * folded text are offsets in the original. (`toLowerCase` keeps the length for every letter an
 * operator types; the rare exception, such as "İ", is folded unit by unit instead.)
 */
export function foldText(text: string): string {
  let lower = text.toLowerCase();
  if (lower.length !== text.length) {
    let out = '';
    for (const unit of text) {
      const l = unit.toLowerCase();
      out += l.length === unit.length ? l : unit;
    }
    lower = out;
  }
  return lower.replace(FOLD_CHARS, (c) => FOLD_MAP[c] ?? c);
}
const FOLD_MAP: Record<string, string> = { ё: 'е', '\u2019': "'", '\u02bc': "'", '\u2018': "'", '`': "'" };
const FOLD_CHARS = /[ё\u2019\u02bc\u2018`]/g;

/** Expands `проблем{а,ы,}` into its forms; the groups multiply (`нов{ый,ая}{,-то}`). */
function expandForms(alt: string, offset: number): string[] {
  let forms = [''];
  let i = 0;
  while (i < alt.length) {
    const open = alt.indexOf('{', i);
    const literal = open === -1 ? alt.slice(i) : alt.slice(i, open);
    if (literal.includes('}'))
      throw new PatternSyntaxError('"}" without "{"', offset + i + literal.indexOf('}'));
    forms = forms.map((f) => f + literal);
    if (open === -1) break;
    const close = alt.indexOf('}', open);
    if (close === -1) throw new PatternSyntaxError('"{" is not closed', offset + open);
    const inner = alt.slice(open + 1, close);
    if (inner.includes('{'))
      throw new PatternSyntaxError('"{" inside "{…}"', offset + open + 1 + inner.indexOf('{'));
    const endings = inner.split(',');
    forms = forms.flatMap((f) => endings.map((e) => f + e.trim()));
    if (forms.length > MAX_FORMS_PER_SLOT) {
      throw new PatternSyntaxError(`expands to more than ${MAX_FORMS_PER_SLOT} forms`, offset + open);
    }
    i = close + 1;
  }
  return forms;
}

/** Parses one word slot (`знаю|знаем`, `проблем{а,ы}`, `я?`, `*`). */
export function parseSlot(source: string, offset = 0): PatternSlot {
  let text = source;
  let optional = false;
  if (text.endsWith('?')) {
    optional = true;
    text = text.slice(0, -1);
  }
  if (text === '*') return { forms: [], any: true, optional };
  if (text === '') throw new PatternSyntaxError('empty word', offset);
  const forms = new Set<string>();
  let at = 0;
  for (const alt of text.split('|')) {
    if (alt === '') throw new PatternSyntaxError('empty alternative around "|"', offset + at);
    for (const form of expandForms(alt, offset + at)) {
      const folded = foldText(form);
      if (!FORM.test(folded)) {
        throw new PatternSyntaxError(
          form === ''
            ? `"${alt}" expands to an empty word`
            : `"${form}" is not a word (letters and digits, with ' or - inside)`,
          offset + at,
        );
      }
      forms.add(folded);
    }
    at += alt.length + 1;
  }
  return { forms: [...forms], any: false, optional };
}

/** Parses a pattern; throws PatternSyntaxError with the offset of the first mistake. */
export function parsePattern(source: string): ParsedPattern {
  const tokens = [...source.matchAll(/\S+/g)];
  if (tokens.length === 0) throw new PatternSyntaxError('the pattern is empty', 0);
  let sentenceStart = false;
  const slots: PatternSlot[] = [];
  tokens.forEach((token, index) => {
    const offset = token.index;
    if (token[0] === '^') {
      if (index !== 0) throw new PatternSyntaxError('"^" may only start a pattern', offset);
      sentenceStart = true;
      return;
    }
    slots.push(parseSlot(token[0], offset));
  });
  if (slots.length === 0) throw new PatternSyntaxError('the pattern has no words', 0);
  if (slots.length > MAX_SLOTS) throw new PatternSyntaxError(`more than ${MAX_SLOTS} words`, 0);
  if (slots.every((s) => s.optional)) throw new PatternSyntaxError('every word is optional', 0);
  if (slots.every((s) => s.any)) throw new PatternSyntaxError('the pattern needs at least one real word', 0);
  return { sentenceStart, slots };
}

const PatternString = z
  .string()
  .min(1)
  .max(500)
  .superRefine((value, ctx) => {
    try {
      parsePattern(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  });

const SlotString = z
  .string()
  .min(1)
  .max(500)
  .superRefine((value, ctx) => {
    try {
      const slot = parseSlot(value);
      if (slot.any || slot.optional)
        ctx.addIssue({ code: 'custom', message: 'list word forms here, not "*" or "?"' });
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  });

export const RULE_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export const PhraseRuleSchema = z
  .object({
    /** Stable id: built-in rules are `ru.…` / `en.…`; a company's override uses the same id. */
    id: z.string().regex(RULE_ID, 'lower-case letters, digits, ".", "_" or "-", up to 64'),
    language: z.enum(GUARD_LANGUAGES),
    /** Any of these matches (see the pattern language above). */
    patterns: z.array(PatternString).min(1).max(50),
    /** The match is dropped when the next word is one of these forms («нет проблем» is no refusal). */
    unlessFollowedBy: z.array(SlotString).max(20).default([]),
    /** The match is dropped when the previous word is one of these forms («это возможно»). */
    unlessPrecededBy: z.array(SlotString).max(20).default([]),
    /** Why the phrase hurts the conversation, shown to the operator. */
    reason: z.string().trim().min(1).max(500),
    /**
     * What to say instead, written as it reads mid-sentence («сейчас уточню»): a replacement takes
     * the capitalisation of the text it replaces.
     */
    alternatives: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
    severity: z.enum(GUARD_SEVERITIES).default('warning'),
    enabled: z.boolean().default(true),
  })
  .strict();

export type PhraseRule = z.output<typeof PhraseRuleSchema>;
export type PhraseRuleInput = z.input<typeof PhraseRuleSchema>;

/**
 * A company's entry: a whole new rule, or a change to an existing one by id (only the fields
 * given change; `{ "id": "ru.hedging", "enabled": false }` turns a built-in rule off).
 */
export const RuleOverrideSchema = z
  .object({
    id: z.string().regex(RULE_ID, 'lower-case letters, digits, ".", "_" or "-", up to 64'),
    language: z.enum(GUARD_LANGUAGES).optional(),
    patterns: z.array(PatternString).min(1).max(50).optional(),
    unlessFollowedBy: z.array(SlotString).max(20).optional(),
    unlessPrecededBy: z.array(SlotString).max(20).optional(),
    reason: z.string().trim().min(1).max(500).optional(),
    alternatives: z.array(z.string().trim().min(1).max(200)).max(20).optional(),
    severity: z.enum(GUARD_SEVERITIES).optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type RuleOverride = z.output<typeof RuleOverrideSchema>;

export const MAX_OVERRIDES = 500;
export const RuleOverridesSchema = z.array(RuleOverrideSchema).max(MAX_OVERRIDES);
