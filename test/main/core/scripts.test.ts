import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core/create-core.ts';
import { createLogger, memorySink } from '../../../src/main/core/log/logger.ts';
import { CURRENT_RUN_SQL } from '../../../src/main/core/scripts/runs-table.ts';
import { callContextOf } from '../../../src/main/core/scripts/script-service.ts';
import { applyRetention } from '../../../src/main/core/calllog/retention.ts';
import { outboxRows } from '../../../src/main/core/sync/outbox-table.ts';
import { SyncDocumentSchema } from '../../../src/main/core/sync/sync-documents.ts';
import type { IpcResult } from '../../../src/shared/ipc/errors.ts';
import type { CallView } from '../../../src/shared/model/call.ts';
import type { ScriptDocumentInput } from '../../../src/shared/scripts/format.ts';
import type { ScriptForCall } from '../../../src/shared/scripts/run.ts';
import { createNodePorts } from '../../../tools/harness/node-ports.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const TRUSTED = { trusted: true, description: 'test' };
const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

function tempDir(): string {
  const dir = makeTempDir();
  cleanups.push(() => dir.cleanup());
  return dir.path;
}

function companyScript(patch: Partial<ScriptDocumentInput> = {}): ScriptDocumentInput {
  return {
    format: 'hotline-script',
    version: 1,
    id: 'acme.sales',
    revision: 1,
    title: 'Продажи',
    language: 'ru',
    rules: [{ direction: 'inbound', calledNumber: '+7495111*' }],
    start: 'hello',
    steps: [
      {
        id: 'hello',
        title: 'Приветствие',
        text: '{{greeting}}! Отдел продаж «{{company.name}}».',
        answers: [{ id: 'buy', label: 'Хочет купить', next: 'qty' }],
      },
      {
        id: 'qty',
        title: 'Количество',
        text: 'Сколько штук Вам нужно?',
        fields: [{ id: 'qty', label: 'Количество', type: 'number', required: true }],
        answers: [{ id: 'ok', label: 'Назвал', next: 'bye' }],
      },
      { id: 'bye', title: 'Прощание', text: 'Спасибо!', final: true },
    ],
    ...patch,
  };
}

interface Started {
  core: Core;
  dataDir: string;
  calls: CallView[];
  close(): Promise<void>;
}

async function startCore(
  options: { dataDir?: string; managed?: unknown; settings?: object } = {},
): Promise<Started> {
  const dataDir = options.dataDir ?? tempDir();
  writeFileSync(
    join(dataDir, 'settings.json'),
    JSON.stringify({ language: 'ru', sync: { intervalS: 3600 }, ...options.settings }),
  );
  const managedFile = join(dataDir, 'managed.json');
  writeFileSync(managedFile, JSON.stringify(options.managed ?? {}));
  const logger = createLogger(memorySink());
  const core = createCore({
    dataDir,
    managedSettingsFile: managedFile,
    appInfo: {
      name: 'Hotline',
      version: '0.1.0-test',
      platform: process.platform,
      runtime: 'harness',
      versions: {},
      systemLocale: () => 'ru-RU',
    },
    ports: createNodePorts(dataDir, logger),
    log: logger,
    syncBackoff: { baseMs: 5, capMs: 40 },
  });
  // The phone is not started: the calls "in progress" are whatever the test puts here.
  const calls: CallView[] = [];
  core.phone.list = () => calls;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await core.close();
  };
  cleanups.push(close);
  return { core, dataDir, calls, close };
}

function call(id: string, patch: Partial<CallView> = {}): CallView {
  return {
    id,
    direction: 'inbound',
    state: 'ringing',
    remote: { number: '+74957654321', uri: 'sip:+74957654321@pbx' },
    calledNumber: '+74951110000',
    muted: false,
    earlyMedia: false,
    startedAt: T0,
    ...patch,
  };
}

/** The call is live for the script service, and in the call log like the phone would have put it. */
function ring(started: Started, id: string, patch: Partial<CallView> = {}): CallView {
  const view = call(id, patch);
  started.calls.push(view);
  started.core.callLog.record(view, T0);
  return view;
}

