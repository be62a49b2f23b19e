import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ScriptPanel } from '../../../src/renderer/src/features/scripts/ScriptPanel.tsx';
import { ScriptFieldsSummary } from '../../../src/renderer/src/features/scripts/ScriptFieldsSummary.tsx';
import { SidePanel } from '../../../src/renderer/src/features/side/SidePanel.tsx';
import type { IpcResult } from '../../../src/shared/ipc/errors.ts';
import type { CallView } from '../../../src/shared/model/call.ts';
import type { CallerCard } from '../../../src/shared/model/caller-card.ts';
import { DEFAULT_SETTINGS } from '../../../src/shared/model/settings.ts';
import { BUILTIN_SCRIPTS } from '../../../src/shared/scripts/builtin.ts';
import {
  answerRun,
  backRun,
  checkFieldValue,
  fieldOf,
  RunChangeError,
  startRun,
  type ScriptForCall,
  type ScriptRun,
} from '../../../src/shared/scripts/run.ts';
import { installFakeBridge, ok, type FakeHandlers } from '../fake-bridge.ts';
import { initialState, renderWithApp } from '../render-app.tsx';

const T0 = new Date(2026, 10, 24, 9, 15).getTime();
const GREETING_EN = BUILTIN_SCRIPTS.find((s) => s.id === 'builtin.greeting.en')!;
const UNHAPPY_EN = BUILTIN_SCRIPTS.find((s) => s.id === 'builtin.unhappy.en')!;

const ringing: CallView = {
  id: 'c1',
  direction: 'inbound',
  state: 'ringing',
  remote: { number: '84951234567', uri: 'sip:84951234567@pbx' },
  muted: false,
  earlyMedia: false,
  startedAt: T0,
};

function cardOf(name: string | null): CallerCard {
  return {
    callId: 'c1',
    numberDisplay: '+7 495 123 45 67',
    e164: '+74951234567',
    masked: false,
    networkName: null,
    calledNumber: null,
    contact: name ? { id: 'k', name, company: null, notes: null, tags: [] } : null,
    recentCalls: [],
    previousCallCount: 0,
    openRequests: [],
    callbacks: [],
  };
}

/** A main that runs scripts like the core does (the same pure run functions), for call c1. */
function fakeMain(options: { contact?: string | null; calls?: CallView[]; extra?: FakeHandlers } = {}) {
  const scripts = [GREETING_EN, UNHAPPY_EN];
  let run: ScriptRun = startRun(GREETING_EN, { callId: 'c1', seq: 1, source: 'builtin', fields: {} }, T0);
  const view = (): ScriptForCall => ({
    callId: 'c1',
    script: scripts.find((s) => s.id === run.scriptId)!,
    run,
    locked: false,
  });
  const apply = (change: () => ScriptRun): IpcResult<ScriptForCall> => {
    try {
      run = change();
      return ok(view());
    } catch (error) {
      if (!(error instanceof RunChangeError)) throw error;
      const issues = error.fieldIds.length
        ? error.fieldIds.map((id) => ({ path: `fields.${id}`, message: error.code }))
        : [{ path: 'run', message: error.code }];
      return { ok: false, error: { code: 'VALIDATION', message: error.message, issues } };
    }
  };
  const bridge = installFakeBridge({
    'call:list': () => ok({ calls: options.calls ?? [ringing] }),
    'card:get': () => ok(cardOf(options.contact ?? null)),
    'scripts:list': () =>
      ok({
        scripts: scripts.map((s) => ({
          id: s.id,
          revision: s.revision,
          title: s.title,
          description: s.description,
          language: s.language,
          source: 'builtin',
          readOnly: true,
          manualOnly: s.rules.length === 0,
        })),
        problems: [],
      }),
    'scripts:forCall': () => ok(view()),
    'scripts:step': (request) => {
      const { stepId, answer } = request as { stepId: string; answer: string };
      return apply(() => answerRun(run, view().script!, stepId, answer, Date.now()));
    },
    'scripts:back': () => apply(() => backRun(run, Date.now())),
    'scripts:restart': (request) => {
      const { scriptId } = request as { scriptId?: string };
      if (scriptId && scriptId !== run.scriptId) {
        const next = scripts.find((s) => s.id === scriptId)!;
        return apply(() =>
          startRun(next, { callId: 'c1', seq: run.seq + 1, source: 'builtin', fields: run.fields }, 0),
        );
      }
      return apply(() => ({ ...run, currentStepId: view().script!.start, path: [] }));
    },
    'scripts:setField': (request) => {
      const { fieldId, value } = request as { fieldId: string; value: string | number | null };
      return apply(() => ({
        ...run,
        fields: { ...run.fields, [fieldId]: checkFieldValue(fieldOf(view().script!, fieldId)!, value) },
      }));
    },
    ...options.extra,
  });
  const sent = (channel: string) => bridge.invoke.mock.calls.filter(([c]) => c === channel).map(([, r]) => r);
  return { bridge, sent, run: () => run };
}

