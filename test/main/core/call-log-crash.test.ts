import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIGRATIONS } from '../../../src/main/core/store/migrations/index.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { prng } from '../../helpers/prng.ts';
import type { Step } from './crash-child.ts';

// Crash safety of the call log (ARCHITECTURE.md §4): the real core runs in a child process
// (crash-child.ts) through scripted call sequences and is killed with SIGKILL at random points —
// during start-up (opening, migrating, closing what the last run left) and mid-stream — then started
// again on the same data folder, 60 times. After every kill the database must hold every call whose
// record() had returned, each consistent with its script: finished calls filed with the right
// outcome, unfinished ones still open until the next start closes them as 'interrupted' at the time
// of their last update, events append-only and matching the row, one outbox document per finished
// call, and a clean integrity check.
//
// Reproduce a failure with the seed it prints: HOTLINE_CRASH_SEED=<seed> npx vitest run --project
// unit test/main/core/call-log-crash.test.ts (kill timing still varies; the scripts do not).

const SEED = Number(process.env.HOTLINE_CRASH_SEED ?? randomInt(2 ** 31));
const KILLS = Number(process.env.HOTLINE_CRASH_KILLS ?? 60);
const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const LATEST_SCHEMA = MIGRATIONS.at(-1)!.version;

interface Journal {
  ready?: { closed: number; stillOpen: number };
  acked: Step[];
  /** The step whose record() was running when the child died: written or not, never half. */
  unacked?: Step;
}

function readJournal(path: string): Journal {
  const journal: Journal = { acked: [] };
  if (!existsSync(path)) return journal;
  // A line cut off by the kill has no newline: it never happened.
  const lines = readFileSync(path, 'utf8').split('\n').slice(0, -1);
  for (const line of lines) {
    const [word, ...rest] = line.split(' ');
    const text = rest.join(' ');
    if (word === 'ready') {
      const [closed, stillOpen] = rest.map(Number);
      journal.ready = { closed: closed!, stillOpen: stillOpen! };
    } else if (word === 'will') {
      if (journal.unacked)
        throw new Error(`step ${journal.unacked.n} never acknowledged, yet the child went on`);
      journal.unacked = JSON.parse(text) as Step;
    } else if (word === 'ack') {
      if (journal.unacked?.n !== Number(text)) throw new Error(`ack ${text} out of order`);
      journal.acked.push(journal.unacked);
      journal.unacked = undefined;
    } else throw new Error(`unexpected journal line: ${line}`);
  }
  return journal;
}

/**
 * The child as one ES module: the core and its dependencies bundled (better-sqlite3 stays native).
 * Loading it costs half the CPU of type-stripping and linking the core's ~200 modules one by one,
 * and the test starts it 60 times on two shared cores. HOTLINE_CRASH_NO_BUNDLE=1 runs the
 * TypeScript directly instead. The bundle lives under the repo's .tmp/ so `better-sqlite3`
 * resolves from node_modules.
 */
async function childEntry(): Promise<{ path: string; cleanup(): void }> {
  if (process.env.HOTLINE_CRASH_NO_BUNDLE === '1') return { path: CHILD, cleanup: () => undefined };
  mkdirSync(join(REPO, '.tmp'), { recursive: true });
  const outDir = mkdtempSync(join(REPO, '.tmp', 'crash-child-'));
  const { build } = await import('vite');
  await build({
    configFile: false,
    logLevel: 'warn',
    root: REPO,
    ssr: { noExternal: true, external: ['better-sqlite3'] },
    build: {
      ssr: CHILD,
      outDir,
      target: 'node24',
      minify: false,
      rolldownOptions: { output: { format: 'es', entryFileNames: 'crash-child.mjs', codeSplitting: false } },
    },
  });
  return {
    path: join(outDir, 'crash-child.mjs'),
    cleanup: () => rmSync(outDir, { recursive: true, force: true }),
  };
}

interface ChildResult {
  /** From spawn to `boot` (loading the core's modules), in ms. */
  bootMs: number;
}

