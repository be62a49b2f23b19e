import { useCallback, useEffect, useState } from 'react';
import type { WrapupView } from '../../../../shared/model/wrapup.ts';
import { invoke, subscribe } from '../../lib/ipc.ts';

// The calls waiting for a wrap-up: every call that was answered and has ended (from `call:updated`
// while the window is open), and every draft main holds (after a reload or a crash). Oldest first:
// a call that ends while the operator types another wrap-up joins the end of the queue.

export interface PendingWrapup {
  callId: string;
  caller: { number: string; name: string | null };
}

const fromDraft = (view: WrapupView): PendingWrapup => ({
  callId: view.callId,
  caller: view.caller ?? { number: '', name: null },
});

export function useWrapupQueue() {
  const [items, setItems] = useState<PendingWrapup[]>([]);

  useEffect(() => {
    let alive = true;
    const unsubscribe = subscribe('call:updated', (call) => {
      if (call.state !== 'ended' || call.answeredAt === undefined) return;
      const item: PendingWrapup = {
        callId: call.id,
        caller: { number: call.remote.number, name: call.remote.displayName ?? null },
      };
      setItems((list) => (list.some((i) => i.callId === call.id) ? list : [...list, item]));
    });
    invoke('wrapup:drafts', {})
      .then(({ drafts }) => {
        if (!alive) return;
        // Main lists drafts newest first.
        const stored = drafts.map(fromDraft).reverse();
        setItems((list) => [...stored, ...list.filter((i) => !stored.some((d) => d.callId === i.callId))]);
      })
      .catch(() => undefined);
    return () => {
      alive = false;
      unsubscribe();
    };
  }, []);

  const remove = useCallback(
    (callId: string) => setItems((list) => list.filter((i) => i.callId !== callId)),
    [],
  );
  return { items, remove };
}
