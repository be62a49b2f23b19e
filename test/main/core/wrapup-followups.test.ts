import { afterEach, describe, expect, it, vi } from 'vitest';
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core } from '../../../src/main/core/create-core.ts';
import { createLogger, memorySink } from '../../../src/main/core/log/logger.ts';
import { migrate } from '../../../src/main/core/store/migrate.ts';
import { openDatabase, type Db } from '../../../src/main/core/store/database.ts';
import { MIGRATIONS } from '../../../src/main/core/store/migrations/index.ts';
import { getWrapup, putWrapupDraft } from '../../../src/main/core/calllog/wrapups-table.ts';
import { getCall } from '../../../src/main/core/calllog/calls-table.ts';
import {
  CALLBACKS_BY_CONTACT_SQL,
  CALLBACKS_BY_NUMBER_SQL,
  CALLBACKS_BY_STATE_SQL,
  DUE_TO_REMIND_SQL,
  getCallback,
  insertCallback,
  NEXT_TO_REMIND_SQL,
} from '../../../src/main/core/calllog/callbacks-table.ts';
import {
  insertRequest,
  REQUESTS_BY_CONTACT_SQL,
  REQUESTS_BY_NUMBER_SQL,
} from '../../../src/main/core/calllog/requests-table.ts';
import { createFollowUpService } from '../../../src/main/core/calllog/follow-up-service.ts';
import type { Notification } from '../../../src/main/core/ports.ts';
import { outboxRows } from '../../../src/main/core/sync/outbox-table.ts';
import { SyncDocumentSchema } from '../../../src/main/core/sync/sync-documents.ts';
import { createSettingsService } from '../../../src/main/core/settings/settings-service.ts';
import type { AppError } from '../../../src/main/core/app-error.ts';
import type { CallView } from '../../../src/shared/model/call.ts';
import type { CallbackView } from '../../../src/shared/model/follow-ups.ts';
import {
  checkWrapup,
  localDueAt,
  parseAmountMinor,
  parseQuantity,
} from '../../../src/shared/model/wrapup-check.ts';
import { WrapupSettingsSchema, type WrapupSettings } from '../../../src/shared/model/wrapup-settings.ts';
import type { WrapupDraft } from '../../../src/shared/model/wrapup.ts';
import { createNodePorts } from '../../../tools/harness/node-ports.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const TRUSTED = { trusted: true, description: 'test' };
const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);
const MIN = 60_000;
const log = () => createLogger(memorySink());

function tempDir(): string {
  const dir = makeTempDir();
  cleanups.push(() => dir.cleanup());
  return dir.path;
}

/** A YYYY-MM-DD / HH:mm pair for a local time, as the form's date and time inputs give them. */
function localParts(at: number): { date: string; time: string } {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    time: `${pad(d.getHours())}:${pad(d.getMinutes())}`,
  };
}

const SETTINGS: WrapupSettings = WrapupSettingsSchema.parse({});

function draft(patch: Partial<WrapupDraft> = {}): WrapupDraft {
  return { disposition: 'order', topic: '', notes: '', fields: {}, ...patch };
}

const request = (patch: Partial<NonNullable<WrapupDraft['request']>> = {}) => ({
  enabled: true,
  type: 'order',
  product: 'Тариф «Плюс»',
  quantity: '2',
  amount: '1 250,50',
  address: 'Москва, ул. Ленина, 1',
  contactName: 'Иван Петров',
  contactPhone: '8 (495) 123-45-67',
  email: 'ivan@example.ru',
  comment: '',
  ...patch,
});

const callback = (at: number, patch: Partial<NonNullable<WrapupDraft['callback']>> = {}) => ({
  enabled: true,
  number: '8 (495) 123-45-67',
  ...localParts(at),
  assignee: 'me' as const,
  note: 'Уточнить адрес',
  ...patch,
});