function hangUp(started: Started, id: string): void {
  const index = started.calls.findIndex((c) => c.id === id);
  const view = started.calls[index]!;
  started.calls.splice(index, 1);
  started.core.callLog.record({ ...view, state: 'active', answeredAt: T0 + 1000 }, T0 + 1000);
  started.core.callLog.record(
    {
      ...view,
      state: 'ended',
      answeredAt: T0 + 1000,
      endedAt: T0 + 60_000,
      end: { reason: 'remote-hangup' },
    },
    T0 + 60_000,
  );
}

async function ipc<T>(core: Core, channel: string, payload: unknown): Promise<IpcResult<T>> {
  return (await core.router.dispatch(channel, payload, TRUSTED)) as IpcResult<T>;
}

async function value<T>(core: Core, channel: string, payload: unknown): Promise<T> {
  const result = await ipc<T>(core, channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

describe('which script a call gets', () => {
  it('a call in progress gets the built-in greeting in the interface language; an ended one gets none', async () => {
    const started = await startCore();
    ring(started, 'c1');
    const view = await value<ScriptForCall>(started.core, 'scripts:forCall', { callId: 'c1' });
    expect(view.script?.id).toBe('builtin.greeting.ru');
    expect(view.run).toMatchObject({ seq: 1, currentStepId: 'greet', path: [], source: 'builtin' });
    // Asked again: the same run, not a new one.
    expect((await value<ScriptForCall>(started.core, 'scripts:forCall', { callId: 'c1' })).run).toEqual(
      view.run,
    );
    const none = await value<ScriptForCall>(started.core, 'scripts:forCall', { callId: 'gone' });
    expect(none).toEqual({ callId: 'gone', script: null, run: null, locked: false });
    ring(started, 'consult', { direction: 'outbound', consultFor: 'c1' });
    expect(
      (await value<ScriptForCall>(started.core, 'scripts:forCall', { callId: 'consult' })).run,
    ).toBeNull();
  });

  it('a company script with a matching rule replaces the built-in; the called number decides', async () => {
    const started = await startCore();
    await value(started.core, 'scripts:import', {
      fileName: 'sales.json',
      content: JSON.stringify(companyScript()),
    });
    ring(started, 'sales');
    ring(started, 'other', { calledNumber: '+74952220000' });
    ring(started, 'out', { direction: 'outbound', calledNumber: undefined, dialed: '+74951119999' });
    const scriptOf = async (callId: string) =>
      (await value<ScriptForCall>(started.core, 'scripts:forCall', { callId })).script?.id;
    expect(await scriptOf('sales')).toBe('acme.sales');
    expect(await scriptOf('other')).toBe('builtin.greeting.ru');
    expect(await scriptOf('out')).toBe('builtin.greeting.ru');
    expect(callContextOf(call('x', { direction: 'outbound', dialed: '8 495 111' }))).toEqual({
      direction: 'outbound',
      calledNumber: '8 495 111',
      webRequestType: null,
    });
  });

  it('IT can switch the built-ins off: then a call with no matching script gets none', async () => {
    const started = await startCore({ managed: { enforced: { scripts: { builtIn: false } } } });
    ring(started, 'c1');
    expect((await value<ScriptForCall>(started.core, 'scripts:forCall', { callId: 'c1' })).script).toBeNull();
    const list = await value<{ scripts: unknown[] }>(started.core, 'scripts:list', {});
    expect(list.scripts).toEqual([]);
  });
});

describe('IT’s scripts in the managed settings', () => {
  it('are offered read-only and win over the built-ins; a broken one is reported with its places, the rest work', async () => {
    const broken = companyScript({ id: 'it.broken', start: 'nowhere' });
    const started = await startCore({
      managed: {
        enforced: {
          scripts: {
            companyName: 'Ромашка',
            managed: [
              companyScript({ id: 'it.main', rules: [{}] }),
              broken,
              companyScript({ id: 'builtin.fake' }),
            ],
          },
        },
      },
    });
    const list = await value<{
      scripts: Array<{ id: string; source: string; readOnly: boolean }>;
      problems: Array<{ index: number; scriptId: string; problems: Array<{ kind: string; path: string }> }>;
    }>(started.core, 'scripts:list', {});
    expect(list.scripts.find((s) => s.id === 'it.main')).toMatchObject({ source: 'managed', readOnly: true });
    expect(list.scripts.some((s) => s.id === 'it.broken' || s.id === 'builtin.fake')).toBe(false);
    expect(
      list.problems.map((p) => [p.index, p.scriptId, p.problems.map((x) => `${x.kind} @ ${x.path}`)]),
    ).toEqual([
      [1, 'it.broken', ['unknown-step @ $.start']],
      [2, 'builtin.fake', ['duplicate-id @ $.id']],
    ]);
    ring(started, 'c1');
    expect((await value<ScriptForCall>(started.core, 'scripts:forCall', { callId: 'c1' })).script?.id).toBe(
      'it.main',
    );

    // Read-only in the app: an import may not replace it, nor can the settings change the list.
    const refused = await ipc(started.core, 'scripts:import', {
      fileName: 'x.json',
      content: JSON.stringify(companyScript({ id: 'it.main' })),
    });
    expect(refused.ok ? null : refused.error.code).toBe('VALIDATION');
    const patch = await ipc(started.core, 'settings:update', { patch: { scripts: { managed: [] } } });
    expect(patch.ok ? null : patch.error.code).toBe('BAD_REQUEST');
  });
});

describe('import and export', () => {
  it('a refused import names every problem with its place and leaves the stored scripts as they were', async () => {
    const started = await startCore();
    const v1 = companyScript();
    await value(started.core, 'scripts:import', { fileName: 'sales.json', content: JSON.stringify(v1) });
    const before = started.core.db.prepare('SELECT * FROM scripts ORDER BY id, revision').all();
    const exported = await value<{ fileName: string; content: string }>(started.core, 'scripts:export', {
      id: 'acme.sales',
    });

    // Revision 2 has a cycle with no exit and an unknown variable.
    const v2 = companyScript({ revision: 2 });
    v2.steps[1]!.answers = [{ id: 'ok', label: 'Назвал', next: 'qty' }];
    v2.steps[0]!.text = 'Здравствуйте, {{client.name}}';
    v2.steps.push({ id: 'orphan', title: 'x', text: 'x' });
    const result = await ipc(started.core, 'scripts:import', {
      fileName: 'sales-v2.json',
      content: JSON.stringify(v2),
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    expect(result.error.issues!.map((i) => `${i.message} @ ${i.path} (${i.params?.stepId ?? ''})`)).toEqual([
      'unknown-variable @ $.steps[0].text (hello)',
      'dead-end @ $.steps[3] (orphan)',
      'unreachable @ $.steps[2] (bye)',
      'unreachable @ $.steps[3] (orphan)',
      'cycle @ $.steps[1] (qty)',
    ]);
    expect(result.error.issues![0]!.params?.detail).toContain('{{client.name}}');

    // Not JSON at all: the line and column.
    const notJson = await ipc(started.core, 'scripts:import', {
      fileName: 'bad.json',
      content: '{\n  "format": }',
    });
    expect(notJson.ok ? null : notJson.error.issues?.[0]).toMatchObject({
      path: '$',
      message: 'json',
      params: { line: '2', column: '13' },
    });
    // A built-in id is Hotline's own.
    const builtinId = await ipc(started.core, 'scripts:import', {
      fileName: 'g.json',
      content: JSON.stringify(companyScript({ id: 'builtin.greeting.ru' })),
    });
    expect(builtinId.ok ? null : builtinId.error.issues?.[0]?.path).toBe('$.id');

    expect(started.core.db.prepare('SELECT * FROM scripts ORDER BY id, revision').all()).toEqual(before);
    expect(await value(started.core, 'scripts:export', { id: 'acme.sales' })).toEqual(exported);
  });

  it('a new revision replaces the active one; a call that ran on the old one still shows it', async () => {
    const started = await startCore();
    await value(started.core, 'scripts:import', {
      fileName: 'v1.json',
      content: JSON.stringify(companyScript()),
    });
    ring(started, 'c1');
    expect(
      (await value<ScriptForCall>(started.core, 'scripts:forCall', { callId: 'c1' })).script?.revision,
    ).toBe(1);

    const v2 = companyScript({ revision: 2, title: 'Продажи v2' });
    const imported = await value<{ replaced: boolean; script: { revision: number } }>(
      started.core,
      'scripts:import',
      {
        fileName: 'v2.json',
        content: `\uFEFF${JSON.stringify(v2)}`,
      },
    );
    expect(imported).toMatchObject({ replaced: true, script: { revision: 2 } });
    const old = await value<ScriptForCall>(started.core, 'scripts:forCall', { callId: 'c1' });
    expect([old.script?.revision, old.script?.title]).toEqual([1, 'Продажи']);
    ring(started, 'c2');
    expect(
      (await value<ScriptForCall>(started.core, 'scripts:forCall', { callId: 'c2' })).script?.title,
    ).toBe('Продажи v2');
    const exported = await value<{ fileName: string; content: string }>(started.core, 'scripts:export', {
      id: 'acme.sales',
    });
    expect(exported.fileName).toBe('acme.sales.hotline-script.json');
    expect(JSON.parse(exported.content)).toMatchObject({ format: 'hotline-script', version: 1, revision: 2 });
    // A built-in can be exported as a template.
    const builtin = await value<{ content: string }>(started.core, 'scripts:export', {
      id: 'builtin.rude.en',
    });
    expect(JSON.parse(builtin.content).steps.length).toBeGreaterThan(0);
  });
});

describe('the path saved with the call', () => {
  it('every answer is committed on its own (another connection sees it at once) and survives a restart', async () => {
    const started = await startCore();
    ring(started, 'c1', { calledNumber: undefined });
    await value(started.core, 'scripts:forCall', { callId: 'c1' });
    const reader = new Database(join(started.dataDir, 'hotline.db'), { readonly: true, fileMustExist: true });
    cleanups.push(() => void reader.close());
    const stored = () =>
      reader.prepare(CURRENT_RUN_SQL).get('c1') as { path: string; current_step: string; fields: string };

    await value(started.core, 'scripts:step', { callId: 'c1', stepId: 'greet', answer: 'unknown' });
    expect(JSON.parse(stored().path)).toEqual([
      { stepId: 'greet', answer: 'unknown', at: expect.any(Number) },
    ]);
    expect(stored().current_step).toBe('ask-name');

    // A required field is asked for first; nothing is written.
    const refused = await ipc(started.core, 'scripts:step', {
      callId: 'c1',
      stepId: 'ask-name',
      answer: 'named',
    });
    expect(refused.ok ? null : refused.error).toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: 'fields.caller-name', message: 'required' }],
    });
    expect(stored().current_step).toBe('ask-name');

    await value(started.core, 'scripts:setField', { callId: 'c1', fieldId: 'caller-name', value: 'Мария' });
    expect(JSON.parse(stored().fields)).toEqual({ 'caller-name': 'Мария' });
    await value(started.core, 'scripts:step', { callId: 'c1', stepId: 'ask-name', answer: 'named' });
    expect(JSON.parse(stored().path).map((p: { stepId: string }) => p.stepId)).toEqual(['greet', 'ask-name']);
    // A second click on a step already left is refused, not applied twice.
    const stale = await ipc(started.core, 'scripts:step', {
      callId: 'c1',
      stepId: 'ask-name',
      answer: 'named',
    });
    expect(stale.ok ? null : stale.error.issues?.[0]?.message).toBe('not-current');

    // Back takes the last answer back; the path is stored without it.
    const back = await value<ScriptForCall>(started.core, 'scripts:back', { callId: 'c1' });
    expect(back.run?.currentStepId).toBe('ask-name');
    expect(JSON.parse(stored().path)).toHaveLength(1);
    await value(started.core, 'scripts:step', { callId: 'c1', stepId: 'ask-name', answer: 'named' });

    await started.close();
    const again = await startCore({ dataDir: started.dataDir });
    const view = await value<ScriptForCall>(again.core, 'scripts:forCall', { callId: 'c1' });
    expect(view.run?.path.map((p) => `${p.stepId}:${p.answer}`)).toEqual(['greet:unknown', 'ask-name:named']);
    expect(view.run?.currentStepId).toBe('convenient');
    expect(view.run?.fields).toEqual({ 'caller-name': 'Мария' });
  });

  it('restart and switching scripts: the same script starts over; another one is a new run that keeps the fields', async () => {
    const started = await startCore();
    ring(started, 'c1');
    await value(started.core, 'scripts:forCall', { callId: 'c1' });
    await value(started.core, 'scripts:step', { callId: 'c1', stepId: 'greet', answer: 'known' });
    await value(started.core, 'scripts:setField', { callId: 'c1', fieldId: 'topic', value: 'Жалоба' });
    const restarted = await value<ScriptForCall>(started.core, 'scripts:restart', { callId: 'c1' });
    expect(restarted.run).toMatchObject({
      seq: 1,
      currentStepId: 'greet',
      path: [],
      fields: { topic: 'Жалоба' },
    });

    await value(started.core, 'scripts:step', { callId: 'c1', stepId: 'greet', answer: 'known' });
    const switched = await value<ScriptForCall>(started.core, 'scripts:restart', {
      callId: 'c1',
      scriptId: 'builtin.unhappy.ru',
    });
    expect(switched.run).toMatchObject({
      seq: 2,
      scriptId: 'builtin.unhappy.ru',
      currentStepId: 'unhappy-listen',
    });
    expect(switched.run?.fields).toEqual({ topic: 'Жалоба' });
    const missing = await ipc(started.core, 'scripts:restart', { callId: 'c1', scriptId: 'acme.none' });
    expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND');
    // A value that does not fit the field.
    const choice = await ipc(started.core, 'scripts:setField', {
      callId: 'c1',
      fieldId: 'complaint',
      value: 5,
    });
    expect(choice.ok ? null : choice.error.issues?.[0]).toEqual({
      path: 'fields.complaint',
      message: 'bad-value',
    });
  });

  it('the field values go to the wrap-up draft and the path to the submitted wrap-up’s sync document', async () => {
    const started = await startCore();
    const events: ScriptForCall[] = [];
    started.core.events.subscribe((channel, payload) => {
      if (channel === 'script:updated') events.push(payload as ScriptForCall);
    });
    ring(started, 'c1');
    await value(started.core, 'scripts:forCall', { callId: 'c1' });
    await value(started.core, 'scripts:step', { callId: 'c1', stepId: 'greet', answer: 'unknown' });
    await value(started.core, 'scripts:setField', { callId: 'c1', fieldId: 'caller-name', value: 'Мария' });
    await value(started.core, 'scripts:step', { callId: 'c1', stepId: 'ask-name', answer: 'named' });
    hangUp(started, 'c1');

    // After the call: a field filled now lands in the existing draft too.
    await value(started.core, 'scripts:step', { callId: 'c1', stepId: 'convenient', answer: 'yes' });
    await value(started.core, 'scripts:setField', { callId: 'c1', fieldId: 'topic', value: 'Заказ' });
    expect(started.core.wrapups.get('c1')?.draft.fields).toEqual({
      'script.caller-name': 'Мария',
      'script.topic': 'Заказ',
    });
    // The form saves a draft that knows nothing of the script (or an old value): the run wins.
    const saved = await value<{ draft: { fields: object } }>(started.core, 'wrapup:saveDraft', {
      callId: 'c1',
      draft: { disposition: 'order', notes: 'x', fields: { 'script.topic': 'old', other: 1 } },
    });
    expect(saved.draft.fields).toEqual({ other: 1, 'script.caller-name': 'Мария', 'script.topic': 'Заказ' });

    await value(started.core, 'wrapup:submit', {
      callId: 'c1',
      draft: { disposition: 'order', notes: 'x', fields: {} },
    });
    const documents = outboxRows(started.core.db, { aggregateId: 'c1' }).map((row) =>
      SyncDocumentSchema.parse(JSON.parse(row.payload)),
    );
    const wrapup = documents.find((d) => d.type === 'wrapup.submitted');
    if (wrapup?.type !== 'wrapup.submitted') throw new Error('no wrap-up document');
    expect(wrapup.data.fields).toEqual({ 'script.caller-name': 'Мария', 'script.topic': 'Заказ' });
    expect(wrapup.data.script).toMatchObject({
      scriptId: 'builtin.greeting.ru',
      scriptVersion: 1,
      source: 'builtin',
      currentStepId: 'need',
      fields: { 'caller-name': 'Мария', topic: 'Заказ' },
    });
    expect(wrapup.data.script?.path.map((p) => `${p.stepId}:${p.answer}`)).toEqual([
      'greet:unknown',
      'ask-name:named',
      'convenient:yes',
    ]);
    expect(wrapup.data.script?.earlier).toBeUndefined();

    // Submitted: the run can no longer change.
    const locked = await ipc(started.core, 'scripts:step', {
      callId: 'c1',
      stepId: 'need',
      answer: 'regular',
    });
    expect(locked.ok ? null : locked.error.code).toBe('LOCKED');
    expect((await value<ScriptForCall>(started.core, 'scripts:forCall', { callId: 'c1' })).locked).toBe(true);
    expect(events.length).toBeGreaterThanOrEqual(5);
    expect(events.at(-1)?.run?.fields.topic).toBe('Заказ');
  });

  it('a call without a script sends no script object; runs go with their call (retention)', async () => {
    const started = await startCore();
    ring(started, 'plain');
    hangUp(started, 'plain');
    await value(started.core, 'wrapup:submit', {
      callId: 'plain',
      draft: { disposition: 'info', fields: {} },
    });
    const doc = outboxRows(started.core.db, { aggregateId: 'plain' })
      .map((row) => JSON.parse(row.payload) as { type: string; data: Record<string, unknown> })
      .find((d) => d.type === 'wrapup.submitted');
    expect(doc?.data).not.toHaveProperty('script');

    ring(started, 'old');
    await value(started.core, 'scripts:forCall', { callId: 'old' });
    hangUp(started, 'old');
    await value(started.core, 'wrapup:submit', { callId: 'old', draft: { disposition: 'info', fields: {} } });
    started.core.db.prepare("UPDATE outbox SET state = 'delivered', delivered_at = 0").run();
    const count = () =>
      (
        started.core.db.prepare("SELECT count(*) AS n FROM call_script_runs WHERE call_id = 'old'").get() as {
          n: number;
        }
      ).n;
    expect(count()).toBe(1);
    await applyRetention(started.core.db, { retentionDays: 1, now: T0 + 3 * 86_400_000 });
    expect(count()).toBe(0);
  });
});

