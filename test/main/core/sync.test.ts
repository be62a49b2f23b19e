import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingHttpHeaders } from 'node:http';
import { createCore, type Core } from '../../../src/main/core/create-core.ts';
import { createLogger, memorySink } from '../../../src/main/core/log/logger.ts';
import { openDatabase } from '../../../src/main/core/store/database.ts';
import { getCall } from '../../../src/main/core/calllog/calls-table.ts';
import { createCallRecorder } from '../../../src/main/core/calllog/call-recorder.ts';
import {
  DUE_OUTBOX_SQL,
  dueOutbox,
  enqueueOutbox,
  markParked,
  outboxRows,
} from '../../../src/main/core/sync/outbox-table.ts';
import { classifyAnswer, parseRetryAfter, signatureOf } from '../../../src/main/core/sync/http-delivery.ts';
import { fullJitterDelay } from '../../../src/main/core/sync/sync-worker.ts';
import { SyncDocumentSchema, syncJsonSchema } from '../../../src/main/core/sync/sync-documents.ts';
import { SYNC_SIGNING_KEY_SECRET, SYNC_TOKEN_SECRET } from '../../../src/main/core/sync/sync-service.ts';
import type { CallView } from '../../../src/shared/model/call.ts';
import { createNodePorts } from '../../../tools/harness/node-ports.ts';
import { startReceiver, type Behaviour, type Receiver } from '../../../tools/sync/receiver.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeSelfSignedCert } from '../../helpers/tls-cert.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const TOKEN = 'test-token-0123456789';
const SIGNING_KEY = 'signing-key-0123456789abcdef';
const FAST = { baseMs: 5, capMs: 40 };
const TRUSTED = { trusted: true, description: 'test' };

interface TestCore {
  core: Core;
  dataDir: string;
  sink: ReturnType<typeof memorySink>;
}

async function startCore(
  options: {
    dataDir?: string;
    endpoint?: string;
    credentials?: boolean;
    backoff?: typeof FAST;
    caBundlePath?: string;
  } = {},
): Promise<TestCore> {
  let dataDir = options.dataDir;
  if (!dataDir) {
    const dir = makeTempDir();
    cleanups.push(() => dir.cleanup());
    dataDir = dir.path;
  }
  writeFileSync(
    join(dataDir, 'settings.json'),
    JSON.stringify({
      sync: { endpointUrl: options.endpoint ?? '', intervalS: 3600, requestTimeoutS: 1 },
      ...(options.caBundlePath ? { phone: { caBundlePath: options.caBundlePath } } : {}),
    }),
  );
  const sink = memorySink();
  const log = createLogger(sink);
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
    ports: createNodePorts(dataDir, log),
    log,
    syncBackoff: options.backoff ?? FAST,
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await core.close();
  };
  cleanups.push(close);
  if (options.credentials !== false)
    await core.sync.saveCredentials({ token: TOKEN, signingKey: SIGNING_KEY });
  await core.start();
  return { core, dataDir, sink };
}

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

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

/** One answered call, then its wrap-up: two documents for the same call, in that order. */
function finishCallWithWrapup(core: Core, id: string, at = T0): void {
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
  core.wrapups.submit(
    id,
    { disposition: 'order', topic: 'Тариф', notes: `Заметки ${id}`, fields: {} },
    at + 90_000,
  );
}

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function receiver(options: Parameters<typeof startReceiver>[0] = {}): Promise<Receiver> {
  const r = await startReceiver({ token: TOKEN, signingKey: SIGNING_KEY, ...options });
  cleanups.push(() => r.close());
  return r;
}

/** Every record exactly once, and per call the call document before its wrap-up. */
function expectExactlyOnceInOrder(r: Receiver, callIds: string[]): void {
  const keys = r.records.map((x) => x.key);
  expect(new Set(keys).size).toBe(keys.length);
  expect(r.records).toHaveLength(callIds.length * 2);
  for (const id of callIds) {
    const types = r.records.filter((x) => x.callId === id).map((x) => x.type);
    expect(types, id).toEqual(['call.finished', 'wrapup.submitted']);
  }
}