describe('wrap-up settings', () => {
  it('has working defaults: six dispositions with hotkeys 1–6, request types, all fields shown', () => {
    expect(SETTINGS.dispositions.map((d) => [d.code, d.hotkey])).toEqual([
      ['info', 1],
      ['order', 2],
      ['complaint', 3],
      ['callback', 4],
      ['wrong-number', 5],
      ['silent', 6],
    ]);
    expect(SETTINGS.requestFields.filter((f) => f.required).map((f) => f.field)).toEqual(['type', 'product']);
    expect(SETTINGS.currency).toBe('RUB');
  });

  it('reports each bad list entry at its row and field, with a code the UI translates', () => {
    const result = WrapupSettingsSchema.safeParse({
      dispositions: [
        { code: 'info', label: { ru: 'Инфо', en: 'Info' }, hotkey: 1 },
        { code: 'info', label: { ru: '', en: 'Again' }, hotkey: 1 },
        { code: 'Bad Code', label: { ru: 'x', en: 'y' }, hotkey: 10 },
      ],
      requestFields: [{ field: 'type' }, { field: 'type', required: true }],
      currency: 'rubles',
    });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((i) => `${i.path.join('.')}:${i.message}`).sort();
    expect(issues).toEqual(
      [
        'currency:currency',
        'dispositions.1.code:duplicateCode',
        'dispositions.1.hotkey:duplicateHotkey',
        'dispositions.1.label.ru:labelRequired',
        'dispositions.2.code:code',
        'dispositions.2.hotkey:hotkey',
        'requestFields.1.field:duplicateField',
      ].sort(),
    );
    expect(WrapupSettingsSchema.safeParse({ dispositions: [] }).error!.issues[0]!.message).toBe(
      'dispositionsEmpty',
    );
    expect(
      WrapupSettingsSchema.safeParse({ requestFields: [{ field: 'colour' }] }).error!.issues,
    ).toMatchObject([{ path: ['requestFields', 0, 'field'], message: 'field' }]);
  });

  it('is a settings section: an update is validated leaf by leaf, a bad list in the file costs that list only', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({ wrapup: { dispositions: [], currency: 'EUR' } }),
    );
    const settings = createSettingsService({
      userFile: join(dir, 'settings.json'),
      managedFile: join(dir, 'none.json'),
      log: log(),
    });
    expect(settings.get().wrapup.currency).toBe('EUR');
    expect(settings.get().wrapup.dispositions).toHaveLength(6);
    expect(settings.view().problems).toMatchObject([{ kind: 'invalid-value', key: 'wrapup.dispositions' }]);
    let error: AppError | undefined;
    try {
      settings.update({
        wrapup: {
          dispositions: [
            { code: 'a', label: { ru: 'А', en: 'A' }, hotkey: 3 },
            { code: 'a', label: { ru: 'Б', en: 'B' }, hotkey: null },
          ],
        },
      });
    } catch (e) {
      error = e as AppError;
    }
    expect(error?.code).toBe('VALIDATION');
    expect(error?.issues).toEqual([{ path: 'wrapup.dispositions', message: 'duplicateCode' }]);
    const view = settings.update({
      wrapup: { dispositions: [{ code: 'sale', label: { ru: 'Продажа', en: 'Sale' }, hotkey: 9 }] },
    });
    expect(view.settings.wrapup.dispositions).toEqual([
      { code: 'sale', label: { ru: 'Продажа', en: 'Sale' }, hotkey: 9 },
    ]);
  });
});

describe('wrap-up check (shared by the form and the core)', () => {
  const context = { settings: SETTINGS, defaultRegion: 'RU', now: T0 };

  it('parses what operators type for amounts and quantities', () => {
    expect(parseAmountMinor('1 250,50')).toBe(125050);
    expect(parseAmountMinor('1250.5')).toBe(125050);
    expect(parseAmountMinor('1\u00A0250')).toBe(125000);
    expect(parseAmountMinor('0,07')).toBe(7);
    expect(parseAmountMinor('12,345')).toBeNull();
    expect(parseAmountMinor('-5')).toBeNull();
    expect(parseAmountMinor('abc')).toBeNull();
    expect(parseQuantity('3')).toBe(3);
    expect(parseQuantity('0')).toBeNull();
    expect(parseQuantity('1.5')).toBeNull();
    expect(localDueAt('2026-02-30', '10:00')).toBeNull();
    expect(localDueAt('2026-11-25', '25:00')).toBeNull();
    expect(localDueAt('2026-11-25', '10:30')).toBe(new Date(2026, 10, 25, 10, 30).getTime());
  });

  it('requires a disposition from the configured list', () => {
    expect(checkWrapup(draft({ disposition: null }), context).issues).toEqual([
      { path: 'disposition', message: 'required' },
    ]);
    expect(checkWrapup(draft({ disposition: 'sale' }), context).issues).toEqual([
      { path: 'disposition', message: 'unknownDisposition' },
    ]);
    expect(checkWrapup(draft(), context)).toEqual({ issues: [], request: null, callback: null });
  });

  it('checks the request fields the settings require, each issue keyed to its field', () => {
    const empty = request({
      type: '',
      product: '',
      quantity: '',
      amount: '',
      address: '',
      contactName: '',
      contactPhone: '',
      email: '',
    });
    expect(checkWrapup(draft({ request: empty }), context).issues).toEqual([
      { path: 'request.type', message: 'required' },
      { path: 'request.product', message: 'required' },
    ]);
    // Other settings, other rules: the address required, the product not shown at all.
    const settings = WrapupSettingsSchema.parse({
      requestFields: [
        { field: 'type', required: false },
        { field: 'address', required: true },
        { field: 'quantity' },
      ],
    });
    const other = checkWrapup(draft({ request: { ...empty, product: 'ignored' } }), { ...context, settings });
    expect(other.issues).toEqual([{ path: 'request.address', message: 'required' }]);
    // Unticked: whatever was typed is kept in the draft but not checked, and no request is made.
    expect(checkWrapup(draft({ request: { ...empty, enabled: false } }), context)).toEqual({
      issues: [],
      request: null,
      callback: null,
    });
  });

  it('says which request value is malformed', () => {
    const bad = request({
      type: 'bogus',
      quantity: 'два',
      amount: '12,345',
      contactPhone: '12',
      email: 'ivan@',
    });
    expect(checkWrapup(draft({ request: bad }), context).issues).toEqual([
      { path: 'request.type', message: 'unknownType' },
      { path: 'request.quantity', message: 'quantity' },
      { path: 'request.amount', message: 'amount' },
      { path: 'request.contactPhone', message: 'phone' },
      { path: 'request.email', message: 'email' },
    ]);
  });

  it('turns a good request into stored values, dropping fields the settings do not show', () => {
    const settings = WrapupSettingsSchema.parse({
      requestFields: SETTINGS.requestFields.filter((f) => f.field !== 'email'),
    });
    const checked = checkWrapup(draft({ request: request() }), { ...context, settings });
    expect(checked.request).toEqual({
      type: 'order',
      product: 'Тариф «Плюс»',
      quantity: 2,
      amountMinor: 125050,
      currency: 'RUB',
      address: 'Москва, ул. Ленина, 1',
      contactName: 'Иван Петров',
      contactPhone: '+74951234567',
      email: '',
      comment: '',
    });
  });

  it('checks the callback: number, date and time required, a real time, not in the past', () => {
    const missing = callback(T0 + 60 * MIN, { number: '', date: '', time: '' });
    expect(checkWrapup(draft({ callback: missing }), context).issues).toEqual([
      { path: 'callback.number', message: 'required' },
      { path: 'callback.date', message: 'required' },
      { path: 'callback.time', message: 'required' },
    ]);
    const past = callback(T0 - 60 * MIN);
    expect(checkWrapup(draft({ callback: past }), context).issues).toEqual([
      { path: 'callback.time', message: 'inPast' },
    ]);
    const impossible = callback(T0 + 60 * MIN, { date: '2026-02-30', number: 'sip:x' });
    expect(checkWrapup(draft({ callback: impossible }), context).issues).toEqual([
      { path: 'callback.number', message: 'phone' },
      { path: 'callback.date', message: 'date' },
    ]);
    const due = localDueAt(localParts(T0 + 90 * MIN).date, localParts(T0 + 90 * MIN).time)!;
    expect(
      checkWrapup(draft({ callback: callback(T0 + 90 * MIN, { assignee: 'anyone' }) }), context).callback,
    ).toEqual({
      number: '+74951234567',
      dueAt: due,
      assignee: 'anyone',
      note: 'Уточнить адрес',
    });
  });
});