/** Runs the child; with `killAfterMs`, SIGKILLs it that long after it says `boot`. */
function runChild(
  entry: string,
  args: string[],
  options: { killAfterMs?: number; timeoutMs?: number },
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const spawned = performance.now();
    let bootMs = Number.NaN;
    let timedOut = false;
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (!Number.isNaN(bootMs) || !chunk.includes('boot')) return;
      bootMs = performance.now() - spawned;
      if (options.killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
    });
    const timeout = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 30_000);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timeout);
      if (timedOut) reject(new Error(`the child did not finish in time; stderr:\n${stderr}`));
      else if (signal === 'SIGKILL' && options.killAfterMs !== undefined) resolve({ bootMs });
      else if (code === 0 && options.killAfterMs === undefined) resolve({ bootMs });
      else
        reject(new Error(`the child exited by itself (code ${code}, signal ${signal}); stderr:\n${stderr}`));
    });
  });
}

interface CallRowSql {
  id: string;
  sip_call_id: string | null;
  direction: string;
  remote_number: string;
  remote_name: string | null;
  state: string;
  created_at: number;
  ringing_at: number | null;
  answered_at: number | null;
  ended_at: number | null;
  last_event_at: number;
  ring_ms: number | null;
  talk_ms: number | null;
  hold_ms: number;
  held_since: number | null;
  end_reason: string | null;
  ended_by: string | null;
  sip_status: number | null;
  transferred_to: string | null;
  outcome: string | null;
}

interface EventSql {
  seq: number;
  call_id: string;
  at: number;
  kind: string;
  detail: string | null;
}

interface OutboxSql {
  seq: number;
  kind: string;
  aggregate_id: string;
  payload: string;
}

interface ModelCall {
  id: string;
  run: number;
  /** The steps on disk, oldest first. */
  steps: Step[];
}

/** What the row and its events must be after `steps`, computed from the script, not by the recorder. */
function expectedOf(steps: Step[], interrupted: boolean) {
  const first = steps[0]!;
  const last = steps.at(-1)!;
  const events: Array<{ kind: string; at: number }> = [];
  let ringingAt: number | null = first.view.state === 'ringing' ? first.view.startedAt : null;
  let answeredAt: number | null = null;
  let holdMs = 0;
  let heldSince: number | null = null;
  let transferredTo: string | null = null;
  steps.forEach((step, i) => {
    const { view, at } = step;
    if (i === 0) events.push({ kind: `created:${view.state}`, at });
    else if (view.state !== steps[i - 1]!.view.state) events.push({ kind: view.state, at });
    if (view.state === 'ringback' && ringingAt === null) ringingAt = at;
    if (view.answeredAt !== undefined && answeredAt === null) answeredAt = view.answeredAt;
    if (view.state === 'held' && heldSince === null) heldSince = at;
    if (view.state !== 'held' && heldSince !== null) {
      holdMs += at - heldSince;
      heldSince = null;
    }
    if (view.transfer?.state === 'pending') transferredTo = view.transfer.target;
  });
  const row: Partial<CallRowSql> = {
    id: first.view.id,
    sip_call_id: first.view.sipCallId ?? null,
    direction: first.view.direction,
    remote_number: first.view.remote.number,
    remote_name: first.view.remote.displayName ?? null,
    created_at: first.view.startedAt,
    ringing_at: ringingAt,
    answered_at: answeredAt,
    last_event_at: last.at,
  };
  const end = (endedAt: number) => ({
    state: 'ended',
    ended_at: endedAt,
    held_since: null,
    hold_ms: holdMs + (heldSince === null ? 0 : endedAt - heldSince),
    ring_ms: (answeredAt ?? endedAt) - (ringingAt ?? first.view.startedAt),
    talk_ms: answeredAt === null ? null : endedAt - answeredAt,
  });
  if (last.view.state === 'ended') {
    const expect = last.expect!;
    Object.assign(row, end(last.view.endedAt!), {
      outcome: expect.outcome,
      end_reason: expect.endReason,
      ended_by: expect.endedBy,
      sip_status: expect.sipStatus,
      transferred_to: expect.transferredTo,
    });
  } else if (interrupted) {
    Object.assign(row, end(last.at), {
      outcome: 'interrupted',
      end_reason: 'interrupted',
      ended_by: 'system',
      sip_status: null,
      transferred_to: transferredTo,
    });
  } else {
    Object.assign(row, {
      state: last.view.state,
      ended_at: null,
      outcome: null,
      hold_ms: holdMs,
      held_since: heldSince,
      ring_ms: null,
      talk_ms: null,
      transferred_to: transferredTo,
    });
  }
  return { row, events, finished: last.view.state === 'ended' };
}

