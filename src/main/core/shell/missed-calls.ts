import type { CallView } from '../../../shared/model/call.ts';

// The missed-call badge: calls the operator missed since they last looked at History.
//
// Counted: an inbound call that rang here and ended unanswered because the caller gave up or the
// ring timed out (the same rule the operator-state machine uses). Not counted: a call declined here
// (the operator chose that), and one answered by a colleague ("answered elsewhere") — the call log
// files it as missed, but nobody needs to call that caller back, and in a ring-all queue it would
// make the badge meaningless.
//
// Reset: when the operator opens History (the renderer sends `shell:missedSeen`). Focusing the
// window does not reset it: looking at the window is not looking at the calls, and the History
// button keeps showing the count until then. Not persisted: a restart starts from zero (the call
// log still has every missed call).

export type MissedChange = 'missed' | 'seen';

export interface MissedCalls {
  /** Every `call:updated`. */
  onCall(call: CallView): void;
  count(): number;
  /** The operator looked. */
  seen(): void;
  onChange(listener: (count: number, change: MissedChange) => void): () => void;
}

export function isMissedHere(call: CallView): boolean {
  return (
    call.state === 'ended' &&
    call.direction === 'inbound' &&
    call.answeredAt === undefined &&
    (call.end?.reason === 'caller-cancelled' || call.end?.reason === 'no-answer')
  );
}

/** Ids already counted, so a repeated `ended` update of one call counts once. */
const REMEMBERED = 200;

export function createMissedCalls(): MissedCalls {
  let count = 0;
  const counted: string[] = [];
  const listeners = new Set<(count: number, change: MissedChange) => void>();
  const emit = (change: MissedChange) => {
    for (const listener of listeners) listener(count, change);
  };
  return {
    onCall(call) {
      if (!isMissedHere(call) || counted.includes(call.id)) return;
      counted.push(call.id);
      if (counted.length > REMEMBERED) counted.shift();
      count += 1;
      emit('missed');
    },
    count: () => count,
    seen() {
      if (count === 0) return;
      count = 0;
      emit('seen');
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
