import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { WrapupPanel } from '../../../src/renderer/src/features/wrapup/WrapupPanel.tsx';
import { GuardSection } from '../../../src/renderer/src/features/guard/GuardSection.tsx';
import { shiftMatches } from '../../../src/renderer/src/features/guard/use-phrase-guard.ts';
import { builtInGuard } from '../../../src/shared/guard/guard.ts';
import { DEFAULT_SETTINGS, type SettingsView } from '../../../src/shared/model/settings.ts';
import type { GuardSettings } from '../../../src/shared/model/guard-settings.ts';
import type { CallArticle } from '../../../src/shared/model/call-articles.ts';
import type { WrapupDraft, WrapupView } from '../../../src/shared/model/wrapup.ts';
import { installFakeBridge, ok, type FakeHandlers } from '../fake-bridge.ts';
import { initialState, renderWithApp } from '../render-app.tsx';

// The forbidden-phrase guard in the wrap-up notes (checked as the operator types, highlighted in
// the text, listed with the reason, one-click replacement), the articles attached to the call in
// the same form, and Settings → Phrase guard.

const EMPTY: WrapupDraft = { disposition: null, topic: '', notes: '', fields: {} };

function fakeMain(extra: FakeHandlers = {}, attached: CallArticle[] = []) {
  const stored = new Map<string, WrapupDraft>([['c-1', EMPTY]]);
  const view = (callId: string, draft: WrapupDraft): WrapupView => ({
    callId,
    state: 'draft',
    draft,
    startedAt: 1,
    updatedAt: 2,
    submittedAt: null,
    caller: { number: '84951234567', name: 'Иван Петров' },
  });
  const bridge = installFakeBridge({
    'call:list': () => ok({ calls: [] }),
    'wrapup:drafts': () => ok({ drafts: [...stored].map(([id, d]) => view(id, d)) }),
    'wrapup:get': (request) => {
      const { callId } = request as { callId: string };
      return ok({ wrapup: view(callId, stored.get(callId) ?? EMPTY) });
    },
    'wrapup:saveDraft': (request) => {
      const { callId, draft } = request as { callId: string; draft: WrapupDraft };
      stored.set(callId, draft);
      return ok(view(callId, draft));
    },
    'kb:attached': () => ok({ articles: attached }),
    ...extra,
  });
  return { bridge, stored };
}

function withGuard(guard: Partial<GuardSettings>, locked: string[] = []): Partial<SettingsView> {
  return {
    settings: { ...DEFAULT_SETTINGS, guard: { ...DEFAULT_SETTINGS.guard, ...guard } },
    locked,
  };
}

async function renderForm(settings?: Partial<SettingsView>) {
  await renderWithApp(<WrapupPanel />, initialState({ settings }));
  await screen.findByTestId('wrapup-form');
  return screen.getByRole('textbox', { name: 'Notes' }) as HTMLTextAreaElement;
}

const findings = () =>
  within(screen.queryByRole('list', { name: 'Phrases to reconsider' }) ?? document.createElement('ul'))
    .queryAllByRole('listitem')
    .map((li) => li.getAttribute('data-rule'));
const marks = () =>
  [...screen.getByTestId('guard-highlights').querySelectorAll('mark')].map((m) => m.textContent);