describe('sync: outbox', () => {
  it('writes the document in the same transaction as the end of the call', () => {
    const dir = makeTempDir();
    cleanups.push(() => dir.cleanup());
    const log = createLogger(memorySink());
    const db = openDatabase({ path: join(dir.path, 'hotline.db'), log });
    cleanups.push(() => void db.close());
    let failEnqueue = true;
    const recorder = createCallRecorder({
      db,
      log,
      defaultRegion: () => 'RU',
      account: () => undefined,
      retryMs: 60_000,
      onFinished: (row) => {
        if (failEnqueue) throw new Error('disk full');
        enqueueOutbox(db, {
          kind: 'call.finished',
          aggregateId: row.id,
          payload: { id: row.id },
          createdAt: 1,
        });
      },
    });
    cleanups.push(() => recorder.dispose());
    recorder.record(call('a'), T0);
    recorder.record(
      call('a', { state: 'ended', endedAt: T0 + 1000, end: { reason: 'caller-cancelled' } }),
      T0 + 1000,
    );
    // The outbox write failed: the end of the call was rolled back with it and waits in memory.
    expect(getCall(db, 'a')!.endedAt).toBeNull();
    expect(outboxRows(db)).toHaveLength(0);
    expect(recorder.pendingCount()).toBe(1);
    failEnqueue = false;
    expect(recorder.flush()).toBe(true);
    expect(getCall(db, 'a')!.outcome).toBe('missed');
    expect(outboxRows(db)).toHaveLength(1);
  });

  it('hands out one row per call at a time, oldest first; a parked row holds back its call only', () => {
    const dir = makeTempDir();
    cleanups.push(() => dir.cleanup());
    const db = openDatabase({ path: join(dir.path, 'hotline.db'), log: createLogger(memorySink()) });
    cleanups.push(() => void db.close());
    const add = (aggregateId: string, kind: string) =>
      enqueueOutbox(db, { kind, aggregateId, payload: {}, createdAt: 1 });
    add('x', 'call.finished');
    add('y', 'call.finished');
    add('x', 'wrapup.submitted');
    add('z', 'call.finished');
    expect(dueOutbox(db, 10, 100).map((r) => `${r.aggregateId}:${r.kind}`)).toEqual([
      'x:call.finished',
      'y:call.finished',
      'z:call.finished',
    ]);
    markParked(db, dueOutbox(db, 10, 1)[0]!.seq, { error: 'bad', status: 422 });
    expect(dueOutbox(db, 10, 100).map((r) => r.aggregateId)).toEqual(['y', 'z']);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${DUE_OUTBOX_SQL}`).all(10, 64) as Array<{ detail: string }>)
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toContain('outbox_undelivered');
    expect(plan).toContain('outbox_by_aggregate');
    expect(plan).not.toMatch(/SCAN o\b(?! USING)/);
  });
});

describe('sync: the wire', () => {
  it('classifies answers: only a JSON acknowledgement of this key counts as delivered', () => {
    const h = (headers: IncomingHttpHeaders = {}) => headers;
    const key = 'k-1';
    expect(classifyAnswer(200, h(), '{"id":"k-1"}', key).kind).toBe('delivered');
    expect(classifyAnswer(201, h(), '{"id":"k-1","status":"duplicate"}', key).kind).toBe('delivered');
    expect(classifyAnswer(200, h(), '<html>login</html>', key)).toMatchObject({
      kind: 'retry',
      code: 'bad-response',
    });
    expect(classifyAnswer(200, h(), '{"id":"other"}', key)).toMatchObject({
      kind: 'retry',
      code: 'bad-response',
    });
    expect(classifyAnswer(204, h(), '', key)).toMatchObject({ kind: 'retry', code: 'bad-response' });
    expect(classifyAnswer(429, h({ 'retry-after': '7' }), '', key)).toMatchObject({
      kind: 'retry',
      code: 'rate-limited',
      retryAfterMs: 7000,
    });
    expect(classifyAnswer(408, h(), '', key)).toMatchObject({ kind: 'retry', code: 'timeout' });
    expect(classifyAnswer(503, h({ 'retry-after': '2' }), '', key)).toMatchObject({
      kind: 'retry',
      code: 'server-error',
      retryAfterMs: 2000,
    });
    expect(classifyAnswer(500, h(), 'oops', key)).toMatchObject({ kind: 'retry', code: 'server-error' });
    expect(classifyAnswer(401, h(), '', key)).toMatchObject({ kind: 'retry', code: 'unauthorized' });
    expect(classifyAnswer(301, h({ location: 'https://x' }), '', key)).toMatchObject({
      kind: 'retry',
      code: 'redirected',
    });
    expect(classifyAnswer(400, h(), 'missing field', key)).toMatchObject({ kind: 'rejected', status: 400 });
    expect(classifyAnswer(422, h(), '', key)).toMatchObject({ kind: 'rejected', status: 422 });
    expect(classifyAnswer(404, h(), '', key)).toMatchObject({ kind: 'rejected', status: 404 });
  });

  it('reads Retry-After as seconds or a date, and ignores nonsense', () => {
    const now = Date.UTC(2026, 10, 24, 12, 0, 0);
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(new Date(now + 30_000).toUTCString(), now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('waits a random time up to an exponential cap (full jitter)', () => {
    const policy = { baseMs: 1000, capMs: 300_000 };
    expect(fullJitterDelay(1, policy, () => 0.999)).toBeLessThanOrEqual(1000);
    expect(fullJitterDelay(4, policy, () => 0.5)).toBe(4000);
    expect(fullJitterDelay(30, policy, () => 1)).toBe(300_000);
    expect(fullJitterDelay(3, policy, () => 0)).toBe(0);
    const spread = new Set(Array.from({ length: 50 }, () => fullJitterDelay(5, policy)));
    expect(spread.size).toBeGreaterThan(40);
  });

  it('signs the body with the timestamp', () => {
    const signature = signatureOf('key', 1700000000000, '{"a":1}');
    expect(signature).toMatch(/^t=1700000000000,v1=[0-9a-f]{64}$/);
    expect(signatureOf('key', 1700000000001, '{"a":1}')).not.toBe(signature);
    expect(signatureOf('other', 1700000000000, '{"a":1}')).not.toBe(signature);
  });

  it('publishes the schema it sends: docs/ matches the code, and documents validate', async () => {
    const published = JSON.parse(
      readFileSync(new URL('../../../docs/sync/hotline-sync-v1.schema.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(published).toEqual(syncJsonSchema());
    const r = await receiver();
    const { core } = await startCore({ endpoint: r.url });
    finishCallWithWrapup(core, 'doc-1');
    await until(() => r.records.length === 2);
    for (const record of r.records) expect(SyncDocumentSchema.safeParse(record.body).success).toBe(true);
    const callDoc = r.records[0]!.body as { data: { durations: { talkMs: number }; events: unknown[] } };
    expect(callDoc.data.durations.talkMs).toBe(57_000);
    expect(callDoc.data.events).toHaveLength(3);
  });
});

describe('sync: against a real receiver', () => {
  it('delivers every record exactly once, in order per call, through failures, delays, garbage and duplicates', async () => {
    // Misbehaviour cycles deterministically through every kind the issue names.
    const chaos: Behaviour[] = [
      { kind: 'status', status: 500 },
      { kind: 'ok' },
      { kind: 'html' },
      { kind: 'delay', ms: 30 },
      { kind: 'garbage' },
      { kind: 'store-then-fail', how: '500' },
      { kind: 'ok' },
      { kind: 'status', status: 429, headers: { 'Retry-After': '0' } },
      { kind: 'store-then-fail', how: 'reset' },
      { kind: 'reset' },
      { kind: 'status', status: 503 },
      { kind: 'delay', ms: 1500 }, // beyond the 1 s request timeout: stored late, sent again
      { kind: 'ok' },
      { kind: 'ok' },
    ];
    const r = await receiver({ behaviour: (n) => chaos[n % chaos.length]! });
    const { core } = await startCore({ endpoint: r.url });
    const ids = Array.from({ length: 40 }, (_, i) => `chaos-${i}`);
    for (const [i, id] of ids.entries()) finishCallWithWrapup(core, id, T0 + i * 100_000);
    await until(() => core.status.get().sync.pending === 0 && r.records.length === ids.length * 2, 60_000);
    await core.sync.idle();
    expectExactlyOnceInOrder(r, ids);
    expect(r.duplicates()).toBeGreaterThan(0); // the receiver did see repeats, and kept one copy
    expect(r.refused()).toBe(0); // every request carried the right token and signature
    expect(outboxRows(core.db, { state: 'delivered' })).toHaveLength(ids.length * 2);
    expect(core.status.get().sync).toMatchObject({ state: 'idle', pending: 0, failed: 0 });
  }, 60_000);

  it('an endpoint that is down: nothing is lost, the backlog drains when it comes back', async () => {
    const r = await receiver();
    const port = r.port;
    await r.close();
    // A long wait after a failure, so the state the operator sees is steady while the test reads it
    // (coming online skips our own wait anyway).
    const { core } = await startCore({
      endpoint: `http://127.0.0.1:${port}/hotline/records`,
      backoff: { baseMs: 60_000, capMs: 60_000 },
    });
    for (const id of ['down-1', 'down-2', 'down-3']) finishCallWithWrapup(core, id);
    await until(() => core.status.get().sync.lastError?.code === 'unreachable');
    await core.sync.idle();
    expect(core.status.get().sync).toMatchObject({ state: 'waiting', pending: 6 });
    const back = await receiver({ port });
    core.sync.setOnline(false);
    core.sync.setOnline(true); // coming online triggers a run at once
    await until(() => back.records.length === 6);
    expectExactlyOnceInOrder(back, ['down-1', 'down-2', 'down-3']);
    await until(() => core.status.get().sync.pending === 0);
    expect(core.status.get().sync.lastError).toBeUndefined();
  });

  it('500 forever: records stay, waits grow and survive a restart, then drain once the server heals', async () => {
    const r = await receiver({ behaviour: () => ({ kind: 'status', status: 500 }) });
    const slow = { baseMs: 400, capMs: 400 };
    const first = await startCore({ endpoint: r.url, backoff: slow });
    finishCallWithWrapup(first.core, 'f-1');
    await until(() => (first.core.status.get().sync.lastError?.status ?? 0) === 500);
    const row = outboxRows(first.core.db)[0]!;
    expect(row).toMatchObject({ state: 'pending' });
    expect(row.attempts).toBeGreaterThanOrEqual(1);
    await first.core.close();

    // The stored wait is honoured after a restart: no burst of requests at start-up.
    const before = r.requests();
    const second = await startCore({ dataDir: first.dataDir, endpoint: r.url, backoff: slow });
    expect(second.core.status.get().sync.state).toBe('waiting');
    expect(r.requests()).toBe(before);
    r.setBehaviour(() => ({ kind: 'ok' }));
    await until(() => r.records.length === 2);
    expectExactlyOnceInOrder(r, ['f-1']);
  });

  it('a record the server refuses (422) is parked and shown; its call waits, other calls go; retry on request', async () => {
    let refuse = true;
    const r = await receiver({
      behaviour: (_n, req) =>
        refuse && req.headers['idempotency-key'] === refusedKey
          ? { kind: 'status', status: 422, body: 'field "disposition" unknown' }
          : { kind: 'ok' },
    });
    let refusedKey = '';
    const { core } = await startCore({ endpoint: r.url });
    core.sync.setOnline(false); // hold deliveries while the test picks the record to refuse
    finishCallWithWrapup(core, 'bad');
    finishCallWithWrapup(core, 'good');
    refusedKey = outboxRows(core.db, { aggregateId: 'bad' })[0]!.id;
    core.sync.setOnline(true);
    await until(() => core.status.get().sync.failed === 1 && r.records.length === 2);
    await core.sync.idle();
    expect(r.records.map((x) => x.callId)).toEqual(['good', 'good']);
    expect(core.status.get().sync).toMatchObject({
      failed: 1,
      pending: 1,
      lastError: { code: 'rejected', status: 422 },
    });
    expect(outboxRows(core.db, { state: 'failed' })[0]!.lastError).toContain('disposition');
    refuse = false;
    expect(core.sync.retryFailed()).toBe(1);
    await until(() => r.records.length === 4);
    expectExactlyOnceInOrder(r, ['good', 'bad']);
  });

  it('wrong credentials are a connection problem, not a reason to park records', async () => {
    const r = await receiver({ token: 'the-right-one' });
    const { core } = await startCore({ endpoint: r.url });
    finishCallWithWrapup(core, 'auth-1');
    await until(() => core.status.get().sync.lastError?.code === 'unauthorized');
    expect(core.status.get().sync).toMatchObject({ failed: 0, pending: 2 });
    await core.sync.saveCredentials({ token: 'the-right-one' });
    await until(() => r.records.length === 2);
    expectExactlyOnceInOrder(r, ['auth-1']);
  });

  it('over HTTPS: refuses a certificate nobody trusts, delivers once IT adds its CA bundle', async () => {
    const dir = makeTempDir();
    cleanups.push(() => dir.cleanup());
    const tls = makeSelfSignedCert(dir.path);
    const r = await receiver({ tls });
    const { core } = await startCore({ endpoint: r.url });
    finishCallWithWrapup(core, 'tls-1');
    await until(() => core.status.get().sync.lastError?.code === 'certificate');
    expect(r.requests()).toBe(0);
    const bundle = join(dir.path, 'it-ca.pem');
    writeFileSync(bundle, tls.cert);
    core.settings.update({ phone: { caBundlePath: bundle } });
    await until(() => r.records.length === 2);
    expectExactlyOnceInOrder(r, ['tls-1']);
  });

  it('keeps the token and signing key in the vault only, and never shows them', async () => {
    const { core, dataDir } = await startCore({ endpoint: 'https://crm.example.com/hotline' });
    const view = await core.sync.view();
    expect(view).toMatchObject({
      endpointUrl: 'https://crm.example.com/hotline',
      hasToken: true,
      hasSigningKey: true,
    });
    expect(JSON.stringify(view)).not.toContain(TOKEN);
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).not.toContain(TOKEN);
    const stored = core.db.prepare('SELECT name FROM secrets ORDER BY name').pluck().all();
    expect(stored).toEqual([SYNC_SIGNING_KEY_SECRET, SYNC_TOKEN_SECRET].sort());
    const cleared = await core.sync.saveCredentials({ token: null });
    expect(cleared.hasToken).toBe(false);
  });

  it('rejects bad IPC payloads with a validation error', async () => {
    const { core } = await startCore();
    const bad = await core.router.dispatch(
      'sync:saveCredentials',
      { signingKey: 'short', extra: 1 },
      TRUSTED,
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const badDraft = await core.router.dispatch(
      'wrapup:saveDraft',
      { callId: 'x', draft: { notes: 5 } },
      TRUSTED,
    );
    expect(badDraft).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});

describe('wrap-up', () => {
  it('saves drafts as the operator types, brings them back after a restart, and submits once', async () => {
    const first = await startCore();
    const { core } = first;
    core.callLog.record(call('w-1'), T0);
    core.wrapups.saveDraft(
      'w-1',
      { disposition: null, topic: '', notes: 'Клиент спрашивает о тар', fields: {} },
      T0 + 1,
    );
    core.wrapups.saveDraft(
      'w-1',
      { disposition: null, topic: '', notes: 'Клиент спрашивает о тарифе', fields: {} },
      T0 + 2,
    );
    await core.close();

    const second = await startCore({ dataDir: first.dataDir });
    const drafts = second.core.wrapups.drafts();
    expect(drafts.map((d) => [d.callId, d.draft.notes])).toEqual([['w-1', 'Клиент спрашивает о тарифе']]);
    // The call was never ended (the app stopped): it is interrupted, and the wrap-up can be filed.
    expect(() => second.core.wrapups.submit('w-1', { ...drafts[0]!.draft, disposition: null })).toThrow(
      /not complete/,
    );
    const submitted = second.core.wrapups.submit('w-1', { ...drafts[0]!.draft, disposition: 'info' });
    expect(submitted.state).toBe('submitted');
    expect(getCall(second.core.db, 'w-1')!.wrapupMs).toBeGreaterThanOrEqual(0);
    expect(outboxRows(second.core.db, { aggregateId: 'w-1' }).map((r) => r.kind)).toEqual([
      'call.finished',
      'wrapup.submitted',
    ]);
    expect(() => second.core.wrapups.saveDraft('w-1', drafts[0]!.draft)).toThrow(/already submitted/);
    expect(second.core.wrapups.drafts()).toEqual([]);
  });

  it('refuses a wrap-up for a call still in progress, and for an unknown call', async () => {
    const { core } = await startCore();
    core.callLog.record(call('live'), T0);
    const result = await core.router.dispatch(
      'wrapup:submit',
      {
        callId: 'live',
        draft: { disposition: 'order', notes: '', topic: '', fields: {} },
      },
      TRUSTED,
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: 'call', message: 'callNotEnded' }] },
    });
    const unknown = await core.router.dispatch('wrapup:saveDraft', { callId: 'nope', draft: {} }, TRUSTED);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