// ---------------------------------------------------------------------------------------------
// The core: one transaction, the outbox document, IPC.

interface TestCore {
  core: Core;
  dataDir: string;
  notifications: Notification[];
}

async function startCore(
  options: { dataDir?: string; start?: boolean; language?: 'ru' | 'en' } = {},
): Promise<TestCore> {
  const dataDir = options.dataDir ?? tempDir();
  writeFileSync(
    join(dataDir, 'settings.json'),
    JSON.stringify({
      language: options.language ?? 'en',
      account: { sipUri: 'sip:101@pbx.example.com' },
      sync: { intervalS: 3600 },
    }),
  );
  const logger = log();
  const ports = createNodePorts(dataDir, logger);
  const notifications: Notification[] = [];
  ports.notifier = { ...ports.notifier, notify: (n) => notifications.push(n) };
  const core = createCore({
    dataDir,
    managedSettingsFile: join(dataDir, 'managed-none.json'),
    appInfo: {
      name: 'Hotline',
      version: '0.1.0-test',
      platform: process.platform,
      runtime: 'harness',
      versions: {},
      systemLocale: () => 'en-US',
    },
    ports,
    log: logger,
    syncBackoff: { baseMs: 5, capMs: 40 },
  });
  let closed = false;
  cleanups.push(async () => {
    if (!closed) await core.close();
    closed = true;
  });
  if (options.start !== false) await core.start();
  return { core, dataDir, notifications };
}

function call(id: string, patch: Partial<CallView> = {}): CallView {
  return {
    id,
    direction: 'inbound',
    state: 'ringing',
    remote: { number: '84951234567', displayName: 'Иван Петров', uri: 'sip:84951234567@pbx' },
    muted: false,
    earlyMedia: false,
    startedAt: T0,
    ...patch,
  };
}

function endedCall(core: Core, id: string, at = T0): void {
  core.callLog.record(call(id), at);
  core.callLog.record(call(id, { state: 'active', answeredAt: at + 3000 }), at + 3000);
  core.callLog.record(
    call(id, {
      state: 'ended',
      answeredAt: at + 3000,
      endedAt: at + 60_000,
      end: { reason: 'remote-hangup' },
    }),
    at + 60_000,
  );
}

