import {
  Alert,
  Button,
  Checkbox,
  Group,
  Loader,
  Paper,
  ScrollArea,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconGitMerge, IconPhoneOutgoing, IconPlus, IconSearch } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactSummary, ContactView } from '../../../../shared/model/contact.ts';
import { formatForDisplay } from '../../../../shared/phone/dial-target.ts';
import { useAppState } from '../../app/app-state.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { invoke } from '../../lib/ipc.ts';
import { ContactEditor } from './ContactEditor.tsx';
import { ContactImport, ImportSummary, type ImportOutcome } from './ContactImport.tsx';
import { MergeDialog } from './MergeDialog.tsx';
import { useContactsList } from './use-contacts.ts';

/** How long typing in the search box waits before asking the core. */
export const CONTACT_SEARCH_DEBOUNCE_MS = 250;

type Editing = { mode: 'none' } | { mode: 'new' } | { mode: 'edit'; contact: ContactView };

/**
 * The address book: search and the list on the left (a page at a time), the open contact's editor
 * on the right; tick contacts to merge them; import CSV or vCard files; call any number.
 */
export function ContactsScreen({ onCalled }: { onCalled?: () => void }) {
  const { t } = useTranslation();
  const { settings, status } = useAppState();
  const region = settings.settings.phone.defaultRegion;
  const canCall = status.registration.state === 'registered';
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, CONTACT_SEARCH_DEBOUNCE_MS);
  const list = useContactsList(debounced.trim());
  const [editing, setEditing] = useState<Editing>({ mode: 'none' });
  // A new editor (fresh form, focus on the name) each time the operator opens a contact; saving
  // keeps the same one, so its "Saved" and the focus stay where they are.
  const [session, setSession] = useState(0);
  const startEditing = (next: Editing) => {
    setSession((n) => n + 1);
    setEditing(next);
  };
  const [selected, setSelected] = useState<Map<string, ContactSummary>>(new Map());
  const [merging, setMerging] = useState(false);
  const [notice, setNotice] = useState<{ text: string; error?: boolean } | null>(null);
  const [imported, setImported] = useState<ImportOutcome | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const editingId = editing.mode === 'edit' ? editing.contact.id : null;

  const open = async (id: string) => {
    setNotice(null);
    try {
      startEditing({ mode: 'edit', contact: await invoke('contacts:get', { id }) });
    } catch (failure) {
      setNotice({ text: errorMessage(t, failure), error: true });
      list.reload();
    }
  };

  const call = async (number: string) => {
    setNotice(null);
    try {
      await invoke('call:dial', { target: number });
      onCalled?.();
    } catch (failure) {
      setNotice({ text: errorMessage(t, failure), error: true });
    }
  };

  const toggle = (contact: ContactSummary, on: boolean) =>
    setSelected((current) => {
      const next = new Map(current);
      if (on) next.set(contact.id, contact);
      else next.delete(contact.id);
      return next;
    });

  return (
    <Stack gap="sm" data-screen="contacts">
      <Group justify="space-between" align="center">
        <Title order={1} size="h2">
          {t('contacts.title')}
        </Title>
        <Group gap="xs">
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => {
              setNotice(null);
              startEditing({ mode: 'new' });
            }}
          >
            {t('contacts.new')}
          </Button>
          <ContactImport onImported={list.reload} onOutcome={setImported} />
        </Group>
      </Group>

      {imported && <ImportSummary outcome={imported} onClose={() => setImported(null)} />}
      {notice && (
        <Alert color={notice.error ? 'red' : 'teal'} role={notice.error ? 'alert' : 'status'} py="xs">
          {notice.text}
        </Alert>
      )}

      <Group align="flex-start" gap="md" wrap="nowrap">
        <Stack gap="xs" w={380} style={{ flexShrink: 0 }}>
          <div role="search">
            <TextInput
              ref={searchRef}
              type="search"
              label={t('contacts.search')}
              placeholder={t('contacts.searchHint')}
              leftSection={<IconSearch size={16} aria-hidden />}
              value={query}
              onChange={(e) => setQuery(e.currentTarget.value)}
              autoComplete="off"
              data-testid="contacts-search"
            />
          </div>
          {selected.size > 0 && (
            <Group gap="xs" justify="space-between">
              <Text size="sm">{t('contacts.selected', { count: selected.size })}</Text>
              <Group gap={4}>
                <Button
                  size="compact-sm"
                  variant="light"
                  leftSection={<IconGitMerge size={14} aria-hidden />}
                  disabled={selected.size < 2}
                  onClick={() => setMerging(true)}
                >
                  {t('contacts.merge.open')}
                </Button>
                <Button size="compact-sm" variant="subtle" onClick={() => setSelected(new Map())}>
                  {t('contacts.clearSelection')}
                </Button>
              </Group>
            </Group>
          )}
          {Boolean(list.error) && (
            <Alert color="red" role="alert" py="xs">
              {errorMessage(t, list.error)}
            </Alert>
          )}
          <ScrollArea.Autosize mah="calc(100vh - 290px)" type="auto" offsetScrollbars>
            <ul
              aria-label={t('contacts.listLabel')}
              aria-busy={list.loading}
              style={{ listStyle: 'none', margin: 0, padding: 0 }}
              data-testid="contacts-list"
            >
              {list.items.map((contact) => (
                <ContactRow
                  key={contact.id}
                  contact={contact}
                  region={region}
                  current={contact.id === editingId}
                  checked={selected.has(contact.id)}
                  canCall={canCall}
                  onToggle={(on) => toggle(contact, on)}
                  onOpen={() => void open(contact.id)}
                  onCall={(number) => void call(number)}
                />
              ))}
            </ul>
            {list.loading && (
              <Group justify="center" p="xs">
                <Loader size="sm" aria-label={t('contacts.loading')} />
              </Group>
            )}
            {!list.loading && list.items.length === 0 && !list.error && (
              <Text c="dimmed" size="sm" p="xs">
                {debounced.trim()
                  ? t('contacts.noMatches', { query: debounced.trim() })
                  : t('contacts.empty')}
              </Text>
            )}
            {list.hasMore && !list.loading && (
              <Button variant="subtle" fullWidth onClick={list.more}>
                {t('contacts.more')}
              </Button>
            )}
          </ScrollArea.Autosize>
        </Stack>

        <Paper withBorder p="md" style={{ flex: 1, minWidth: 0 }}>
          {editing.mode === 'none' ? (
            <Text c="dimmed">{t('contacts.noneSelected')}</Text>
          ) : (
            <ContactEditor
              key={session}
              contact={editing.mode === 'edit' ? editing.contact : null}
              canCall={canCall}
              onCall={(number) => void call(number)}
              onSaved={(contact) => {
                setEditing({ mode: 'edit', contact });
                list.reload();
              }}
              onDeleted={(contact) => {
                setEditing({ mode: 'none' });
                toggle(contact, false);
                setNotice({ text: t('contacts.delete.done', { name: contact.name }) });
                list.reload();
                searchRef.current?.focus();
              }}
              onCancel={() => setEditing({ mode: 'none' })}
            />
          )}
        </Paper>
      </Group>

      {merging && (
        <MergeDialog
          contacts={[...selected.values()]}
          onClose={() => setMerging(false)}
          onMerged={(contact) => {
            setMerging(false);
            setSelected(new Map());
            startEditing({ mode: 'edit', contact });
            setNotice({ text: t('contacts.merge.done', { name: contact.name }) });
            list.reload();
          }}
        />
      )}
    </Stack>
  );
}

