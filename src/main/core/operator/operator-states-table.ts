import type { OperatorState, OperatorStateRow } from '../../../shared/model/operator.ts';
import { prepared, type Db } from '../store/database.ts';

// The `operator_states` table (migration 0046): one row per state, the open one last.

interface SqlRow {
  seq: number;
  state: OperatorState;
  reason: string | null;
  started_at: number;
  ended_at: number | null;
  seen_at: number;
  interrupted: number;
}

function fromSql(r: SqlRow): OperatorStateRow {
  return {
    seq: r.seq,
    state: r.state,
    reason: r.reason,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    interrupted: r.interrupted === 1,
  };
}

/** Closes the open state (if any) at `at` and opens the next one: call inside a transaction. */
export function switchState(
  db: Db,
  next: { state: OperatorState; reason: string | null },
  at: number,
): number {
  // A clock that stepped back must not make a row end before it started (the CHECK would refuse).
  prepared(
    db,
    'UPDATE operator_states SET ended_at = MAX(started_at, ?), seen_at = MAX(started_at, ?) WHERE ended_at IS NULL',
  ).run(at, at);
  const result = prepared(
    db,
    'INSERT INTO operator_states (state, reason, started_at, seen_at) VALUES (?, ?, ?, ?)',
  ).run(next.state, next.reason, at, at);
  return Number(result.lastInsertRowid);
}

/** Closes the open state at `at` (shutting down). */
export function closeOpenState(db: Db, at: number): void {
  prepared(
    db,
    'UPDATE operator_states SET ended_at = MAX(started_at, ?), seen_at = MAX(started_at, ?) WHERE ended_at IS NULL',
  ).run(at, at);
}

/** Notes that the open state still holds at `at`: where a crash will close it. */
export function touchOpenState(db: Db, at: number): void {
  prepared(db, 'UPDATE operator_states SET seen_at = MAX(seen_at, ?) WHERE ended_at IS NULL').run(at);
}

/**
 * Closes a state a previous run left open (it crashed or was killed) at the last time it was
 * known to hold, marked interrupted. Returns how many (0 or 1).
 */
export function closeInterruptedStates(db: Db): number {
  return prepared(
    db,
    'UPDATE operator_states SET ended_at = seen_at, interrupted = 1 WHERE ended_at IS NULL',
  ).run().changes;
}

export const STATES_IN_RANGE_SQL = `
  SELECT * FROM (
    SELECT * FROM operator_states WHERE started_at < @from ORDER BY started_at DESC, seq DESC LIMIT 1
  ) WHERE ended_at IS NULL OR ended_at > @from
  UNION ALL
  SELECT * FROM (
    SELECT * FROM operator_states WHERE started_at >= @from AND started_at < @to
    ORDER BY started_at, seq LIMIT @limit
  )
  ORDER BY started_at, seq`;

/**
 * The states overlapping [from, to), oldest first: the one that began before `from` and was still
 * on at `from`, then those that began inside the range (at most `limit` of them). States never
 * overlap, so only the latest row before `from` can reach into the range.
 */
export function statesInRange(db: Db, from: number, to: number, limit: number): OperatorStateRow[] {
  const rows = prepared(db, STATES_IN_RANGE_SQL).all({ from, to, limit }) as SqlRow[];
  return rows.map(fromSql);
}

/** Every row, oldest first (tests and diagnostics). */
export function allStates(db: Db): OperatorStateRow[] {
  return (prepared(db, 'SELECT * FROM operator_states ORDER BY seq').all() as SqlRow[]).map(fromSql);
}
