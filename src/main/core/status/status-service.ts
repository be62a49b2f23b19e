import type { Status } from '../../../shared/ipc/contract.ts';

// What the status bar shows: registration and operator state. The phone (SIP registration) and the
// operator-state machine feed it as they land; until the account is complete it says so, which is
// the first thing a new operator needs to know.

export interface StatusService {
  get(): Status;
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