const SETTINGS = {
  settings: {
    ...DEFAULT_SETTINGS,
    scripts: { ...DEFAULT_SETTINGS.scripts, companyName: 'Acme', operatorName: 'Anna' },
  },
};

async function renderPanel(calls: CallView[] = [ringing]) {
  const result = await renderWithApp(<ScriptPanel />, { ...initialState({ settings: SETTINGS }), calls });
  await screen.findByTestId('script-step');
  await settle();
  return result;
}

/** Lets React run the effects of what just rendered (the panel's key listener among them). */
const settle = () => act(async () => {});
const stepText = () => screen.getByTestId('script-text').textContent;
const answerButton = (name: RegExp) => screen.getByRole('button', { name });
const press = (target: Element, code: string, modifiers: { altKey?: boolean } = {}) =>
  fireEvent.keyDown(target, { key: code.replace('Digit', ''), code, ...modifiers });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the script panel', () => {
  it('shows the call’s step with the variables filled, its answers with their digits, and the path', async () => {
    fakeMain();
    await renderPanel();
    const panel = screen.getByRole('region', { name: 'Call script' });
    expect(stepText()).toBe('Good morning! This is Acme, Anna speaking.');
    expect(within(panel).getByRole('heading', { name: 'Step: Greeting' })).toBeTruthy();
    const known = answerButton(/Known caller/);
    expect(known.getAttribute('aria-keyshortcuts')).toBe('1');
    expect(answerButton(/Unknown number/).getAttribute('aria-keyshortcuts')).toBe('2');
    expect(
      within(screen.getByRole('navigation', { name: 'Path so far' })).getByText('Greeting'),
    ).toBeTruthy();
    expect(screen.getByRole('combobox', { name: /Script/ })).toHaveProperty('value', 'builtin.greeting.en');
    expect(screen.getByRole('button', { name: 'Back to the previous step' })).toHaveProperty(
      'disabled',
      true,
    );
  });

  it('an answer advances to its step; the path grows; Back and Start over go back', async () => {
    const { sent } = fakeMain({ contact: 'Мария Соколова' });
    await renderPanel();
    fireEvent.click(answerButton(/Known caller/));
    await waitFor(() => expect(stepText()).toBe('Мария Соколова, is this a good time to talk?'));
    expect(sent('scripts:step')).toEqual([{ callId: 'c1', stepId: 'greet', answer: 'known' }]);
    const path = screen.getByRole('navigation', { name: 'Path so far' });
    expect(path.textContent).toBe('Greeting ›A good time to talk?');
    // The new step's heading has the focus: a screen reader reads it, the digits go on working.
    await waitFor(() =>
      expect(document.activeElement?.getAttribute('aria-label')).toBe('Step: A good time to talk?'),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Back to the previous step' }));
    await waitFor(() => expect(stepText()).toContain('This is Acme'));
    fireEvent.click(answerButton(/Unknown number/));
    await waitFor(() => expect(stepText()).toBe('How may I address you, please?'));
    fireEvent.click(screen.getByRole('button', { name: 'Start over from the first step' }));
    await waitFor(() => expect(stepText()).toContain('This is Acme'));
    expect(sent('scripts:back')).toHaveLength(1);
    expect(sent('scripts:restart')).toEqual([{ callId: 'c1' }]);
  });

  it('marks the unknown caller’s name as a stand-in', async () => {
    fakeMain({ contact: null });
    await renderPanel();
    press(document.body, 'Digit1');
    await waitFor(() => expect(stepText()).toBe('Unknown caller, is this a good time to talk?'));
    const name = screen.getByTestId('script-text').querySelector('[data-variable="caller.name"]')!;
    expect(name.getAttribute('data-missing')).toBe('true');
  });

  it('digits pick answers outside text fields and outside the wrap-up form; Alt+digits never', async () => {
    const { sent } = fakeMain();
    await renderWithApp(
      <>
        <input aria-label="Notes elsewhere" />
        <div data-testid="wrapup-panel">
          <button type="button">In the wrap-up</button>
        </div>
        <ScriptPanel />
      </>,
      { ...initialState({ settings: SETTINGS }), calls: [ringing] },
    );
    await screen.findByTestId('script-step');
    await settle();
    press(screen.getByRole('textbox', { name: 'Notes elsewhere' }), 'Digit2');
    press(screen.getByRole('button', { name: 'In the wrap-up' }), 'Digit2');
    press(document.body, 'Digit2', { altKey: true });
    press(document.body, 'Digit9');
    expect(sent('scripts:step')).toEqual([]);

    press(document.body, 'Digit2');
    await waitFor(() => expect(stepText()).toBe('How may I address you, please?'));
    expect(sent('scripts:step')).toEqual([{ callId: 'c1', stepId: 'greet', answer: 'unknown' }]);
  });

  it('a required field is asked for; what is typed is saved and sent before the answer', async () => {
    const { sent, run } = fakeMain();
    await renderPanel();
    fireEvent.click(answerButton(/Unknown number/));
    const field = await screen.findByRole('textbox', { name: /How to address the caller/ });
    fireEvent.click(answerButton(/The caller gave a name/));
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByRole('alert').textContent).toBe('Fill in the required fields first.');
    expect(stepText()).toBe('How may I address you, please?');

    fireEvent.change(field, { target: { value: 'Мария' } });
    fireEvent.click(answerButton(/The caller gave a name/));
    await waitFor(() => expect(stepText()).toBe('Nice to meet you! Is this a good time to talk?'));
    expect(sent('scripts:setField')).toEqual([{ callId: 'c1', fieldId: 'caller-name', value: 'Мария' }]);
    expect(run().fields).toEqual({ 'caller-name': 'Мария' });
    expect(run().path.map((p) => p.answer)).toEqual(['unknown', 'named']);
  });

  it('a text field is saved by itself after a pause, a choice at once', async () => {
    const { sent } = fakeMain();
    await renderPanel();
    press(document.body, 'Digit2');
    const name = await screen.findByRole('textbox', { name: /How to address the caller/ });
    fireEvent.change(name, { target: { value: 'Мар' } });
    fireEvent.change(name, { target: { value: 'Мария' } });
    expect(sent('scripts:setField')).toEqual([]);
    await waitFor(() =>
      expect(sent('scripts:setField')).toEqual([{ callId: 'c1', fieldId: 'caller-name', value: 'Мария' }]),
    );
    press(name, 'Digit1'); // typed into the field, not an answer
    expect(stepText()).toBe('How may I address you, please?');

    fireEvent.click(screen.getByRole('button', { name: 'Back to the previous step' }));
    await waitFor(() => expect(stepText()).toContain('This is Acme'));
    press(document.body, 'Digit1');
    await waitFor(() => expect(stepText()).toContain('good time to talk'));
    press(document.body, 'Digit1');
    const topic = await screen.findByRole('combobox', { name: 'Topic' });
    fireEvent.change(topic, { target: { value: 'Complaint' } });
    await waitFor(() => expect(sent('scripts:setField')).toHaveLength(2));
    expect(sent('scripts:setField')[1]).toEqual({ callId: 'c1', fieldId: 'topic', value: 'Complaint' });
  });

  it('switches to another script from the menu', async () => {
    const { sent } = fakeMain();
    await renderPanel();
    fireEvent.change(screen.getByRole('combobox', { name: /Script/ }), {
      target: { value: 'builtin.unhappy.en' },
    });
    await waitFor(() => expect(stepText()).toBe('I am listening. Please tell me what happened.'));
    expect(sent('scripts:restart')).toEqual([{ callId: 'c1', scriptId: 'builtin.unhappy.en' }]);
  });

  it('follows the run when main pushes a change (script:updated)', async () => {
    const { bridge, run } = fakeMain();
    await renderPanel();
    const next = answerRun(run(), GREETING_EN, 'greet', 'unknown', T0);
    act(() => bridge.emit('script:updated', { callId: 'c1', script: GREETING_EN, run: next, locked: false }));
    expect(stepText()).toBe('How may I address you, please?');
    act(() =>
      bridge.emit('script:updated', { callId: 'other', script: GREETING_EN, run: run(), locked: false }),
    );
    expect(stepText()).toBe('How may I address you, please?');
  });

  it('says so when no script applies to the call', async () => {
    fakeMain({
      extra: { 'scripts:forCall': () => ok({ callId: 'c1', script: null, run: null, locked: false }) },
    });
    await renderWithApp(<ScriptPanel />, { ...initialState({ settings: SETTINGS }), calls: [ringing] });
    expect((await screen.findByTestId('script-none')).textContent).toContain('No script applies');
  });
});

