import {
  ScriptDocumentSchema,
  type ScriptDocument,
  type ScriptDocumentInput,
  type ScriptLanguage,
} from './format.ts';

// The scripts Hotline ships, in Russian and English, from the craft of call-center work:
//
// - greeting (opens by itself for every call unless the company has its own): greet, say your name
//   and the company's, ask whether it is a good time to talk; for an unknown number, ask how to
//   address the caller. Always the formal «Вы». It goes on to the caller's need and branches into
//   the three below, so one script carries a whole call;
// - an unhappy caller: stay calm, listen, paraphrase («Правильно ли я Вас понимаю, что…»),
//   cooperate, apologise, end positively («Спасибо за Ваше терпение»);
// - a rude caller: acknowledge their right to be upset and thank them, share your approach, try to
//   help, show you are ready to continue;
// - closing the call.
//
// The last three also exist as scripts of their own, picked by hand in the panel. Their steps are
// written once below and reused. The texts are what the operator says; `hint` is advice for them.
// A test checks every text against the phrase guard (src/shared/guard): none may trip a rule.

type StepInput = ScriptDocumentInput['steps'][number];

interface Texts {
  greet: { title: string; text: string; hint: string; known: string; unknown: string };
  askName: { title: string; text: string; hint: string; field: string; named: string };
  convenientKnown: { title: string; text: string };
  convenient: { title: string; text: string };
  yes: string;
  later: string;
  callback: { title: string; text: string; field: string; agreed: string };
  need: {
    title: string;
    text: string;
    hint: string;
    field: string;
    topics: string[];
    calm: string;
    unhappy: string;
    rude: string;
  };
  resolve: { title: string; text: string; hint: string; solved: string };
  unhappy: {
    listen: { title: string; text: string; hint: string; told: string };
    paraphrase: {
      title: string;
      text: string;
      hint: string;
      field: string;
      confirmed: string;
      corrected: string;
    };
    cooperate: { title: string; text: string; hint: string; agreed: string };
    apologise: { title: string; text: string; next: string };
    thanks: { title: string; text: string; next: string };
  };
  rude: {
    acknowledge: { title: string; text: string; hint: string; next: string };
    approach: { title: string; text: string; agreed: string; still: string };
    help: { title: string; text: string; field: string; solved: string; still: string };
    ready: { title: string; text: string; hint: string; resumed: string; end: string };
  };
  closing: {
    more: { title: string; text: string; another: string; anotherEnds: string; done: string };
    bye: { title: string; text: string; hint: string };
  };
  titles: { greeting: string; unhappy: string; rude: string; closing: string };
  descriptions: { greeting: string; unhappy: string; rude: string; closing: string };
}

