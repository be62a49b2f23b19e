import { closeSync, openSync, writeSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { join } from 'node:path';
import type { CallView } from '../../../src/shared/model/call.ts';
import { prng } from '../../helpers/prng.ts';

// The child process of call-log-crash.test.ts: the real core (createCore, node ports, a data
// folder on disk; no start(), so no network) fed with scripted call sequences through
// core.callLog.record, until the parent kills it with SIGKILL.
//
//   node crash-child.ts <dataDir> <journal> <seed> <run> [--close]
//
// (The test runs it bundled into one module, which loads in half the time; the code is the same.)
//
// The journal (a file, written with write(2), so nothing of it is lost when the process is killed)
// tells the parent what happened, in order:
//   ready <closed>        createCore returned; closeInterrupted filed <closed> calls
//   will <step json>      about to record this view
//   ack <n>               record(step n) returned and nothing is waiting in memory: it is on disk
// stdout gets one line, `boot`, just before createCore runs: the parent times kills from it.
// With --close the child stops after `ready` and closes the core cleanly (the final check).

export interface Expected {
  outcome: string;
  endReason: string;
  endedBy: 'local' | 'remote' | 'system';
  sipStatus: number | null;
  transferredTo: string | null;
}

export interface Step {
  n: number;
  at: number;
  view: CallView;
  /** On the step that ends a call: how the log must file it. */
  expect?: Expected;
}

type Draft = Omit<Step, 'n' | 'at'> & { gapMs: number };

/**
 * The scripted calls, as the phone service publishes them: each scenario yields the views of one
 * call (two for an attended transfer), in order. Several scenarios run interleaved.
 */
export function* scenarios(run: number, random: () => number): Generator<() => Generator<Draft>> {
  let next = 0;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const gap = (max: number) => 1 + Math.floor(random() * max);
  const number = () => `8495${String(1_000_000 + Math.floor(random() * 9_000_000)).slice(-7)}`;

  function base(direction: 'inbound' | 'outbound', startedAt: number): CallView {
    const id = `r${run}-c${next++}`;
    const remote = number();
    return {
      id,
      direction,
      sipCallId: `${id}@pbx.example.com`,
      state: direction === 'inbound' ? 'ringing' : 'dialing',
      remote: {
        number: remote,
        ...(random() < 0.5 ? { displayName: pick(['Иван Петров', 'ACME Ltd', 'O’Brien']) } : {}),
        uri: `sip:${remote}@pbx.example.com`,
      },
      ...(direction === 'outbound' ? { dialed: remote } : {}),
      muted: false,
      earlyMedia: false,
      startedAt,
    };
  }

  /** Talking: some mute toggles (no change of state) and holds, then `ended` by `finish`. */
  function* talk(view: CallView): Generator<Draft, CallView> {
    let current = view;
    const changes = Math.floor(random() * 4);
    for (let i = 0; i < changes; i++) {
      const roll = random();
      if (roll < 0.4) current = { ...current, muted: !current.muted };
      else if (roll < 0.8) current = { ...current, state: current.state === 'held' ? 'active' : 'held' };
      else current = { ...current, state: 'active' };
      yield { view: current, gapMs: gap(30_000) };
    }
    return current;
  }

  const ended = (
    view: CallView,
    reason: NonNullable<CallView['end']>['reason'],
    expect: Expected,
    statusCode?: number,
  ): Draft => ({
    view: {
      ...view,
      state: 'ended',
      end: { reason, ...(statusCode ? { statusCode, phrase: `Status ${statusCode}` } : {}) },
    },
    gapMs: gap(60_000),
    expect,
  });
  const plain = (
    outcome: string,
    endReason: string,
    endedBy: Expected['endedBy'],
    sipStatus: number | null = null,
  ) => ({ outcome, endReason, endedBy, sipStatus, transferredTo: null }) satisfies Expected;

  const kinds: Array<() => Generator<Draft>> = [
    // Inbound, answered, talked (maybe held), hung up by either side.
    function* inboundAnswered() {
      const ringing = base('inbound', 0);
      yield { view: ringing, gapMs: 0 };
      const answered = { ...ringing, state: 'active' as const };
      yield { view: answered, gapMs: gap(8000) };
      const last = yield* talk(answered);
      const byUs = random() < 0.5;
      yield ended(
        last,
        byUs ? 'local-hangup' : 'remote-hangup',
        plain('answered', byUs ? 'local-hangup' : 'remote-hangup', byUs ? 'local' : 'remote'),
      );
    },
    // Inbound, never answered: missed (caller gave up, no answer, answered elsewhere) or declined.
    function* inboundUnanswered() {
      const ringing = base('inbound', 0);
      yield { view: ringing, gapMs: 0 };
      const how = pick(['caller-cancelled', 'no-answer', 'answered-elsewhere', 'declined'] as const);
      const expect =
        how === 'declined'
          ? plain('declined', how, 'local')
          : plain('missed', how, how === 'no-answer' ? 'system' : 'remote');
      yield ended(ringing, how, expect);
    },
    // Outbound, answered after ringback (maybe early media), talked, hung up.
    function* outboundAnswered() {
      const dialing = base('outbound', 0);
      yield { view: dialing, gapMs: 0 };
      const ringback = { ...dialing, state: 'ringback' as const, earlyMedia: random() < 0.3 };
      yield { view: ringback, gapMs: gap(2000) };
      const answered = { ...ringback, state: 'active' as const, earlyMedia: false };
      yield { view: answered, gapMs: gap(15_000) };
      const last = yield* talk(answered);
      yield ended(last, 'local-hangup', plain('answered', 'local-hangup', 'local'));
    },
    // Outbound, not answered: busy, cancelled by us, not found.
    function* outboundUnanswered() {
      const dialing = base('outbound', 0);
      yield { view: dialing, gapMs: 0 };
      const how = pick(['busy', 'cancelled', 'not-found'] as const);
      let last = dialing;
      if (how !== 'busy') {
        last = { ...dialing, state: 'ringback' };
        yield { view: last, gapMs: gap(2000) };
      }
      if (how === 'busy') yield ended(last, 'busy', plain('busy', 'busy', 'remote', 486), 486);
      else if (how === 'cancelled') yield ended(last, 'cancelled', plain('cancelled', 'cancelled', 'local'));
      else yield ended(last, 'not-found', plain('failed', 'not-found', 'remote', 404), 404);
    },
    // Blind transfer of an answered call: succeeds, or fails and the call stays ours.
    function* blindTransfer() {
      const ringing = base('inbound', 0);
      yield { view: ringing, gapMs: 0 };
      const answered = { ...ringing, state: 'active' as const };
      yield { view: answered, gapMs: gap(5000) };
      const target = String(200 + Math.floor(random() * 50));
      const pending = {
        ...answered,
        transfer: { kind: 'blind' as const, target, state: 'pending' as const },
      };
      yield { view: pending, gapMs: gap(10_000) };
      if (random() < 0.7) {
        yield ended(pending, 'transferred', {
          ...plain('answered', 'transferred', 'local'),
          transferredTo: target,
        });
        return;
      }
      const failed = {
        ...pending,
        state: 'held' as const,
        transfer: { kind: 'blind' as const, target, state: 'failed' as const, statusCode: 486 },
      };
      yield { view: failed, gapMs: gap(3000) };
      const resumed = { ...failed, state: 'active' as const };
      yield { view: resumed, gapMs: gap(3000) };
      yield ended(resumed, 'remote-hangup', plain('answered', 'remote-hangup', 'remote'));
    },
    // Attended transfer: the caller on hold, a consultation call, then both legs end.
    function* attendedTransfer() {
      const ringing = base('inbound', 0);
      yield { view: ringing, gapMs: 0 };
      const answered = { ...ringing, state: 'active' as const };
      yield { view: answered, gapMs: gap(5000) };
      const held = { ...answered, state: 'held' as const };
      yield { view: held, gapMs: gap(20_000) };
      const consult: CallView = { ...base('outbound', 0), consultFor: answered.id };
      yield { view: consult, gapMs: gap(500) };
      const consultRinging = { ...consult, state: 'ringback' as const };
      yield { view: consultRinging, gapMs: gap(2000) };
      const consultActive = { ...consultRinging, state: 'active' as const };
      yield { view: consultActive, gapMs: gap(8000) };
      const target = consult.remote.number;
      const pending = { ...held, transfer: { kind: 'attended' as const, target, state: 'pending' as const } };
      yield { view: pending, gapMs: gap(15_000) };
      yield ended(pending, 'transferred', {
        ...plain('answered', 'transferred', 'local'),
        transferredTo: target,
      });
      yield ended(consultActive, 'transferred', plain('answered', 'transferred', 'local'));
    },
  ];
  for (;;) yield pick(kinds);
}

/**
 * The steps of one run: up to three calls in progress at a time, interleaved; `startedAt`,
 * `answeredAt` and `endedAt` filled from a virtual clock that only moves forward.
 */
export function* steps(seed: number, run: number): Generator<Step> {
  const random = prng((seed ^ Math.imul(run + 1, 0x9e3779b1)) >>> 0);
  const source = scenarios(run, random);
  let clock = Date.UTC(2026, 0, 1) + run * 1_000_000_000;
  let n = 0;
  const open: Array<Generator<Draft>> = [];
  const answeredAt = new Map<string, number>();
  const startedAt = new Map<string, number>();
  for (;;) {
    while (open.length === 0 || (open.length < 3 && random() < 0.25)) open.push(source.next().value());
    const index = Math.floor(random() * open.length);
    const result = open[index]!.next();
    if (result.done) {
      open.splice(index, 1);
      continue;
    }
    const draft = result.value;
    clock += draft.gapMs + 1;
    const id = draft.view.id;
    if (!startedAt.has(id)) startedAt.set(id, clock);
    if (draft.view.state === 'active' && !answeredAt.has(id)) answeredAt.set(id, clock);
    const view: CallView = {
      ...draft.view,
      startedAt: startedAt.get(id)!,
      ...(answeredAt.has(id) ? { answeredAt: answeredAt.get(id)! } : {}),
      ...(draft.view.state === 'ended' ? { endedAt: clock } : {}),
    };
    yield { n: n++, at: clock, view, ...(draft.expect ? { expect: draft.expect } : {}) };
  }
}

async function main(): Promise<void> {
  const [dataDir, journalPath, seedText, runText, flag] = process.argv.slice(2);
  if (!dataDir || !journalPath || !seedText || !runText)
    throw new Error('usage: crash-child.ts <dataDir> <journal> <seed> <run> [--close]');
  // Sixty restarts: V8's code cache saves compiling the same modules sixty times.
  enableCompileCache();
  const { createCore } = await import('../../../src/main/core/create-core.ts');
  const { createLogger } = await import('../../../src/main/core/log/logger.ts');
  const { createNodePorts } = await import('../../../tools/harness/node-ports.ts');
  const journal = openSync(journalPath, 'a');
  const note = (line: string) => writeSync(journal, `${line}\n`);
  const log = createLogger((record) => {
    if (record.level === 'error') process.stderr.write(`${JSON.stringify(record)}\n`);
  });

  process.stdout.write('boot\n');
  const core = createCore({
    dataDir,
    managedSettingsFile: join(dataDir, 'managed-none.json'),
    appInfo: {
      name: 'Hotline',
      version: '0.1.0-crash',
      platform: process.platform,
      runtime: 'harness',
      versions: {},
      systemLocale: () => 'en-US',
    },
    ports: createNodePorts(dataDir, log),
    log,
  });
  // createCore has closed what the previous (killed) run left unfinished; count what is still open.
  const stillOpen = core.db.prepare('SELECT count(*) FROM calls WHERE ended_at IS NULL').pluck().get();
  const closed = core.db
    .prepare("SELECT count(*) FROM call_events WHERE kind = 'interrupted' AND at >= ?")
    .pluck()
    .get(startedAt);
  note(`ready ${String(closed)} ${String(stillOpen)}`);
  if (flag === '--close') {
    await core.close();
    closeSync(journal);
    return;
  }
  // The parent kills this process within a second; if the parent itself died (its test run was
  // interrupted), stop rather than write forever.
  const parent = process.ppid;
  const deadline = Date.now() + 60_000;
  for (const step of steps(Number(seedText), Number(runText))) {
    if (process.ppid !== parent || Date.now() > deadline)
      throw new Error('orphaned or never killed; stopping');
    note(`will ${JSON.stringify(step)}`);
    core.callLog.record(step.view, step.at);
    if (core.callLog.pendingCount() !== 0) throw new Error(`step ${step.n} was not written`);
    note(`ack ${step.n}`);
  }
}

const startedAt = Date.now();
if (import.meta.filename === process.argv[1]) {
  main().catch((error: unknown) => {
    process.stderr.write(`crash-child failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(2);
  });
}
