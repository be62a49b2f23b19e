import type { TFunction } from 'i18next';
import type { FieldIssue } from '../../../../shared/ipc/errors.ts';

// Settings validation messages come from the shared zod schemas as short codes (the refine message
// names the field); here they become translated, actionable text.

const BY_CODE: Record<string, string> = {
  wssUrl: 'settings.fieldError.wssUrl',
  syncUrl: 'settings.fieldError.syncUrl',
  sipUri: 'settings.fieldError.sipUri',
  region: 'settings.fieldError.region',
  locked: 'settings.fieldError.locked',
};

const BY_PATH: Record<string, string> = {
  'account.registerExpires': 'settings.fieldError.registerExpires',
  'phone.noAnswerTimeoutS': 'settings.fieldError.noAnswerTimeout',
};

export function fieldMessage(t: TFunction, issue: FieldIssue): string {
  const key = BY_CODE[issue.message] ?? BY_PATH[issue.path.replace(/^patch\./, '')];
  return key ? t(key) : t('errors.VALIDATION');
}

/** Issues keyed by setting path ("account.wssUrl"), whatever prefix the transport added. */
export function issuesByPath(
  t: TFunction,
  issues: readonly FieldIssue[],
  prefix = '',
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.replace(/^patch\./, '');
    out[prefix && !path.startsWith(prefix) ? `${prefix}${path}` : path] ??= fieldMessage(t, issue);
  }
  return out;
}
