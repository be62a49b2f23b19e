import { Combobox, Group, Text, TextInput, useCombobox } from '@mantine/core';
import { IconAddressBook, IconHistory } from '@tabler/icons-react';
import { AsYouType, type CountryCode } from 'libphonenumber-js';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppState } from '../../app/app-state.tsx';
import { useDialSuggestions, type DialSuggestion } from './use-dial-suggestions.ts';

// The field where an operator types who to call or transfer to: a number (shown formatted as they
// type), an extension, or part of a name — contacts and recent numbers appear below; arrows choose,
// Enter takes the chosen one, Escape closes the list, Enter with nothing chosen uses what is typed.

function formattedHint(value: string, region: string): string | null {
  const digits = value.replace(/[^\d]/g, '');
  if (!/^[\d\s()+\-.]+$/.test(value) || digits.length < 5) return null;
  const formatted = new AsYouType(region as CountryCode).input(value);
  return formatted !== value ? formatted : null;
}

export function DialTargetInput({
  label,
  value,
  onChange,
  onPick,
  error,
  inputRef,
  placeholder,
  testId,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** A suggestion was chosen. */
  onPick: (suggestion: DialSuggestion) => void;
  error?: string | null;
  inputRef?: Ref<HTMLInputElement>;
  placeholder?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const { settings } = useAppState();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const suggestions = useDialSuggestions(value);
  const hint = formattedHint(value, settings.settings.phone.defaultRegion);

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(key) => {
        const picked = suggestions.find((s) => s.key === key);
        combobox.closeDropdown();
        if (picked) onPick(picked);
      }}
    >
      <Combobox.Target>
        <TextInput
          ref={inputRef}
          style={{ flex: 1 }}
          label={label}
          placeholder={placeholder}
          description={hint ?? undefined}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          value={value}
          onChange={(e) => {
            onChange(e.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          error={error}
          autoComplete="off"
          inputMode="tel"
          data-testid={testId}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={suggestions.length === 0}>
        <Combobox.Options aria-label={t('phone.suggestions')}>
          {suggestions.map((s) => {
            const Icon = s.source === 'contact' ? IconAddressBook : IconHistory;
            return (
              <Combobox.Option value={s.key} key={s.key} data-testid="dial-suggestion">
                <Group gap="xs" wrap="nowrap">
                  <Icon
                    size={16}
                    aria-label={t(s.source === 'contact' ? 'phone.fromContacts' : 'phone.fromRecent')}
                  />
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" fw={500} truncate>
                      {s.name ?? s.numberDisplay}
                      {s.detail ? ` · ${s.detail}` : ''}
                    </Text>
                    {s.name && (
                      <Text size="xs" c="dimmed">
                        {s.numberDisplay}
                      </Text>
                    )}
                  </div>
                </Group>
              </Combobox.Option>
            );
          })}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
