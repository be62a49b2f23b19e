import type { Status } from '../../../shared/ipc/contract.ts';

// The one status object the window's status bar and the tray both read (`status:changed`): SIP
// registration, the operator's state, the database (writable, repaired at start-up), sync delivery
// and the shell (missed calls, shortcuts that could not be registered). Each section has one writer
// (the phone, the operator-state machine, the call log's health, the sync worker, the shell
// service) that replaces its own section; listeners hear only real changes. The composition root
// seeds it, so before the phone starts it already says whether an account is set up at all.

export interface StatusService {
  get(): Status;
  /** Replaces the sections given (each whole); no event when nothing changed. */
  set(next: Partial<Status>): void;
  onChange(listener: (status: Status) => void): () => void;
}

export function createStatusService(initial: Status): StatusService {
  let current = initial;
  const listeners = new Set<(status: Status) => void>();
  return {
    get: () => current,
    set(next) {
      const merged = { ...current, ...next };
      if (JSON.stringify(merged) === JSON.stringify(current)) return;
      current = merged;
      for (const listener of listeners) listener(current);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
