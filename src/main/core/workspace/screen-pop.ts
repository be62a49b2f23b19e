import type { CallView } from '../../../shared/model/call.ts';
import type { CallerCard } from '../../../shared/model/caller-card.ts';
import type { UiLanguage } from '../../../shared/model/settings.ts';
import { AppError } from '../app-error.ts';
import { mainText } from '../i18n/main-strings.ts';
import type { Logger } from '../log/logger.ts';
import type { Notification, Notifier } from '../ports.ts';
import type { Db } from '../store/database.ts';
import { buildCallerCard, type CardExtras } from './caller-card.ts';

// The screen pop: when a call appears, the caller card goes to the page at once (an event, no round
// trip), and an incoming call raises an OS notification with Answer / Decline, taken down as soon as
// the call stops ringing. Nothing here may break the phone: a failure is logged and the call goes on.

export interface ScreenPopOptions {
  db: Db;
  log: Logger;
  notifier: Notifier;
  view: () => { maskNumbers: boolean; defaultRegion: string; language: UiLanguage };
  extras?: CardExtras;
  /** The calls the phone has now (for `card:get`). */
  calls: () => CallView[];
  emitCard: (card: CallerCard) => void;
  emitInPageNotification: (
    notification: Omit<Notification, 'onAction' | 'onClick'> & { tag: string },
  ) => void;
  answer: (callId: string) => Promise<void>;
  decline: (callId: string) => Promise<void>;
}

export interface ScreenPop {
  /** Every `call:updated` view, after the call log has it. */
  onCall(call: CallView): void;
  /** The card for a current call again (after the operator named an unknown caller). */
  cardFor(callId: string): CallerCard;
  /** The page's Answer / Decline on the in-page notification (harness). */
  act(tag: string, actionId: string): void;
}

const tagOf = (callId: string) => `call:${callId}`;

export function createScreenPop(options: ScreenPopOptions): ScreenPop {
  const { log } = options;
  /** Calls whose card went out; a call's card is pushed once, when it first appears. */
  const popped = new Set<string>();
  /** Incoming calls with a notification up, and what its buttons do. */
  const ringing = new Map<string, (actionId: string) => void>();

  function build(call: CallView): CallerCard {
    const { maskNumbers, defaultRegion } = options.view();
    return buildCallerCard(options.db, call, { maskNumbers, defaultRegion, extras: options.extras });
  }

  function notifyIncoming(call: CallView, card: CallerCard): void {
    const { language } = options.view();
    const tag = tagOf(call.id);
    const who = card.contact?.name ?? card.networkName ?? null;
    const number = card.numberDisplay || mainText(language, 'incoming.unknown');
    const company = card.contact?.company;
    const act = (actionId: string) => {
      const run = actionId === 'answer' ? options.answer : options.decline;
      run(call.id).catch((error: unknown) => log.warn('notification action failed', { actionId, error }));
    };
    ringing.set(tag, act);
    const notification: Notification = {
      tag,
      title: card.calledNumber
        ? mainText(language, 'incoming.titleQueue', { called: card.calledNumber })
        : mainText(language, 'incoming.title'),
      body: [who, company, number].filter(Boolean).join(' · '),
      actions: [
        { id: 'answer', label: mainText(language, 'incoming.answer') },
        { id: 'decline', label: mainText(language, 'incoming.decline') },
      ],
      onAction: act,
    };
    options.notifier.notify(notification);
    if (options.notifier.inPage) {
      const { onAction: _onAction, ...plain } = notification;
      options.emitInPageNotification({ ...plain, tag });
    }
  }

  return {
    onCall(call) {
      try {
        if (!popped.has(call.id) && call.state !== 'ended') {
          popped.add(call.id);
          const card = build(call);
          options.emitCard(card);
          if (call.direction === 'inbound' && call.state === 'ringing') notifyIncoming(call, card);
        }
        const tag = tagOf(call.id);
        if (call.state !== 'ringing' && ringing.delete(tag)) options.notifier.withdraw(tag);
        if (call.state === 'ended') popped.delete(call.id);
      } catch (error) {
        log.error('screen pop failed; the call goes on without the card', { callId: call.id, error });
      }
    },
    cardFor(callId) {
      const call = options.calls().find((c) => c.id === callId);
      if (!call) throw new AppError('NOT_FOUND', `No current call ${callId}`);
      return build(call);
    },
    act(tag, actionId) {
      const act = ringing.get(tag);
      if (!act) throw new AppError('NOT_FOUND', 'This notification is no longer current');
      act(actionId);
    },
  };
}
