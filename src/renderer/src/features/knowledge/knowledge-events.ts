import { useEffect, useState, useSyncExternalStore } from 'react';
import type { CallArticle } from '../../../../shared/model/call-articles.ts';
import { invoke } from '../../lib/ipc.ts';

// What ties the knowledge panel to the rest of the window without threading props through it:
// - F6 (src/shared/shortcuts/in-app.ts) and "open this article" requests: the side panel switches
//   to its Knowledge tab, the panel focuses its search box or opens the article — also when the
//   panel mounts only because of the request (the tab's content is not kept mounted);
// - the wrap-up forms on screen: an article can be attached to a call in wrap-up, and the side
//   panel is not inside the form;
// - "the attachments of call X changed", so the form's list follows an attach from the panel.

export type KnowledgeRequest = { kind: 'focus' } | { kind: 'open'; articleId: string };

type Listener = () => void;

let pending: KnowledgeRequest | null = null;
const requestListeners = new Set<(request: KnowledgeRequest) => void>();

/** Asks the side panel to show the knowledge base and focus its search (or open an article). */
export function requestKnowledge(request: KnowledgeRequest): void {
  pending = request;
  for (const listener of requestListeners) listener(request);
}

/** The request not yet handled, left in place (a panel reads it as it mounts, then takes it). */
export function peekKnowledgeRequest(): KnowledgeRequest | null {
  return pending;
}

/** The request not yet handled (a panel that mounts because of it takes it). */
export function takeKnowledgeRequest(): KnowledgeRequest | null {
  const request = pending;
  pending = null;
  return request;
}

export function onKnowledgeRequest(listener: (request: KnowledgeRequest) => void): () => void {
  requestListeners.add(listener);
  return () => requestListeners.delete(listener);
}

/** F6 from anywhere in the window, inside text fields too (the operator is usually typing). */
export function isKnowledgeKey(event: KeyboardEvent): boolean {
  return event.key === 'F6' && !event.ctrlKey && !event.altKey && !event.metaKey && !event.shiftKey;
}

/** Listens for F6 and calls `onRequest` for it and for every other knowledge request. */
export function useKnowledgeRequests(onRequest: (request: KnowledgeRequest) => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !isKnowledgeKey(event)) return;
      // F6 moves the focus to the address bar in a browser (the harness).
      event.preventDefault();
      requestKnowledge({ kind: 'focus' });
    };
    window.addEventListener('keydown', onKeyDown);
    const unsubscribe = onKnowledgeRequest(onRequest);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      unsubscribe();
    };
  }, [onRequest]);
}

// ---------------------------------------------------------------------------------------------
// The wrap-up forms on screen

let wrapupCalls: readonly string[] = [];
const wrapupListeners = new Set<Listener>();

function setWrapupCalls(next: readonly string[]): void {
  wrapupCalls = next;
  for (const listener of wrapupListeners) listener();
}

/** Called by a wrap-up form while it is shown: its call can take attachments. */
export function useRegisterWrapupCall(callId: string): void {
  useEffect(() => {
    setWrapupCalls([...wrapupCalls.filter((id) => id !== callId), callId]);
    return () => setWrapupCalls(wrapupCalls.filter((id) => id !== callId));
  }, [callId]);
}

/** The calls whose wrap-up form is on screen, most recently shown last. */
export function useWrapupCalls(): readonly string[] {
  return useSyncExternalStore(
    (listener) => {
      wrapupListeners.add(listener);
      return () => wrapupListeners.delete(listener);
    },
    () => wrapupCalls,
  );
}

// ---------------------------------------------------------------------------------------------
// Attachments changed

const attachListeners = new Set<(callId: string) => void>();

export function notifyAttached(callId: string): void {
  for (const listener of attachListeners) listener(callId);
}

export function onAttached(listener: (callId: string) => void): () => void {
  attachListeners.add(listener);
  return () => attachListeners.delete(listener);
}

/**
 * The articles attached to a call, kept current as they change (here or in another panel); `set`
 * takes a list the core just answered with. Undefined until the first answer (or when the core
 * cannot say: an older core, a call that is gone — the screens work without the list).
 */
export function useCallArticles(callId: string): {
  articles: CallArticle[] | undefined;
  set(articles: CallArticle[]): void;
} {
  const [loaded, setLoaded] = useState<{ callId: string; articles: CallArticle[] } | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () =>
      invoke('kb:attached', { callId })
        .then(({ articles }) => alive && setLoaded({ callId, articles }))
        .catch(() => undefined);
    void load();
    const unsubscribe = onAttached((changed) => {
      if (changed === callId) void load();
    });
    return () => {
      alive = false;
      unsubscribe();
    };
  }, [callId]);
  return {
    articles: loaded?.callId === callId ? loaded.articles : undefined,
    set: (articles) => setLoaded({ callId, articles }),
  };
}