const RU: Texts = {
  greet: {
    title: 'Приветствие',
    text: '{{greeting}}! Компания «{{company.name}}», меня зовут {{operator.name}}.',
    hint: 'Говорите спокойно и приветливо: улыбка слышна в голосе. Посмотрите в карточку, знаком ли номер.',
    known: 'Клиент известен',
    unknown: 'Номер неизвестен',
  },
  askName: {
    title: 'Как обращаться',
    text: 'Подскажите, пожалуйста, как я могу к Вам обращаться?',
    hint: 'Запишите имя. Его можно сохранить и в карточке клиента: тогда оно подставится в текст скрипта.',
    field: 'Как обращаться к клиенту',
    named: 'Клиент представился',
  },
  convenientKnown: { title: 'Удобно ли говорить', text: '{{caller.name}}, Вам сейчас удобно говорить?' },
  convenient: { title: 'Удобно ли говорить', text: 'Очень приятно! Вам сейчас удобно говорить?' },
  yes: 'Удобно',
  later: 'Просит перезвонить',
  callback: {
    title: 'Перезвонить позже',
    text: 'Конечно. Подскажите, когда Вам будет удобно, чтобы мы перезвонили?',
    field: 'Когда перезвонить',
    agreed: 'Время согласовано',
  },
  need: {
    title: 'Суть обращения',
    text: 'Чем я могу Вам помочь?',
    hint: 'Слушайте внимательно и не перебивайте. Отметьте тему обращения.',
    field: 'Тема обращения',
    topics: ['Консультация', 'Заказ', 'Жалоба', 'Другое'],
    calm: 'Обычный вопрос',
    unhappy: 'Клиент недоволен',
    rude: 'Клиент грубит',
  },
  resolve: {
    title: 'Ответ на вопрос',
    text: 'Спасибо за вопрос! Сейчас всё подробно расскажу.',
    hint: 'Найдите ответ в базе знаний. Если нужно время, скажите: «Одну минуту, пожалуйста, я уточню информацию».',
    solved: 'Вопрос решён',
  },
  unhappy: {
    listen: {
      title: 'Выслушать',
      text: 'Я Вас внимательно слушаю. Расскажите, пожалуйста, что произошло.',
      hint: 'Сохраняйте спокойствие и ровный тон. Дайте клиенту высказаться до конца, не перебивайте и не спорьте.',
      told: 'Клиент рассказал',
    },
    paraphrase: {
      title: 'Перефразировать',
      text: 'Правильно ли я Вас понимаю, что [суть жалобы своими словами]?',
      hint: 'Повторите суть своими словами: клиент услышит, что его поняли. Запишите её.',
      field: 'Суть жалобы',
      confirmed: 'Клиент подтвердил',
      corrected: 'Клиент уточнил',
    },
    cooperate: {
      title: 'Найти решение вместе',
      text: 'Давайте вместе найдём решение. Со своей стороны я сделаю следующее: [что именно Вы предлагаете].',
      hint: 'Предложите конкретный шаг и срок. Говорите «мы» и «давайте», а не «Вам нужно».',
      agreed: 'Решение принято',
    },
    apologise: {
      title: 'Извиниться',
      text: 'Приношу извинения за доставленные неудобства. Мне жаль, что так получилось.',
      next: 'Клиент принял извинения',
    },
    thanks: {
      title: 'Завершить позитивно',
      text: 'Спасибо за Ваше терпение! Мы ценим, что Вы сообщили нам об этом: это помогает нам становиться лучше.',
      next: 'Перейти к завершению',
    },
  },
  rude: {
    acknowledge: {
      title: 'Признать право на недовольство',
      text: 'Я понимаю, что ситуация Вас расстроила, и Вы вправе быть недовольны. Спасибо, что сказали нам об этом прямо.',
      hint: 'Не отвечайте резкостью на резкость и не принимайте слова на свой счёт. Говорите ровно и спокойно.',
      next: 'Клиент слушает',
    },
    approach: {
      title: 'Рассказать, как будете действовать',
      text: 'Чтобы помочь Вам как можно быстрее, предлагаю так: сначала я уточню пару деталей, а затем предложу решение.',
      agreed: 'Клиент согласен',
      still: 'Клиент продолжает грубить',
    },
    help: {
      title: 'Помочь',
      text: 'Расскажите, пожалуйста, что случилось, и я сразу займусь Вашим вопросом.',
      field: 'Вопрос клиента',
      solved: 'Вопрос решён',
      still: 'Клиент продолжает грубить',
    },
    ready: {
      title: 'Показать готовность продолжить',
      text: 'Мне важно решить Ваш вопрос, и я на связи. Давайте продолжим, когда Вам будет удобно.',
      hint: 'Сделайте паузу и дайте клиенту ответить. Тон остаётся спокойным и доброжелательным.',
      resumed: 'Клиент готов продолжить',
      end: 'Завершить разговор',
    },
  },
  closing: {
    more: {
      title: 'Ещё вопросы',
      text: 'Могу ли я помочь Вам чем-то ещё?',
      another: 'Есть ещё вопрос',
      anotherEnds: 'Есть ещё вопрос (продолжить без скрипта)',
      done: 'Вопросов больше нет',
    },
    bye: {
      title: 'Прощание',
      text: 'Спасибо, что обратились в компанию «{{company.name}}». Всего Вам доброго!',
      hint: 'Дождитесь, пока клиент попрощается, и только потом завершайте звонок.',
    },
  },
  titles: {
    greeting: 'Приветствие и разговор',
    unhappy: 'Недовольный клиент',
    rude: 'Грубый клиент',
    closing: 'Завершение звонка',
  },
  descriptions: {
    greeting: 'Приветствие, обращение к клиенту, суть вопроса, работа с недовольством и завершение звонка.',
    unhappy: 'Спокойствие, выслушать, перефразировать, сотрудничать, извиниться, завершить позитивно.',
    rude: 'Признать право на недовольство, рассказать о своём подходе, помочь, показать готовность продолжить.',
    closing: 'Предложить помощь ещё раз и вежливо попрощаться.',
  },
};

