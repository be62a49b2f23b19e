import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ScriptEditorSection } from '../../../src/renderer/src/features/scripts/ScriptEditorSection.tsx';
import { SettingsScreen } from '../../../src/renderer/src/features/settings/SettingsScreen.tsx';
import { BUILTIN_SCRIPTS } from '../../../src/shared/scripts/builtin.ts';
import { ScriptDocumentSchema, type ScriptDocument } from '../../../src/shared/scripts/format.ts';
import { checkScriptText } from '../../../src/shared/scripts/validate.ts';
import type { ScriptSummary } from '../../../src/shared/scripts/run.ts';
import { DEFAULT_SETTINGS } from '../../../src/shared/model/settings.ts';
import { installFakeBridge, ok, type FakeHandlers } from '../fake-bridge.ts';
import { initialState, renderWithApp } from '../render-app.tsx';

// Settings › Call scripts: the list (built-in read-only, duplicate to edit), the editor's live
// validation (shared validator) and lint markers (phrase guard), the preview, and saving/importing
// through `scripts:import`.

const COMPANY: ScriptDocument = ScriptDocumentSchema.parse({
  format: 'hotline-script',
  version: 1,
  id: 'acme.sales',
  revision: 3,
  title: 'Sales',
  language: 'en',
  start: 'start',
  steps: [
    {
      id: 'start',
      title: 'Greeting',
      text: '{{greeting}}, this is {{operator.name}} from {{company.name}}. Is it a good time?',
      answers: [
        { label: 'Yes', next: 'offer' },
        { label: 'No', next: null },
      ],
    },
    { id: 'offer', title: 'Offer', text: 'We have a new plan for you.', final: true },
  ],
});

// The smallest English built-in script keeps the test quick (every step is a form of its own).
const builtin = BUILTIN_SCRIPTS.filter((s) => s.language === 'en').sort(
  (a, b) => a.steps.length - b.steps.length,
)[0]!;

const summary = (script: ScriptDocument, source: ScriptSummary['source']): ScriptSummary => ({
  id: script.id,
  revision: script.revision,
  title: script.title,
  description: script.description,
  language: script.language,
  source,
  readOnly: source !== 'company',
  manualOnly: script.rules.length === 0,
});

function fakeMain(extra: FakeHandlers = {}) {
  const docs = new Map([COMPANY, builtin].map((s) => [s.id, s]));
  return installFakeBridge({
    'scripts:list': () =>
      ok({ scripts: [summary(builtin, 'builtin'), summary(COMPANY, 'company')], problems: [] }),
    'scripts:export': (request) => {
      const { id } = request as { id: string };
      return ok({ fileName: `${id}.hotline-script.json`, content: JSON.stringify(docs.get(id)) });
    },
    'scripts:import': (request) => {
      const { content } = request as { content: string };
      const checked = checkScriptText(content);
      if (!checked.ok) return { ok: false, error: { code: 'VALIDATION', message: 'refused' } };
      return ok({ script: summary(checked.script, 'company'), replaced: true });
    },
    ...extra,
  });
}

async function openCompanyScript() {
  await renderWithApp(<ScriptEditorSection />, initialState());
  fireEvent.click(await screen.findByRole('button', { name: 'Edit: “Sales”' }));
  return screen.findByRole('region', { name: 'Script editor' });
}

const step = (number: number, title: string) =>
  screen.getByRole('group', { name: `Step ${number}: ${title}` });
const stepKinds = (number: number, title: string) =>
  within(step(number, title))
    .queryAllByTestId('step-problem')
    .map((b) => b.getAttribute('data-kind'));
const problemKinds = () =>
  [...(screen.queryByTestId('script-problems')?.querySelectorAll('li') ?? [])].map((li) =>
    li.getAttribute('data-kind'),
  );

