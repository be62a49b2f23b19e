import { Button, Tooltip } from '@mantine/core';
import { IconKeyboardOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatAccelerator } from '../../../../shared/shortcuts/accelerator.ts';
import { useAppState } from '../../app/app-state.tsx';

/**
 * A global shortcut that is set but not working (another program holds the keys) in the status
 * bar: silent otherwise. Opens settings, where the field says the same and takes new keys.
 */
export function ShortcutsIndicator({ onOpenSettings }: { onOpenSettings: () => void }) {
  const { t } = useTranslation();
  const { status, info } = useAppState();
  const failures = status.shell?.shortcutFailures ?? [];
  if (failures.length === 0) return null;
  const messages = failures.map((f) =>
    t(`settings.shortcuts.failure.${f.reason}`, { keys: formatAccelerator(f.accelerator, info.platform) }),
  );
  const label =
    failures.length === 1 ? messages[0]! : t('status.shortcuts.several', { count: failures.length });
  return (
    <Tooltip label={messages.join(' ')} multiline maw={360}>
      <Button
        size="compact-xs"
        variant="subtle"
        color="orange"
        leftSection={<IconKeyboardOff size={14} aria-hidden />}
        onClick={onOpenSettings}
        aria-label={messages.join(' ')}
        data-testid="shortcuts-indicator"
        maw={320}
      >
        {label}
      </Button>
    </Tooltip>
  );
}