describe('phrase guard in the wrap-up notes', () => {
  it('finds forbidden phrases as the operator types, highlights them in place and gives the reason', async () => {
    fakeMain();
    const notes = await renderForm();
    fireEvent.change(notes, { target: { value: 'У нас проблема с оплатой. Я не знаю, когда.' } });
    // Checked once typing pauses, not on the keystroke itself.
    expect(findings()).toEqual([]);
    await waitFor(() => expect(findings()).toEqual(['ru.problem', 'ru.dont-know']));
    expect(marks()).toEqual(['проблема', 'Я не знаю']);
    // The layer holds the very same text, so the marks sit over the words.
    expect(screen.getByTestId('guard-highlights').textContent).toBe(`${notes.value}\u200b`);
    expect(screen.getByTestId('guard-highlights').getAttribute('aria-hidden')).toBe('true');
    const list = screen.getByRole('list', { name: 'Phrases to reconsider' });
    expect(within(list).getAllByRole('listitem')[0]!.textContent).toContain(
      '«проблема» Слово «проблема» нагнетает. Говорите о вопросе или ситуации.',
    );
    expect(screen.getByText('2 phrases to reconsider').getAttribute('role')).toBe('status');
  });

  it('does not fire inside other words («интернет») or on a mid-sentence fact', async () => {
    fakeMain();
    const notes = await renderForm();
    fireEvent.change(notes, { target: { value: 'У клиента нет интернета, роутер в порядке.' } });
    await new Promise((r) => setTimeout(r, 250));
    expect(findings()).toEqual([]);
    expect(marks()).toEqual([]);
  });

  it('replaces a phrase with an alternative in one click, keeping case and the caret', async () => {
    const { bridge } = fakeMain();
    const notes = await renderForm();
    const text = 'Я не знаю, когда. У нас проблема с оплатой';
    fireEvent.change(notes, { target: { value: text } });
    await waitFor(() => expect(findings()).toHaveLength(2));
    // The operator was typing at the end.
    notes.setSelectionRange(text.length, text.length);

    fireEvent.click(screen.getByRole('button', { name: 'Replace «проблема» with «вопрос»' }));
    expect(notes.value).toBe('Я не знаю, когда. У нас вопрос с оплатой');
    expect(document.activeElement).toBe(notes);
    expect(notes.selectionStart).toBe(notes.value.length);

    fireEvent.click(screen.getByRole('button', { name: 'Replace «Я не знаю» with «сейчас уточню»' }));
    expect(notes.value).toBe('Сейчас уточню, когда. У нас вопрос с оплатой');
    expect(notes.selectionStart).toBe(notes.value.length);
    await waitFor(() => expect(findings()).toEqual([]));
    // The replacement is the draft's text like anything typed.
    await waitFor(() =>
      expect(
        bridge.invoke.mock.calls
          .filter(([c]) => c === 'wrapup:saveDraft')
          .map(([, r]) => (r as { draft: WrapupDraft }).draft.notes)
          .at(-1),
      ).toBe('Сейчас уточню, когда. У нас вопрос с оплатой'),
    );
  });

  it('uses the company’s rules: its own phrases, and not the ones it turned off', async () => {
    fakeMain();
    const notes = await renderForm(
      withGuard({
        disabled: ['ru.problem'],
        custom: [
          {
            id: 'company.1',
            language: 'ru',
            patterns: ['бесплатн{о,ый,ая}'],
            reason: 'Говорите «входит в тариф».',
            alternatives: ['входит в тариф'],
          },
        ],
      }),
    );
    fireEvent.change(notes, { target: { value: 'Проблема решена, это бесплатно.' } });
    await waitFor(() => expect(findings()).toEqual(['company.1']));
    fireEvent.click(screen.getByRole('button', { name: 'Replace «бесплатно» with «входит в тариф»' }));
    expect(notes.value).toBe('Проблема решена, это входит в тариф.');
  });

  it('keeps the highlights on their words while the operator types before them', () => {
    const before = 'У нас проблема.';
    const matches = builtInGuard().check(before);
    const after = 'Сегодня у нас проблема.';
    const moved = shiftMatches(before, 'Сегодня у' + before.slice(1), matches);
    expect(moved.map((m) => after.slice(m.start, m.end))).toEqual(['проблема']);
    // An edit inside the word drops it until the next check.
    expect(shiftMatches(before, 'У нас проблемка.', matches)).toEqual([]);
  });
});

