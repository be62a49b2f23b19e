import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AppInfo, Status } from '../../../shared/ipc/contract.ts';
import type { CallView } from '../../../shared/model/call.ts';
import type { CallerCard } from '../../../shared/model/caller-card.ts';
import { resolveUiLanguage, type SettingsView, type UiLanguage } from '../../../shared/model/settings.ts';
import { invoke, subscribe } from '../lib/ipc.ts';
import { setLanguage } from '../i18n/index.ts';

// The live state every screen reads: app info, settings, status and calls. Loaded once, then kept
// current by events from main; screens never poll.

export interface AppState {
  info: AppInfo;
  settings: SettingsView;
  status: Status;
  calls: CallView[];
  /** The most recently ended call per id, kept briefly so the operator sees how it ended. */
  ended: CallView[];
  /** Caller cards by call id, pushed by main when a call appears (kept for the wrap-up after it). */
  cards: Record<string, CallerCard>;
  /** Fetches a current call's card again (after the operator named an unknown caller). */
  refreshCard(callId: string): Promise<void>;
  language: UiLanguage;
}

const Context = createContext<AppState | null>(null);

export function useAppState(): AppState {
  const state = useContext(Context);
  if (!state) throw new Error('useAppState outside AppStateProvider');
  return state;
}

export interface InitialState {
  info: AppInfo;
  settings: SettingsView;
  status: Status;
  calls: CallView[];
}

export async function loadInitialState(): Promise<InitialState> {
  const [info, settings, status, { calls }] = await Promise.all([
    invoke('app:getInfo', {}),
    invoke('settings:get', {}),
    invoke('status:get', {}),
    invoke('call:list', {}),
  ]);
  return { info, settings, status, calls };
}

const CARDS_KEPT = 20;

/** Cards of the newest calls only: a long shift must not grow the page's memory. */
function keepRecentCards(cards: Record<string, CallerCard>): Record<string, CallerCard> {
  const ids = Object.keys(cards);
  if (ids.length <= CARDS_KEPT) return cards;
  return Object.fromEntries(ids.slice(-CARDS_KEPT).map((id) => [id, cards[id]!]));
}

export function AppStateProvider({ initial, children }: { initial: InitialState; children: ReactNode }) {
  const [settings, setSettings] = useState(initial.settings);
  const [status, setStatus] = useState(initial.status);
  const [calls, setCalls] = useState(initial.calls);
  const [ended, setEnded] = useState<CallView[]>([]);
  const [cards, setCards] = useState<Record<string, CallerCard>>({});
  const language = resolveUiLanguage(settings.settings.language, initial.info.systemLocale);

  useEffect(() => {
    void setLanguage(language);
  }, [language]);

  useEffect(() => {
    const unsubscribers = [
      subscribe('settings:changed', setSettings),
      subscribe('status:changed', setStatus),
      subscribe('call:card', (card) => setCards((all) => keepRecentCards({ ...all, [card.callId]: card }))),
      subscribe('call:updated', (call) => {
        setCalls((list) => {
          const others = list.filter((c) => c.id !== call.id);
          return call.state === 'ended'
            ? others
            : [...others, call].sort((a, b) => a.startedAt - b.startedAt);
        });
        if (call.state === 'ended')
          setEnded((list) => [call, ...list.filter((c) => c.id !== call.id)].slice(0, 3));
      }),
    ];
    // Resync after a core restart or reconnect: the events we missed are not replayed.
    void invoke('call:list', {})
      .then(async ({ calls: list }) => {
        setCalls(list);
        // Cards pushed before this page existed (a reload mid-call) are fetched instead.
        const fetched = await Promise.all(
          list.map((call) => invoke('card:get', { callId: call.id }).catch(() => undefined)),
        );
        setCards((all) => {
          const next = { ...all };
          for (const card of fetched) if (card && !next[card.callId]) next[card.callId] = card;
          return keepRecentCards(next);
        });
      })
      .catch(() => undefined);
    return () => unsubscribers.forEach((u) => u());
  }, []);

  const refreshCard = useCallback(async (callId: string) => {
    const card = await invoke('card:get', { callId });
    setCards((all) => ({ ...all, [callId]: card }));
  }, []);

  const value = useMemo<AppState>(
    () => ({ info: initial.info, settings, status, calls, ended, cards, refreshCard, language }),
    [initial.info, settings, status, calls, ended, cards, refreshCard, language],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}
