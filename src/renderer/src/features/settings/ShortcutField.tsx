import { CloseButton, TextInput } from '@mantine/core';
import type { KeyboardEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { acceleratorFromKeyPress, formatAccelerator } from '../../../../shared/shortcuts/accelerator.ts';

// A field that records a key combination: focus it (Tab or click) and press the keys. Tab and
// Shift+Tab still move the focus and Esc is left alone (operators work from the keyboard);
// Backspace or Delete alone, or the clear button, turn the shortcut off. The keys pressed are
// not acted on by the window while recording (Ctrl+2 here is recorded, not "go to History").

export interface ShortcutFieldProps {
  label: string;
  /** An Electron accelerator, "" = off. */
  value: string;
  onChange: (accelerator: string) => void;
  platform: string;
  error?: ReactNode;
  description?: ReactNode;
  disabled?: boolean;
  /** Locked by IT: useLocked() gives a lock icon here. */
  rightSection?: ReactNode;
}

export function ShortcutField(props: ShortcutFieldProps) {
  const { t } = useTranslation();
  const { value, onChange, platform } = props;

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const bare = !event.ctrlKey && !event.altKey && !event.metaKey;
    if (bare && (event.key === 'Tab' || event.key === 'Escape')) return;
    if (bare && !event.shiftKey && (event.key === 'Backspace' || event.key === 'Delete')) {
      event.preventDefault();
      event.stopPropagation();
      onChange('');
      return;
    }
    const accelerator = acceleratorFromKeyPress(event, platform);
    if (!accelerator) return;
    event.preventDefault();
    event.stopPropagation();
    onChange(accelerator);
  };

  return (
    <TextInput
      label={props.label}
      value={value ? formatAccelerator(value, platform) : ''}
      placeholder={t('settings.shortcuts.off')}
      readOnly
      onKeyDown={onKeyDown}
      error={props.error}
      description={props.description ?? t('settings.shortcuts.recorderHint')}
      disabled={props.disabled}
      data-accelerator={value}
      maw={420}
      rightSection={
        props.rightSection ??
        (value ? (
          <CloseButton
            size="sm"
            aria-label={t('settings.shortcuts.clear', { action: props.label })}
            onClick={() => onChange('')}
          />
        ) : undefined)
      }
    />
  );
}
