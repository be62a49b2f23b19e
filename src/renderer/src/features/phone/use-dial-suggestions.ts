import { useEffect, useState } from 'react';
import type { CallLogEntry } from '../../../../shared/model/call-history.ts';
import type { ContactSummary } from '../../../../shared/model/contact.ts';
import { invoke } from '../../lib/ipc.ts';

// What the operator may mean while typing a number or a name: matching contacts (each of their
// numbers), then numbers called or heard from in the last 30 days. Stale answers are dropped.

export interface DialSuggestion {
  key: string;
  /** What gets dialled (or, for a masked history row, the call to call back). */
  target: { kind: 'number'; number: string } | { kind: 'callBack'; callId: string };
  name: string | null;
  detail: string | null;
  numberDisplay: string;
  source: 'contact' | 'recent';
}

const RECENT_DAYS = 30;
const DEBOUNCE_MS = 120;

function fromContacts(items: ContactSummary[]): DialSuggestion[] {
  return items.flatMap((contact) =>
    contact.numbers.map((n) => ({
      key: `c:${contact.id}:${n.number}`,
      target: { kind: 'number' as const, number: n.e164 ?? n.number },
      name: contact.name,
      detail: contact.company,
      numberDisplay: n.number,
      source: 'contact' as const,
    })),
  );
}

function fromHistory(rows: CallLogEntry[], known: Set<string>): DialSuggestion[] {
  const seen = new Set<string>();
  const out: DialSuggestion[] = [];
  for (const row of rows) {
    const key = row.e164 ?? row.number;
    if (!key || seen.has(key) || (row.e164 && known.has(row.e164))) continue;
    seen.add(key);
    const target = row.masked
      ? row.callbackRef
        ? { kind: 'callBack' as const, callId: row.callbackRef }
        : null
      : { kind: 'number' as const, number: row.e164 ?? row.number };
    if (!target) continue;
    out.push({
      key: `r:${key}`,
      target,
      name: row.contactName ?? row.name,
      detail: null,
      numberDisplay: row.number,
      source: 'recent',
    });
  }
  return out;
}

export function useDialSuggestions(query: string, limit = 8): DialSuggestion[] {
  /** The answer and the query it answers: an answer for an older query is never shown. */
  const [answer, setAnswer] = useState<{ query: string; suggestions: DialSuggestion[] }>({
    query: '',
    suggestions: [],
  });
  const text = query.trim();
  useEffect(() => {
    if (text.length < 2) return;
    let current = true;
    const timer = setTimeout(() => {
      const from = Date.now() - RECENT_DAYS * 86_400_000;
      Promise.all([
        invoke('contacts:list', { query: text, limit: 5 }).catch(() => ({ items: [] })),
        invoke('calllog:list', { filter: { from, text }, limit: 20 }).catch(() => ({ rows: [] })),
      ])
        .then(([contacts, history]) => {
          if (!current) return;
          const fromBook = fromContacts(contacts.items);
          const known = new Set(
            fromBook.flatMap((s) => (s.target.kind === 'number' ? [s.target.number] : [])),
          );
          setAnswer({
            query: text,
            suggestions: [...fromBook, ...fromHistory(history.rows, known)].slice(0, limit),
          });
        })
        .catch(() => undefined);
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, limit]);
  return text.length >= 2 && answer.query === text ? answer.suggestions : [];
}
