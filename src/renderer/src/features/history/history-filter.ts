import type { CallLogFilter, CallOutcomeValue } from '../../../../shared/model/call-history.ts';

// What the filter bar holds, and the filter it sends: the list and the export use the same one.

export const PERIODS = ['today', 'week', 'month', 'all', 'custom'] as const;
export type Period = (typeof PERIODS)[number];

export interface HistoryFilterState {
  period: Period;
  /** YYYY-MM-DD, local dates, for the custom period (inclusive). */
  customFrom: string;
  customTo: string;
  direction: 'all' | 'inbound' | 'outbound';
  outcome: 'all' | CallOutcomeValue;
  search: string;
}

export const INITIAL_FILTER: HistoryFilterState = {
  period: 'week',
  customFrom: '',
  customTo: '',
  direction: 'all',
  outcome: 'all',
  search: '',
};

const DAY_COUNT: Partial<Record<Period, number>> = { today: 1, week: 7, month: 30 };

function startOfLocalDay(ms: number, daysBack = 0): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - daysBack).getTime();
}

/** "2026-11-24" → local midnight that day; undefined for an empty or broken value. */
export function localDate(value: string, plusDays = 0): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const time = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays).getTime();
  return Number.isFinite(time) && time >= 0 ? time : undefined;
}

/** The request filter for this state at `now` (periods count whole local days, today included). */
export function toCallLogFilter(state: HistoryFilterState, search: string, now: number): CallLogFilter {
  const filter: CallLogFilter = {};
  const days = DAY_COUNT[state.period];
  if (days !== undefined) filter.from = startOfLocalDay(now, days - 1);
  if (state.period === 'custom') {
    let from = localDate(state.customFrom);
    let to = localDate(state.customTo, 1);
    if (from !== undefined && to !== undefined && from >= to) {
      // Dates typed the wrong way round: take them as the range they describe.
      [from, to] = [localDate(state.customTo), localDate(state.customFrom, 1)];
    }
    if (from !== undefined) filter.from = from;
    if (to !== undefined) filter.to = to;
  }
  if (state.direction !== 'all') filter.direction = state.direction;
  if (state.outcome !== 'all') filter.outcomes = [state.outcome];
  const text = search.trim().slice(0, 100);
  if (text) filter.text = text;
  return filter;
}