const EN: Texts = {
  greet: {
    title: 'Greeting',
    text: '{{greeting}}! This is {{company.name}}, {{operator.name}} speaking.',
    hint: 'Speak calmly and warmly: a smile can be heard. Check the card to see whether the number is known.',
    known: 'Known caller',
    unknown: 'Unknown number',
  },
  askName: {
    title: 'How to address the caller',
    text: 'How may I address you, please?',
    hint: 'Write the name down. Save it in the caller card too, and the script will use it.',
    field: 'How to address the caller',
    named: 'The caller gave a name',
  },
  convenientKnown: { title: 'A good time to talk?', text: '{{caller.name}}, is this a good time to talk?' },
  convenient: { title: 'A good time to talk?', text: 'Nice to meet you! Is this a good time to talk?' },
  yes: 'Good time',
  later: 'Asks to be called back',
  callback: {
    title: 'Call back later',
    text: 'Of course. When would be a good time for us to call you back?',
    field: 'When to call back',
    agreed: 'Time agreed',
  },
  need: {
    title: 'The caller’s need',
    text: 'How can I help you today?',
    hint: 'Listen carefully and let the caller finish. Mark the topic of the call.',
    field: 'Topic',
    topics: ['Consultation', 'Order', 'Complaint', 'Other'],
    calm: 'A regular question',
    unhappy: 'The caller is unhappy',
    rude: 'The caller is rude',
  },
  resolve: {
    title: 'Answer the question',
    text: 'Thank you for your question! Let me walk you through it.',
    hint: 'Find the answer in the knowledge base. If you need a moment, say: “One moment, please, let me check that for you.”',
    solved: 'Question resolved',
  },
  unhappy: {
    listen: {
      title: 'Listen',
      text: 'I am listening. Please tell me what happened.',
      hint: 'Stay calm and keep an even tone. Let the caller finish; do not interrupt or argue.',
      told: 'The caller has explained',
    },
    paraphrase: {
      title: 'Paraphrase',
      text: 'Do I understand correctly that [the complaint in your own words]?',
      hint: 'Repeat the point in your own words, so the caller hears they were understood. Write it down.',
      field: 'The complaint in short',
      confirmed: 'The caller confirmed',
      corrected: 'The caller corrected me',
    },
    cooperate: {
      title: 'Find a solution together',
      text: 'Let’s find a solution together. Here is what I will do for you: [the step you offer].',
      hint: 'Offer a concrete step and a time frame. Say “we” and “let’s” rather than giving orders.',
      agreed: 'Solution agreed',
    },
    apologise: {
      title: 'Apologise',
      text: 'I apologise for the inconvenience. I am sorry this happened.',
      next: 'The caller accepted the apology',
    },
    thanks: {
      title: 'End positively',
      text: 'Thank you for your patience! We appreciate you letting us know: it helps us get better.',
      next: 'Go to closing',
    },
  },
  rude: {
    acknowledge: {
      title: 'Acknowledge their right to be upset',
      text: 'I understand this situation has upset you, and you have every right to be unhappy about it. Thank you for telling us directly.',
      hint: 'Do not answer sharpness with sharpness, and do not take the words personally. Keep your voice calm and even.',
      next: 'The caller is listening',
    },
    approach: {
      title: 'Share your approach',
      text: 'To help you as quickly as possible, here is what I suggest: first I will check a couple of details, then I will offer you a solution.',
      agreed: 'The caller agrees',
      still: 'The caller is still rude',
    },
    help: {
      title: 'Help',
      text: 'Please tell me what happened, and I will get on it right away.',
      field: 'The caller’s question',
      solved: 'Question resolved',
      still: 'The caller is still rude',
    },
    ready: {
      title: 'Show you are ready to continue',
      text: 'Resolving your question matters to me, and I am here to help. Let’s continue whenever you are ready.',
      hint: 'Pause and let the caller answer. Keep your tone calm and friendly.',
      resumed: 'The caller is ready to continue',
      end: 'End the conversation',
    },
  },
  closing: {
    more: {
      title: 'Anything else',
      text: 'Is there anything else I can help you with?',
      another: 'Another question',
      anotherEnds: 'Another question (go on without the script)',
      done: 'Nothing else',
    },
    bye: {
      title: 'Goodbye',
      text: 'Thank you for your time, and thank you for choosing {{company.name}}. Goodbye!',
      hint: 'Let the caller say goodbye first, then end the call.',
    },
  },
  titles: {
    greeting: 'Greeting and conversation',
    unhappy: 'An unhappy caller',
    rude: 'A rude caller',
    closing: 'Closing the call',
  },
  descriptions: {
    greeting: 'Greeting, addressing the caller, their need, handling discontent, and closing the call.',
    unhappy: 'Stay calm, listen, paraphrase, cooperate, apologise, end positively.',
    rude: 'Acknowledge their right to be upset, share your approach, help, show you are ready to continue.',
    closing: 'Offer help once more and say goodbye politely.',
  },
};

