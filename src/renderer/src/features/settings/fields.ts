import type { TFunction } from 'i18next';
import type { FieldIssue } from '../../../../shared/ipc/errors.ts';

// Settings validation messages come from the shared zod schemas as short codes (the refine message
// names the field); here they become translated, actionable text.

const BY_CODE: Record<string, string> = {
  wssUrl: 'settings.fieldError.wssUrl',
  syncUrl: 'settings.fieldError.syncUrl',
  sipUri: 'settings.fieldError.sipUri',
  region: 'settings.fieldError.region',
  ha1: 'settings.fieldError.ha1',
  locked: 'settings.fieldError.locked',
  acceleratorSyntax: 'settings.shortcuts.error.acceleratorSyntax',
  acceleratorModifier: 'settings.shortcuts.error.acceleratorModifier',
  acceleratorReserved: 'settings.shortcuts.error.acceleratorReserved',
  acceleratorInApp: 'settings.shortcuts.error.acceleratorInApp',
  acceleratorDuplicate: 'settings.shortcuts.error.acceleratorDuplicate',
};

const BY_PATH: Record<string, string> = {
  'account.registerExpires': 'settings.fieldError.registerExpires',
  'phone.noAnswerTimeoutS': 'settings.fieldError.noAnswerTimeout',
  'data.retentionDays': 'settings.fieldError.retentionDays',
  'data.backupIntervalH': 'settings.fieldError.backupIntervalH',
  'data.backupsKept': 'settings.fieldError.backupsKept',
};

/** Sections whose schemas give short codes translated under their own key (`<prefix>.<code>`). */
const SECTION_CODES: Record<string, string> = {
  operator: 'operator.settings.error',
};

export function fieldMessage(t: TFunction, issue: FieldIssue): string {
  const path = issue.path.replace(/^patch\./, '');
  const section = SECTION_CODES[path.split('.')[0]!];
  if (section && t(`${section}.${issue.message}`, { defaultValue: '' }))
    return t(`${section}.${issue.message}`);
  const key = BY_CODE[issue.message] ?? BY_PATH[path];
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
