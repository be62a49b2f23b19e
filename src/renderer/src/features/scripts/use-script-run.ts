import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallView } from '../../../../shared/model/call.ts';
import type { ScriptFieldValue, ScriptForCall } from '../../../../shared/scripts/run.ts';
import { useAppState } from '../../app/app-state.tsx';
import { invoke, subscribe } from '../../lib/ipc.ts';

// Which call the script panel follows, and that call's script run as main keeps it.
//
// The call: the one the operator talks on, else one on hold, else one ringing, else one being
// dialled — never a consultation with a colleague. When the calls end, the panel stays on the last
// one (its fields can still be filled until the wrap-up is submitted) until another call starts.

/** A customer's call in progress, in the order the panel prefers them. */
export function scriptCallOf(calls: readonly CallView[]): CallView | undefined {
  const customer = calls.filter((c) => !c.consultFor && c.state !== 'ended');
  return (
    customer.find((c) => c.state === 'active') ??
    customer.find((c) => c.state === 'held') ??
    customer.find((c) => c.state === 'ringing') ??
    customer.find((c) => c.state === 'dialing' || c.state === 'ringback')
  );
}

export function useScriptCall(): { callId: string | null; inProgress: boolean } {
  const { calls } = useAppState();
  const live = scriptCallOf(calls);
  const [last, setLast] = useState<string | null>(live?.id ?? null);
  if (live && live.id !== last) setLast(live.id);
  return { callId: live?.id ?? last, inProgress: live !== undefined };
}

/** Calls `open` when a call starts (rings here, or starts dialling out): the Script tab comes to front. */
export function useOpenScriptOnCallStart(open: () => void): void {
  const { calls } = useAppState();
  const seen = useRef(new Set(calls.map((c) => c.id)));
  useEffect(() => {
    let started = false;
    for (const call of calls) {
      if (seen.current.has(call.id)) continue;
      seen.current.add(call.id);
      if (!call.consultFor && call.state !== 'ended') started = true;
    }
    if (started) open();
  }, [calls, open]);
}

export type ScriptAction =
  | { kind: 'step'; stepId: string; answer: string }
  | { kind: 'back' }
  | { kind: 'restart'; scriptId?: string }
  | { kind: 'field'; fieldId: string; value: ScriptFieldValue };

export function useScriptRun(callId: string | null) {
  // Kept with the call it belongs to: a view of the previous call is never shown for the next one.
  const [state, setState] = useState<{ callId: string; view: ScriptForCall } | null>(null);
  const view = callId !== null && state?.callId === callId ? state.view : null;

  useEffect(() => {
    if (!callId) return;
    let alive = true;
    invoke('scripts:forCall', { callId })
      .then((next) => alive && setState({ callId, view: next }))
      .catch(() => alive && setState({ callId, view: { callId, script: null, run: null, locked: false } }));
    const unsubscribe = subscribe('script:updated', (next) => {
      if (next.callId === callId) setState({ callId, view: next });
    });
    return () => {
      alive = false;
      unsubscribe();
    };
  }, [callId]);

  /** Sends one change; the answer (the whole run) replaces what the panel shows. Throws IpcCallError. */
  const act = useCallback(
    async (action: ScriptAction): Promise<ScriptForCall> => {
      if (!callId) throw new Error('no call');
      const next =
        action.kind === 'step'
          ? await invoke('scripts:step', { callId, stepId: action.stepId, answer: action.answer })
          : action.kind === 'back'
            ? await invoke('scripts:back', { callId })
            : action.kind === 'restart'
              ? await invoke('scripts:restart', {
                  callId,
                  ...(action.scriptId ? { scriptId: action.scriptId } : {}),
                })
              : await invoke('scripts:setField', { callId, fieldId: action.fieldId, value: action.value });
      // A call switched meanwhile keeps its own view.
      setState((prev) => (prev && prev.callId !== callId ? prev : { callId, view: next }));
      return next;
    },
    [callId],
  );

  /** Fetches the run again (after a refused change: show what main has). */
  const reload = useCallback(async () => {
    if (!callId) return;
    const next = await invoke('scripts:forCall', { callId });
    setState((prev) => (prev && prev.callId !== callId ? prev : { callId, view: next }));
  }, [callId]);

  return { view, loading: callId !== null && view === null, act, reload };
}
