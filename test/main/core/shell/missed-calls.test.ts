import { describe, expect, it } from 'vitest';
import { createMissedCalls } from '../../../../src/main/core/shell/missed-calls.ts';
import type { CallEndReason, CallView } from '../../../../src/shared/model/call.ts';

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

function ended(id: string, reason: CallEndReason, patch: Partial<CallView> = {}): CallView {
  return {
    id,
    direction: 'inbound',
    state: 'ended',
    remote: { number: '84951234567', uri: 'sip:84951234567@pbx' },
    muted: false,
    earlyMedia: false,
    startedAt: T0,
    endedAt: T0 + 20_000,
    end: { reason },
    ...patch,
  };
}

describe('missed-call counter', () => {
  it('counts inbound calls that ended unanswered because the caller gave up or nobody answered', () => {
    const missed = createMissedCalls();
    const changes: Array<[number, string]> = [];
    missed.onChange((count, change) => changes.push([count, change]));
    missed.onCall(ended('a', 'caller-cancelled'));
    missed.onCall(ended('b', 'no-answer'));
    expect(missed.count()).toBe(2);
    expect(changes).toEqual([
      [1, 'missed'],
      [2, 'missed'],
    ]);
  });

  it('does not count answered, declined, outbound, answered-elsewhere or still-ringing calls', () => {
    const missed = createMissedCalls();
    missed.onCall(ended('a', 'remote-hangup', { answeredAt: T0 + 3000 }));
    missed.onCall(ended('b', 'declined'));
    missed.onCall(ended('c', 'answered-elsewhere'));
    missed.onCall(ended('d', 'no-answer', { direction: 'outbound' }));
    missed.onCall({ ...ended('e', 'no-answer'), state: 'ringing', end: undefined });
    expect(missed.count()).toBe(0);
  });

  it('counts a call once however often its end is published', () => {
    const missed = createMissedCalls();
    missed.onCall(ended('a', 'caller-cancelled'));
    missed.onCall(ended('a', 'caller-cancelled'));
    expect(missed.count()).toBe(1);
  });

  it('resets when the operator has looked, and says so once', () => {
    const missed = createMissedCalls();
    const changes: string[] = [];
    missed.onChange((count, change) => changes.push(`${change}:${count}`));
    missed.onCall(ended('a', 'caller-cancelled'));
    missed.seen();
    missed.seen();
    expect(missed.count()).toBe(0);
    expect(changes).toEqual(['missed:1', 'seen:0']);
    missed.onCall(ended('b', 'no-answer'));
    expect(missed.count()).toBe(1);
  });
});
