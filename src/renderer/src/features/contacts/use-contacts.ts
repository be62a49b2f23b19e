import { useCallback, useEffect, useState } from 'react';
import type { ContactSummary } from '../../../../shared/model/contact.ts';
import { invoke } from '../../lib/ipc.ts';

// Contacts for a query, a page at a time (the core's keyset cursor). Every answer is tagged with the
// request it answers, so a late answer for an older query is never shown; while a new query loads,
// the previous rows stay on screen (no flicker on each key typed).

export const PAGE_SIZE = 50;

export interface ContactsList {
  items: ContactSummary[];
  hasMore: boolean;
  loading: boolean;
  error: unknown;
  more(): void;
  reload(): void;
}

interface Loaded {
  key: string;
  items: ContactSummary[];
  cursor: string | null;
  error: unknown;
  loadingMore: boolean;
}

export function useContactsList(query: string): ContactsList {
  const [reloads, setReloads] = useState(0);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const key = `${reloads}|${query}`;

  useEffect(() => {
    let current = true;
    invoke('contacts:list', { query, limit: PAGE_SIZE })
      .then((page) => {
        if (current)
          setLoaded({ key, items: page.items, cursor: page.nextCursor, error: null, loadingMore: false });
      })
      .catch((failure: unknown) => {
        if (current) setLoaded({ key, items: [], cursor: null, error: failure, loadingMore: false });
      });
    return () => {
      current = false;
    };
  }, [key, query]);

  const mine = loaded?.key === key ? loaded : null;

  const more = useCallback(() => {
    if (!mine || !mine.cursor || mine.loadingMore) return;
    const cursor = mine.cursor;
    const update = (change: (l: Loaded) => Loaded) => setLoaded((l) => (l && l.key === key ? change(l) : l));
    update((l) => ({ ...l, loadingMore: true }));
    invoke('contacts:list', { query, limit: PAGE_SIZE, cursor })
      .then((page) =>
        update((l) => ({
          ...l,
          items: [...l.items, ...page.items],
          cursor: page.nextCursor,
          loadingMore: false,
        })),
      )
      .catch((failure: unknown) => update((l) => ({ ...l, error: failure, loadingMore: false })));
  }, [mine, key, query]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);

  return {
    items: (mine ?? loaded)?.items ?? [],
    hasMore: Boolean(mine?.cursor),
    loading: !mine || mine.loadingMore,
    error: mine?.error ?? null,
    more,
    reload,
  };
}