describe('IPC validation', () => {
  it.each(
    (
      [
        ['scripts:forCall', {}],
        ['scripts:forCall', { callId: 'c1', extra: 1 }],
        ['scripts:step', { callId: 'c1', stepId: 'greet' }],
        ['scripts:step', { callId: 'c1', stepId: 'has space', answer: '1' }],
        ['scripts:step', { callId: '', stepId: 'greet', answer: '1' }],
        ['scripts:back', { callId: 42 }],
        ['scripts:restart', { callId: 'c1', scriptId: 'Bad Id' }],
        ['scripts:setField', { callId: 'c1', fieldId: 'topic', value: { nested: true } }],
        ['scripts:setField', { callId: 'c1', fieldId: 'topic', value: 'x'.repeat(2001) }, 'a value too long'],
        ['scripts:setField', { callId: 'c1', fieldId: 'topic' }],
        ['scripts:import', { content: '{}' }],
        ['scripts:import', { fileName: 'big.json', content: 'x'.repeat(1_000_001) }, 'a file over 1 MB'],
        ['scripts:export', { id: '../etc/passwd' }],
        ['scripts:list', { all: true }],
      ] as Array<[string, unknown, string?]>
    ).map(([channel, payload, what]) => [channel, what ?? JSON.stringify(payload), payload] as const),
  )('%s refuses %s with BAD_REQUEST', async (channel, _what, payload) => {
    const started = await startCore();
    const result = await ipc(started.core, channel, payload);
    expect(result.ok ? 'ok' : result.error.code).toBe('BAD_REQUEST');
  });

  it('a good payload passes the same checks', async () => {
    const started = await startCore();
    ring(started, 'c1');
    const result = await ipc(started.core, 'scripts:forCall', { callId: 'c1' });
    expect(result.ok).toBe(true);
  });
});
