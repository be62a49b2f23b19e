import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtInGuard } from '../../src/shared/guard/guard.ts';
import { BUILTIN_SCRIPTS, builtinScriptInputs } from '../../src/shared/scripts/builtin.ts';
import {
  ScriptDocumentSchema,
  scriptJsonSchema,
  type ScriptDocument,
  type ScriptDocumentInput,
} from '../../src/shared/scripts/format.ts';
import {
  answerRun,
  backRun,
  checkFieldValue,
  RunChangeError,
  startRun,
  type ScriptRun,
} from '../../src/shared/scripts/run.ts';
import {
  matchesPattern,
  selectScript,
  type CallContext,
  type ScriptCandidate,
} from '../../src/shared/scripts/select.ts';
import { checkScript, checkScriptText, type ScriptProblem } from '../../src/shared/scripts/validate.ts';
import {
  fillScriptText,
  scriptTextParts,
  timeOfDayGreeting,
  type VariableValues,
} from '../../src/shared/scripts/variables.ts';

/** A small valid script; tests break one thing at a time. */
function script(patch: Partial<ScriptDocumentInput> = {}): ScriptDocumentInput {
  return {
    format: 'hotline-script',
    version: 1,
    id: 'acme.test',
    title: 'Test',
    language: 'ru',
    rules: [{}],
    start: 'a',
    steps: [
      { id: 'a', title: 'A', text: '{{greeting}}!', answers: [{ label: 'to b', next: 'b' }] },
      {
        id: 'b',
        title: 'B',
        text: 'Б',
        fields: [{ id: 'f', label: 'F', type: 'text', required: true }],
        answers: [
          { id: 'yes', label: 'yes', next: 'c' },
          { id: 'end', label: 'end', next: null },
        ],
      },
      { id: 'c', title: 'C', text: 'В', final: true },
    ],
    ...patch,
  };
}

function problemsOf(input: unknown): ScriptProblem[] {
  const checked = checkScript(input);
  expect(checked.ok).toBe(false);
  return checked.ok ? [] : checked.problems;
}

/** kind @ path (step) — compact and exact. */
const where = (p: ScriptProblem) => `${p.kind} @ ${p.path}${p.stepId ? ` (${p.stepId})` : ''}`;

