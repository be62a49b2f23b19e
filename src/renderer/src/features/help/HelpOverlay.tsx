import { Kbd, Modal, Stack, Table, Text } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { GLOBAL_SHORTCUT_ACTIONS } from '../../../../shared/model/shortcuts.ts';
import { formatAccelerator } from '../../../../shared/shortcuts/accelerator.ts';
import { IN_APP_SHORTCUTS, type InAppGroup } from '../../../../shared/shortcuts/in-app.ts';
import { useAppState } from '../../app/app-state.tsx';

// Every key Hotline answers, in one table the operator can open from anywhere: F1, or "?" outside
// a text field, or the header's keyboard button. The in-window list comes from
// src/shared/shortcuts/in-app.ts; the system-wide ones from the settings, as they are now.

/** Fields where "?" is typed text, not a command. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(
      target.type,
    );
  return false;
}

/** F1 from anywhere; "?" when the focus is not in a text field. A key a field used is left alone. */
export function useHelpHotkeys(setOpen: (open: boolean) => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const f1 = event.key === 'F1' && !event.ctrlKey && !event.altKey && !event.metaKey && !event.shiftKey;
      const question = event.key === '?' && !event.ctrlKey && !event.altKey && !event.metaKey;
      if (!f1 && !(question && !isTextEntry(event.target))) return;
      // F1 would open the browser's help page in the harness.
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [setOpen]);
}

function Keys({ keys }: { keys: readonly string[] }) {
  return (
    <>
      {keys.map((key, index) => (
        <span key={key}>
          {index > 0 && ' / '}
          <Kbd>{key}</Kbd>
        </span>
      ))}
    </>
  );
}

function ShortcutTable({
  caption,
  rows,
}: {
  caption: string;
  rows: Array<{ id: string; keys: ReactNode; action: string }>;
}) {
  const { t } = useTranslation();
  return (
    <Table withTableBorder verticalSpacing={4} data-testid="help-table">
      <Table.Caption style={{ captionSide: 'top', textAlign: 'left', fontWeight: 600, marginBottom: 4 }}>
        {caption}
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col" w="40%">
            {t('help.keysColumn')}
          </Table.Th>
          <Table.Th scope="col">{t('help.actionColumn')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.id} data-shortcut={row.id}>
            <Table.Td>{row.keys}</Table.Td>
            <Table.Td>{row.action}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const GROUPS: InAppGroup[] = ['window', 'calls', 'wrapup', 'history'];

export function HelpOverlay({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { info, settings, status } = useAppState();
  const mac = info.platform === 'darwin';
  const shortcuts = settings.settings.shortcuts;
  const failures = status.shell?.shortcutFailures ?? [];

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('help.title')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('help.close') }}
    >
      <Stack gap="lg">
        {GROUPS.map((group) => (
          <ShortcutTable
            key={group}
            caption={t(`help.group.${group}`)}
            rows={IN_APP_SHORTCUTS.filter((s) => s.group === group).map((s) => ({
              id: s.id,
              keys: (
                <Keys
                  keys={
                    s.display
                      ? [mac ? s.display.mac : s.display.pc]
                      : s.keys.map((key) => formatAccelerator(key, info.platform))
                  }
                />
              ),
              action: t(`help.action.${s.id}`),
            }))}
          />
        ))}
        <div>
          <ShortcutTable
            caption={t('help.group.global')}
            rows={GLOBAL_SHORTCUT_ACTIONS.map((action) => {
              const accelerator = shortcuts[action];
              const failure = failures.find((f) => f.action === action && f.accelerator === accelerator);
              return {
                id: `global-${action}`,
                keys:
                  shortcuts.globalEnabled && accelerator ? (
                    <>
                      <Keys keys={[formatAccelerator(accelerator, info.platform)]} />
                      {failure && (
                        <Text component="span" size="xs" c="orange.9" ml={6}>
                          {t(`help.failure.${failure.reason}`)}
                        </Text>
                      )}
                    </>
                  ) : (
                    <Text component="span" size="sm" c="dimmed">
                      {t('help.off')}
                    </Text>
                  ),
                action: t(`settings.shortcuts.action.${action}`),
              };
            })}
          />
          <Text size="sm" c="dimmed" mt={4}>
            {shortcuts.globalEnabled ? t('help.globalHint') : t('help.globalOff')}
          </Text>
        </div>
      </Stack>
    </Modal>
  );
}
