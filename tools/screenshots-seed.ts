import type { CallEndReason, CallView } from '../src/shared/model/call.ts';
import type { HotlineUnderTest } from '../test/helpers/hotline.ts';

// DEV ONLY: a believable morning for the screenshots — contacts, two days of calls with wrap-ups, a
// regular caller with an open order and a callback — written through the real core (the call
// recorder and the IPC handlers the UI uses), so every screen shows what it would in an office.

export const REGULAR = '+74951234567';

const PEOPLE = {
  ru: {
    regular: {
      name: 'Иван Петров',
      company: 'ООО «Ромашка»',
      notes: 'Удобно звонить до 12:00. Бухгалтерия — доб. 204.',
      tags: ['VIP', 'опт'],
    },
    others: [
      'Мария Соколова',
      'Алексей Смирнов',
      'Ольга Кузнецова',
      'Дмитрий Волков',
      null,
      'Елена Морозова',
    ],
    notes: [
      'Уточнила тарифы на доставку в Казань, отправил прайс на почту.',
      'Перенос заказа на пятницу, адрес прежний.',
      'Спрашивал про гарантию на роутер, объяснил порядок обмена.',
      'Жалоба на сроки доставки, принёс извинения, оформил скидку 5%.',
    ],
    topic: 'Доставка',
    product: 'Тариф «Бизнес 100»',
    address: 'Москва, ул. Лесная, 12, офис 4',
    callbackNote: 'Подтвердить дату монтажа',
  },
  en: {
    regular: {
      name: 'John Carter',
      company: 'Acme Ltd',
      notes: 'Best before noon. Accounts: ext. 204.',
      tags: ['VIP', 'wholesale'],
    },
    others: ['Mary Stone', 'Alex Smith', 'Olivia Brown', 'David Wolfe', null, 'Helen Moore'],
    notes: [
      'Asked about delivery rates to Leeds; sent the price list by email.',
      'Moved the order to Friday, same address.',
      'Router warranty question; explained the exchange procedure.',
      'Complained about delivery times; apologised and applied a 5% discount.',
    ],
    topic: 'Delivery',
    product: 'Business 100 plan',
    address: '12 Forest Street, office 4, London',
    callbackNote: 'Confirm the installation date',
  },
} as const;

const DISPOSITIONS = ['info', 'order', 'info', 'complaint', 'callback'];

function dateOf(ms: number): { date: string; time: string } {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    time: `${pad(d.getHours())}:${pad(d.getMinutes())}`,
  };
}

export async function seedOffice(hotline: HotlineUnderTest, language: 'ru' | 'en'): Promise<void> {
  const people = PEOPLE[language];
  const { callLog } = hotline.harness.core;
  await hotline.call('contacts:save', {
    name: people.regular.name,
    company: people.regular.company,
    notes: people.regular.notes,
    tags: [...people.regular.tags],
    numbers: [{ number: REGULAR, label: 'work' }],
  });
  for (const [i, name] of people.others.entries()) {
    if (name)
      await hotline.call('contacts:save', {
        name,
        numbers: [{ number: `+7916555${String(1000 + i * 37).slice(-4)}`, label: 'mobile' }],
      });
  }

  const now = Date.now();
  let n = 0;
  /** One finished call through the recorder; answered ones get a submitted wrap-up. */
  const call = async (options: {
    number: string;
    name: string | null;
    minutesAgo: number;
    direction?: 'inbound' | 'outbound';
    talkS?: number;
    end?: CallEndReason;
    wrapup?: Parameters<HotlineUnderTest['call']>[1] extends never ? never : Record<string, unknown>;
  }) => {
    const id = `seed-${language}-${n++}`;
    const start = now - options.minutesAgo * 60_000;
    const direction = options.direction ?? 'inbound';
    const base: CallView = {
      id,
      direction,
      state: direction === 'inbound' ? 'ringing' : 'dialing',
      remote: {
        number: options.number,
        ...(options.name ? { displayName: options.name } : {}),
        uri: `sip:${options.number}@pbx`,
      },
      muted: false,
      earlyMedia: false,
      startedAt: start,
    };
    callLog.record(base, start);
    const answered = options.talkS !== undefined;
    const answeredAt = start + 6000;
    if (answered) callLog.record({ ...base, state: 'active', answeredAt }, answeredAt);
    const endedAt = answered ? answeredAt + options.talkS! * 1000 : start + 20_000;
    callLog.record(
      {
        ...base,
        state: 'ended',
        ...(answered ? { answeredAt } : {}),
        endedAt,
        end: { reason: options.end ?? (answered ? 'remote-hangup' : 'caller-cancelled') },
      },
      endedAt,
    );
    if (answered && options.wrapup)
      await hotline.call('wrapup:submit', { callId: id, draft: options.wrapup as never });
  };

  // The regular caller: three earlier calls, the last with an open order and a callback tomorrow.
  const tomorrow = dateOf(now + 26 * 3600_000);
  await call({
    number: REGULAR,
    name: null,
    minutesAgo: 60 * 49,
    talkS: 245,
    wrapup: { disposition: 'info', topic: people.topic, notes: people.notes[0] },
  });
  await call({ number: REGULAR, name: null, minutesAgo: 60 * 26, end: 'caller-cancelled' });
  await call({
    number: REGULAR,
    name: null,
    minutesAgo: 60 * 3,
    talkS: 412,
    wrapup: {
      disposition: 'order',
      topic: people.topic,
      notes: people.notes[1],
      request: {
        type: 'order',
        product: people.product,
        quantity: '2',
        amount: '12 400',
        address: people.address,
      },
      callback: {
        number: REGULAR,
        date: tomorrow.date,
        time: '11:00',
        assignee: 'me',
        note: people.callbackNote,
      },
    },
  });
  // A day of other calls.
  for (let i = 0; i < 16; i++) {
    const who = people.others[i % people.others.length]!;
    const number = who
      ? `+7916555${String(1000 + (i % people.others.length) * 37).slice(-4)}`
      : `+7903${String(4_400_000 + i * 7919).slice(-7)}`;
    const missed = i % 5 === 3;
    await call({
      number,
      name: who,
      minutesAgo: 20 + i * 37,
      direction: i % 4 === 1 ? 'outbound' : 'inbound',
      ...(missed ? {} : { talkS: 40 + ((i * 53) % 400) }),
      ...(missed
        ? { end: i % 4 === 1 ? ('no-answer' as const) : ('caller-cancelled' as const) }
        : {
            wrapup: {
              disposition: DISPOSITIONS[i % DISPOSITIONS.length],
              notes: people.notes[i % people.notes.length],
            },
          }),
    });
  }
}
