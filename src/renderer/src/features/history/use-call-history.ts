import { useCallback, useEffect, useState } from 'react';
import {
  CALL_LOG_PAGE_MAX,
  type CallLogCursor,
  type CallLogEntry,
  type CallLogFilter,
} from '../../../../shared/model/call-history.ts';
import { invoke, subscribe } from '../../lib/ipc.ts';

// Pages of the call history for a filter: the first page when the filter changes, the next ones as
// the list scrolls. Every result is tagged with the request it answers, so a late answer for an
// old filter is never shown, and "loading" is simply "no answer yet for this request".

export const PAGE_SIZE = 50;

export interface CallHistoryState {
  status: 'loading' | 'ready' | 'error';
  rows: CallLogEntry[];
  hasMore: boolean;
  loadingMore: boolean;
  error: unknown;
  loadMore(): void;
  reload(): void;
}

interface Loaded {
  key: string;
  rows: CallLogEntry[];
  cursor: CallLogCursor | null;
  error: unknown;
  loadingMore: boolean;
}

export function useCallHistory(filter: CallLogFilter, maskNumbers: boolean): CallHistoryState {
  const [reloads, setReloads] = useState(0);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const filterKey = JSON.stringify(filter);
  // maskNumbers is part of the key: the core masks, so a changed setting needs the rows again.
  const key = `${filterKey}|${maskNumbers}|${reloads}`;

  useEffect(() => {
    let current = true;
    invoke('calllog:list', { filter: JSON.parse(filterKey) as CallLogFilter, limit: PAGE_SIZE })
      .then((page) => {
        if (current)
          setLoaded({ key, rows: page.rows, cursor: page.nextCursor, error: null, loadingMore: false });
      })
      .catch((failure: unknown) => {
        if (current) setLoaded({ key, rows: [], cursor: null, error: failure, loadingMore: false });
      });
    return () => {
      current = false;
    };
  }, [key, filterKey]);

  const mine = loaded?.key === key ? loaded : null;
  const status: CallHistoryState['status'] = !mine ? 'loading' : mine.error ? 'error' : 'ready';

  const loadMore = useCallback(() => {
    if (!mine || mine.error || !mine.cursor || mine.loadingMore) return;
    const cursor = mine.cursor;
    const update = (change: (l: Loaded) => Loaded) => setLoaded((l) => (l && l.key === key ? change(l) : l));
    update((l) => ({ ...l, loadingMore: true }));
    // Later pages are bigger: an operator scrolling far back wants the list to keep up.
    invoke('calllog:list', {
      filter: JSON.parse(filterKey) as CallLogFilter,
      cursor,
      limit: CALL_LOG_PAGE_MAX,
    })
      .then((page) =>
        update((l) => ({
          ...l,
          rows: [...l.rows, ...page.rows],
          cursor: page.nextCursor,
          loadingMore: false,
        })),
      )
      .catch((failure: unknown) => update((l) => ({ ...l, error: failure, loadingMore: false })));
  }, [mine, key, filterKey]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);

  // A call that just ended belongs at the top; refresh while the operator is near the top only,
  // so reading further down is never yanked back.
  const nearTop = (mine?.rows.length ?? 0) <= PAGE_SIZE;
  useEffect(
    () =>
      subscribe('call:updated', (call) => {
        if (call.state === 'ended' && nearTop) reload();
      }),
    [nearTop, reload],
  );

  return {
    status,
    rows: mine?.rows ?? [],
    hasMore: Boolean(mine?.cursor),
    loadingMore: mine?.loadingMore ?? false,
    error: mine?.error ?? null,
    loadMore,
    reload,
  };
}
