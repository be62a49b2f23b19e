import type { TFunction } from 'i18next';
import type { OperatorState, OperatorStatus } from '../../../../shared/model/operator.ts';
import type { Settings, UiLanguage } from '../../../../shared/model/settings.ts';

// Words for the operator's state: the reasons come from the settings in the interface language;
// the ones the core sets by itself (missed, not-registered) are translated here.

export function reasonLabel(t: TFunction, settings: Settings, language: UiLanguage, id: string): string {
  const configured = settings.operator.notReadyReasons.find((r) => r.id === id);
  if (configured) return configured.label[language];
  return t(`operator.reason.${id}`, { defaultValue: id });
}

/** "Ready", "Not ready: Lunch", "Offline: phone not connected", "Wrap-up"… */
export function stateText(
  t: TFunction,
  settings: Settings,
  language: UiLanguage,
  state: { state: OperatorState; reason?: string },
): string {
  const name = t(`status.operator.${state.state}`);
  if (!state.reason) return name;
  return t('operator.withReason', { state: name, reason: reasonLabel(t, settings, language, state.reason) });
}

/** The availability the operator chose (selected in the menu): during a call, what follows it. */
export function chosenValue(status: OperatorStatus): string | null {
  const chosen = status.next ?? status;
  if (chosen.state === 'on-call' || chosen.state === 'wrap-up') return null;
  return chosen.state === 'not-ready' ? `not-ready:${chosen.reason ?? ''}` : chosen.state;
}
