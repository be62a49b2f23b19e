import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { createLogger } from '../src/main/core/log/logger.ts';
import { openDatabase } from '../src/main/core/store/database.ts';
import type { CallRow } from '../src/main/core/calllog/calls-table.ts';
import { enqueueOutbox, outboxCounts } from '../src/main/core/sync/outbox-table.ts';
import { callDocument, wrapupDocument } from '../src/main/core/sync/sync-documents.ts';
import { createHttpDelivery } from '../src/main/core/sync/http-delivery.ts';
import { createSyncWorker } from '../src/main/core/sync/sync-worker.ts';
import { startReceiver } from '../tools/sync/receiver.ts';
import { round, type Metric } from './lib/stats.ts';

// `npm run bench -- store` includes this: the time to drain a backlog of 10,000 records (5,000
// calls, each a call document then its wrap-up) from the outbox to a local receiver that checks
// the token and HMAC signature and deduplicates keys — the real worker, the real database on disk
// with synchronous=FULL. Peer: the same 10,000 bodies POSTed by a bare keep-alive client with the
// same concurrency and no database, i.e. the floor this receiver allows. Target: > 1,000 records/s.

const RECORDS = Number(process.env.HOTLINE_BENCH_SYNC_RECORDS ?? 10_000);
const TOKEN = 'bench-token';
const KEY = 'bench-signing-key-0123456789';

function callRow(i: number): CallRow {
  const t = Date.UTC(2026, 10, 24, 9) + i * 60_000;
  return {
    id: `bench-call-${i}`,
    sipCallId: `${i}-abc@pbx`,
    direction: i % 3 === 0 ? 'outbound' : 'inbound',
    account: 'sip:101@pbx.example.com',
    remoteNumber: `8495${String(1_000_000 + i).slice(-7)}`,
    remoteE164: `+7495${String(1_000_000 + i).slice(-7)}`,
    remoteName: 'Иван Петров',
    remoteUri: `sip:8495${i}@pbx`,
    calledNumber: null,
    state: 'ended',
    createdAt: t,
    ringingAt: t,
    answeredAt: t + 4000,
    endedAt: t + 184_000,
    lastEventAt: t + 184_000,
    ringMs: 4000,
    talkMs: 180_000,
    holdMs: 12_000,
    heldSince: null,
    wrapupMs: null,
    endReason: 'remote-hangup',
    endedBy: 'remote',
    sipStatus: null,
    sipReason: null,
    transferredTo: null,
    outcome: 'answered',
    quality: null,
    contactId: null,
  };
}

export default async function* storeSyncBench(): AsyncGenerator<Metric> {
  // A real disk, not tmpfs: synchronous=FULL must cost what it costs on an operator's machine.
  const dir = mkdtempSync(join(process.cwd(), '.tmp', 'bench-sync-'));
  const log = createLogger(() => undefined);
  const db = openDatabase({ path: join(dir, 'hotline.db'), log });
  const source = { version: 'bench', installId: 'bench-install', account: 'sip:101@pbx.example.com' };
  const calls = RECORDS / 2;
  db.transaction(() => {
    for (let i = 0; i < calls; i++) {
      const row = callRow(i);
      const events = [
        { seq: 1, callId: row.id, at: row.createdAt, kind: 'created:ringing', detail: null },
        { seq: 2, callId: row.id, at: row.answeredAt!, kind: 'active', detail: null },
        { seq: 3, callId: row.id, at: row.endedAt!, kind: 'ended', detail: { reason: 'remote-hangup' } },
      ];
      const callId = crypto.randomUUID();
      enqueueOutbox(db, {
        id: callId,
        kind: 'call.finished',
        aggregateId: row.id,
        payload: callDocument(callId, row, events, source),
        createdAt: row.endedAt!,
      });
      const wrapId = crypto.randomUUID();
      enqueueOutbox(db, {
        id: wrapId,
        kind: 'wrapup.submitted',
        aggregateId: row.id,
        payload: wrapupDocument(
          wrapId,
          {
            callId: row.id,
            state: 'submitted',
            draft: {
              disposition: 'info',
              topic: 'Тарифы',
              notes: 'Клиент уточнил тариф «Бизнес»',
              fields: {},
            },
            startedAt: row.endedAt!,
            updatedAt: row.endedAt! + 30_000,
            submittedAt: row.endedAt! + 30_000,
          },
          source,
        ),
        createdAt: row.endedAt! + 30_000,
      });
    }
  })();
  const payloads = (
    db.prepare('SELECT id, payload FROM outbox ORDER BY seq').all() as Array<{
      id: string;
      payload: string;
    }>
  ).map((r) => ({ ...r }));

  const receiver = await startReceiver({ token: TOKEN, signingKey: KEY });
  const delivery = createHttpDelivery({ userAgent: 'Hotline/bench' });
  let drained!: () => void;
  const done = new Promise<void>((resolve) => (drained = resolve));
  const worker = createSyncWorker({
    db,
    log,
    delivery: () => delivery,
    config: () => ({ endpointUrl: receiver.url, intervalS: 3600, requestTimeoutS: 15 }),
    credentials: async () => ({ token: TOKEN, hmacKey: KEY }),
    onStatus: (status) => {
      if (status.pending === 0 && status.state === 'idle') drained();
    },
  });
  const start = performance.now();
  worker.start();
  await done;
  const seconds = (performance.now() - start) / 1000;
  await worker.stop();
  const left = outboxCounts(db);
  if (receiver.records.length !== RECORDS || left.pending !== 0)
    throw new Error(`drain incomplete: received ${receiver.records.length}, pending ${left.pending}`);

  // The peer: the same bodies, same receiver, same concurrency, no outbox.
  const peerReceiver = await startReceiver({ token: TOKEN, signingKey: KEY });
  const peerDelivery = createHttpDelivery({ userAgent: 'bench-peer' });
  const peerStart = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < payloads.length) {
        const item = payloads[next++]!;
        const result = await peerDelivery.send({
          url: peerReceiver.url,
          body: item.payload,
          idempotencyKey: item.id,
          token: TOKEN,
          hmacKey: KEY,
          timeoutMs: 15_000,
        });
        if (result.kind !== 'delivered') throw new Error(`peer send failed: ${JSON.stringify(result)}`);
      }
    }),
  );
  const peerSeconds = (performance.now() - peerStart) / 1000;

  const ours = RECORDS / seconds;
  const peer = RECORDS / peerSeconds;
  yield {
    metric: 'store.outbox_drain_records_per_s',
    value: round(ours, 0),
    unit: 'records/s',
    n: RECORDS,
    seconds: round(seconds, 2),
    target: '> 1000',
    peer: 'bare keep-alive POSTs, no database',
    peer_value: round(peer, 0),
    ratio: round(peer / ours, 2),
  };

  delivery.close();
  peerDelivery.close();
  await receiver.close();
  await peerReceiver.close();
  http.globalAgent.destroy();
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
