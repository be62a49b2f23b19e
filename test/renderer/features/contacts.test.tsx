import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ContactsScreen } from '../../../src/renderer/src/features/contacts/ContactsScreen.tsx';
import type { ContactSummary, ContactView, ImportResult } from '../../../src/shared/model/contact.ts';
import { installFakeBridge, ok } from '../fake-bridge.ts';
import { initialState, renderWithApp } from '../render-app.tsx';

const person = (id: string, name: string, number: string, e164: string | null = null): ContactView => ({
  id,
  name,
  company: null,
  email: null,
  notes: null,
  tags: [],
  numbers: [{ number, e164, label: 'work' }],
  createdAt: 1,
  updatedAt: 1,
});
const summary = ({ id, name, company, email, tags, numbers }: ContactView): ContactSummary => ({
  id,
  name,
  company,
  email,
  tags,
  numbers,
});

const PEOPLE = [
  person('a', 'Анна Ёлкина', '+1 212 555 0100', '+12125550100'),
  person('i', 'Иван Петров', '8 495 123-45-67', '+74951234567'),
  person('p', 'Пётр Иванов', '+7 916 000-11-22', '+79160001122'),
];

/** A fake core: the list answers from PEOPLE (a query filters by a name prefix), two per page. */
function fakeCore(extra: Parameters<typeof installFakeBridge>[0] = {}) {
  return installFakeBridge({
    'call:list': () => ok({ calls: [] }),
    'contacts:list': (request) => {
      const { query = '', cursor } = request as { query?: string; cursor?: string };
      const matches = PEOPLE.filter((p) =>
        p.name.split(' ').some((w) => w.toLowerCase().startsWith(query.toLowerCase())),
      );
      const start = cursor ? Number(cursor) : 0;
      const items = matches.slice(start, start + 2).map(summary);
      return ok({ items, nextCursor: start + 2 < matches.length ? String(start + 2) : null });
    },
    'contacts:get': (request) => ok(PEOPLE.find((p) => p.id === (request as { id: string }).id)),
    ...extra,
  });
}

const rowNames = () =>
  within(screen.getByRole('list', { name: 'Contacts' }))
    .queryAllByTestId('contact-row')
    .map((row) => within(row).getAllByRole('button')[0]!.textContent);

