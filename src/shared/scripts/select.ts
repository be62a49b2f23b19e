import type { ScriptDocument, ScriptLanguage, ScriptRule, ScriptSource } from './format.ts';

// Which script opens by itself when a call starts. Pure: the core gives it the scripts it has and
// what it knows about the call.
//
// A script is a candidate when one of its rules matches the call (every condition the rule gives
// holds; a rule with no conditions matches every call; a script with no rules is only ever picked
// by hand). Among candidates, in order:
//   1. the higher priority of the matching rule;
//   2. the source: IT's managed scripts, then the company's imported ones, then Hotline's built-ins
//      — so a company script at the default priority replaces the built-in greeting;
//   3. a script in the operator's interface language;
//   4. the more specific rule (more conditions);
//   5. the id, so the choice never depends on the order the scripts were loaded in.

export interface CallContext {
  direction: 'inbound' | 'outbound';
  /** Inbound: the queue or company number the caller dialled; outbound: the number dialled. */
  calledNumber: string | null;
  /** The type of the web request the call answers (a callback on a request), when there is one. */
  webRequestType: string | null;
}

export interface ScriptCandidate {
  script: ScriptDocument;
  source: ScriptSource;
}

export interface ScriptChoice {
  candidate: ScriptCandidate;
  rule: ScriptRule;
  ruleIndex: number;
}

const SOURCE_RANK: Record<ScriptSource, number> = { managed: 2, company: 1, builtin: 0 };

/** Separators people write in numbers; `+7 (495) 123-45-67` and `+74951234567` are the same. */
function compactNumber(value: string): string {
  return value.replace(/[\s()\-.]/g, '');
}

/** `*` any run of characters, `?` one; everything else literal; case-insensitive. */
export function matchesPattern(pattern: string, value: string): boolean {
  const source = [...pattern]
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'iu').test(value);
}

export function ruleMatches(rule: ScriptRule, call: CallContext): boolean {
  if (rule.direction !== undefined && rule.direction !== call.direction) return false;
  if (rule.calledNumber !== undefined) {
    if (!call.calledNumber) return false;
    if (!matchesPattern(compactNumber(rule.calledNumber), compactNumber(call.calledNumber))) return false;
  }
  if (rule.webRequestType !== undefined) {
    if (!call.webRequestType) return false;
    if (!matchesPattern(rule.webRequestType, call.webRequestType)) return false;
  }
  return true;
}

function specificity(rule: ScriptRule): number {
  return [rule.direction, rule.calledNumber, rule.webRequestType].filter((c) => c !== undefined).length;
}

/** The best matching rule of one script (highest priority, then most specific), or null. */
function bestRule(script: ScriptDocument, call: CallContext): { rule: ScriptRule; index: number } | null {
  let best: { rule: ScriptRule; index: number } | null = null;
  script.rules.forEach((rule, index) => {
    if (!ruleMatches(rule, call)) return;
    if (
      !best ||
      rule.priority > best.rule.priority ||
      (rule.priority === best.rule.priority && specificity(rule) > specificity(best.rule))
    )
      best = { rule, index };
  });
  return best;
}

export function selectScript(
  candidates: readonly ScriptCandidate[],
  call: CallContext,
  language: ScriptLanguage,
): ScriptChoice | null {
  const matching: ScriptChoice[] = [];
  for (const candidate of candidates) {
    const best = bestRule(candidate.script, call);
    if (best) matching.push({ candidate, rule: best.rule, ruleIndex: best.index });
  }
  matching.sort(
    (a, b) =>
      b.rule.priority - a.rule.priority ||
      SOURCE_RANK[b.candidate.source] - SOURCE_RANK[a.candidate.source] ||
      Number(b.candidate.script.language === language) - Number(a.candidate.script.language === language) ||
      specificity(b.rule) - specificity(a.rule) ||
      (a.candidate.script.id < b.candidate.script.id
        ? -1
        : a.candidate.script.id > b.candidate.script.id
          ? 1
          : 0),
  );
  return matching[0] ?? null;
}