const CLOSING_START = 'close-more';

function unhappySteps(t: Texts['unhappy'], after: string): StepInput[] {
  return [
    {
      id: 'unhappy-listen',
      title: t.listen.title,
      text: t.listen.text,
      hint: t.listen.hint,
      answers: [{ id: 'told', label: t.listen.told, next: 'unhappy-paraphrase' }],
    },
    {
      id: 'unhappy-paraphrase',
      title: t.paraphrase.title,
      text: t.paraphrase.text,
      hint: t.paraphrase.hint,
      fields: [{ id: 'complaint', label: t.paraphrase.field, type: 'text', required: true }],
      answers: [
        { id: 'confirmed', label: t.paraphrase.confirmed, next: 'unhappy-cooperate' },
        { id: 'corrected', label: t.paraphrase.corrected, next: 'unhappy-paraphrase' },
      ],
    },
    {
      id: 'unhappy-cooperate',
      title: t.cooperate.title,
      text: t.cooperate.text,
      hint: t.cooperate.hint,
      answers: [{ id: 'agreed', label: t.cooperate.agreed, next: 'unhappy-apologise' }],
    },
    {
      id: 'unhappy-apologise',
      title: t.apologise.title,
      text: t.apologise.text,
      answers: [{ id: 'accepted', label: t.apologise.next, next: 'unhappy-thanks' }],
    },
    {
      id: 'unhappy-thanks',
      title: t.thanks.title,
      text: t.thanks.text,
      answers: [{ id: 'next', label: t.thanks.next, next: after }],
    },
  ];
}

function rudeSteps(t: Texts['rude'], after: string): StepInput[] {
  return [
    {
      id: 'rude-acknowledge',
      title: t.acknowledge.title,
      text: t.acknowledge.text,
      hint: t.acknowledge.hint,
      answers: [{ id: 'listening', label: t.acknowledge.next, next: 'rude-approach' }],
    },
    {
      id: 'rude-approach',
      title: t.approach.title,
      text: t.approach.text,
      answers: [
        { id: 'agreed', label: t.approach.agreed, next: 'rude-help' },
        { id: 'still-rude', label: t.approach.still, next: 'rude-ready' },
      ],
    },
    {
      id: 'rude-help',
      title: t.help.title,
      text: t.help.text,
      fields: [{ id: 'question', label: t.help.field, type: 'text' }],
      answers: [
        { id: 'solved', label: t.help.solved, next: after },
        { id: 'still-rude', label: t.help.still, next: 'rude-ready' },
      ],
    },
    {
      id: 'rude-ready',
      title: t.ready.title,
      text: t.ready.text,
      hint: t.ready.hint,
      answers: [
        { id: 'resumed', label: t.ready.resumed, next: 'rude-help' },
        { id: 'end', label: t.ready.end, next: after },
      ],
    },
  ];
}

/** `another`: where "another question" leads; null ends the script (the operator goes on freely). */
function closingSteps(t: Texts['closing'], another: string | null): StepInput[] {
  return [
    {
      id: CLOSING_START,
      title: t.more.title,
      text: t.more.text,
      answers: [
        { id: 'another', label: another === null ? t.more.anotherEnds : t.more.another, next: another },
        { id: 'done', label: t.more.done, next: 'close-bye' },
      ],
    },
    { id: 'close-bye', title: t.bye.title, text: t.bye.text, hint: t.bye.hint, final: true },
  ];
}

