import type { TFunction } from 'i18next';
import { IpcCallError } from './ipc.ts';

/** A translated, actionable message for any error that reaches the UI. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (error instanceof IpcCallError) return t(`errors.${error.code}`);
  return t('errors.INTERNAL');
}