describe('contacts screen: list and search', () => {
  it('lists contacts a page at a time and searches as the operator types', async () => {
    const bridge = fakeCore();
    await renderWithApp(<ContactsScreen />, initialState());
    await waitFor(() => expect(rowNames()).toEqual(['Анна Ёлкина', 'Иван Петров']));
    fireEvent.click(screen.getByRole('button', { name: 'Show more' }));
    await waitFor(() => expect(rowNames()).toEqual(['Анна Ёлкина', 'Иван Петров', 'Пётр Иванов']));
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search contacts' }), {
      target: { value: 'пёт' },
    });
    await waitFor(() => expect(rowNames()).toEqual(['Пётр Иванов']));
    expect(bridge.invoke).toHaveBeenCalledWith('contacts:list', { query: 'пёт', limit: 50 });

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search contacts' }), { target: { value: 'zz' } });
    expect(await screen.findByText('No contact matches “zz”.')).toBeTruthy();
  });

  it('calls a number from the list with the phone ready, and names the button for screen readers', async () => {
    const bridge = fakeCore({ 'call:dial': () => ok({}) });
    await renderWithApp(
      <ContactsScreen />,
      initialState({ status: { registration: { state: 'registered' }, operator: { state: 'ready' } } }),
    );
    const button = await screen.findByRole('button', { name: 'Call Иван Петров at +7 495 123 45 67' });
    fireEvent.click(button);
    await waitFor(() =>
      expect(bridge.invoke).toHaveBeenCalledWith('call:dial', { target: '8 495 123-45-67' }),
    );
  });

  it('merges the ticked contacts into the one the operator keeps', async () => {
    const bridge = fakeCore({ 'contacts:merge': () => ok({ ...PEOPLE[1]!, updatedAt: 2 }) });
    await renderWithApp(<ContactsScreen />, initialState());
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Select Анна Ёлкина for merging' }));
    expect(screen.getByRole('button', { name: 'Merge selected' }).hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Иван Петров for merging' }));
    fireEvent.click(screen.getByRole('button', { name: 'Merge selected' }));
    const dialog = await screen.findByRole('dialog', { name: 'Merge 2 contacts' });
    fireEvent.click(within(dialog).getByRole('radio', { name: /Иван Петров/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Merge' }));
    await waitFor(() =>
      expect(bridge.invoke).toHaveBeenCalledWith('contacts:merge', { targetId: 'i', sourceIds: ['a'] }),
    );
    expect(await screen.findByText('Merged into Иван Петров.')).toBeTruthy();
    expect(screen.getByRole('form', { name: 'Edit Иван Петров' })).toBeTruthy();
  });
});

describe('contacts screen: the editor', () => {
  it('shows each message next to its field before anything is sent, and moves the focus there', async () => {
    const bridge = fakeCore();
    await renderWithApp(<ContactsScreen />, initialState());
    fireEvent.click(screen.getByRole('button', { name: 'New contact' }));
    const form = await screen.findByRole('form', { name: 'New contact' });
    fireEvent.change(within(form).getByRole('textbox', { name: 'E-mail' }), { target: { value: 'ivan@' } });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Number 1' }), { target: { value: '+7 12' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add a number' }));
    fireEvent.change(within(form).getByRole('textbox', { name: 'Number 2' }), {
      target: { value: '+7 (495) 123-45-67' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Add a number' }));
    fireEvent.change(within(form).getByRole('textbox', { name: 'Number 3' }), {
      target: { value: '8 495 1234567' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));

    const name = within(form).getByRole('textbox', { name: 'Name' });
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(name.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(name.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent).toBe(
      'Enter a name',
    );
    expect(document.activeElement).toBe(name);
    expect(within(form).getByText('Enter an address like name@example.com')).toBeTruthy();
    expect(within(form).getByText('Not a valid number. Check the digits and the country code')).toBeTruthy();
    expect(within(form).getByText('This number is already in the list above')).toBeTruthy();
    expect(bridge.invoke.mock.calls.some(([channel]) => channel === 'contacts:save')).toBe(false);

    // Typing in a field clears its message.
    fireEvent.change(name, { target: { value: 'Иван' } });
    expect(name.getAttribute('aria-invalid')).not.toBe('true');
  });

  it('shows whose a number already is when the core says so, next to that number', async () => {
    const bridge = fakeCore({
      'contacts:save': () => ({
        ok: false,
        error: {
          code: 'VALIDATION',
          message: 'taken',
          issues: [{ path: 'numbers.1.number', message: 'taken', params: { id: 'p', name: 'Пётр Иванов' } }],
        },
      }),
    });
    await renderWithApp(<ContactsScreen />, initialState());
    fireEvent.click(screen.getByRole('button', { name: 'New contact' }));
    const form = await screen.findByRole('form', { name: 'New contact' });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Name' }), { target: { value: 'Мария' } });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Number 1' }), {
      target: { value: '+7 495 000-00-01' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Add a number' }));
    fireEvent.change(within(form).getByRole('textbox', { name: 'Number 2' }), {
      target: { value: '+7 916 000-11-22' },
    });
    fireEvent.change(within(form).getByRole('combobox', { name: 'Kind of number 2' }), {
      target: { value: 'mobile' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));

    expect(
      await within(form).findByText(
        'This number already belongs to “Пётр Иванов”. Open that contact, or merge the two.',
      ),
    ).toBeTruthy();
    const second = within(form).getByRole('textbox', { name: 'Number 2' });
    expect(second.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(second);
    expect(bridge.invoke).toHaveBeenCalledWith('contacts:save', {
      name: 'Мария',
      company: '',
      email: '',
      notes: '',
      tags: [],
      numbers: [
        { number: '+7 495 000-00-01', label: 'mobile' },
        { number: '+7 916 000-11-22', label: 'mobile' },
      ],
    });
  });

  it('deletes only after the operator confirms', async () => {
    const bridge = fakeCore({ 'contacts:delete': () => ok({}) });
    await renderWithApp(<ContactsScreen />, initialState());
    fireEvent.click(await screen.findByRole('button', { name: 'Иван Петров' }));
    const form = await screen.findByRole('form', { name: 'Edit Иван Петров' });
    fireEvent.click(within(form).getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete Иван Петров?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep it' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bridge.invoke.mock.calls.some(([channel]) => channel === 'contacts:delete')).toBe(false);

    fireEvent.click(within(form).getByRole('button', { name: 'Delete' }));
    fireEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Delete contact' }),
    );
    await waitFor(() => expect(bridge.invoke).toHaveBeenCalledWith('contacts:delete', { id: 'i' }));
    expect(await screen.findByText('Иван Петров was deleted.')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Edit Иван Петров' })).toBeNull();
  });
});

describe('contacts screen: import', () => {
  const chooseFile = async (name: string, content: string) => {
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    const file = new File([content], name, { type: 'text/csv' });
    await act(async () => {
      fireEvent.change(input, { target: { files: [file] } });
    });
  };

  it('sends the file’s bytes and lists the skipped lines with their reasons, in Russian too', async () => {
    const result: ImportResult = {
      imported: 3,
      updated: 1,
      unchanged: 0,
      skipped: [
        { line: 4, reason: 'no-number' },
        { line: 5, reason: 'invalid-number', value: '12-34' },
      ],
      skippedTotal: 1002,
      format: 'csv',
      encoding: 'utf-8',
    };
    const bridge = fakeCore({ 'contacts:import': () => ok(result) });
    await renderWithApp(<ContactsScreen />, initialState({ locale: 'ru-RU' }));
    await chooseFile('клиенты.csv', 'ФИО;Телефон\nИван;+74951234567\n');

    // "Importing…" first, then the summary in its place.
    // Counts grouped as Russian writes them, with a no-break space.
    await waitFor(() =>
      expect(screen.getByTestId('import-summary').textContent).toContain(
        'клиенты.csv: новых — 3, обновлено — 1, уже были — 0, пропущено — 1\u00a0002.',
      ),
    );
    const summary = screen.getByTestId('import-summary');
    expect(
      within(summary)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Строка 4: нет номера телефона', 'Строка 5: неверный номер (12-34)']);
    expect(summary.textContent).toContain('…и ещё 1\u00a0000.');
    const sent = bridge.invoke.mock.calls.find(([channel]) => channel === 'contacts:import')![1] as {
      fileName: string;
      contentBase64: string;
    };
    expect(sent.fileName).toBe('клиенты.csv');
    expect(new TextDecoder().decode(Uint8Array.from(atob(sent.contentBase64), (c) => c.charCodeAt(0)))).toBe(
      'ФИО;Телефон\nИван;+74951234567\n',
    );
    // The list is read again, with the new contacts.
    expect(
      bridge.invoke.mock.calls.filter(([channel]) => channel === 'contacts:list').length,
    ).toBeGreaterThan(1);
  });

  it('shows how far a long import has got, as the core reports it', async () => {
    let finish!: (value: ReturnType<typeof ok>) => void;
    const bridge = fakeCore({
      'contacts:import': () => new Promise((resolveImport) => (finish = resolveImport)),
    });
    await renderWithApp(<ContactsScreen />, initialState({ locale: 'ru-RU' }));
    await chooseFile('база.csv', 'ФИО;Телефон\nИван;+74951234567\n');
    await screen.findByText('Импорт файла база.csv…');
    act(() => bridge.emit('contacts:importProgress', { done: 50_000, total: 200_000 }));
    const bar = screen.getByRole('progressbar', { name: 'Ход импорта файла база.csv' });
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    expect(bar.getAttribute('aria-valuetext')).toBe('Записано строк: 50\u00a0000 из 200\u00a0000.');
    expect(screen.getByRole('status').textContent).toBe(
      'Импорт файла база.csv… Записано строк: 50\u00a0000 из 200\u00a0000.',
    );
    await act(async () =>
      finish(
        ok({
          imported: 200_000,
          updated: 0,
          unchanged: 0,
          skipped: [],
          skippedTotal: 0,
          format: 'csv',
          encoding: 'utf-8',
        }),
      ),
    );
    expect(screen.queryByRole('progressbar')).toBeNull();
    await waitFor(() =>
      expect(screen.getByTestId('import-summary').textContent).toContain('база.csv: новых — 200\u00a0000,'),
    );
  });

  it('says what is wrong with a file the core cannot read as a whole', async () => {
    fakeCore({
      'contacts:import': () => ({
        ok: false,
        error: {
          code: 'VALIDATION',
          message: 'no columns',
          issues: [{ path: 'file', message: 'no-columns' }],
        },
      }),
    });
    await renderWithApp(<ContactsScreen />, initialState());
    await chooseFile('x.csv', 'a;b\n1;2\n');
    expect((await screen.findByRole('alert')).textContent).toContain(
      'x.csv: The first row must name the columns, with at least a name (or company) and a phone column',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Close the import summary' }));
    expect(screen.queryByTestId('import-summary')).toBeNull();
  });
});
