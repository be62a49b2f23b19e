import type { CallView } from '../../../shared/model/call.ts';
import {
  GLOBAL_SHORTCUT_ACTIONS,
  type GlobalShortcutAction,
  type ShortcutFailure,
  type ShortcutsSettings,
} from '../../../shared/model/shortcuts.ts';
import { acceleratorsOverlap } from '../../../shared/shortcuts/accelerator.ts';
import type { Logger } from '../log/logger.ts';
import type { GlobalShortcuts } from '../ports.ts';

// The system-wide shortcuts (settings section `shortcuts`): which keys do what, registered through
// the GlobalShortcuts port, re-registered when the section changes, and what could not be
// registered reported (status `shell.shortcutFailures`), e.g. another program holds the keys.
//
// The actions do what the in-window keys do (features/phone/use-call-hotkeys.ts), so the operator
// learns one behaviour:
//   answer  the call that rings longest
//   hangup  the call in progress (talking, dialling, else on hold); with none, declines the
//           ringing one
//   mute    toggles the microphone of the call in progress
//   show    brings the Hotline window forward

/** The phone as the shortcuts need it. */
export interface ShortcutPhone {
  list(): CallView[];
  answer(callId: string): Promise<void>;
  decline(callId: string): Promise<void>;
  hangup(callId: string): Promise<void>;
  mute(callId: string, muted: boolean): Promise<void>;
}

export function ringingCall(calls: readonly CallView[]): CallView | undefined {
  return calls
    .filter((c) => c.state === 'ringing')
    .reduce<CallView | undefined>(
      (oldest, c) => (!oldest || c.startedAt < oldest.startedAt ? c : oldest),
      undefined,
    );
}

export function currentCall(calls: readonly CallView[]): CallView | undefined {
  return (
    calls.find((c) => c.state === 'active') ??
    calls.find((c) => c.state === 'dialing' || c.state === 'ringback') ??
    calls.find((c) => c.state === 'held')
  );
}

/** Performs one action on the current calls; resolves to what it did (for the log and tests). */
export async function runShortcutAction(
  action: Exclude<GlobalShortcutAction, 'show'>,
  phone: ShortcutPhone,
): Promise<string> {
  const calls = phone.list();
  const ringing = ringingCall(calls);
  const current = currentCall(calls);
  switch (action) {
    case 'answer':
      if (!ringing) return 'nothing';
      await phone.answer(ringing.id);
      return `answer ${ringing.id}`;
    case 'hangup':
      if (current) {
        await phone.hangup(current.id);
        return `hangup ${current.id}`;
      }
      if (ringing) {
        await phone.decline(ringing.id);
        return `decline ${ringing.id}`;
      }
      return 'nothing';
    case 'mute':
      if (!current || current.state !== 'active') return 'nothing';
      await phone.mute(current.id, !current.muted);
      return `${current.muted ? 'unmute' : 'mute'} ${current.id}`;
  }
}

export interface GlobalShortcutManagerOptions {
  port: GlobalShortcuts;
  phone: ShortcutPhone;
  /** The "show Hotline" shortcut. */
  show(): void;
  log: Logger;
  onFailures(failures: ShortcutFailure[]): void;
}

export interface GlobalShortcutManager {
  /** Registers the section's shortcuts (again, when it differs from what is registered). */
  apply(settings: ShortcutsSettings): ShortcutFailure[];
  /** Unregisters everything (quitting). */
  stop(): void;
}

export function createGlobalShortcutManager(options: GlobalShortcutManagerOptions): GlobalShortcutManager {
  const { port, log } = options;
  let applied: string | undefined;

  const handler = (action: GlobalShortcutAction) => () => {
    log.info('global shortcut', { action });
    if (action === 'show') return options.show();
    runShortcutAction(action, options.phone).then(
      (did) => log.debug('global shortcut done', { action, did }),
      // The call may have ended between the key and the request: nothing to tell anyone.
      (error: unknown) => log.warn('global shortcut failed', { action, error }),
    );
  };

  let failures: ShortcutFailure[] = [];

  return {
    apply(settings) {
      const key = JSON.stringify(settings);
      if (key === applied) return failures;
      applied = key;
      port.unregisterAll();
      failures = [];
      const registered: string[] = [];
      if (settings.globalEnabled) {
        for (const action of GLOBAL_SHORTCUT_ACTIONS) {
          const accelerator = settings[action];
          if (accelerator === '') continue;
          if (registered.some((other) => acceleratorsOverlap(other, accelerator))) {
            failures.push({ action, accelerator, reason: 'duplicate' });
            continue;
          }
          let ok: boolean;
          try {
            ok = port.register(accelerator, handler(action));
          } catch (error) {
            log.warn('global shortcut refused by the platform', { action, accelerator, error });
            failures.push({ action, accelerator, reason: 'invalid' });
            continue;
          }
          if (ok) registered.push(accelerator);
          else {
            log.warn('global shortcut taken by another program', { action, accelerator });
            failures.push({ action, accelerator, reason: 'taken' });
          }
        }
      }
      log.info('global shortcuts registered', { registered, failures: failures.length });
      options.onFailures(failures);
      return failures;
    },
    stop() {
      applied = undefined;
      port.unregisterAll();
    },
  };
}