describe('articles in the wrap-up form', () => {
  it('lists the articles attached to the call', async () => {
    fakeMain({}, [
      { articleId: 'tariff-home', title: 'Тариф «Домашний 300»', attachedAt: 1 },
      { articleId: 'delivery', title: 'Доставка курьером', attachedAt: 2 },
    ]);
    await renderForm();
    const section = await screen.findByTestId('wrapup-articles');
    expect(within(section).getByText('Articles used')).toBeTruthy();
    expect(
      within(section)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Тариф «Домашний 300»', 'Доставка курьером']);
  });

  it('shows no section when nothing is attached', async () => {
    fakeMain();
    await renderForm();
    await act(async () => new Promise((r) => setTimeout(r, 50)));
    expect(screen.queryByTestId('wrapup-articles')).toBeNull();
  });
});

describe('Settings → Phrase guard', () => {
  const saved = (bridge: ReturnType<typeof fakeMain>['bridge']) =>
    bridge.invoke.mock.calls.filter(([c]) => c === 'settings:update').map(([, r]) => r);

  it('turns a built-in rule off and saves it', async () => {
    const { bridge } = fakeMain({ 'settings:update': () => ok({}) });
    await renderWithApp(<GuardSection />, initialState());
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    const problem = screen.getByRole('checkbox', { name: '«проблема» on' });
    expect((problem as HTMLInputElement).checked).toBe(true);
    fireEvent.click(problem);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved');
    expect(saved(bridge)).toEqual([{ patch: { guard: { disabled: ['ru.problem'], custom: [] } } }]);
  });

  it('shows a broken pattern at its rule and line, saves nothing, then saves the fixed rule', async () => {
    const { bridge } = fakeMain({ 'settings:update': () => ok({}) });
    await renderWithApp(<GuardSection />, initialState());
    fireEvent.click(screen.getByRole('button', { name: 'Add a rule' }));
    const rule = screen.getByTestId('guard-rule');
    const patterns = within(rule).getByRole('textbox', { name: /Patterns/ });
    fireEvent.change(patterns, { target: { value: 'бесплатно\n\nскидочк{а,у' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    // Every mistake at once: the missing reason, and the pattern's (on the third line written).
    expect(within(rule).getByText('Say why the phrase hurts the conversation.')).toBeTruthy();
    expect(within(rule).getByText('Line 3: "{" is not closed (at character 8)')).toBeTruthy();
    fireEvent.change(within(rule).getByRole('textbox', { name: /Why/ }), {
      target: { value: 'Не уменьшайте.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(within(rule).queryByText('Say why the phrase hurts the conversation.')).toBeNull();
    expect(within(rule).getByText('Line 3: "{" is not closed (at character 8)')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('Nothing was saved');
    expect(saved(bridge)).toEqual([]);

    fireEvent.change(patterns, { target: { value: 'бесплатно\n\nскидочк{а,у}' } });
    fireEvent.change(within(rule).getByRole('textbox', { name: /What to say instead/ }), {
      target: { value: 'скидка' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved');
    expect(saved(bridge)).toEqual([
      {
        patch: {
          guard: {
            disabled: [],
            custom: [
              {
                id: 'company.1',
                language: 'ru',
                patterns: ['бесплатно', 'скидочк{а,у}'],
                reason: 'Не уменьшайте.',
                alternatives: ['скидка'],
                severity: 'warning',
              },
            ],
          },
        },
      },
    ]);
  });

  it('edits a built-in rule for the company, saving only what changed', async () => {
    const { bridge } = fakeMain({ 'settings:update': () => ok({}) });
    await renderWithApp(<GuardSection />, initialState());
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    fireEvent.click(screen.getByRole('button', { name: 'Edit «проблема» for your company' }));
    const rule = screen.getByTestId('guard-rule');
    expect(rule.querySelector('legend')?.textContent).toBe('Built-in rule «проблема», changed');
    const alternatives = within(rule).getByRole('textbox', {
      name: /What to say instead/,
    }) as HTMLTextAreaElement;
    expect(alternatives.value).toBe('вопрос\nситуация\nзадача');
    fireEvent.change(alternatives, { target: { value: 'вопрос\nзадача' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved');
    expect(saved(bridge)).toEqual([
      {
        patch: {
          guard: { disabled: [], custom: [{ id: 'ru.problem', alternatives: ['вопрос', 'задача'] }] },
        },
      },
    ]);
  });

  it('tries the rules as the form has them', async () => {
    fakeMain();
    await renderWithApp(<GuardSection />, initialState());
    fireEvent.change(screen.getByRole('textbox', { name: /Try the rules/ }), {
      target: { value: 'Минуточку, это проблема.' },
    });
    expect(findings()).toEqual(['ru.diminutive-wait', 'ru.problem']);
    // A rule being written applies as soon as it is valid; a broken one is left out meanwhile.
    fireEvent.click(screen.getByRole('button', { name: 'Add a rule' }));
    const rule = screen.getByTestId('guard-rule');
    fireEvent.change(within(rule).getByRole('textbox', { name: /Why/ }), { target: { value: 'Без «это».' } });
    const patterns = within(rule).getByRole('textbox', { name: /Patterns/ });
    fireEvent.change(patterns, { target: { value: 'эт{о' } });
    expect(findings()).toEqual(['ru.diminutive-wait', 'ru.problem']);
    fireEvent.change(patterns, { target: { value: 'это' } });
    expect(findings()).toEqual(['ru.diminutive-wait', 'company.1', 'ru.problem']);
  });

  it('is read-only where IT locked it', async () => {
    fakeMain();
    await renderWithApp(
      <GuardSection />,
      initialState({
        settings: withGuard(
          { custom: [{ id: 'company.1', language: 'ru', patterns: ['бесплатно'], reason: 'r' }] },
          ['guard.custom', 'guard.disabled'],
        ),
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect((screen.getByRole('checkbox', { name: '«проблема» on' }) as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Add a rule' }) as HTMLButtonElement).disabled).toBe(true);
    expect(
      (
        within(screen.getByTestId('guard-rule')).getByRole('textbox', {
          name: /Patterns/,
        }) as HTMLTextAreaElement
      ).disabled,
    ).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    expect(screen.getAllByText('Set by your administrator').length).toBeGreaterThan(0);
  });
});