const count = (db: Db, table: string) =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('wrap-up submission with a request and a callback', () => {
  it('writes the wrap-up, the request, the callback and one outbox document with both', async () => {
    const { core } = await startCore();
    endedCall(core, 'c-1');
    const at = T0 + 90_000;
    const submitted = core.wrapups.submit(
      'c-1',
      draft({ notes: 'Доставка', request: request(), callback: callback(T0 + 24 * 60 * MIN) }),
      at,
    );
    expect(submitted.state).toBe('submitted');
    expect(submitted.requestId).toEqual(expect.any(String));
    expect(submitted.callbackId).toEqual(expect.any(String));

    const stored = core.db.prepare('SELECT * FROM requests').all();
    expect(stored).toEqual([
      expect.objectContaining({
        id: submitted.requestId,
        call_id: 'c-1',
        number: '+74951234567',
        quantity: 2,
        amount_minor: 125050,
        currency: 'RUB',
        contact_phone: '+74951234567',
        status: 'open',
        created_at: at,
      }),
    ]);
    const scheduled = getCallback(core.db, submitted.callbackId!)!;
    expect(scheduled).toMatchObject({
      callId: 'c-1',
      name: 'Иван Петров',
      number: '+74951234567',
      assignee: 'me',
      account: 'sip:101@pbx.example.com',
      state: 'scheduled',
      remindedAt: null,
    });

    const documents = outboxRows(core.db, { aggregateId: 'c-1' });
    expect(documents.map((r) => r.kind)).toEqual(['call.finished', 'wrapup.submitted']);
    const document = SyncDocumentSchema.parse(JSON.parse(documents[1]!.payload));
    expect(document.type).toBe('wrapup.submitted');
    expect(document.data).toMatchObject({
      callId: 'c-1',
      disposition: 'order',
      notes: 'Доставка',
      request: {
        requestId: submitted.requestId,
        type: 'order',
        quantity: 2,
        amount: { minor: 125050, currency: 'RUB' },
        contact: { name: 'Иван Петров', phone: '+74951234567', email: 'ivan@example.ru' },
        status: 'open',
      },
      callback: {
        callbackId: submitted.callbackId,
        number: '+74951234567',
        dueAt: new Date(scheduled.dueAt).toISOString(),
        assignee: 'me',
        account: 'sip:101@pbx.example.com',
      },
    });
    // The draft as typed is kept with the submitted wrap-up.
    expect(core.wrapups.get('c-1')!.draft.request?.amount).toBe('1 250,50');
  });

  it('writes nothing at all when any part fails: one transaction', async () => {
    const { core } = await startCore();
    endedCall(core, 'c-2');
    // The outbox insert is the last write of the submission; make it fail like a full disk would.
    core.db.exec(
      "CREATE TEMP TRIGGER outbox_full BEFORE INSERT ON outbox WHEN NEW.kind = 'wrapup.submitted' BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    expect(() =>
      core.wrapups.submit(
        'c-2',
        draft({ request: request(), callback: callback(T0 + 24 * 60 * MIN) }),
        T0 + 90_000,
      ),
    ).toThrow(expect.objectContaining({ code: 'STORAGE' }));
    expect(count(core.db, 'requests')).toBe(0);
    expect(count(core.db, 'callbacks')).toBe(0);
    expect(core.wrapups.get('c-2')?.state ?? 'none').not.toBe('submitted');
    expect(getCall(core.db, 'c-2')!.wrapupMs).toBeNull();
    core.db.exec('DROP TRIGGER outbox_full');
    core.wrapups.submit('c-2', draft({ request: request() }), T0 + 95_000);
    expect(count(core.db, 'requests')).toBe(1);
    expect(count(core.db, 'callbacks')).toBe(0);
  });

  it('refuses an incomplete wrap-up over IPC with one issue per field, and creates nothing', async () => {
    const { core } = await startCore();
    endedCall(core, 'c-3');
    const result = await core.router.dispatch(
      'wrapup:submit',
      {
        callId: 'c-3',
        draft: draft({
          disposition: null,
          request: request({ product: '', quantity: 'many' }),
          callback: callback(T0, { time: '' }),
        }),
      },
      TRUSTED,
    );
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        issues: [
          { path: 'disposition', message: 'required' },
          { path: 'request.product', message: 'required' },
          { path: 'request.quantity', message: 'quantity' },
          { path: 'callback.time', message: 'required' },
        ],
      },
    });
    expect(count(core.db, 'requests') + count(core.db, 'callbacks')).toBe(0);
    expect(outboxRows(core.db, { aggregateId: 'c-3' }).map((r) => r.kind)).toEqual(['call.finished']);
  });

  it('follows the settings in force at submission: a field made required is then required', async () => {
    const { core } = await startCore();
    endedCall(core, 'c-4');
    core.settings.update({
      wrapup: {
        requestFields: [
          { field: 'type', required: true },
          { field: 'email', required: true },
        ],
      },
    });
    expect(() => core.wrapups.submit('c-4', draft({ request: request({ email: '' }) }), T0 + 90_000)).toThrow(
      expect.objectContaining({ issues: [{ path: 'request.email', message: 'required' }] }),
    );
    const ok = core.wrapups.submit('c-4', draft({ request: request() }), T0 + 90_000);
    // Only the shown fields are kept: the product was typed but is not in the field set.
    expect(core.db.prepare('SELECT product, email FROM requests WHERE id = ?').get(ok.requestId)).toEqual({
      product: '',
      email: 'ivan@example.ru',
    });
  });
});