describe('script editor', () => {
  it('is a section of the settings screen listing the scripts, built-in ones read-only', async () => {
    fakeMain({
      'account:get': () =>
        ok({
          account: DEFAULT_SETTINGS.account,
          hasPassword: false,
          passwordStorage: 'os-encrypted',
          locked: [],
        }),
      'call:list': () => ok({ calls: [] }),
    });
    await renderWithApp(<SettingsScreen />, initialState());
    const list = await screen.findByRole('list', { name: 'Scripts' });
    expect(within(list).getByRole('button', { name: `Duplicate to edit: “${builtin.title}”` })).toBeTruthy();
    expect(within(list).queryByRole('button', { name: `Edit: “${builtin.title}”` })).toBeNull();
    expect(within(list).getByRole('button', { name: 'Edit: “Sales”' })).toBeTruthy();
  });

  it('duplicates a built-in script into a valid company copy', async () => {
    fakeMain();
    await renderWithApp(<ScriptEditorSection />, initialState());
    fireEvent.click(await screen.findByRole('button', { name: `Duplicate to edit: “${builtin.title}”` }));
    await screen.findByRole('region', { name: 'Script editor' });
    const id = (screen.getByLabelText('Script id') as HTMLInputElement).value;
    expect(id.startsWith('builtin.')).toBe(false);
    expect(screen.getByText('No problems found.')).toBeTruthy();
  });

  it('marks a dead end on its step and lists it; clicking the problem focuses the step', async () => {
    fakeMain();
    await openCompanyScript();
    expect(problemKinds()).toEqual([]);
    fireEvent.click(within(step(2, 'Offer')).getByLabelText('The script may end here (final)'));
    expect(stepKinds(2, 'Offer')).toEqual(['dead-end']);
    expect(problemKinds()).toEqual(['dead-end']);
    expect(screen.getByText('1 problem(s): the script cannot be saved yet.')).toBeTruthy();
    const problem = screen.getByRole('button', { name: /^Go to: Dead end, step “offer”/ });
    fireEvent.click(problem);
    expect(document.activeElement?.textContent).toBe('Step 2: Offer');
    expect(screen.getByRole('button', { name: 'Save' }).hasAttribute('disabled')).toBe(true);
  });

  it('marks an unknown variable on its step; the problem leads to the step text', async () => {
    fakeMain();
    await openCompanyScript();
    const text = within(step(1, 'Greeting')).getByRole('textbox', { name: 'Text the operator says' });
    fireEvent.change(text, { target: { value: 'Hello {{caller.phone}}!' } });
    expect(stepKinds(1, 'Greeting')).toEqual(['unknown-variable']);
    fireEvent.click(screen.getByRole('button', { name: /^Go to: Unknown variable, step “start”, text/ }));
    expect(document.activeElement).toBe(text);
  });

  it('marks an unreachable step when no answer leads to it', async () => {
    fakeMain();
    await openCompanyScript();
    fireEvent.change(within(step(1, 'Greeting')).getByLabelText('Answer 1 leads to'), {
      target: { value: '' },
    });
    expect(stepKinds(2, 'Offer')).toEqual(['unreachable']);
    expect(stepKinds(1, 'Greeting')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: /^Go to: Unreachable step, step “offer”/ }));
    expect(document.activeElement?.textContent).toBe('Step 2: Offer');
  });

  it('inserts a variable from the palette', async () => {
    fakeMain();
    await openCompanyScript();
    fireEvent.click(
      within(step(2, 'Offer')).getByRole('button', {
        name: 'Insert {{caller.name}} into the text of step 2',
      }),
    );
    const text = within(step(2, 'Offer')).getByRole('textbox', { name: 'Text the operator says' });
    expect((text as HTMLTextAreaElement).value).toBe('We have a new plan for you.{{caller.name}}');
    expect(problemKinds()).toEqual([]);
  });

  it('puts lint markers on a step text with a forbidden phrase, with the reason and a one-click replacement', async () => {
    fakeMain();
    await openCompanyScript();
    const offer = step(2, 'Offer');
    const text = within(offer).getByRole('textbox', {
      name: 'Text the operator says',
    }) as HTMLTextAreaElement;
    fireEvent.change(text, { target: { value: 'У нас проблема с тарифом.' } });
    const findings = await within(offer).findByRole('list', { name: 'Phrases to reconsider' });
    const item = within(findings).getByRole('listitem');
    expect(item.getAttribute('data-rule')).toBe('ru.problem');
    expect(item.textContent).toContain('Слово «проблема» нагнетает');
    expect(
      [...within(offer).getByTestId('guard-highlights').querySelectorAll('mark')].map((m) => m.textContent),
    ).toEqual(['проблема']);
    fireEvent.click(within(offer).getByRole('button', { name: 'Replace «проблема» with «вопрос»' }));
    expect(text.value).toBe('У нас вопрос с тарифом.');
    await waitFor(() =>
      expect(within(offer).queryByRole('list', { name: 'Phrases to reconsider' })).toBeNull(),
    );
  });

  it('previews a step with sample values, and its answers move through the script', async () => {
    fakeMain();
    await openCompanyScript();
    const preview = screen.getByRole('region', { name: 'Preview of the step as the operator sees it' });
    const shown = () => within(preview).getByTestId('script-preview-step');
    expect(shown().getAttribute('data-step')).toBe('start');
    expect(shown().textContent).toContain('this is Анна Смирнова from Horizon Ltd');
    expect(shown().textContent).toContain('Good afternoon');
    fireEvent.click(within(preview).getByRole('radio', { name: 'Morning' }));
    expect(shown().textContent).toContain('Good morning');
    fireEvent.click(within(preview).getByRole('button', { name: '1. Yes' }));
    expect(shown().getAttribute('data-step')).toBe('offer');
    expect(shown().textContent).toContain('We have a new plan for you.');
    fireEvent.click(within(preview).getByRole('button', { name: 'Back to the first step' }));
    fireEvent.click(within(preview).getByRole('button', { name: '2. No' }));
    expect(within(preview).getByTestId('script-preview-ended')).toBeTruthy();
  });

  it('fills the caller’s name only when the sample caller is known', async () => {
    fakeMain();
    await openCompanyScript();
    fireEvent.change(within(step(1, 'Greeting')).getByRole('textbox', { name: 'Text the operator says' }), {
      target: { value: 'Hello, {{caller.name}}.' },
    });
    const preview = screen.getByRole('region', { name: 'Preview of the step as the operator sees it' });
    expect(within(preview).getByTestId('script-preview-step').textContent).toContain('Hello, Ivan Petrov.');
    fireEvent.click(within(preview).getByRole('switch', { name: 'Known caller' }));
    expect(within(preview).getByTestId('script-preview-step').textContent).toContain(
      'Hello, unknown caller.',
    );
  });

  it('saves by importing the edited script as valid JSON with the next revision', async () => {
    const bridge = fakeMain();
    await openCompanyScript();
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Sales 2026' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    });
    const calls = bridge.invoke.mock.calls.filter(([channel]) => channel === 'scripts:import');
    expect(calls).toHaveLength(1);
    const request = calls[0]![1] as { fileName: string; content: string };
    expect(request.fileName).toBe('acme.sales.hotline-script.json');
    const checked = checkScriptText(request.content);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.script.title).toBe('Sales 2026');
    expect(checked.script.revision).toBe(4);
    expect(checked.script.steps.map((s) => s.id)).toEqual(['start', 'offer']);
    expect(await screen.findByText('Saved.')).toBeTruthy();
  });

  it('shows every problem of a refused import with its place', async () => {
    fakeMain({
      'scripts:import': () => ({
        ok: false,
        error: {
          code: 'VALIDATION',
          message: 'refused',
          issues: [
            {
              path: '$.steps[1]',
              message: 'dead-end',
              params: { detail: 'Step "offer" has no answer', stepId: 'offer' },
            },
            {
              path: '$.steps[0].text',
              message: 'unknown-variable',
              params: { detail: 'Unknown variable {{x}}', stepId: 'start' },
            },
          ],
        },
      }),
    });
    await renderWithApp(<ScriptEditorSection />, initialState());
    await screen.findByRole('list', { name: 'Scripts' });
    const file = new File(['{}'], 'broken.json', { type: 'application/json' });
    await act(async () => {
      fireEvent.change(screen.getByLabelText('Script file to import'), { target: { files: [file] } });
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Not saved: 2 problem(s).');
    const problems = within(alert).getByRole('list', { name: 'Why it was refused' });
    const items = within(problems).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-kind'))).toEqual(['dead-end', 'unknown-variable']);
    expect(items[0]!.textContent).toContain('step “offer”');
    expect(items[0]!.textContent).toContain('$.steps[1]');
    expect(items[1]!.textContent).toContain('Unknown variable {{x}}');
  });
});
