import type { scriptsEn } from './scripts.en.ts';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

// Russian strings of the call-script panel (`scripts.*`).
export const scriptsRu: Widen<typeof scriptsEn> = {
  label: 'Скрипт разговора',
  none: 'Для этого звонка скрипта нет. При необходимости выберите его ниже.',
  loading: 'Загрузка скрипта…',
  choose: 'Скрипт',
  chooseHint: 'Выбранный скрипт начнётся с первого шага.',
  source: {
    builtin: 'встроенный',
    company: 'компании',
    managed: 'от ИТ-службы',
  },
  path: 'Пройденный путь',
  step: 'Шаг: {{title}}',
  hint: 'Совет',
  answers: 'Ответ клиента',
  answerKeys: 'Нажмите 1–{{count}} или перейдите к ответу клавишей Tab и нажмите Enter.',
  finished: 'Скрипт пройден.',
  back: 'Назад',
  backLabel: 'Назад, к предыдущему шагу',
  restart: 'Начать сначала',
  restartLabel: 'Начать сначала, с первого шага',
  locked: 'Итоги этого звонка отправлены: скрипт больше не меняется.',
  afterCall: 'Звонок завершён; поля скрипта можно заполнить, пока итоги не отправлены.',
  gone: 'Скрипт этого звонка больше недоступен.',
  fields: 'Поля',
  required: 'Обязательное поле',
  choicePlaceholder: 'Выберите…',
  numberInvalid: 'Введите число',
  fromScript: 'Из скрипта',
  error: {
    finished: 'Скрипт уже завершён.',
    'not-current': 'Скрипт уже перешёл дальше; показан текущий шаг.',
    'unknown-answer': 'Такого ответа в скрипте больше нет.',
    required: 'Сначала заполните обязательные поля.',
    'unknown-field': 'Такого поля в скрипте больше нет.',
    'bad-value': 'Значение не подходит для этого поля.',
  },
};