describe('a wrap-up starts when an answered call ends', () => {
  it('has an empty draft from the end of an answered call, none for a missed one, and keeps typed drafts', async () => {
    const { core } = await startCore();
    endedCall(core, 'answered', T0);
    core.callLog.record(call('missed'), T0);
    core.callLog.record(
      call('missed', { state: 'ended', endedAt: T0 + 20_000, end: { reason: 'caller-cancelled' } }),
      T0 + 20_000,
    );
    // A draft typed before the call ended (notes during the call) is kept as it is.
    core.callLog.record(call('typed'), T0);
    core.callLog.record(call('typed', { state: 'active', answeredAt: T0 + 1000 }), T0 + 1000);
    core.wrapups.saveDraft('typed', draft({ notes: 'во время звонка' }), T0 + 2000);
    core.callLog.record(
      call('typed', {
        state: 'ended',
        answeredAt: T0 + 1000,
        endedAt: T0 + 5000,
        end: { reason: 'local-hangup' },
      }),
      T0 + 5000,
    );
    const drafts = core.wrapups.drafts();
    expect(drafts.map((d) => [d.callId, d.draft.notes, d.startedAt]).sort()).toEqual([
      ['answered', '', T0 + 60_000],
      ['typed', 'во время звонка', T0 + 2000],
    ]);
    expect(drafts.find((d) => d.callId === 'answered')!.caller).toEqual({
      number: '84951234567',
      name: 'Иван Петров',
    });
  });
});

describe('wrap-up drafts stay compatible', () => {
  it('reads drafts saved before requests existed, and keeps request and callback as typed', () => {
    const db = openDatabase({ path: ':memory:', log: log() });
    cleanups.push(() => void db.close());
    db.prepare(
      `INSERT INTO calls (id, direction, remote_number, remote_e164, remote_name, state, created_at, last_event_at)
       VALUES ('old', 'inbound', '84951234567', '+74951234567', 'Иван', 'ended', 1, 1)`,
    ).run();
    db.prepare(
      `INSERT INTO wrapups (call_id, disposition, notes, data, started_at, updated_at)
       VALUES ('old', 'info', 'n', '{"topic":"Тариф","fields":{"a":1}}', 1, 2)`,
    ).run();
    const old = getWrapup(db, 'old')!;
    expect(old.draft).toEqual({ disposition: 'info', notes: 'n', topic: 'Тариф', fields: { a: 1 } });
    expect(old.caller).toEqual({ number: '84951234567', name: 'Иван' });

    const typed = draft({ request: request({ quantity: 'дв' }), callback: callback(T0, { date: '2026-1' }) });
    putWrapupDraft(db, 'old', typed, 3);
    expect(getWrapup(db, 'old')!.draft).toEqual(typed);

    // A damaged request part costs that part only.
    db.prepare(
      `UPDATE wrapups SET data = json_set(data, '$.request.quantity', 5) WHERE call_id = 'old'`,
    ).run();
    const damaged = getWrapup(db, 'old')!.draft;
    expect(damaged.request).toBeUndefined();
    expect(damaged.callback).toEqual(typed.callback);
    expect(damaged.topic).toBe('');
  });

  it('migrates a schema-45 database, keeping its calls and drafts; follow-ups outlive a deleted call', () => {
    const path = join(tempDir(), 'hotline.db');
    const raw = new Database(path);
    migrate(
      raw,
      MIGRATIONS.filter((m) => m.version <= 45),
      log(),
    );
    raw
      .prepare(
        `INSERT INTO calls (id, direction, remote_number, state, created_at, last_event_at) VALUES ('k', 'inbound', '1', 'ended', 1, 1)`,
      )
      .run();
    raw.close();
    const db = openDatabase({ path, log: log() });
    cleanups.push(() => void db.close());
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(47);
    expect(getCall(db, 'k')).toBeDefined();
    insertRequest(
      db,
      {
        id: 'r',
        callId: 'k',
        contactId: null,
        number: '1',
        type: 't',
        product: '',
        quantity: null,
        amountMinor: null,
        currency: 'RUB',
        address: '',
        contactName: '',
        contactPhone: '',
        email: '',
        comment: '',
      },
      5,
    );
    insertCallback(
      db,
      {
        id: 'b',
        callId: 'k',
        contactId: null,
        number: '1',
        dueAt: 9,
        assignee: 'anyone',
        account: null,
        note: '',
      },
      5,
    );
    db.prepare("DELETE FROM calls WHERE id = 'k'").run();
    expect(db.prepare('SELECT call_id FROM requests').pluck().all()).toEqual([null]);
    expect(db.prepare('SELECT call_id FROM callbacks').pluck().all()).toEqual([null]);
  });
});

