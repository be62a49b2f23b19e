import { useEffect, useMemo, useState } from 'react';
import { createPhraseGuard, type GuardMatch, type PhraseGuard } from '../../../../shared/guard/guard.ts';
import { effectiveGuardRules } from '../../../../shared/model/guard-settings.ts';
import { useAppState } from '../../app/app-state.tsx';

// The forbidden-phrase guard as the renderer runs it: the built-in rules with the company's
// changes (settings `guard`), compiled once per change of the settings, and a check of a text
// ~150 ms after the operator stops typing. Between checks the findings follow the text as it is
// edited (shiftMatches), so the highlights neither flicker nor drift.

export const GUARD_DEBOUNCE_MS = 150;

export function useCompanyGuard(): PhraseGuard {
  const guardSettings = useAppState().settings.settings.guard;
  return useMemo(() => createPhraseGuard(effectiveGuardRules(guardSettings)), [guardSettings]);
}

/**
 * The findings of an older check moved onto the current text: those before the edited part keep
 * their place, those after it move by the length difference, and those the edit touched are
 * dropped (the next check finds them again if they still apply).
 */
export function shiftMatches(before: string, after: string, matches: readonly GuardMatch[]): GuardMatch[] {
  if (before === after) return [...matches];
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < before.length - prefix &&
    suffix < after.length - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  )
    suffix++;
  const editedEnd = before.length - suffix;
  const delta = after.length - before.length;
  const out: GuardMatch[] = [];
  for (const match of matches) {
    // Strict: typing right next to a word changes the word.
    if (match.end < prefix) out.push(match);
    else if (match.start > editedEnd)
      out.push({ ...match, start: match.start + delta, end: match.end + delta });
  }
  return out;
}

/** The guard's findings for `text`, checked `delayMs` after the last change and kept in step with it. */
export function useGuardFindings(
  text: string,
  guard: PhraseGuard,
  delayMs = GUARD_DEBOUNCE_MS,
): GuardMatch[] {
  const [checked, setChecked] = useState<{ text: string; guard: PhraseGuard | null; matches: GuardMatch[] }>({
    text: '',
    guard: null,
    matches: [],
  });
  useEffect(() => {
    if (checked.text === text && checked.guard === guard) return;
    const timer = setTimeout(() => setChecked({ text, guard, matches: guard.check(text) }), delayMs);
    return () => clearTimeout(timer);
  }, [text, guard, delayMs, checked.text, checked.guard]);
  return useMemo(() => shiftMatches(checked.text, text, checked.matches), [checked, text]);
}