describe('the side panel', () => {
  it('brings the Script tab to front when a call starts', async () => {
    const { bridge } = fakeMain({ calls: [] });
    await renderWithApp(<SidePanel />, { ...initialState({ settings: SETTINGS }), calls: [] });
    fireEvent.click(screen.getByRole('tab', { name: 'Knowledge base' }));
    await waitFor(() =>
      expect(screen.getByRole('tab', { name: 'Knowledge base' }).getAttribute('aria-selected')).toBe('true'),
    );
    act(() => bridge.emit('call:updated', ringing));
    await waitFor(() =>
      expect(screen.getByRole('tab', { name: 'Script' }).getAttribute('aria-selected')).toBe('true'),
    );
    expect((await screen.findByTestId('script-text')).textContent).toContain('This is Acme');
  });
});

describe('script fields in the wrap-up form', () => {
  it('lists the filled fields with their labels, read-only, and follows changes', async () => {
    const { bridge, run } = fakeMain({ calls: [] });
    await renderWithApp(<ScriptFieldsSummary callId="c1" />, initialState({ settings: SETTINGS }));
    expect(screen.queryByTestId('wrapup-script-fields')).toBeNull();
    const filled: ScriptRun = {
      ...run(),
      fields: { 'caller-name': 'Мария', topic: 'Order', 'callback-time': null },
    };
    act(() =>
      bridge.emit('script:updated', { callId: 'c1', script: GREETING_EN, run: filled, locked: false }),
    );
    const summary = await screen.findByTestId('wrapup-script-fields');
    expect(within(summary).getByText('From the script')).toBeTruthy();
    const rows = within(summary)
      .getAllByRole('row')
      .map((row) => row.textContent);
    expect(rows).toEqual(['How to address the callerМария', 'TopicOrder']);
    expect(within(summary).queryByRole('textbox')).toBeNull();
  });
});