function createChecker() {
  const calls = new Map<string, ModelCall>();
  let lastReadyRun = -1;
  let runs = 0;
  let openAtLastCheck = 0;
  let previousEvents: EventSql[] = [];
  /** Finished calls as first seen: the row, and how many events and documents it had. */
  const finalRows = new Map<string, { row: string; events: number }>();
  const stats = {
    startupKills: 0,
    /** Start-up kills while the database had no schema yet (before or during the migration). */
    unmigrated: 0,
    /** Start-up kills that came after closeInterrupted had committed, before `ready`. */
    closedThenKilled: 0,
    midStreamKills: 0,
    acked: 0,
    recordedAtKill: 0,
    interrupted: 0,
    checkMs: 0,
    bootMs: 0,
  };

  function fail(message: string): never {
    throw new Error(message);
  }

  /** Reads a copy of the database as the killed child left it (the original stays untouched). */
  function snapshot(dataDir: string, scratch: string) {
    const source = join(dataDir, 'hotline.db');
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(scratch, { recursive: true });
    if (!existsSync(source)) return undefined;
    const copy = join(scratch, 'hotline.db');
    copyFileSync(source, copy);
    if (existsSync(`${source}-wal`)) copyFileSync(`${source}-wal`, `${copy}-wal`);
    return new Database(copy);
  }

  /** Folds in what run `run` wrote to its journal, then checks the database it left. */
  function afterRun(run: number, journal: Journal, dataDir: string, scratch: string, final = false) {
    runs = run + 1;
    if (journal.ready) {
      // The start-up closed exactly what was open when the previous run died.
      expect(journal.ready, `run ${run}: start-up closes the previous run's open calls`).toEqual({
        closed: openAtLastCheck,
        stillOpen: 0,
      });
      lastReadyRun = run;
      if (journal.acked.length > 0 || journal.unacked) stats.midStreamKills += final ? 0 : 1;
    } else {
      expect(journal.acked, `run ${run}: nothing recorded before ready`).toEqual([]);
      stats.startupKills += 1;
    }
    stats.acked += journal.acked.length;
    for (const step of journal.acked) {
      let call = calls.get(step.view.id);
      if (!call) calls.set(step.view.id, (call = { id: step.view.id, run, steps: [] }));
      call.steps.push(step);
    }

    // A kill is not damage: start-up must never move the database aside for it.
    const quarantine = join(dataDir, 'quarantine');
    if (existsSync(quarantine))
      fail(`run ${run}: the database was treated as damaged (${readdirSync(quarantine).join(', ')})`);
    const started = performance.now();
    const db = snapshot(dataDir, scratch);
    try {
      check(db, run, journal.unacked, final);
    } finally {
      db?.close();
      stats.checkMs += performance.now() - started;
    }
  }

  function check(db: Database.Database | undefined, run: number, unacked: Step | undefined, final: boolean) {
    const version = db ? (db.pragma('user_version', { simple: true }) as number) : 0;
    if (version !== LATEST_SCHEMA) {
      // Killed before or during the first migration: all of it or none of it.
      expect(version, `run ${run}: schema version`).toBe(0);
      stats.unmigrated += 1;
      expect(lastReadyRun, `run ${run}: a database that started once keeps its schema`).toBe(-1);
      if (db) {
        const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
        expect(tables, `run ${run}: a half-applied migration`).toEqual([]);
      }
      return;
    }
    db = db!;
    expect(db.pragma('integrity_check', { simple: true }), `run ${run}: integrity`).toBe('ok');
    expect(db.pragma('foreign_key_check'), `run ${run}: foreign keys`).toEqual([]);

    const rows = new Map(
      (db.prepare('SELECT * FROM calls').all() as CallRowSql[]).map((row) => [row.id, row]),
    );
    const events = db.prepare('SELECT * FROM call_events ORDER BY seq').all() as EventSql[];
    const outbox = db
      .prepare('SELECT seq, kind, aggregate_id, payload FROM outbox ORDER BY seq')
      .all() as OutboxSql[];

    // The step that was being written when the child died: on disk entirely, or not at all.
    if (unacked) {
      const row = rows.get(unacked.view.id);
      const call = calls.get(unacked.view.id);
      if (row !== undefined && row.last_event_at === unacked.at) {
        stats.recordedAtKill += 1;
        if (call) call.steps.push(unacked);
        else calls.set(unacked.view.id, { id: unacked.view.id, run, steps: [unacked] });
      }
    }

    // Events are append-only: everything seen at the last check is still there, unchanged.
    if (events.length < previousEvents.length) fail(`run ${run}: events were deleted`);
    previousEvents.forEach((before, i) => {
      if (JSON.stringify(before) !== JSON.stringify(events[i]))
        fail(`run ${run}: event ${JSON.stringify(before)} became ${JSON.stringify(events[i])}`);
    });
    previousEvents = events;
    const eventsOf = new Map<string, EventSql[]>();
    for (const event of events) {
      const list = eventsOf.get(event.call_id) ?? [];
      list.push(event);
      eventsOf.set(event.call_id, list);
    }
    const documents = new Map<string, OutboxSql[]>();
    for (const item of outbox) {
      expect(item.kind, `run ${run}: outbox kind`).toBe('call.finished');
      const list = documents.get(item.aggregate_id) ?? [];
      list.push(item);
      documents.set(item.aggregate_id, list);
    }

    for (const id of rows.keys())
      if (!calls.has(id)) fail(`run ${run}: call ${id} is in the log but was never recorded`);

    // Calls the last start-up may or may not have closed (it died after, or before, committing).
    const undecided: boolean[] = [];
    let open = 0;
    for (const call of calls.values()) {
      const row = rows.get(call.id);
      const context = `run ${run}, call ${call.id} (of run ${call.run}, ${call.steps.length} steps)`;
      if (!row) fail(`${context}: acknowledged but missing from the log`);
      const before = finalRows.get(call.id);
      if (before !== undefined) {
        // A finished call is final: nothing touches it again.
        expect(JSON.stringify(row), `${context}: a finished call changed`).toBe(before.row);
        expect(eventsOf.get(call.id)?.length, `${context}: events after the end`).toBe(before.events);
        expect(documents.get(call.id)?.length, `${context}: outbox documents`).toBe(1);
        continue;
      }
      const scriptedEnd = call.steps.at(-1)!.view.state === 'ended';
      let interrupted = row.outcome === 'interrupted';
      if (!scriptedEnd) {
        if (call.run < lastReadyRun) {
          if (!interrupted) fail(`${context}: a later start-up did not close it`);
        } else if (call.run < run) undecided.push(interrupted);
        else if (interrupted) fail(`${context}: closed as interrupted while nothing started since`);
      } else interrupted = false;

      const expected = expectedOf(call.steps, interrupted);
      expect(row, context).toMatchObject(expected.row);
      const got = eventsOf.get(call.id) ?? [];
      const want = expected.events.map((e) => ({ kind: e.kind, at: e.at }));
      if (interrupted) {
        expect(got.map((e) => ({ kind: e.kind, at: e.at })).slice(0, -1), `${context}: events`).toEqual(want);
        const closing = got.at(-1)!;
        expect(closing.kind, `${context}: closing event`).toBe('interrupted');
        expect(JSON.parse(closing.detail!), `${context}: closing event`).toEqual({
          endedAt: row.last_event_at,
        });
        stats.interrupted += 1;
      } else {
        expect(
          got.map((e) => ({ kind: e.kind, at: e.at })),
          `${context}: events`,
        ).toEqual(want);
        if (expected.finished)
          expect(JSON.parse(got.at(-1)!.detail!), `${context}: end event`).toMatchObject({
            reason: expected.row.end_reason,
            outcome: expected.row.outcome,
          });
      }

      const docs = documents.get(call.id) ?? [];
      if (row.ended_at === null) {
        expect(docs, `${context}: an open call has no outbox document`).toEqual([]);
        open += 1;
        continue;
      }
      // Finished: exactly one document, written with the row that finished it.
      expect(docs.length, `${context}: outbox documents`).toBe(1);
      const doc = JSON.parse(docs[0]!.payload) as {
        type: string;
        data: { callId: string; outcome: string; endedAt: string; events: unknown[] };
      };
      expect(doc, `${context}: outbox document`).toMatchObject({
        type: 'call.finished',
        data: { callId: call.id, outcome: row.outcome, endedAt: new Date(row.ended_at).toISOString() },
      });
      expect(doc.data.events.length, `${context}: events in the document`).toBe(got.length);
      finalRows.set(call.id, { row: JSON.stringify(row), events: got.length });
    }
    for (const id of documents.keys())
      if (!calls.has(id)) fail(`run ${run}: an outbox document for unknown call ${id}`);
    if (new Set(undecided).size > 1) fail(`run ${run}: the start-up closed some open calls but not all`);
    if (undecided[0] === true) stats.closedThenKilled += 1;
    if (final && open > 0) fail(`run ${run}: ${open} calls still open after a clean start`);
    openAtLastCheck = open;
  }

  return { afterRun, stats, calls, runs: () => runs };
}

