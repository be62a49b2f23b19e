import { ActionIcon, Anchor, AppShell, Badge, Button, Group, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import {
  IconAddressBook,
  IconHeadset,
  IconHistory,
  IconKeyboard,
  IconLayoutDashboard,
  IconSettings,
} from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HistoryScreen } from '../features/history/HistoryScreen.tsx';
import { ContactsScreen } from '../features/contacts/ContactsScreen.tsx';
import { Workspace } from '../features/phone/Workspace.tsx';
import { SettingsScreen } from '../features/settings/SettingsScreen.tsx';
import { StatusBar } from '../features/shell/StatusBar.tsx';
import { InPageNotifications } from '../features/shell/InPageNotifications.tsx';
import { useCallHotkeys } from '../features/phone/use-call-hotkeys.ts';
import { StorageNotice } from '../features/shell/StorageNotice.tsx';
import { SidePanel } from '../features/side/SidePanel.tsx';
import { HelpOverlay, useHelpHotkeys } from '../features/help/HelpOverlay.tsx';
import { invoke, subscribe } from '../lib/ipc.ts';
import type { DialPrefill } from '../features/phone/DialBar.tsx';
import { useAppState } from './app-state.tsx';

type Screen = 'workspace' | 'history' | 'contacts' | 'settings';

const NAV: Array<{ screen: Screen; icon: typeof IconHistory; shortcut: string }> = [
  { screen: 'workspace', icon: IconLayoutDashboard, shortcut: 'Ctrl+1' },
  { screen: 'history', icon: IconHistory, shortcut: 'Ctrl+2' },
  { screen: 'contacts', icon: IconAddressBook, shortcut: 'Ctrl+3' },
  { screen: 'settings', icon: IconSettings, shortcut: 'Ctrl+,' },
];

/** The window the operator lives in: sections on top, work in the middle, script beside, status below. */
export function App() {
  const { t } = useTranslation();
  const [screen, setScreen] = useState<Screen>('workspace');
  const dialRef = useRef<HTMLInputElement>(null);
  const mainRef = useRef<HTMLElement>(null);
  useCallHotkeys();
  const missedCalls = useAppState().status.shell?.missedCalls ?? 0;
  const [helpOpen, setHelpOpen] = useState(false);
  useHelpHotkeys(setHelpOpen);
  // The missed-call badge (History button, tray, taskbar) resets once the operator opens History,
  // also for a call missed while they are there (they see it in the list).
  useEffect(() => {
    if (screen === 'history' && missedCalls > 0) void invoke('shell:missedSeen', {}).catch(() => undefined);
  }, [screen, missedCalls]);

  // A tel:/callto:/sip: link from another program: the workspace, with the number in the dial field
  // (never dialled for the operator). Taken at start too: the link may have started Hotline.
  const [prefill, setPrefill] = useState<DialPrefill>();
  const prefillSeq = useRef(0);
  const prefillTaken = useCallback(() => setPrefill(undefined), []);
  useEffect(() => {
    const take = () =>
      void invoke('dial:takeLink', {})
        .then(({ target }) => {
          if (target === null) return;
          setScreen('workspace');
          setPrefill({ text: target, seq: ++prefillSeq.current });
        })
        .catch(() => undefined);
    take();
    return subscribe('dial:link', take);
  }, []);

  const go = (next: Screen) => {
    setScreen(next);
    requestAnimationFrame(() => mainRef.current?.focus({ preventScroll: true }));
  };

  // Physical keys, so the shortcuts work on a Russian layout too (Ctrl+, is Ctrl+Б there).
  const physical = { usePhysicalKeys: true };
  useHotkeys(
    [
      ['mod+digit1', () => go('workspace'), physical],
      ['mod+digit2', () => go('history'), physical],
      ['mod+digit3', () => go('contacts'), physical],
      ['mod+comma', () => go('settings'), physical],
      // F2 puts the cursor in the dial field from anywhere.
      [
        'f2',
        () => {
          setScreen('workspace');
          requestAnimationFrame(() => dialRef.current?.focus());
        },
        physical,
      ],
    ],
    // Shortcuts work from inside fields too: an operator is usually typing somewhere.
    [],
  );

  return (
    <AppShell
      header={{ height: 52 }}
      footer={{ height: 36 }}
      aside={{ width: 340, breakpoint: 'sm' }}
      padding="md"
      data-app-ready="true"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <IconHeadset size={22} aria-hidden color="var(--mantine-color-blue-7)" />
            <Text fw={700}>{t('app.name')}</Text>
            <Anchor
              href="#main"
              className="skip-link"
              onClick={(e) => {
                e.preventDefault();
                mainRef.current?.focus();
              }}
            >
              {t('app.skipToMain')}
            </Anchor>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <nav aria-label={t('nav.label')}>
              <Group gap={4} wrap="nowrap">
                {NAV.map(({ screen: target, icon: Icon, shortcut }) => (
                  <Button
                    key={target}
                    variant={screen === target ? 'light' : 'subtle'}
                    aria-current={screen === target ? 'page' : undefined}
                    leftSection={<Icon size={16} aria-hidden />}
                    onClick={() => go(target)}
                    title={`${t(`nav.${target}`)} (${shortcut})`}
                    aria-keyshortcuts={shortcut.replace('Ctrl', 'Control')}
                    aria-label={
                      target === 'history' && missedCalls > 0
                        ? t('nav.historyMissed', { count: missedCalls })
                        : undefined
                    }
                    rightSection={
                      target === 'history' && missedCalls > 0 ? (
                        <Badge size="sm" color="red" circle aria-hidden data-testid="missed-badge">
                          {missedCalls > 99 ? '99+' : missedCalls}
                        </Badge>
                      ) : undefined
                    }
                  >
                    {t(`nav.${target}`)}
                  </Button>
                ))}
              </Group>
            </nav>
            <ActionIcon
              variant="subtle"
              size="lg"
              onClick={() => setHelpOpen(true)}
              aria-label={t('help.open')}
              title={t('help.open')}
              aria-keyshortcuts="F1"
            >
              <IconKeyboard size={18} aria-hidden />
            </ActionIcon>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Main
        id="main"
        ref={mainRef}
        tabIndex={-1}
        aria-label={t(`nav.${screen}`)}
        style={{ outline: 'none' }}
      >
        <StorageNotice />
        {screen === 'workspace' && (
          <Workspace
            onOpenSettings={() => go('settings')}
            dialRef={dialRef}
            dialPrefill={prefill}
            onDialPrefillTaken={prefillTaken}
          />
        )}
        {screen === 'history' && <HistoryScreen onCalled={() => go('workspace')} />}
        {screen === 'contacts' && <ContactsScreen onCalled={() => go('workspace')} />}
        {screen === 'settings' && <SettingsScreen />}
      </AppShell.Main>

      <AppShell.Aside p="md" aria-label={t('side.label')} component="aside">
        <SidePanel />
      </AppShell.Aside>

      <InPageNotifications />
      <HelpOverlay opened={helpOpen} onClose={() => setHelpOpen(false)} />
      <AppShell.Footer>
        <StatusBar onOpenSettings={() => go('settings')} />
      </AppShell.Footer>
    </AppShell>
  );
}