describe('requests and callbacks over IPC', () => {
  it('validates every payload', async () => {
    const { core } = await startCore();
    const bad = async (channel: string, payload: unknown) =>
      (await core.router.dispatch(channel, payload, TRUSTED)) as { ok: boolean; error?: { code: string } };
    expect((await bad('requests:list', {})).error?.code).toBe('BAD_REQUEST');
    expect((await bad('requests:list', { contactId: 'x', number: '1' })).error?.code).toBe('BAD_REQUEST');
    expect((await bad('requests:list', { number: '1', status: 'lost' })).error?.code).toBe('BAD_REQUEST');
    expect((await bad('callbacks:list', { state: 'bogus' })).error?.code).toBe('BAD_REQUEST');
    expect((await bad('callbacks:list', { dueBefore: -1 })).error?.code).toBe('BAD_REQUEST');
    expect((await bad('callbacks:list', { extra: true })).error?.code).toBe('BAD_REQUEST');
    expect((await bad('callbacks:complete', {})).error?.code).toBe('BAD_REQUEST');
    expect((await bad('callbacks:complete', { id: 'nope' })).error?.code).toBe('NOT_FOUND');
    expect(await bad('callbacks:list', {})).toEqual({ ok: true, value: { callbacks: [] } });
  });

  it('lists open requests by number as typed, and callbacks by state and due time; completes once', async () => {
    const { core } = await startCore();
    endedCall(core, 'c-5');
    const now = Date.now();
    const submitted = core.wrapups.submit(
      'c-5',
      draft({ request: request(), callback: callback(now + 3 * 60 * MIN) }),
      now,
    );
    const byNumber = await core.router.dispatch('requests:list', { number: '+7 (495) 123-45-67' }, TRUSTED);
    expect(byNumber).toMatchObject({
      ok: true,
      value: { requests: [{ id: submitted.requestId, callId: 'c-5' }] },
    });
    const other = await core.router.dispatch('requests:list', { number: '+7 495 000-00-00' }, TRUSTED);
    expect(other).toMatchObject({ ok: true, value: { requests: [] } });

    const dueSoon = await core.router.dispatch('callbacks:list', { dueBefore: now + 60 * MIN }, TRUSTED);
    expect(dueSoon).toMatchObject({ ok: true, value: { callbacks: [] } });
    const dueLater = await core.router.dispatch('callbacks:list', { dueBefore: now + 4 * 60 * MIN }, TRUSTED);
    expect(dueLater).toMatchObject({ ok: true, value: { callbacks: [{ id: submitted.callbackId }] } });
    const byNumberCb = await core.router.dispatch('callbacks:list', { number: '84951234567' }, TRUSTED);
    expect(byNumberCb).toMatchObject({ ok: true, value: { callbacks: [{ id: submitted.callbackId }] } });

    const done = await core.router.dispatch('callbacks:complete', { id: submitted.callbackId }, TRUSTED);
    expect(done).toMatchObject({ ok: true, value: { id: submitted.callbackId, state: 'done' } });
    const again = await core.router.dispatch('callbacks:complete', { id: submitted.callbackId }, TRUSTED);
    expect(again).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    const scheduled = await core.router.dispatch('callbacks:list', {}, TRUSTED);
    expect(scheduled).toMatchObject({ ok: true, value: { callbacks: [] } });
    const finished = await core.router.dispatch('callbacks:list', { state: 'done' }, TRUSTED);
    expect(finished).toMatchObject({ ok: true, value: { callbacks: [{ id: submitted.callbackId }] } });
  });

  it('reminds through the real core: a callback already due when filed goes out at once, in the UI language', async () => {
    const { core, notifications } = await startCore({ language: 'ru' });
    const due: CallbackView[] = [];
    core.events.subscribe((channel, payload) => {
      if (channel === 'callback:due') due.push(payload as CallbackView);
    });
    const now = Date.now();
    endedCall(core, 'c-6', now - 10 * MIN);
    // Filed "two minutes ago" for a minute from then: due by the time the submission commits.
    const dueAt = Math.floor((now - MIN) / MIN) * MIN + MIN;
    const submitted = core.wrapups.submit(
      'c-6',
      draft({ callback: callback(dueAt, { note: '' }) }),
      dueAt - 2 * MIN,
    );
    await vi.waitFor(() => expect(due.map((c) => c.id)).toEqual([submitted.callbackId]));
    expect(notifications).toEqual([
      expect.objectContaining({
        tag: `callback:${submitted.callbackId}`,
        title: 'Пора перезвонить: Иван Петров',
        body: expect.stringContaining('+7 495 123 45 67 · Назначено на'),
      }),
    ]);
    expect(getCallback(core.db, submitted.callbackId!)!.remindedAt).not.toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// The reminder, on its own with fake timers.

function reminderHarness(db: Db, language: 'ru' | 'en' = 'en') {
  const notified: Notification[] = [];
  const withdrawn: string[] = [];
  const emitted: CallbackView[] = [];
  const service = createFollowUpService({
    db,
    log: log(),
    notifier: { notify: (n) => notified.push(n), withdraw: (tag) => withdrawn.push(tag) },
    view: () => ({ language, defaultRegion: 'RU', maskNumbers: false }),
    emitDue: (c) => emitted.push(c),
  });
  cleanups.push(() => service.stop());
  return { service, notified, withdrawn, emitted };
}

function schedule(
  db: Db,
  id: string,
  dueAt: number,
  patch: { note?: string; assignee?: 'me' | 'anyone' } = {},
) {
  insertCallback(
    db,
    {
      id,
      callId: null,
      contactId: null,
      number: '+74951234567',
      dueAt,
      assignee: patch.assignee ?? 'me',
      account: 'sip:101@pbx',
      note: patch.note ?? '',
    },
    Date.now(),
  );
}

describe('callback reminders', () => {
  it('fires at the due time, not before, once; then waits for the next one', () => {
    vi.useFakeTimers({ now: T0 });
    const db = openDatabase({ path: ':memory:', log: log() });
    cleanups.push(() => void db.close());
    schedule(db, 'a', T0 + 10 * MIN, { note: 'Уточнить адрес', assignee: 'anyone' });
    schedule(db, 'b', T0 + 20 * MIN);
    const { service, notified, emitted } = reminderHarness(db);
    service.start();
    vi.advanceTimersByTime(10 * MIN - 1);
    expect(notified).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(notified).toEqual([
      {
        tag: 'callback:a',
        title: 'Time to call back: +7 495 123 45 67',
        body: expect.stringMatching(/^Due at .+ · for anyone on the team · Уточнить адрес$/),
      },
    ]);
    expect(emitted.map((c) => c.id)).toEqual(['a']);
    expect(getCallback(db, 'a')!.remindedAt).toBe(T0 + 10 * MIN);
    vi.advanceTimersByTime(10 * MIN);
    expect(emitted.map((c) => c.id)).toEqual(['a', 'b']);
    vi.advanceTimersByTime(24 * 60 * MIN);
    expect(notified).toHaveLength(2);
  });

  it('re-arms when callbacks change: an earlier one scheduled, one completed before it was due', () => {
    vi.useFakeTimers({ now: T0 });
    const db = openDatabase({ path: ':memory:', log: log() });
    cleanups.push(() => void db.close());
    schedule(db, 'late', T0 + 30 * MIN);
    const { service, emitted, withdrawn } = reminderHarness(db);
    service.start();
    schedule(db, 'early', T0 + 5 * MIN);
    service.reschedule();
    vi.advanceTimersByTime(5 * MIN);
    expect(emitted.map((c) => c.id)).toEqual(['early']);
    expect(service.completeCallback('late', T0 + 6 * MIN).state).toBe('done');
    expect(withdrawn).toEqual(['callback:late']);
    vi.advanceTimersByTime(60 * MIN);
    expect(emitted.map((c) => c.id)).toEqual(['early']);
  });

  it('waits days in hour-long steps and still fires on time', () => {
    vi.useFakeTimers({ now: T0 });
    const db = openDatabase({ path: ':memory:', log: log() });
    cleanups.push(() => void db.close());
    schedule(db, 'far', T0 + 3 * 24 * 60 * MIN);
    const { service, emitted } = reminderHarness(db);
    service.start();
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(3 * 24 * 60 * MIN - 1);
    expect(emitted).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(emitted.map((c) => c.id)).toEqual(['far']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('survives a restart: what fell due while closed is reminded at start, and only once', () => {
    vi.useFakeTimers({ now: T0 });
    const path = join(tempDir(), 'hotline.db');
    const first = openDatabase({ path, log: log() });
    schedule(first, 'while-closed', T0 + 10 * MIN);
    schedule(first, 'later', T0 + 60 * MIN);
    const one = reminderHarness(first);
    one.service.start();
    vi.advanceTimersByTime(MIN);
    one.service.stop();
    first.close();
    expect(vi.getTimerCount()).toBe(0);

    vi.setSystemTime(T0 + 30 * MIN);
    const second = openDatabase({ path, log: log() });
    const two = reminderHarness(second, 'ru');
    two.service.start();
    vi.advanceTimersByTime(0);
    expect(two.emitted.map((c) => c.id)).toEqual(['while-closed']);
    expect(two.notified[0]!.title).toBe('Пора перезвонить: +7 495 123 45 67');
    two.service.stop();
    second.close();

    const third = openDatabase({ path, log: log() });
    cleanups.push(() => void third.close());
    const three = reminderHarness(third);
    three.service.start();
    vi.advanceTimersByTime(0);
    expect(three.emitted).toEqual([]);
    vi.advanceTimersByTime(30 * MIN);
    expect(three.emitted.map((c) => c.id)).toEqual(['later']);
  });

  it('gives the caller card open requests and scheduled callbacks by number and by contact', () => {
    const db = openDatabase({ path: ':memory:', log: log() });
    cleanups.push(() => void db.close());
    db.prepare("INSERT INTO contacts (id, name, created_at, updated_at) VALUES ('ct', 'Анна', 1, 1)").run();
    const base = {
      callId: null,
      type: 'order',
      product: 'Роутер',
      quantity: 1,
      amountMinor: null,
      currency: 'RUB',
      address: '',
      contactName: '',
      contactPhone: '',
      email: '',
      comment: '',
    };
    insertRequest(db, { ...base, id: 'by-number', contactId: null, number: '+74951234567' }, 10);
    insertRequest(db, { ...base, id: 'by-contact', contactId: 'ct', number: '+74997654321' }, 20);
    insertRequest(db, { ...base, id: 'elsewhere', contactId: null, number: '+74990000000' }, 30);
    db.prepare("UPDATE requests SET status = 'done' WHERE id = 'elsewhere'").run();
    insertCallback(
      db,
      {
        id: 'cb',
        callId: null,
        contactId: 'ct',
        number: '+74997654321',
        dueAt: 50,
        assignee: 'me',
        account: null,
        note: 'n',
      },
      1,
    );
    const { service } = reminderHarness(db);
    expect(service.cardExtras.openRequests('+74951234567', 'ct').map((r) => r.id)).toEqual([
      'by-contact',
      'by-number',
    ]);
    expect(service.cardExtras.openRequests('+74951234567', null)).toEqual([
      { id: 'by-number', type: 'order', summary: 'Роутер × 1', createdAt: 10 },
    ]);
    expect(service.cardExtras.callbacks('+74951234567', 'ct')).toEqual([{ id: 'cb', dueAt: 50, note: 'n' }]);
    expect(service.cardExtras.callbacks('+74951234567', null)).toEqual([]);
  });
});

describe('follow-up queries use their indexes', () => {
  const plan = (db: Db, sql: string, ...params: unknown[]) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>)
      .map((r) => r.detail)
      .join(' | ');

  it('answers the caller card, the lists and the reminder without scanning or sorting', () => {
    const db = openDatabase({ path: ':memory:', log: log() });
    cleanups.push(() => void db.close());
    const contact = db.prepare('INSERT INTO contacts (id, name, created_at, updated_at) VALUES (?, ?, 1, 1)');
    const req = db.prepare(
      `INSERT INTO requests (id, contact_id, number, currency, status, created_at, updated_at)
       VALUES (?, ?, ?, 'RUB', ?, ?, ?)`,
    );
    const cb = db.prepare(
      `INSERT INTO callbacks (id, contact_id, number, due_at, assignee, state, reminded_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'me', ?, ?, 1, 1)`,
    );
    const states = ['scheduled', 'done', 'cancelled'];
    db.transaction(() => {
      for (let i = 0; i < 300; i++) contact.run(`ct${i}`, `Name ${i}`);
      for (let i = 0; i < 3000; i++) {
        const contactId = i % 3 === 0 ? `ct${i % 300}` : null;
        const number = `+7495${1000000 + (i % 500)}`;
        req.run(`r${i}`, contactId, number, ['open', 'done', 'cancelled'][i % 3], i, i);
        cb.run(`b${i}`, contactId, number, T0 + i * MIN, states[i % 3], i % 2 ? T0 : null);
      }
    })();
    db.exec('ANALYZE');

    const byNumber = plan(db, REQUESTS_BY_NUMBER_SQL, '+74951000001', 'open', 5);
    expect(byNumber).toContain('requests_by_number');
    expect(byNumber).not.toContain('TEMP B-TREE');
    const byContact = plan(db, REQUESTS_BY_CONTACT_SQL, 'ct1', 'open', 5);
    expect(byContact).toContain('requests_by_contact');
    expect(byContact).not.toContain('TEMP B-TREE');

    const cbNumber = plan(db, CALLBACKS_BY_NUMBER_SQL, '+74951000001', 'scheduled', T0 * 2, 5);
    expect(cbNumber).toContain('callbacks_by_number');
    expect(cbNumber).not.toContain('TEMP B-TREE');
    const cbContact = plan(db, CALLBACKS_BY_CONTACT_SQL, 'ct1', 'scheduled', T0 * 2, 5);
    expect(cbContact).toContain('callbacks_by_contact');
    expect(cbContact).not.toContain('TEMP B-TREE');
    const due = plan(db, CALLBACKS_BY_STATE_SQL, 'scheduled', T0 + 100 * MIN, 200);
    expect(due).toContain('callbacks_by_state_due');
    expect(due).not.toContain('TEMP B-TREE');
    // The joined name is a primary-key lookup per row, never a scan.
    for (const joined of [cbNumber, cbContact, due]) expect(joined).not.toMatch(/SCAN (ct|c)\b/);
    const next = plan(db, NEXT_TO_REMIND_SQL);
    expect(next).toContain('callbacks_by_state_due');
    expect(next).not.toContain('TEMP B-TREE');
    const remind = plan(db, DUE_TO_REMIND_SQL, T0, 50);
    expect(remind).toContain('callbacks_by_state_due (state=? AND due_at<?)');
    expect(remind).not.toContain('TEMP B-TREE');
  });
});
