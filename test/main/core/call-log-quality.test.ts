import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { createCallRecorder } from '../../../src/main/core/calllog/call-recorder.ts';
import { getCall } from '../../../src/main/core/calllog/calls-table.ts';
import { createLogger, memorySink } from '../../../src/main/core/log/logger.ts';
import { openDatabase } from '../../../src/main/core/store/database.ts';
import { SyncDocumentSchema, callDocument } from '../../../src/main/core/sync/sync-documents.ts';
import { QualitySummarySchema, type QualitySummary } from '../../../src/shared/media/quality.ts';
import type { CallView } from '../../../src/shared/model/call.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';

// The call log keeps an ended call's quality summary (calls.quality, JSON text), which the sync
// document then carries as a string.

const dirs: Array<{ cleanup(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

function open() {
  const dir = makeTempDir();
  dirs.push(dir);
  const path = join(dir.path, 'hotline.db');
  const log = createLogger(memorySink());
  const db = openDatabase({ path, log });
  const finished: string[] = [];
  const recorder = createCallRecorder({
    db,
    log,
    defaultRegion: () => 'RU',
    account: () => 'sip:101@pbx.example.com',
    retryMs: 10,
    onFinished: (row) => finished.push(row.quality ?? 'null'),
  });
  return { db, recorder, path, finished };
}

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);
const SOURCE = { version: '0.1.0', installId: 'install-1', account: 'sip:101@pbx.example.com' };
const summary: QualitySummary = {
  samples: 12,
  mosAvg: 4.21,
  mosMin: 3.72,
  level: 'good',
  lossPctMax: 1.4,
  jitterMsMax: 23,
  rttMsAvg: 48,
};

function call(patch: Partial<CallView> = {}): CallView {
  return {
    id: 'c1',
    direction: 'inbound',
    state: 'ringing',
    remote: { number: '84951234567', uri: 'sip:84951234567@pbx' },
    muted: false,
    earlyMedia: false,
    startedAt: T0,
    ...patch,
  };
}
const active = call({ state: 'active', answeredAt: T0 + 2000 });
const ended = call({
  state: 'ended',
  answeredAt: T0 + 2000,
  endedAt: T0 + 30_000,
  end: { reason: 'local-hangup' },
});

describe('call log: quality summary', () => {
  it('stores the ended call’s summary as JSON, in the same transaction the sync outbox sees', () => {
    const { db, recorder, finished } = open();
    recorder.record(call(), T0);
    recorder.record({ ...active, quality: { level: 'good', mos: 4.3, lossPct: 0, jitterMs: 9 } }, T0 + 2000);
    expect(getCall(db, 'c1')!.quality).toBeNull();
    recorder.record(ended, T0 + 30_000, { qualitySummary: summary });
    const stored = getCall(db, 'c1')!.quality;
    expect(typeof stored).toBe('string');
    expect(QualitySummarySchema.parse(JSON.parse(stored!))).toEqual(summary);
    expect(finished).toEqual([stored]);
    recorder.dispose();
    db.close();
  });

  it('the sync document carries it as the same JSON string', () => {
    const { db, recorder } = open();
    recorder.record(call(), T0);
    recorder.record(ended, T0 + 30_000, { qualitySummary: summary });
    const document = SyncDocumentSchema.parse(
      callDocument('4f0c1d7e-1a2b-4c3d-8e9f-0a1b2c3d4e5f', getCall(db, 'c1')!, [], SOURCE),
    );
    if (document.type !== 'call.finished') throw new Error('not a call document');
    expect(typeof document.data.quality).toBe('string');
    expect(JSON.parse(document.data.quality!)).toEqual(summary);
    recorder.dispose();
    db.close();
  });

  it('no summary (nothing measured): the column stays null; a summary on a call still talking is not stored', () => {
    const { db, recorder } = open();
    recorder.record(call(), T0);
    recorder.record(active, T0 + 2000, { qualitySummary: summary });
    expect(getCall(db, 'c1')!.quality).toBeNull();
    recorder.record(ended, T0 + 30_000);
    expect(getCall(db, 'c1')!.quality).toBeNull();
    // A late duplicate of the end cannot add one to a finished call either.
    recorder.record(ended, T0 + 31_000, { qualitySummary: summary });
    expect(getCall(db, 'c1')!.quality).toBeNull();
    recorder.dispose();
    db.close();
  });

  it('a summary that had to wait in memory (database busy) is written with its call later', async () => {
    const { db, recorder, path } = open();
    recorder.record(call(), T0);
    const blocker = new Database(path, { timeout: 0 });
    db.pragma('busy_timeout = 0');
    blocker.exec('BEGIN IMMEDIATE');
    recorder.record(ended, T0 + 30_000, { qualitySummary: summary });
    expect(recorder.pendingCount()).toBe(1);
    blocker.exec('ROLLBACK');
    blocker.close();
    await expect.poll(() => recorder.pendingCount(), { timeout: 2000 }).toBe(0);
    expect(JSON.parse(getCall(db, 'c1')!.quality!)).toEqual(summary);
    recorder.dispose();
    db.close();
  });
});
