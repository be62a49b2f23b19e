import { z } from 'zod';
import { BUILT_IN_RULES } from '../guard/builtin-rules.ts';
import { mergeRules, type RuleIssue } from '../guard/guard.ts';
import { MAX_OVERRIDES, RULE_ID, type PhraseRule, type RuleOverride } from '../guard/rule.ts';

// Settings section `guard`: the company's forbidden-phrase rules. Two leaves, so IT can lock either
// in the managed file:
//   disabled — ids of rules turned off (built-in ones mostly; an unknown id is ignored, so a rule a
//              later version drops does not make the setting invalid);
//   custom   — the company's list as `mergeRules` reads it: a whole new rule, or a change to a
//              built-in one by id (`{ "id": "ru.hedging", "alternatives": [...] }`).
// `custom` is checked with `mergeRules` itself, so a mistake is refused with its place
// (`[2].patterns[0]: "{" is not closed (at character 8)`) — in the settings form, in a patch, and
// in a settings file (where it is reported and the whole list is ignored, never half of it).
// The rules the guard runs with are `effectiveGuardRules(settings.guard)`, computed in the renderer.

/** `[2].patterns[0]` → `[2, 'patterns', 0]`. */
export function issuePathParts(path: string): Array<string | number> {
  const parts: Array<string | number> = [];
  for (const m of path.matchAll(/\[(\d+)\]|\.?([^.[\]]+)/g)) {
    if (m[1] !== undefined) parts.push(Number(m[1]));
    else if (m[2] !== undefined) parts.push(m[2]);
  }
  return parts;
}

/** The company's list checked as a whole: any mistake is reported with its place. */
export const GuardCustomRulesSchema = z
  .array(z.unknown())
  .max(MAX_OVERRIDES, `at most ${MAX_OVERRIDES} rules`)
  .superRefine((list, ctx) => {
    const merged = mergeRules(BUILT_IN_RULES, list);
    if (merged.ok) return;
    for (const issue of merged.issues)
      ctx.addIssue({ code: 'custom', path: issuePathParts(issue.path), message: describeIssue(issue) });
  }) as unknown as z.ZodType<RuleOverride[]>;

export const GuardSettingsSchema = z.object({
  disabled: z
    .array(z.string().regex(RULE_ID, 'a rule id: lower-case letters, digits, ".", "_" or "-"'))
    .max(MAX_OVERRIDES)
    .default([]),
  custom: GuardCustomRulesSchema.default([]),
});
export type GuardSettings = z.infer<typeof GuardSettingsSchema>;

/** An issue as one line with its place: `[2].patterns[0]: "{" is not closed (at character 8)`. */
export function describeIssue(issue: RuleIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

/**
 * The rules the guard runs with: the built-in ones with the company's list applied, minus the
 * disabled ones. A list that does not merge (it cannot reach here through the settings service)
 * leaves the built-in rules as they are rather than turning the guard off.
 */
export function effectiveGuardRules(guard: Pick<GuardSettings, 'disabled' | 'custom'>): PhraseRule[] {
  const merged = mergeRules(BUILT_IN_RULES, guard.custom);
  const rules = merged.ok ? merged.rules : (mergeRules(BUILT_IN_RULES, []) as { rules: PhraseRule[] }).rules;
  const disabled = new Set(guard.disabled);
  return rules.map((rule) => (disabled.has(rule.id) ? { ...rule, enabled: false } : rule));
}