describe('script format and validation', () => {
  it('accepts a valid script and fills the defaults', () => {
    const checked = checkScript(script());
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.script.revision).toBe(1);
    expect(checked.script.steps[0]!.fields).toEqual([]);
    expect(checked.script.steps[2]!.answers).toEqual([]);
  });

  it('reports schema errors at their JSON path with the step id, unknown properties one by one', () => {
    const input = script();
    const steps = input.steps as unknown as Array<Record<string, unknown>>;
    steps[1]!.title = 42;
    steps[1]!.colour = 'red';
    (steps[1]!.answers as Array<Record<string, unknown>>)[0]!.next = 7;
    const problems = problemsOf({ ...input, format: 'other', extra: true });
    expect(problems.map(where)).toEqual(
      expect.arrayContaining([
        'schema @ $.format',
        'schema @ $.extra',
        'schema @ $.steps[1].title (b)',
        'schema @ $.steps[1].colour (b)',
        'schema @ $.steps[1].answers[0].next (b)',
      ]),
    );
    expect(problems.find((p) => p.path === '$.steps[1].colour')!.message).toBe('Unknown property');
  });

  it('finds an answer leading to an unknown step, and an unknown start', () => {
    const input = script({ start: 'zz' });
    (input.steps[0]!.answers as Array<{ label: string; next: string | null }>)[0]!.next = 'nowhere';
    expect(problemsOf(input).map(where)).toEqual(
      expect.arrayContaining(['unknown-step @ $.start', 'unknown-step @ $.steps[0].answers[0].next (a)']),
    );
  });

  it('finds an unreachable step', () => {
    const input = script();
    input.steps.push({ id: 'lost', title: 'Lost', text: 'x', final: true });
    expect(problemsOf(input).map(where)).toEqual(['unreachable @ $.steps[3] (lost)']);
  });

  it('finds a dead end (no answers, not final)', () => {
    const input = script();
    input.steps[2] = { id: 'c', title: 'C', text: 'В' };
    expect(problemsOf(input).map(where)).toEqual(['dead-end @ $.steps[2] (c)']);
  });

  it('finds a cycle with no exit, but accepts a cycle with a way out', () => {
    const trapped = script();
    trapped.steps.push(
      { id: 'loop1', title: 'L1', text: 'x', answers: [{ label: 'on', next: 'loop2' }] },
      { id: 'loop2', title: 'L2', text: 'y', answers: [{ label: 'back', next: 'loop1' }] },
    );
    (trapped.steps[0]!.answers as Array<{ label: string; next: string | null }>).push({
      label: 'in',
      next: 'loop1',
    });
    const problems = problemsOf(trapped);
    expect(problems.map(where)).toEqual(['cycle @ $.steps[3] (loop1)']);
    expect(problems[0]!.message).toContain('"loop1", "loop2"');

    const selfLoop = script();
    selfLoop.steps[2] = { id: 'c', title: 'C', text: 'В', answers: [{ label: 'again', next: 'c' }] };
    expect(problemsOf(selfLoop).map(where)).toEqual(['cycle @ $.steps[2] (c)']);

    const withExit = script();
    (withExit.steps[1]!.answers as Array<{ label: string; next: string | null }>).push({
      label: 'again',
      next: 'a',
    });
    expect(checkScript(withExit).ok).toBe(true);
  });

  it('finds unknown and unclosed variables in texts, hints, labels', () => {
    const input = script();
    input.steps[0]!.text = 'Здравствуйте, {{caller.phone}}! {{ operator.name }}';
    input.steps[1]!.hint = 'Скажите {{greeting';
    (input.steps[1]!.fields as Array<{ label: string }>)[0]!.label = '{{company}}';
    const problems = problemsOf(input);
    expect(problems.map(where)).toEqual([
      'unknown-variable @ $.steps[0].text (a)',
      'unknown-variable @ $.steps[1].hint (b)',
      'unknown-variable @ $.steps[1].fields[0].label (b)',
    ]);
    expect(problems[0]!.message).toContain('{{caller.phone}}');
    expect(problems[1]!.message).toContain('not closed');
  });

  it('finds duplicate step, field and answer ids', () => {
    const input = script();
    input.steps.push({ id: 'b', title: 'B2', text: 'x', final: true });
    input.steps[2]!.fields = [{ id: 'f', label: 'again', type: 'text' }];
    (input.steps[1]!.answers as Array<{ id?: string }>)[1]!.id = 'yes';
    expect(problemsOf(input).map(where)).toEqual([
      'duplicate-id @ $.steps[1].answers[1].id (b)',
      'duplicate-id @ $.steps[2].fields[0].id (c)',
      'duplicate-id @ $.steps[3].id (b)',
    ]);
  });

  it('returns every problem at once, schema and graph together', () => {
    const input = script({ start: 'zz' });
    (input.steps[1] as Record<string, unknown>).title = '';
    input.steps[0]!.text = '{{nope}}';
    input.steps[2] = { id: 'c', title: 'C', text: 'В' };
    const kinds = problemsOf(input).map((p) => p.kind);
    expect(kinds).toEqual(expect.arrayContaining(['schema', 'unknown-step', 'dead-end', 'unknown-variable']));
  });

  it('refuses choice fields without options and other fields with them', () => {
    const input = script();
    input.steps[1]!.fields = [
      { id: 'c1', label: 'C', type: 'choice' },
      { id: 'n1', label: 'N', type: 'number', options: ['x'] },
    ];
    expect(problemsOf(input).map(where)).toEqual([
      'schema @ $.steps[1].fields[0].options (b)',
      'schema @ $.steps[1].fields[1].options (b)',
    ]);
  });

  it('reports a file that is not JSON with its line and column', () => {
    const checked = checkScriptText('{\n  "format": "hotline-script",\n  "version": 1\n  "id": "x"\n}');
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems).toHaveLength(1);
    expect(checked.problems[0]).toMatchObject({ kind: 'json', path: '$', line: 4, column: 3 });
    expect(checkScriptText(`\uFEFF${JSON.stringify(script())}`).ok).toBe(true);
  });

  it('publishes the JSON Schema generated from the code (docs/scripts)', () => {
    const published = JSON.parse(
      readFileSync(new URL('../../docs/scripts/hotline-script-v1.schema.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(published).toEqual(JSON.parse(JSON.stringify(scriptJsonSchema())));
  });
});

describe('built-in scripts', () => {
  it('are all valid, in Russian and English, with the same structure in both', () => {
    for (const input of builtinScriptInputs()) {
      const checked = checkScript(input);
      expect(checked.ok ? [] : checked.problems, input.id).toEqual([]);
    }
    const ids = BUILTIN_SCRIPTS.map((s) => s.id).sort();
    expect(ids).toEqual(
      ['greeting', 'unhappy', 'rude', 'closing']
        .flatMap((n) => [`builtin.${n}.en`, `builtin.${n}.ru`])
        .sort(),
    );
    for (const ru of BUILTIN_SCRIPTS.filter((s) => s.language === 'ru')) {
      const en = BUILTIN_SCRIPTS.find((s) => s.id === ru.id.replace(/\.ru$/, '.en'))!;
      const shape = (s: ScriptDocument) =>
        s.steps.map((st) => [
          st.id,
          st.answers.map((a) => [a.id, a.next]),
          st.fields.map((f) => f.id),
          st.final,
        ]);
      expect(shape(en)).toEqual(shape(ru));
    }
  });

  it('follow the craft: greeting with the unknown-number branch, formal «Вы», paraphrase, patience', () => {
    const ru = (id: string) => BUILTIN_SCRIPTS.find((s) => s.id === `builtin.${id}.ru`)!;
    const text = (s: ScriptDocument, step: string) => s.steps.find((x) => x.id === step)!.text;
    const greeting = ru('greeting');
    expect(text(greeting, 'greet')).toMatch(
      /\{\{greeting\}\}.*\{\{company\.name\}\}.*\{\{operator\.name\}\}/,
    );
    expect(greeting.steps.find((s) => s.id === 'greet')!.answers.map((a) => a.next)).toContain('ask-name');
    expect(text(greeting, 'ask-name')).toContain('как я могу к Вам обращаться');
    expect(text(greeting, 'convenient')).toContain('удобно говорить');
    expect(text(ru('unhappy'), 'unhappy-paraphrase')).toContain('Правильно ли я Вас понимаю, что');
    expect(text(ru('unhappy'), 'unhappy-thanks')).toContain('Спасибо за Ваше терпение');
    expect(text(ru('unhappy'), 'unhappy-apologise')).toContain('Приношу извинения');
    expect(text(ru('rude'), 'rude-acknowledge')).toMatch(/вправе быть недовольны.*Спасибо/);
    expect(ru('closing').steps.some((s) => s.final)).toBe(true);
    // Formal address only: no «ты», «тебе», «твой» anywhere in the Russian scripts.
    for (const s of BUILTIN_SCRIPTS.filter((x) => x.language === 'ru'))
      for (const step of s.steps)
        expect(`${step.text} ${step.hint ?? ''}`, step.id).not.toMatch(
          /(^|[^а-яё])(ты|тебе|тебя|твой|твоя|твоё)([^а-яё]|$)/iu,
        );
  });

  it('trip no rule of the phrase guard, as written and filled in, any time of day, caller known or not', () => {
    const guard = builtInGuard();
    const hits: string[] = [];
    const check = (where: string, text: string) => {
      for (const match of guard.check(text))
        hits.push(`${where}: «${match.text}» (${match.ruleId}) in «${text}»`);
    };
    for (const s of BUILTIN_SCRIPTS) {
      check(`${s.id} title`, s.title);
      check(`${s.id} description`, s.description);
      for (const step of s.steps) {
        const texts = [step.title, step.text, step.hint ?? '', ...step.answers.map((a) => a.label)];
        for (const field of step.fields) texts.push(field.label, ...(field.options ?? []));
        for (const text of texts) {
          check(`${s.id}/${step.id}`, text);
          for (const hour of [8, 14, 21])
            for (const callerName of ['Мария', null])
              check(
                `${s.id}/${step.id} filled`,
                fillScriptText(text, {
                  language: s.language,
                  values: { operatorName: 'Анна', companyName: 'Ромашка', callerName },
                  at: new Date(2026, 10, 24, hour),
                }),
              );
        }
      }
    }
    expect(hits).toEqual([]);
  });

  it('the guard check can fail: a forbidden phrase in a script text is found', () => {
    const guard = builtInGuard();
    expect(guard.check('Я не знаю, это не в моей зоне ответственности.').length).toBeGreaterThan(0);
  });
});

describe('variables', () => {
  const known: VariableValues = {
    operatorName: 'Анна',
    companyName: 'Ромашка',
    callerName: 'Мария Соколова',
  };
  const unknown: VariableValues = { operatorName: null, companyName: null, callerName: null };
  const at = (hour: number, minute = 0) => new Date(2026, 10, 24, hour, minute);

  it.each([
    [4, 59, 'добрый вечер', 'good evening'],
    [5, 0, 'доброе утро', 'good morning'],
    [11, 59, 'доброе утро', 'good morning'],
    [12, 0, 'добрый день', 'good afternoon'],
    [17, 59, 'добрый день', 'good afternoon'],
    [18, 0, 'добрый вечер', 'good evening'],
    [23, 30, 'добрый вечер', 'good evening'],
  ])('the greeting at %i:%i is «%s» / "%s"', (hour, minute, ru, en) => {
    expect(timeOfDayGreeting('ru', at(hour, minute))).toBe(ru);
    expect(timeOfDayGreeting('en', at(hour, minute))).toBe(en);
  });

  it('fills names and capitalises the greeting at the start of a sentence only', () => {
    const text =
      '{{greeting}}! Компания «{{company.name}}», меня зовут {{operator.name}}. {{caller.name}}, {{greeting}}.';
    expect(fillScriptText(text, { language: 'ru', values: known, at: at(9) })).toBe(
      'Доброе утро! Компания «Ромашка», меня зовут Анна. Мария Соколова, доброе утро.',
    );
    expect(
      fillScriptText('{{greeting}}, {{caller.name}}!', { language: 'en', values: known, at: at(19) }),
    ).toBe('Good evening, Мария Соколова!');
    expect(
      fillScriptText('Well, {{ greeting }} to you.', { language: 'en', values: known, at: at(13) }),
    ).toBe('Well, good afternoon to you.');
  });

  it('uses the unknown-caller wording of the script’s language, marked as missing', () => {
    expect(
      fillScriptText('{{caller.name}}, здравствуйте.', { language: 'ru', values: unknown, at: at(9) }),
    ).toBe('Неизвестный абонент, здравствуйте.');
    expect(fillScriptText('Hello, {{caller.name}}.', { language: 'en', values: unknown, at: at(9) })).toBe(
      'Hello, unknown caller.',
    );
    const parts = scriptTextParts('Меня зовут {{operator.name}}, «{{company.name}}».', {
      language: 'ru',
      values: unknown,
      at: at(9),
    });
    expect(parts).toEqual([
      { text: 'Меня зовут ' },
      { text: '[ваше имя]', variable: 'operator.name', missing: true },
      { text: ', «' },
      { text: '[название компании]', variable: 'company.name', missing: true },
      { text: '».' },
    ]);
    expect(
      fillScriptText('{{operator.name}} / {{company.name}}', {
        language: 'en',
        values: { ...unknown, operatorName: '  ' },
        at: at(9),
      }),
    ).toBe('[your name] / [company name]');
  });

  it('leaves an unknown variable as written (a script that skipped validation)', () => {
    expect(fillScriptText('Hi {{caller.phone}}', { language: 'en', values: known, at: at(9) })).toBe(
      'Hi {{caller.phone}}',
    );
  });
});

describe('selection rules', () => {
  const call = (patch: Partial<CallContext> = {}): CallContext => ({
    direction: 'inbound',
    calledNumber: '+7 (495) 123-45-67',
    webRequestType: null,
    ...patch,
  });
  const doc = (id: string, rules: ScriptDocumentInput['rules'], language: 'ru' | 'en' = 'ru') =>
    ScriptDocumentSchema.parse(script({ id, rules, language }));
  const pick = (candidates: ScriptCandidate[], context = call(), language: 'ru' | 'en' = 'ru') =>
    selectScript(candidates, context, language)?.candidate.script.id ?? null;

  it('matches direction, called number patterns (separators ignored) and web-request types', () => {
    const candidates: ScriptCandidate[] = [
      { script: doc('out', [{ direction: 'outbound' }]), source: 'company' },
      { script: doc('sales', [{ calledNumber: '+7495123*', priority: 5 }]), source: 'company' },
      { script: doc('web', [{ webRequestType: 'complaint*', priority: 9 }]), source: 'company' },
    ];
    expect(pick(candidates)).toBe('sales');
    expect(pick(candidates, call({ calledNumber: '+74950000000' }))).toBeNull();
    expect(pick(candidates, call({ calledNumber: null }))).toBeNull();
    expect(pick(candidates, call({ direction: 'outbound', calledNumber: null }))).toBe('out');
    expect(pick(candidates, call({ webRequestType: 'complaint-delivery' }))).toBe('web');
    expect(matchesPattern('10?', '101')).toBe(true);
    expect(matchesPattern('10?', '1011')).toBe(false);
    expect(matchesPattern('support', 'SUPPORT')).toBe(true);
  });

  it('needs every condition of a rule; any rule of a script may match; no rules means by hand only', () => {
    const both = doc('both', [
      { direction: 'outbound', calledNumber: '+7495*' },
      { webRequestType: 'order' },
    ]);
    const manual = doc('manual', []);
    const candidates: ScriptCandidate[] = [
      { script: both, source: 'company' },
      { script: manual, source: 'managed' },
    ];
    expect(pick(candidates)).toBeNull();
    expect(pick(candidates, call({ direction: 'outbound', calledNumber: '84951234567' }))).toBeNull();
    expect(pick(candidates, call({ direction: 'outbound', calledNumber: '+74951234567' }))).toBe('both');
    expect(pick(candidates, call({ webRequestType: 'order' }))).toBe('both');
  });

  it('ranks by priority, then source, then the interface language, then specificity, then id', () => {
    const builtinRu = { script: doc('builtin.g.ru', [{}], 'ru'), source: 'builtin' } as const;
    const builtinEn = { script: doc('builtin.g.en', [{}], 'en'), source: 'builtin' } as const;
    expect(pick([builtinRu, builtinEn], call(), 'ru')).toBe('builtin.g.ru');
    expect(pick([builtinRu, builtinEn], call(), 'en')).toBe('builtin.g.en');

    const company = { script: doc('acme.any', [{}], 'en'), source: 'company' } as const;
    expect(pick([builtinRu, builtinEn, company], call(), 'ru')).toBe('acme.any');
    const managed = { script: doc('it.any', [{}], 'en'), source: 'managed' } as const;
    expect(pick([company, managed], call(), 'ru')).toBe('it.any');
    const urgent = { script: doc('builtin.urgent', [{ priority: 1 }]), source: 'builtin' } as const;
    expect(pick([company, managed, urgent])).toBe('builtin.urgent');

    const general = { script: doc('b.general', [{}]), source: 'company' } as const;
    const specific = { script: doc('c.specific', [{ direction: 'inbound' }]), source: 'company' } as const;
    expect(pick([general, specific])).toBe('c.specific');
    const twin = { script: doc('a.twin', [{ direction: 'inbound' }]), source: 'company' } as const;
    expect(pick([specific, twin])).toBe('a.twin');
    expect(pick([twin, specific])).toBe('a.twin');
  });

  it('reports which rule chose the script', () => {
    const s = doc('two', [{ direction: 'outbound' }, { direction: 'inbound', priority: 3 }]);
    const choice = selectScript([{ script: s, source: 'company' }], call(), 'ru');
    expect(choice?.ruleIndex).toBe(1);
    expect(choice?.rule.priority).toBe(3);
  });
});

describe('runs', () => {
  const doc = ScriptDocumentSchema.parse(script());
  const fresh = (): ScriptRun => startRun(doc, { callId: 'c1', seq: 1, source: 'company', fields: {} }, 100);

  it('starts at the start step and records each answer with its time', () => {
    let run = fresh();
    expect(run).toMatchObject({ currentStepId: 'a', path: [], scriptId: 'acme.test', scriptVersion: 1 });
    run = answerRun(run, doc, 'a', '1', 200);
    expect(run.currentStepId).toBe('b');
    run = answerRun({ ...run, fields: { f: 'x' } }, doc, 'b', 'end', 300);
    expect(run.currentStepId).toBeNull();
    expect(run.path).toEqual([
      { stepId: 'a', answer: '1', at: 200 },
      { stepId: 'b', answer: 'end', at: 300 },
    ]);
    expect(() => answerRun(run, doc, 'b', 'end', 400)).toThrow(RunChangeError);
  });

  it('refuses a stale step, an unknown answer and missing required fields', () => {
    const run = answerRun(fresh(), doc, 'a', '1', 200);
    const code = (action: () => unknown) => {
      try {
        action();
      } catch (error) {
        return (error as RunChangeError).code;
      }
      return 'applied';
    };
    expect(code(() => answerRun(run, doc, 'a', '1', 300))).toBe('not-current');
    expect(code(() => answerRun(run, doc, 'b', 'maybe', 300))).toBe('unknown-answer');
    expect(code(() => answerRun(run, doc, 'b', 'yes', 300))).toBe('required');
    expect(code(() => answerRun({ ...run, fields: { f: '  ' } }, doc, 'b', 'yes', 300))).toBe('required');
    expect(code(() => answerRun({ ...run, fields: { f: 'ok' } }, doc, 'b', 'yes', 300))).toBe('applied');
  });

  it('goes back one answer at a time', () => {
    const run = answerRun(fresh(), doc, 'a', '1', 200);
    const back = backRun(run, 250);
    expect(back).toMatchObject({ currentStepId: 'a', path: [], updatedAt: 250 });
    expect(backRun(back, 300)).toBe(back);
  });

  it('checks field values against the field type', () => {
    expect(checkFieldValue({ id: 'n', label: 'N', type: 'number', required: false }, 12.5)).toBe(12.5);
    expect(() => checkFieldValue({ id: 'n', label: 'N', type: 'number', required: false }, '12')).toThrow(
      RunChangeError,
    );
    const choice = { id: 'c', label: 'C', type: 'choice' as const, required: false, options: ['a', 'b'] };
    expect(checkFieldValue(choice, 'b')).toBe('b');
    expect(() => checkFieldValue(choice, 'z')).toThrow(RunChangeError);
    expect(checkFieldValue({ id: 't', label: 'T', type: 'text', required: false }, '   ')).toBeNull();
  });
});

describe('where a file stops being JSON', () => {
  it.each([
    ['{"a": 1,}', 8],
    ['{"a": tru}', 9],
    ['[1, 2', 5],
    ['{"a": "x\\q"}', 9],
    ['{"a": 01}', 7],
    ['{"a": 1} x', 9],
    ['', 0],
    ['{"a": "\\u12G4"}', 11],
  ])('%j fails at %i', async (text, offset) => {
    const { jsonErrorOffset } = await import('../../src/shared/scripts/validate.ts');
    expect(jsonErrorOffset(text)).toBe(offset);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('finds no error in valid JSON', async () => {
    const { jsonErrorOffset } = await import('../../src/shared/scripts/validate.ts');
    expect(jsonErrorOffset(JSON.stringify(script(), null, 2))).toBe(-1);
    expect(jsonErrorOffset('{"a": [1, -2.5e3, true, false, null, "\\u00e9\\n"]}')).toBe(-1);
  });
});
