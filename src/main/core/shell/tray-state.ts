import type { Status } from '../../../shared/ipc/contract.ts';
import {
  AUTO_REASONS,
  type NotReadyReason,
  type OperatorSetRequest,
  type OperatorStatus,
} from '../../../shared/model/operator.ts';
import type { UiLanguage } from '../../../shared/model/settings.ts';
import { mainText, type MainStringKey } from '../i18n/main-strings.ts';

// What the tray icon shows, computed from the status alone (pure, so every combination is tested
// under Node; src/main/electron/tray.ts only draws it):
//
//   variant     when (first that applies)                                   dot colour
//   on-call     the operator is on a call                                   blue
//   error       the phone cannot register (failed), or the disk refuses    red
//   offline     the phone is not registered (not set up, offline,          grey
//               connecting), or the operator chose Offline
//   not-ready   Not ready (any reason) or Wrap-up: calls should not come    amber
//   ready       registered and Ready                                        green
//
// On a call wins over an error: the call still works and is what the operator cares about.
// The tooltip says the same in words, in the UI language, plus the missed calls; the badge (macOS
// dock, tray title, Windows overlay) is the count of missed calls since the operator last opened
// History.

export type TrayVariant = 'ready' | 'on-call' | 'not-ready' | 'offline' | 'error';

export interface TrayInput {
  status: Pick<Status, 'registration' | 'operator' | 'storage'>;
  missedCalls: number;
  language: UiLanguage;
  /** The configured not-ready reasons, for their labels. */
  reasons: readonly NotReadyReason[];
}

export interface TrayState {
  variant: TrayVariant;
  /** One line (Windows shows at most 127 characters). */
  tooltip: string;
  missedCalls: number;
  /** "" when nothing was missed; "99+" beyond 99. */
  badge: string;
  /** "3 missed calls" (the Windows overlay's accessible description); "" when none. */
  missedText: string;
}

const TOOLTIP_MAX = 127;

export function trayVariantOf(status: TrayInput['status']): TrayVariant {
  const { registration, operator, storage } = status;
  if (operator.state === 'on-call') return 'on-call';
  if (registration.state === 'failed' || !storage.writable) return 'error';
  if (registration.state !== 'registered' || operator.state === 'offline') return 'offline';
  if (operator.state === 'not-ready' || operator.state === 'wrap-up') return 'not-ready';
  return 'ready';
}

function reasonLabel(reason: string, input: TrayInput): string {
  if (reason === AUTO_REASONS.missed) return mainText(input.language, 'tray.reason.missed');
  return input.reasons.find((r) => r.id === reason)?.label[input.language] ?? reason;
}

function operatorText(operator: OperatorStatus, input: TrayInput): string {
  if (operator.state === 'not-ready' && operator.reason)
    return mainText(input.language, 'tray.operator.notReadyReason', {
      reason: reasonLabel(operator.reason, input),
    });
  return mainText(input.language, `tray.operator.${operator.state}`);
}

const PLURAL_KEYS: Record<string, MainStringKey> = {
  one: 'tray.missed.one',
  few: 'tray.missed.few',
  many: 'tray.missed.many',
  other: 'tray.missed.other',
};

export function missedCallsText(count: number, language: UiLanguage): string {
  if (count <= 0) return '';
  const category = new Intl.PluralRules(language).select(count);
  return mainText(language, PLURAL_KEYS[category] ?? 'tray.missed.other', { count: String(count) });
}

export function trayStateOf(input: TrayInput): TrayState {
  const { registration, operator, storage } = input.status;
  const variant = trayVariantOf(input.status);
  // Registered: the operator's state is the news. Otherwise the phone's (the operator is then
  // Offline by itself, which says less).
  const main =
    registration.state === 'registered' || operator.state === 'on-call'
      ? operatorText(operator, input)
      : mainText(input.language, `tray.phone.${registration.state}`);
  const missedCalls = Math.max(0, Math.floor(input.missedCalls));
  const missedText = missedCallsText(missedCalls, input.language);
  const parts = [main];
  if (!storage.writable) parts.push(mainText(input.language, 'tray.storage'));
  if (missedText) parts.push(missedText);
  let tooltip = `Hotline — ${parts.join(' · ')}`;
  if (tooltip.length > TOOLTIP_MAX) tooltip = `${tooltip.slice(0, TOOLTIP_MAX - 1)}…`;
  return {
    variant,
    tooltip,
    missedCalls,
    badge: missedCalls === 0 ? '' : missedCalls > 99 ? '99+' : String(missedCalls),
    missedText,
  };
}

// ---- the context menu ----------------------------------------------------------------------------

export interface TrayMenuItem {
  /** What a click does: see `trayCommandOf`. Absent on separators and submenu parents. */
  id?: string;
  label?: string;
  type: 'normal' | 'radio' | 'separator' | 'submenu';
  checked?: boolean;
  enabled?: boolean;
  submenu?: TrayMenuItem[];
}

export type TrayCommand =
  { kind: 'show' } | { kind: 'quit' } | { kind: 'operator'; request: OperatorSetRequest };

/** The availability the operator chose: during a call or wrap-up, what follows it. */
function chosen(operator: OperatorStatus): { state: string; reason?: string } {
  if (operator.next) return operator.next;
  return { state: operator.state, ...(operator.reason ? { reason: operator.reason } : {}) };
}

export function trayMenuOf(input: TrayInput): TrayMenuItem[] {
  const text = (key: MainStringKey) => mainText(input.language, key);
  const choice = chosen(input.status.operator);
  return [
    { id: 'show', label: text('tray.menu.show'), type: 'normal' },
    { type: 'separator' },
    { id: 'ready', label: text('tray.menu.ready'), type: 'radio', checked: choice.state === 'ready' },
    {
      label: text('tray.menu.notReady'),
      type: 'submenu',
      submenu: input.reasons.map((reason) => ({
        id: `not-ready:${reason.id}`,
        label: reason.label[input.language],
        type: 'radio' as const,
        checked: choice.state === 'not-ready' && choice.reason === reason.id,
      })),
    },
    { id: 'offline', label: text('tray.menu.offline'), type: 'radio', checked: choice.state === 'offline' },
    { type: 'separator' },
    { id: 'quit', label: text('tray.menu.quit'), type: 'normal' },
  ];
}

/** A menu item's id → what to do; null for an id this menu never makes. */
export function trayCommandOf(id: string): TrayCommand | null {
  if (id === 'show') return { kind: 'show' };
  if (id === 'quit') return { kind: 'quit' };
  if (id === 'ready' || id === 'offline') return { kind: 'operator', request: { state: id } };
  const reason = /^not-ready:(.+)$/.exec(id)?.[1];
  if (reason) return { kind: 'operator', request: { state: 'not-ready', reason } };
  return null;
}
