import { useCallback, useEffect, useRef, useState } from 'react';
import { WrapupDraftSchema, type WrapupDraft } from '../../../../shared/model/wrapup.ts';
import { invoke } from '../../lib/ipc.ts';

// One call's wrap-up draft in the form: loaded from main (`wrapup:get`, so a reload or a crash
// brings back what was typed), saved back as the operator types — 300 ms after the last change,
// and at once when the form goes away — so main always holds nearly every keystroke.

export const AUTOSAVE_DELAY_MS = 300;
export const EMPTY_DRAFT: WrapupDraft = WrapupDraftSchema.parse({});

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

export function useWrapupDraft(callId: string) {
  const [draft, setDraft] = useState<WrapupDraft | null>(null);
  const [alreadySubmitted, setAlreadySubmitted] = useState(false);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const latest = useRef<WrapupDraft>(EMPTY_DRAFT);
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    if (!dirty.current) return;
    dirty.current = false;
    setSaveState('saving');
    invoke('wrapup:saveDraft', { callId, draft: latest.current })
      .then(() => setSaveState((state) => (dirty.current ? state : 'saved')))
      .catch(() => {
        // Kept in the form; the next change (or leaving the form) tries again.
        dirty.current = true;
        setSaveState('failed');
      });
  }, [callId]);

  useEffect(() => {
    let alive = true;
    invoke('wrapup:get', { callId })
      .then(({ wrapup }) => {
        if (!alive) return;
        if (wrapup?.state === 'submitted') {
          setAlreadySubmitted(true);
          return;
        }
        latest.current = wrapup?.draft ?? EMPTY_DRAFT;
        setDraft(latest.current);
        // A wrap-up starts when the call ends: store it now, so a reload lists it even untouched.
        if (!wrapup) {
          dirty.current = true;
          flush();
        }
      })
      .catch(() => {
        if (!alive) return;
        latest.current = EMPTY_DRAFT;
        setDraft(EMPTY_DRAFT);
      });
    return () => {
      alive = false;
      flush();
    };
  }, [callId, flush]);

  const update = useCallback(
    (change: (draft: WrapupDraft) => WrapupDraft) => {
      latest.current = change(latest.current);
      setDraft(latest.current);
      dirty.current = true;
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, AUTOSAVE_DELAY_MS);
    },
    [flush],
  );

  /** Before submitting: the submission carries the draft itself. */
  const cancelAutosave = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    dirty.current = false;
  }, []);

  /** After a failed submission: make sure what was typed is stored. */
  const saveNow = useCallback(() => {
    dirty.current = true;
    flush();
  }, [flush]);

  return { draft, latest, update, saveState, alreadySubmitted, cancelAutosave, saveNow };
}
