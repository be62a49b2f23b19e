import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AppInfo, Status } from '../../../shared/ipc/contract.ts';
import type { CallView } from '../../../shared/model/call.ts';
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

export function AppStateProvider({ initial, children }: { initial: InitialState; children: ReactNode }) {
  const [settings, setSettings] = useState(initial.settings);
  const [status, setStatus] = useState(initial.status);
  const [calls, setCalls] = useState(initial.calls);
  const [ended, setEnded] = useState<CallView[]>([]);
  const language = resolveUiLanguage(settings.settings.language, initial.info.systemLocale);

  useEffect(() => {
    void setLanguage(language);
  }, [language]);

  useEffect(() => {
    const unsubscribers = [
      subscribe('settings:changed', setSettings),
      subscribe('status:changed', setStatus),
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
      .then(({ calls: list }) => setCalls(list))
      .catch(() => undefined);
    return () => unsubscribers.forEach((u) => u());
  }, []);

  const value = useMemo<AppState>(
    () => ({ info: initial.info, settings, status, calls, ended, language }),
    [initial.info, settings, status, calls, ended, language],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}
