import { useEffect, useRef, useState } from 'react';
import type { KbSearchResult } from '../../../../shared/model/knowledge.ts';
import { invoke } from '../../lib/ipc.ts';

// Search as the operator types: one request ~80 ms after the last keystroke, and only the answer to
// the newest request is shown (an older one arriving late is dropped, so the list never jumps back
// to what was typed before). The previous results stay on screen while the next ones are on the way.

export const SEARCH_DEBOUNCE_MS = 80;
export const SEARCH_LIMIT = 15;

export interface KnowledgeSearchState {
  /** The query the shown result answers ('' when nothing is searched). */
  query: string;
  result: KbSearchResult | null;
  /** A request is waiting or on the way for the latest text. */
  pending: boolean;
  error: unknown;
}

export function useKnowledgeSearch(text: string, delayMs = SEARCH_DEBOUNCE_MS): KnowledgeSearchState {
  const [answer, setAnswer] = useState<Omit<KnowledgeSearchState, 'pending'>>({
    query: '',
    result: null,
    error: null,
  });
  const latest = useRef(0);
  const query = text.trim();

  useEffect(() => {
    // Every change of the text makes the requests before it stale, an emptied box included.
    const id = ++latest.current;
    if (query === '') return;
    const timer = setTimeout(() => {
      invoke('kb:search', { query, limit: SEARCH_LIMIT })
        .then((result) => {
          if (id === latest.current) setAnswer({ query, result, error: null });
        })
        .catch((error: unknown) => {
          if (id === latest.current) setAnswer({ query, result: null, error });
        });
    }, delayMs);
    return () => clearTimeout(timer);
  }, [query, delayMs]);

  if (query === '') return { query: '', result: null, pending: false, error: null };
  return { ...answer, pending: answer.query !== query };
}
