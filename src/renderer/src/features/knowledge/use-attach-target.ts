import { useAppState } from '../../app/app-state.tsx';
import { useWrapupCalls } from './knowledge-events.ts';

// Which call "Attach to this call" means: the call the operator is talking on (a consultation with
// a colleague is not a customer's call), else one on hold, else the call whose wrap-up form is on
// screen. None: the button is not shown.

export interface AttachTarget {
  callId: string;
  kind: 'call' | 'wrapup';
}

export function useAttachTarget(): AttachTarget | null {
  const { calls } = useAppState();
  const wrapups = useWrapupCalls();
  const talking = calls.filter((c) => !c.consultFor && (c.state === 'active' || c.state === 'held'));
  const live = talking.find((c) => c.state === 'active') ?? talking.at(-1);
  if (live) return { callId: live.id, kind: 'call' };
  const wrapup = wrapups.at(-1);
  return wrapup ? { callId: wrapup, kind: 'wrapup' } : null;
}
