import type { UiLanguage } from '../../../shared/model/settings.ts';

// The few texts main shows itself (OS notifications), in the operator's language. Everything on
// screen is translated by the renderer's i18next; this table stays deliberately small.

const STRINGS = {
  en: {
    'incoming.title': 'Incoming call',
    'incoming.titleQueue': 'Incoming call to {{called}}',
    'incoming.answer': 'Answer',
    'incoming.decline': 'Decline',
    'incoming.unknown': 'Unknown number',
    'callback.title': 'Time to call back: {{who}}',
    'callback.due': 'Due at {{time}}',
    'callback.anyone': 'for anyone on the team',
    'tray.phone.not-configured': 'Phone not set up',
    'tray.phone.unregistered': 'Phone offline',
    'tray.phone.registering': 'Connecting…',
    'tray.phone.registered': 'Phone ready',
    'tray.phone.failed': 'Phone unavailable',
    'tray.operator.offline': 'Offline',
    'tray.operator.ready': 'Ready',
    'tray.operator.not-ready': 'Not ready',
    'tray.operator.notReadyReason': 'Not ready: {{reason}}',
    'tray.operator.on-call': 'On a call',
    'tray.operator.wrap-up': 'Wrap-up',
    'tray.reason.missed': 'a call was missed',
    'tray.storage': 'cannot save to disk',
    'tray.missed.one': '{{count}} missed call',
    'tray.missed.few': '{{count}} missed calls',
    'tray.missed.many': '{{count}} missed calls',
    'tray.missed.other': '{{count}} missed calls',
    'tray.menu.show': 'Show Hotline',
    'tray.menu.ready': 'Ready',
    'tray.menu.notReady': 'Not ready',
    'tray.menu.offline': 'Offline',
    'tray.menu.quit': 'Quit Hotline',
  },
  ru: {
    'incoming.title': 'Входящий звонок',
    'incoming.titleQueue': 'Входящий звонок на {{called}}',
    'incoming.answer': 'Ответить',
    'incoming.decline': 'Отклонить',
    'incoming.unknown': 'Номер не определён',
    'callback.title': 'Пора перезвонить: {{who}}',
    'callback.due': 'Назначено на {{time}}',
    'callback.anyone': 'для любого оператора',
    'tray.phone.not-configured': 'Телефон не настроен',
    'tray.phone.unregistered': 'Телефон не в сети',
    'tray.phone.registering': 'Подключение…',
    'tray.phone.registered': 'Телефон готов',
    'tray.phone.failed': 'Телефон недоступен',
    'tray.operator.offline': 'Не в сети',
    'tray.operator.ready': 'Готов',
    'tray.operator.not-ready': 'Не готов',
    'tray.operator.notReadyReason': 'Не готов: {{reason}}',
    'tray.operator.on-call': 'Разговор',
    'tray.operator.wrap-up': 'Обработка звонка',
    'tray.reason.missed': 'пропущен звонок',
    'tray.storage': 'не удаётся сохранить на диск',
    'tray.missed.one': '{{count}} пропущенный звонок',
    'tray.missed.few': '{{count}} пропущенных звонка',
    'tray.missed.many': '{{count}} пропущенных звонков',
    'tray.missed.other': '{{count}} пропущенного звонка',
    'tray.menu.show': 'Показать Hotline',
    'tray.menu.ready': 'Готов',
    'tray.menu.notReady': 'Не готов',
    'tray.menu.offline': 'Не в сети',
    'tray.menu.quit': 'Выйти из Hotline',
  },
} as const satisfies Record<UiLanguage, Record<string, string>>;

export type MainStringKey = keyof (typeof STRINGS)['en'];

export function mainText(
  language: UiLanguage,
  key: MainStringKey,
  vars: Record<string, string> = {},
): string {
  return STRINGS[language][key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => vars[name] ?? '');
}
