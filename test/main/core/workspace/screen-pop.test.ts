import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, memorySink } from '../../../../src/main/core/log/logger.ts';
import { openDatabase, type Db } from '../../../../src/main/core/store/database.ts';
import { createCallRecorder } from '../../../../src/main/core/calllog/call-recorder.ts';
import { putContact } from '../../../../src/main/core/calllog/contacts-table.ts';
import {
  markWrapupSubmitted,
  openWrapupDrafts,
  putWrapupDraft,
} from '../../../../src/main/core/calllog/wrapups-table.ts';
import {
  buildCallerCard,
  CARD_CALL_COUNT_SQL,
  CARD_RECENT_CALLS_SQL,
} from '../../../../src/main/core/workspace/caller-card.ts';
import { createScreenPop } from '../../../../src/main/core/workspace/screen-pop.ts';
import type { Notification, Notifier } from '../../../../src/main/core/ports.ts';
import type { CallView } from '../../../../src/shared/model/call.ts';
import { CARD_COUNT_CAP, type CallerCard } from '../../../../src/shared/model/caller-card.ts';

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);
const log = createLogger(memorySink());
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

function freshDb(): Db {
  const db = openDatabase({ path: ':memory:', log });
  dbs.push(db);
  return db;
}

function view(id: string, patch: Partial<CallView> = {}): CallView {
  return {
    id,
    direction: 'inbound',
    state: 'ringing',
    remote: { number: '84951234567', displayName: 'Ivan', uri: 'sip:84951234567@pbx' },
    muted: false,
    earlyMedia: false,
    startedAt: T0,
    ...patch,
  };
}

/** Plays a finished call with this number into the log, `minutesAgo` before T0. */
function pastCall(db: Db, id: string, minutesAgo: number, number = '84951234567', answered = true): void {
  const recorder = createCallRecorder({ db, log, defaultRegion: () => 'RU', account: () => undefined });
  const start = T0 - minutesAgo * 60_000;
  const base = view(id, { startedAt: start, remote: { number, uri: `sip:${number}@pbx` } });
  recorder.record(base, start);
  if (answered) recorder.record({ ...base, state: 'active', answeredAt: start + 3000 }, start + 3000);
  recorder.record(
    {
      ...base,
      state: 'ended',
      ...(answered ? { answeredAt: start + 3000 } : {}),
      endedAt: start + 63_000,
      end: { reason: answered ? 'remote-hangup' : 'caller-cancelled' },
    },
    start + 63_000,
  );
  recorder.dispose();
}

const OPTIONS = { defaultRegion: 'RU', maskNumbers: false };

