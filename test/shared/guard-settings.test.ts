import type { RuleOverride } from '../../src/shared/guard/rule.ts';
import { describe, expect, it } from 'vitest';
import { createPhraseGuard } from '../../src/shared/guard/guard.ts';
import {
  effectiveGuardRules,
  GuardSettingsSchema,
  issuePathParts,
} from '../../src/shared/model/guard-settings.ts';
import { SettingsPatchSchema, SettingsSchema } from '../../src/shared/model/settings.ts';

// Settings `guard`: the company's phrase rules are checked with mergeRules — in the schema, in a
// patch, and in a settings file (test/main/core/guard-settings.test.ts) — and every mistake comes
// back with its place.

const NEW_RULE: RuleOverride = {
  id: 'company.1',
  language: 'ru',
  patterns: ['бесплатн{о,ый,ая}'],
  reason: 'У нас ничего не бывает бесплатно: говорите «входит в тариф».',
  alternatives: ['входит в тариф'],
};

describe('guard settings: the schema', () => {
  it('defaults to every built-in rule on and no company rules', () => {
    expect(SettingsSchema.parse({}).guard).toEqual({ disabled: [], custom: [] });
  });

  it('takes new rules and changes to built-in ones by id', () => {
    const parsed = GuardSettingsSchema.parse({
      disabled: ['ru.hedging'],
      custom: [NEW_RULE, { id: 'ru.problem', alternatives: ['вопрос'] }],
    });
    expect(parsed.custom).toHaveLength(2);
    expect(SettingsPatchSchema.safeParse({ guard: { custom: [NEW_RULE] } }).success).toBe(true);
  });

  it('refuses a broken pattern, a half rule and a duplicate, each at its place', () => {
    const result = GuardSettingsSchema.safeParse({
      custom: [
        NEW_RULE,
        { ...NEW_RULE, id: 'company.2', patterns: ['ok', 'проблем{а,ы'] },
        { id: 'company.3', patterns: ['x'] },
        { ...NEW_RULE },
      ],
    });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues).toEqual([
      ['custom.1.patterns.1', '[1].patterns[1]: "{" is not closed (at character 8)'],
      ['custom.2.language', '[2].language: required (a new rule needs id, language, patterns and reason)'],
      ['custom.2.reason', '[2].reason: required (a new rule needs id, language, patterns and reason)'],
      ['custom.3.id', '[3].id: "company.1" appears more than once'],
    ]);
  });

  it('refuses a bad id in the disabled list', () => {
    expect(GuardSettingsSchema.safeParse({ disabled: ['Not An Id'] }).success).toBe(false);
  });

  it('reads a mergeRules path into parts', () => {
    expect(issuePathParts('[2].patterns[0]')).toEqual([2, 'patterns', 0]);
    expect(issuePathParts('[10].reason')).toEqual([10, 'reason']);
    expect(issuePathParts('')).toEqual([]);
  });
});

describe('guard settings: the rules the guard runs with', () => {
  it('applies the company rules and turns the disabled ones off', () => {
    const text = 'Это бесплатно. Возможно, проблема решится.';
    const builtIn = createPhraseGuard(effectiveGuardRules({ disabled: [], custom: [] }));
    expect(builtIn.check(text).map((m) => m.ruleId)).toEqual(['ru.hedging-maybe', 'ru.problem']);
    const company = createPhraseGuard(
      effectiveGuardRules({
        disabled: ['ru.problem'],
        custom: [NEW_RULE, { id: 'ru.hedging-maybe', enabled: false }],
      }),
    );
    expect(company.check(text).map((m) => [m.ruleId, m.text])).toEqual([['company.1', 'бесплатно']]);
  });

  it('ignores an id that names no rule (a rule a later version dropped)', () => {
    const rules = effectiveGuardRules({ disabled: ['ru.gone'], custom: [] });
    expect(rules.every((r) => r.enabled)).toBe(true);
  });
});