describe('call log: crash safety', () => {
  it(`keeps every call that started through ${KILLS} SIGKILLs and restarts`, async () => {
    const dir = makeTempDir('hotline-crash-');
    const dataDir = join(dir.path, 'data');
    const scratch = join(dir.path, 'check');
    const random = prng(SEED);
    const checker = createChecker();
    const started = performance.now();
    const child = await childEntry();
    const bundledMs = performance.now() - started;
    try {
      for (let run = 0; run < KILLS; run++) {
        // Some kills land in start-up (open, migrate — the first runs —, close what was left);
        // most land mid-stream, inside or between record() calls.
        const early = run < 2 || random() < 0.2;
        const killAfterMs = early
          ? Math.floor(random() * (run < 2 ? 5 : 25))
          : 30 + Math.floor(random() * 270);
        const journalPath = join(dir.path, `journal-${run}.log`);
        const { bootMs } = await runChild(child.path, [dataDir, journalPath, String(SEED), String(run)], {
          killAfterMs,
        });
        checker.stats.bootMs += bootMs;
        checker.afterRun(run, readJournal(journalPath), dataDir, scratch);
      }
      // A last, clean start: it must close every call the last kill left open, and lose none.
      const journalPath = join(dir.path, `journal-${KILLS}.log`);
      await runChild(child.path, [dataDir, journalPath, String(SEED), String(KILLS), '--close'], {});
      checker.afterRun(KILLS, readJournal(journalPath), dataDir, scratch, true);
    } catch (error) {
      const message = `call-log crash test failed with HOTLINE_CRASH_SEED=${SEED} (data kept in ${dir.path})`;
      console.error(message);
      throw new Error(`${message}: ${(error as Error).message}`, { cause: error });
    } finally {
      child.cleanup();
    }
    const { stats } = checker;
    console.info(
      `call-log crash: seed ${SEED}, ${KILLS} kills (${stats.startupKills} in start-up: ` +
        `${stats.unmigrated} before the schema, ${stats.closedThenKilled} after closing the last run's calls; ` +
        `${stats.midStreamKills} mid-stream), ${checker.calls.size} calls, ${stats.acked} acknowledged ` +
        `steps, ${stats.recordedAtKill} written but unacknowledged at a kill, ${stats.interrupted} ` +
        `closed as interrupted, ${((performance.now() - started) / 1000).toFixed(1)} s ` +
        `(${(bundledMs / 1000).toFixed(1)} s bundling the child, ${(stats.bootMs / 1000).toFixed(1)} s loading ` +
        `it, ${(stats.checkMs / 1000).toFixed(1)} s checking)`,
    );
    dir.cleanup();
    expect(checker.runs()).toBe(KILLS + 1);
    expect(stats.midStreamKills, 'kills that landed mid-stream').toBeGreaterThanOrEqual(KILLS / 3);
    expect(stats.interrupted, 'calls closed as interrupted').toBeGreaterThanOrEqual(KILLS / 3);
  }, 240_000);
});