describe('caller card', () => {
  it('knows the contact, the queue called and the last calls with their wrap-ups, newest first', () => {
    const db = freshDb();
    putContact(
      db,
      { id: 'c1', name: 'Иван Петров', company: 'ООО «Ромашка»', notes: 'Prefers mornings', tags: ['vip'] },
      [{ number: '+7 495 123-45-67', e164: '+74951234567', label: 'work' }],
    );
    for (let i = 1; i <= 7; i++) pastCall(db, `old-${i}`, i * 60, '84951234567', i !== 2);
    pastCall(db, 'other', 30, '84950000000');
    putWrapupDraft(
      db,
      'old-1',
      { disposition: 'order', topic: 'Тарифы', notes: 'Ordered «Бизнес»', fields: {} },
      T0,
    );
    markWrapupSubmitted(db, 'old-1', T0);

    const card = buildCallerCard(db, view('now', { calledNumber: '7000' }), OPTIONS);
    expect(card.contact).toEqual({
      id: 'c1',
      name: 'Иван Петров',
      company: 'ООО «Ромашка»',
      notes: 'Prefers mornings',
      tags: ['vip'],
    });
    expect(card.e164).toBe('+74951234567');
    expect(card.numberDisplay).toBe('+7 495 123 45 67');
    expect(card.calledNumber).toBe('7000');
    expect(card.networkName).toBe('Ivan');
    expect(card.recentCalls.map((c) => c.id)).toEqual(['old-1', 'old-2', 'old-3', 'old-4', 'old-5']);
    expect(card.previousCallCount).toBe(7);
    expect(card.recentCalls[0]).toMatchObject({
      disposition: 'order',
      topic: 'Тарифы',
      notes: 'Ordered «Бизнес»',
      outcome: 'answered',
      talkMs: 60_000,
    });
    expect(card.recentCalls[1]).toMatchObject({ outcome: 'missed', disposition: null, talkMs: null });
  });

  it('an unknown number: no contact, no history, and the current call is not its own history', () => {
    const db = freshDb();
    pastCall(db, 'now', 0);
    const card = buildCallerCard(
      db,
      view('now', { remote: { number: '84951234567', uri: 'sip:x@pbx' } }),
      OPTIONS,
    );
    expect(card.contact).toBeNull();
    expect(card.recentCalls).toEqual([]);
    expect(card.previousCallCount).toBe(0);
    expect(card.networkName).toBeNull();
  });

  it('masks the number when the setting is on, and gives no E.164 to copy', () => {
    const db = freshDb();
    const card = buildCallerCard(db, view('now'), { ...OPTIONS, maskNumbers: true });
    expect(card.masked).toBe(true);
    expect(card.e164).toBeNull();
    expect(card.numberDisplay).not.toContain('123');
    expect(card.numberDisplay).toMatch(/67$/);
  });

  it('an extension or a SIP name is shown as it is, with nothing to look up', () => {
    const db = freshDb();
    const card = buildCallerCard(db, view('now', { remote: { number: '102', uri: 'sip:102@pbx' } }), OPTIONS);
    expect(card.numberDisplay).toBe('102');
    expect(card.e164).toBeNull();
    expect(card.recentCalls).toEqual([]);
  });

  it("counts a regular caller's calls up to the cap, without counting the call that rings", () => {
    const db = freshDb();
    const recorder = createCallRecorder({ db, log, defaultRegion: () => 'RU', account: () => undefined });
    const at = (i: number) => T0 - (i + 1) * 60_000;
    for (let i = 0; i < 7; i++) recorder.record(view(`r-${i}`, { startedAt: at(i) }), at(i));
    recorder.record(view('now'), T0);
    expect(buildCallerCard(db, view('now'), OPTIONS).previousCallCount).toBe(7);
    db.transaction(() => {
      for (let i = 7; i < CARD_COUNT_CAP + 20; i++)
        recorder.record(view(`r-${i}`, { startedAt: at(i) }), at(i));
    })();
    recorder.dispose();
    expect(buildCallerCard(db, view('now'), OPTIONS).previousCallCount).toBe(CARD_COUNT_CAP);
  });

  it('long notes are shortened for the card', () => {
    const db = freshDb();
    pastCall(db, 'old', 10);
    putWrapupDraft(db, 'old', { disposition: 'info', topic: '', notes: 'x'.repeat(1000), fields: {} }, T0);
    const card = buildCallerCard(db, view('now'), OPTIONS);
    expect(card.recentCalls[0]!.notes!.length).toBeLessThanOrEqual(280);
    expect(card.recentCalls[0]!.notes!.endsWith('…')).toBe(true);
  });

  it('its queries read the number index, never the whole log', () => {
    const db = freshDb();
    const plan = (sql: string, ...params: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join('\n');
    const recent = plan(CARD_RECENT_CALLS_SQL, '+74951234567', 'x', 5);
    expect(recent).toMatch(/SEARCH c USING INDEX calls_by_number \(remote_e164=\?\)/);
    expect(recent).not.toMatch(/TEMP B-TREE/);
    expect(plan(CARD_CALL_COUNT_SQL, '+74951234567')).toMatch(/USING COVERING INDEX calls_by_number/);
  });
});

describe('screen pop', () => {
  function setup(inPage = false) {
    const db = freshDb();
    const shown: Notification[] = [];
    const withdrawn: string[] = [];
    const notifier: Notifier = {
      inPage,
      notify: (n) => shown.push(n),
      withdraw: (tag) => withdrawn.push(tag),
    };
    const cards: CallerCard[] = [];
    const inPageShown: unknown[] = [];
    const answered: string[] = [];
    const declined: string[] = [];
    let current: CallView[] = [];
    let language: 'en' | 'ru' = 'en';
    const pop = createScreenPop({
      db,
      log,
      notifier,
      view: () => ({ maskNumbers: false, defaultRegion: 'RU', language }),
      calls: () => current,
      emitCard: (card) => cards.push(card),
      emitInPageNotification: (n) => inPageShown.push(n),
      answer: async (id) => void answered.push(id),
      decline: async (id) => void declined.push(id),
    });
    return {
      db,
      pop,
      shown,
      withdrawn,
      cards,
      inPageShown,
      answered,
      declined,
      setCalls: (calls: CallView[]) => (current = calls),
      setLanguage: (l: 'en' | 'ru') => (language = l),
    };
  }

  it('pushes the card once when a call appears and notifies an incoming one with Answer / Decline', async () => {
    const t = setup();
    putContact(t.db, { id: 'c1', name: 'Иван Петров', company: 'Ромашка', notes: null, tags: [] }, [
      { number: '84951234567', e164: '+74951234567' },
    ]);
    t.pop.onCall(view('a'));
    t.pop.onCall(view('a'));
    expect(t.cards).toHaveLength(1);
    expect(t.cards[0]!.contact?.name).toBe('Иван Петров');
    expect(t.shown).toHaveLength(1);
    expect(t.shown[0]).toMatchObject({
      tag: 'call:a',
      title: 'Incoming call',
      body: 'Иван Петров · Ромашка · +7 495 123 45 67',
      actions: [
        { id: 'answer', label: 'Answer' },
        { id: 'decline', label: 'Decline' },
      ],
    });
    t.shown[0]!.onAction!('answer');
    await Promise.resolve();
    expect(t.answered).toEqual(['a']);
    expect(t.inPageShown).toEqual([]);
  });

  it('takes the notification down when the call stops ringing, and only then', () => {
    const t = setup();
    t.pop.onCall(view('a'));
    expect(t.withdrawn).toEqual([]);
    t.pop.onCall(view('a', { state: 'active', answeredAt: T0 + 1000 }));
    expect(t.withdrawn).toEqual(['call:a']);
    t.pop.onCall(view('a', { state: 'ended', endedAt: T0 + 5000 }));
    expect(t.withdrawn).toEqual(['call:a']);
  });

  it('outbound calls get a card and no notification', () => {
    const t = setup();
    t.pop.onCall(view('o', { direction: 'outbound', state: 'dialing' as CallView['state'] }));
    expect(t.cards).toHaveLength(1);
    expect(t.shown).toHaveLength(0);
  });

  it("speaks the operator's language and names the queue called", () => {
    const t = setup();
    t.setLanguage('ru');
    t.pop.onCall(
      view('a', {
        calledNumber: '7000',
        remote: { number: 'anonymous', uri: 'sip:anonymous@anonymous.invalid' },
      }),
    );
    expect(t.shown[0]!.title).toBe('Входящий звонок на 7000');
    expect(t.shown[0]!.actions!.map((a) => a.label)).toEqual(['Ответить', 'Отклонить']);
  });

  it('in the harness the page shows the notification, and its buttons act through the core', async () => {
    const t = setup(true);
    t.pop.onCall(view('a'));
    expect(t.inPageShown).toEqual([
      expect.objectContaining({ tag: 'call:a', title: 'Incoming call', actions: expect.any(Array) }),
    ]);
    expect(t.inPageShown[0]).not.toHaveProperty('onAction');
    t.pop.act('call:a', 'decline');
    await Promise.resolve();
    expect(t.declined).toEqual(['a']);
    t.pop.onCall(view('a', { state: 'ended', endedAt: T0 + 1000 }));
    expect(() => t.pop.act('call:a', 'answer')).toThrow(/no longer current/);
  });

  it('card:get rebuilds the card of a current call (after the operator named the caller) and refuses others', () => {
    const t = setup();
    t.setCalls([view('a')]);
    expect(t.pop.cardFor('a').contact).toBeNull();
    putContact(t.db, { id: 'c9', name: 'Named now', company: null, notes: null, tags: [] }, [
      { number: '84951234567', e164: '+74951234567' },
    ]);
    expect(t.pop.cardFor('a').contact?.name).toBe('Named now');
    expect(() => t.pop.cardFor('gone')).toThrow(/No current call/);
  });

  it('a failure building the card never reaches the phone', () => {
    const t = setup();
    t.db.close();
    dbs.splice(dbs.indexOf(t.db), 1);
    expect(() => t.pop.onCall(view('a'))).not.toThrow();
    expect(t.cards).toHaveLength(0);
  });
});

describe('wrap-ups waiting for the operator', () => {
  it('name the caller by the contact the call is linked to, else by the network name', () => {
    const db = freshDb();
    putContact(db, { id: 'k', name: 'Иван Петров', company: null, notes: null, tags: [] }, [
      { number: '84951234567', e164: '+74951234567' },
    ]);
    pastCall(db, 'known', 10);
    pastCall(db, 'stranger', 5, '84950000000');
    db.prepare("UPDATE calls SET remote_name = 'From the network' WHERE id = 'stranger'").run();
    putWrapupDraft(db, 'known', { disposition: null, topic: '', notes: '', fields: {} }, T0);
    putWrapupDraft(db, 'stranger', { disposition: null, topic: '', notes: '', fields: {} }, T0 + 1);
    const callers = Object.fromEntries(openWrapupDrafts(db).map((w) => [w.callId, w.caller?.name]));
    expect(callers).toEqual({ known: 'Иван Петров', stranger: 'From the network' });
  });
});
