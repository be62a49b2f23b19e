import { useCallback } from 'react';
import { useAppState } from '../../app/app-state.tsx';

/**
 * A disposition code as the operator reads it: its configured name in the UI language. Codes no
 * longer in the list (the company renamed its results) show as stored, so nothing reads blank.
 */
export function useDispositionLabel(): (code: string | null | undefined) => string {
  const { settings, language } = useAppState();
  const dispositions = settings.settings.wrapup.dispositions;
  return useCallback(
    (code) => (code ? (dispositions.find((d) => d.code === code)?.label[language] ?? code) : ''),
    [dispositions, language],
  );
}