function ContactRow({
  contact,
  region,
  current,
  checked,
  canCall,
  onToggle,
  onOpen,
  onCall,
}: {
  contact: ContactSummary;
  region: string;
  current: boolean;
  checked: boolean;
  canCall: boolean;
  onToggle(on: boolean): void;
  onOpen(): void;
  onCall(number: string): void;
}) {
  const { t } = useTranslation();
  return (
    <li
      data-testid="contact-row"
      style={{
        padding: '6px 4px',
        borderBottom: '1px solid var(--mantine-color-gray-2)',
        background: current ? 'var(--mantine-color-blue-0)' : undefined,
      }}
    >
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Checkbox
          mt={4}
          aria-label={t('contacts.select', { name: contact.name })}
          checked={checked}
          onChange={(e) => onToggle(e.currentTarget.checked)}
        />
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <UnstyledButton onClick={onOpen} aria-current={current ? 'true' : undefined}>
            <Text fw={500} truncate>
              {contact.name}
            </Text>
            {contact.company && (
              <Text size="xs" c="dimmed" truncate>
                {contact.company}
              </Text>
            )}
          </UnstyledButton>
          <Group gap={4}>
            {contact.numbers.slice(0, 3).map((n) => {
              const shown = formatForDisplay(n.number, region);
              // Without a registered phone the numbers are text: readable, not dimmed buttons.
              if (!canCall)
                return (
                  <Text key={n.number} size="xs" c="dimmed" px={6} title={t(`contacts.label.${n.label}`)}>
                    {shown}
                  </Text>
                );
              return (
                <Button
                  key={n.number}
                  size="compact-xs"
                  variant="subtle"
                  leftSection={<IconPhoneOutgoing size={12} aria-hidden />}
                  aria-label={t('contacts.call', { name: contact.name, number: shown })}
                  title={t(`contacts.label.${n.label}`)}
                  onClick={() => onCall(n.number)}
                >
                  {shown}
                </Button>
              );
            })}
          </Group>
        </Stack>
      </Group>
    </li>
  );
}
