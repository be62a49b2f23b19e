import { Anchor, AppShell, Button, Group, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconHeadset, IconHistory, IconLayoutDashboard, IconSettings } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HistoryScreen } from '../features/history/HistoryScreen.tsx';
import { Workspace } from '../features/phone/Workspace.tsx';
import { SettingsScreen } from '../features/settings/SettingsScreen.tsx';
import { StatusBar } from '../features/shell/StatusBar.tsx';
import { SidePanel } from '../features/side/SidePanel.tsx';

type Screen = 'workspace' | 'history' | 'settings';

const NAV: Array<{ screen: Screen; icon: typeof IconHistory; shortcut: string }> = [
  { screen: 'workspace', icon: IconLayoutDashboard, shortcut: 'Ctrl+1' },
  { screen: 'history', icon: IconHistory, shortcut: 'Ctrl+2' },
  { screen: 'settings', icon: IconSettings, shortcut: 'Ctrl+,' },
];

/** The window the operator lives in: sections on top, work in the middle, script beside, status below. */
export function App() {
  const { t } = useTranslation();
  const [screen, setScreen] = useState<Screen>('workspace');
  const dialRef = useRef<HTMLInputElement>(null);
  const mainRef = useRef<HTMLElement>(null);

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
                >
                  {t(`nav.${target}`)}
                </Button>
              ))}
            </Group>
          </nav>
        </Group>
      </AppShell.Header>

      <AppShell.Main
        id="main"
        ref={mainRef}
        tabIndex={-1}
        aria-label={t(`nav.${screen}`)}
        style={{ outline: 'none' }}
      >
        {screen === 'workspace' && <Workspace onOpenSettings={() => go('settings')} dialRef={dialRef} />}
        {screen === 'history' && <HistoryScreen />}
        {screen === 'settings' && <SettingsScreen />}
      </AppShell.Main>

      <AppShell.Aside p="md" aria-label={t('side.label')} component="aside">
        <SidePanel />
      </AppShell.Aside>

      <AppShell.Footer>
        <StatusBar onOpenSettings={() => go('settings')} />
      </AppShell.Footer>
    </AppShell>
  );
}
