import type { z } from 'zod';
import type { CallerCard } from '../../../shared/model/caller-card.ts';
import type {
  CallbacksListRequestSchema,
  CallbackView,
  RequestsListRequestSchema,
  RequestView,
} from '../../../shared/model/follow-ups.ts';
import type { UiLanguage } from '../../../shared/model/settings.ts';
import { toE164 } from '../../../shared/phone/dial-target.ts';
import { shownNumber } from '../../../shared/phone/mask-number.ts';
import { AppError } from '../app-error.ts';
import { mainText } from '../i18n/main-strings.ts';
import type { Logger } from '../log/logger.ts';
import type { Notifier } from '../ports.ts';
import type { Db } from '../store/database.ts';
import {
  dueToRemind,
  finishCallback,
  getCallback,
  listCallbacks,
  markReminded,
  nextReminderAt,
} from './callbacks-table.ts';
import { requestsByContact, requestsByNumber } from './requests-table.ts';

// Requests and callbacks after the wrap-up created them: lists for the caller card and the
// workspace, completing a callback, and the callback reminder.
//
// The reminder keeps one timer, set for the soonest callback not yet reminded. It reads the table
// each time it is armed (at start, after a wrap-up scheduled one, after one was completed), so a
// restart picks up where it left off: a callback that fell due while Hotline was closed is reminded
// at once. A reminder goes to the OS (Notifier port, in the operator's language) and to the page
// (`callback:due`), then `reminded_at` is set, so it is not repeated. Long waits are cut into
// hour-long steps: a timer of days would overflow, and a laptop's sleep makes long timers late.

const MAX_WAIT_MS = 60 * 60_000;
/** After a failure to read or write the table, wait this long rather than spin. */
const RETRY_AFTER_ERROR_MS = 60_000;
const BATCH = 50;
const CARD_LIMIT = 5;

export type RequestsQuery = z.output<typeof RequestsListRequestSchema>;
export type CallbacksQuery = z.output<typeof CallbacksListRequestSchema>;

export interface FollowUpService {
  requests(query: RequestsQuery): RequestView[];
  callbacks(query: CallbacksQuery): CallbackView[];
  /** Marks a scheduled callback done; NOT_FOUND / LOCKED when it is unknown / no longer scheduled. */
  completeCallback(id: string, at?: number): CallbackView;
  /** Open requests and scheduled callbacks for the caller card. */
  cardExtras: {
    openRequests(e164: string, contactId: string | null): CallerCard['openRequests'];
    callbacks(e164: string, contactId: string | null): CallerCard['callbacks'];
  };
  /** The callbacks changed (one scheduled or completed): re-arm the reminder. */
  reschedule(): void;
  start(): void;
  stop(): void;
}

export interface FollowUpServiceOptions {
  db: Db;
  log: Logger;
  notifier: Notifier;
  view: () => { language: UiLanguage; defaultRegion: string; maskNumbers: boolean };
  /** The page shows the reminder too (and is the only place that does in the harness). */
  emitDue: (callback: CallbackView) => void;
}

export const callbackTag = (id: string) => `callback:${id}`;

export function createFollowUpService(options: FollowUpServiceOptions): FollowUpService {
  const { db, log } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;

  const normalized = (number: string) => toE164(number, options.view().defaultRegion) ?? number.trim();

  function arm(delayAtLeast = 0): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!running) return;
    let next: number | undefined;
    try {
      next = nextReminderAt(db);
    } catch (error) {
      log.error('cannot read callbacks for reminders', { error });
      next = Date.now() + RETRY_AFTER_ERROR_MS;
    }
    if (next === undefined) return;
    const wait = Math.min(MAX_WAIT_MS, Math.max(delayAtLeast, next - Date.now(), 0));
    timer = setTimeout(fire, wait);
    timer.unref?.();
  }

  function remind(callback: CallbackView): void {
    const { language, defaultRegion, maskNumbers } = options.view();
    const number = shownNumber(callback.number, { defaultRegion, mask: maskNumbers });
    const time = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }).format(
      callback.dueAt,
    );
    const body = [
      callback.name ? number : null,
      mainText(language, 'callback.due', { time }),
      callback.assignee === 'anyone' ? mainText(language, 'callback.anyone') : null,
      callback.note || null,
    ];
    options.notifier.notify({
      tag: callbackTag(callback.id),
      title: mainText(language, 'callback.title', { who: callback.name ?? number }),
      body: body.filter(Boolean).join(' · '),
    });
    options.emitDue(callback);
  }

  function fire(): void {
    timer = undefined;
    let failed = false;
    try {
      const now = Date.now();
      for (const id of dueToRemind(db, now, BATCH)) {
        const callback = getCallback(db, id);
        if (!callback) continue;
        // Shown before it is marked: a crash in between repeats a reminder rather than losing it.
        try {
          remind(callback);
        } catch (error) {
          log.error('callback reminder could not be shown', { id, error });
        }
        markReminded(db, id, now);
      }
    } catch (error) {
      failed = true;
      log.error('callback reminders failed; trying again later', { error });
    }
    arm(failed ? RETRY_AFTER_ERROR_MS : 0);
  }

  function requests(query: RequestsQuery): RequestView[] {
    if (query.contactId !== undefined)
      return requestsByContact(db, query.contactId, query.status, query.limit);
    return requestsByNumber(db, normalized(query.number ?? ''), query.status, query.limit);
  }

  return {
    requests,
    callbacks: (query) =>
      listCallbacks(db, {
        state: query.state,
        dueBefore: query.dueBefore,
        contactId: query.contactId,
        number: query.number === undefined ? undefined : normalized(query.number),
        limit: query.limit,
      }),
    completeCallback(id, at = Date.now()) {
      if (!finishCallback(db, id, 'done', at)) {
        if (!getCallback(db, id)) throw new AppError('NOT_FOUND', `No callback ${id}`);
        throw new AppError('LOCKED', 'This callback is no longer scheduled');
      }
      options.notifier.withdraw(callbackTag(id));
      arm();
      return getCallback(db, id)!;
    },
    cardExtras: {
      openRequests(e164, contactId) {
        const byNumber = requestsByNumber(db, e164, 'open', CARD_LIMIT);
        const byContact = contactId ? requestsByContact(db, contactId, 'open', CARD_LIMIT) : [];
        const merged = new Map([...byContact, ...byNumber].map((r) => [r.id, r]));
        return [...merged.values()]
          .sort((a, b) => b.createdAt - a.createdAt)
          .slice(0, CARD_LIMIT)
          .map((r) => ({
            id: r.id,
            type: r.type,
            summary: [r.product, r.quantity === null ? '' : `× ${r.quantity}`, r.comment]
              .filter(Boolean)
              .join(' '),
            createdAt: r.createdAt,
          }));
      },
      callbacks(e164, contactId) {
        const query = { state: 'scheduled' as const, limit: CARD_LIMIT };
        const byNumber = listCallbacks(db, { ...query, number: e164 });
        const byContact = contactId ? listCallbacks(db, { ...query, contactId }) : [];
        const merged = new Map([...byContact, ...byNumber].map((c) => [c.id, c]));
        return [...merged.values()]
          .sort((a, b) => a.dueAt - b.dueAt)
          .slice(0, CARD_LIMIT)
          .map((c) => ({ id: c.id, dueAt: c.dueAt, note: c.note || null }));
      },
    },
    reschedule: () => arm(),
    start() {
      running = true;
      arm();
    },
    stop() {
      running = false;
      arm();
    },
  };
}
