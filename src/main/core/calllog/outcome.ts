import type { CallEndReason, CallView } from '../../../shared/model/call.ts';

// How a call is filed in the log once it ends: what happened for reports (the outcome) and who
// ended it. Derived from the phone's end reason, so the two can never disagree.

export type CallOutcome =
  'answered' | 'missed' | 'declined' | 'busy' | 'failed' | 'cancelled' | 'interrupted';
export type EndedBy = 'local' | 'remote' | 'system';

export function outcomeOf(call: Pick<CallView, 'direction' | 'answeredAt' | 'end'>): CallOutcome {
  if (call.answeredAt !== undefined) return 'answered';
  const reason = call.end?.reason;
  if (call.direction === 'inbound') {
    if (reason === 'declined') return 'declined';
    if (reason === 'caller-cancelled' || reason === 'no-answer' || reason === 'answered-elsewhere')
      return 'missed';
    return 'failed';
  }
  if (reason === 'cancelled' || reason === 'local-hangup') return 'cancelled';
  if (reason === 'busy') return 'busy';
  if (reason === 'declined' || reason === 'rejected') return 'declined';
  return 'failed';
}

const BY_US: ReadonlySet<CallEndReason> = new Set(['local-hangup', 'cancelled', 'transferred']);
const BY_THE_SYSTEM: ReadonlySet<CallEndReason> = new Set([
  'no-answer',
  'media-failed',
  'connection-lost',
  'renderer-gone',
  'incompatible-media',
  'server-error',
]);

export function endedByOf(call: Pick<CallView, 'direction' | 'end'>): EndedBy | undefined {
  const reason = call.end?.reason;
  if (!reason) return undefined;
  if (BY_US.has(reason) || (reason === 'declined' && call.direction === 'inbound')) return 'local';
  if (BY_THE_SYSTEM.has(reason)) return 'system';
  return 'remote';
}