function greetingSteps(t: Texts): StepInput[] {
  const convenientAnswers = [
    { id: 'yes', label: t.yes, next: 'need' },
    { id: 'later', label: t.later, next: 'callback' },
  ];
  return [
    {
      id: 'greet',
      title: t.greet.title,
      text: t.greet.text,
      hint: t.greet.hint,
      answers: [
        { id: 'known', label: t.greet.known, next: 'convenient-known' },
        { id: 'unknown', label: t.greet.unknown, next: 'ask-name' },
      ],
    },
    {
      id: 'ask-name',
      title: t.askName.title,
      text: t.askName.text,
      hint: t.askName.hint,
      fields: [{ id: 'caller-name', label: t.askName.field, type: 'text', required: true }],
      answers: [{ id: 'named', label: t.askName.named, next: 'convenient' }],
    },
    {
      id: 'convenient-known',
      title: t.convenientKnown.title,
      text: t.convenientKnown.text,
      answers: convenientAnswers,
    },
    { id: 'convenient', title: t.convenient.title, text: t.convenient.text, answers: convenientAnswers },
    {
      id: 'callback',
      title: t.callback.title,
      text: t.callback.text,
      fields: [{ id: 'callback-time', label: t.callback.field, type: 'text' }],
      answers: [{ id: 'agreed', label: t.callback.agreed, next: 'close-bye' }],
    },
    {
      id: 'need',
      title: t.need.title,
      text: t.need.text,
      hint: t.need.hint,
      fields: [{ id: 'topic', label: t.need.field, type: 'choice', options: t.need.topics }],
      answers: [
        { id: 'regular', label: t.need.calm, next: 'resolve' },
        { id: 'unhappy', label: t.need.unhappy, next: 'unhappy-listen' },
        { id: 'rude', label: t.need.rude, next: 'rude-acknowledge' },
      ],
    },
    {
      id: 'resolve',
      title: t.resolve.title,
      text: t.resolve.text,
      hint: t.resolve.hint,
      answers: [
        { id: 'solved', label: t.resolve.solved, next: CLOSING_START },
        { id: 'unhappy', label: t.need.unhappy, next: 'unhappy-listen' },
      ],
    },
  ];
}

function scriptsFor(language: ScriptLanguage, t: Texts): ScriptDocumentInput[] {
  const base = { format: 'hotline-script', version: 1, revision: 1, language } as const;
  return [
    {
      ...base,
      id: `builtin.greeting.${language}`,
      title: t.titles.greeting,
      description: t.descriptions.greeting,
      rules: [{}],
      start: 'greet',
      steps: [
        ...greetingSteps(t),
        ...unhappySteps(t.unhappy, CLOSING_START),
        ...rudeSteps(t.rude, CLOSING_START),
        ...closingSteps(t.closing, 'need'),
      ],
    },
    {
      ...base,
      id: `builtin.unhappy.${language}`,
      title: t.titles.unhappy,
      description: t.descriptions.unhappy,
      start: 'unhappy-listen',
      steps: [...unhappySteps(t.unhappy, CLOSING_START), ...closingSteps(t.closing, null)],
    },
    {
      ...base,
      id: `builtin.rude.${language}`,
      title: t.titles.rude,
      description: t.descriptions.rude,
      start: 'rude-acknowledge',
      steps: [...rudeSteps(t.rude, CLOSING_START), ...closingSteps(t.closing, null)],
    },
    {
      ...base,
      id: `builtin.closing.${language}`,
      title: t.titles.closing,
      description: t.descriptions.closing,
      start: CLOSING_START,
      steps: closingSteps(t.closing, null),
    },
  ];
}

/** Ids starting with this are Hotline's own: an import may not use them. */
export const BUILTIN_PREFIX = 'builtin.';

/** The built-in scripts as the app uses them (parsed, defaults filled), Russian first. */
export const BUILTIN_SCRIPTS: readonly ScriptDocument[] = [
  ...scriptsFor('ru', RU),
  ...scriptsFor('en', EN),
].map((input) => ScriptDocumentSchema.parse(input));

/** The built-in scripts as written (for the validation test and for export as a template). */
export function builtinScriptInputs(): ScriptDocumentInput[] {
  return [...scriptsFor('ru', RU), ...scriptsFor('en', EN)];
}
