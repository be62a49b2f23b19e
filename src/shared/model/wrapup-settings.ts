import { z } from 'zod';

// The wrap-up form as IT configures it (settings section `wrapup`): the dispositions the operator
// picks from (with hotkeys), the topics, and which request/order fields the form shows and which it
// requires. Each list is one settings leaf, validated as a whole (codes and hotkeys unique), so a
// broken list in a file costs that list only. Messages are short codes; the renderer translates
// them (`settings.wrapup.error.<code>`).

/** Every field a request/order can have, in the order the form shows them by default. */
export const REQUEST_FIELD_IDS = [
  'type',
  'product',
  'quantity',
  'amount',
  'address',
  'contactName',
  'contactPhone',
  'email',
  'comment',
] as const;
export type RequestFieldId = (typeof REQUEST_FIELD_IDS)[number];

const Code = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,31}$/, { message: 'code' });

const Label = z.string().trim().min(1, { message: 'labelRequired' }).max(80, { message: 'labelTooLong' });

/** A label in both UI languages: the operator sees the one of the interface. */
export const LabelsSchema = z.object({ ru: Label, en: Label }).strict();
export type Labels = z.infer<typeof LabelsSchema>;

/** An item of a configurable list: a stable code (what is stored and synced) and its labels. */
export const ListItemSchema = z.object({ code: Code, label: LabelsSchema }).strict();
export type ListItem = z.infer<typeof ListItemSchema>;

export const DispositionSchema = ListItemSchema.extend({
  /** Alt+digit (or the digit outside text fields) picks it in the wrap-up form. */
  hotkey: z
    .number()
    .int()
    .min(1, { message: 'hotkey' })
    .max(9, { message: 'hotkey' })
    .nullable()
    .default(null),
}).strict();
export type Disposition = z.infer<typeof DispositionSchema>;

export const RequestFieldSettingSchema = z
  .object({
    field: z.enum(REQUEST_FIELD_IDS, { message: 'field' }),
    required: z.boolean().default(false),
  })
  .strict();
export type RequestFieldSetting = z.infer<typeof RequestFieldSettingSchema>;

/** Reports every repeated value of `key` at the repeating item (so the UI marks that row). */
function uniqueBy<T>(key: (item: T) => unknown, path: string, message: string) {
  return (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<unknown>();
    items.forEach((item, index) => {
      const value = key(item);
      if (value === null || value === undefined) return;
      if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [index, path], message });
      seen.add(value);
    });
  };
}

export const DEFAULT_DISPOSITIONS: Disposition[] = [
  { code: 'info', label: { ru: 'Консультация', en: 'Consultation / information' }, hotkey: 1 },
  { code: 'order', label: { ru: 'Оформлен заказ', en: 'Order placed' }, hotkey: 2 },
  { code: 'complaint', label: { ru: 'Жалоба', en: 'Complaint' }, hotkey: 3 },
  { code: 'callback', label: { ru: 'Нужен перезвон', en: 'Callback needed' }, hotkey: 4 },
  { code: 'wrong-number', label: { ru: 'Ошиблись номером', en: 'Wrong number' }, hotkey: 5 },
  { code: 'silent', label: { ru: 'Нет ответа / тишина', en: 'No answer / silent' }, hotkey: 6 },
];

export const DEFAULT_REQUEST_TYPES: ListItem[] = [
  { code: 'order', label: { ru: 'Заказ', en: 'Order' } },
  { code: 'service', label: { ru: 'Заявка на услугу', en: 'Service request' } },
  { code: 'return', label: { ru: 'Возврат', en: 'Return' } },
];

export const DEFAULT_REQUEST_FIELDS: RequestFieldSetting[] = REQUEST_FIELD_IDS.map((field) => ({
  field,
  required: field === 'type' || field === 'product',
}));

export const WrapupSettingsSchema = z.object({
  /** What the operator must pick to submit; at least one. */
  dispositions: z
    .array(DispositionSchema)
    .min(1, { message: 'dispositionsEmpty' })
    .max(30, { message: 'tooMany' })
    .superRefine(uniqueBy((d) => d.code, 'code', 'duplicateCode'))
    .superRefine(uniqueBy((d) => d.hotkey, 'hotkey', 'duplicateHotkey'))
    .default(DEFAULT_DISPOSITIONS),
  /** Empty: the topic is free text. Otherwise the operator picks one of these (optional). */
  topics: z
    .array(ListItemSchema)
    .max(200, { message: 'tooMany' })
    .superRefine(uniqueBy((d) => d.code, 'code', 'duplicateCode'))
    .default([]),
  /** Choices for the request's type; empty: the type is free text. */
  requestTypes: z
    .array(ListItemSchema)
    .max(50, { message: 'tooMany' })
    .superRefine(uniqueBy((d) => d.code, 'code', 'duplicateCode'))
    .default(DEFAULT_REQUEST_TYPES),
  /** The request/order fields the form shows, in order, and whether each is required. */
  requestFields: z
    .array(RequestFieldSettingSchema)
    .max(REQUEST_FIELD_IDS.length)
    .superRefine(uniqueBy((f) => f.field, 'field', 'duplicateField'))
    .default(DEFAULT_REQUEST_FIELDS),
  /** ISO 4217 code of request amounts; amounts are stored in its minor units (1/100). */
  currency: z
    .string()
    .trim()
    .regex(/^[A-Z]{3}$/, { message: 'currency' })
    .default('RUB'),
});
export type WrapupSettings = z.infer<typeof WrapupSettingsSchema>;

/** The label of a list item in the UI language; the code when the item is not configured (any more). */
export function labelOf(items: readonly ListItem[], code: string, language: 'ru' | 'en'): string {
  return items.find((item) => item.code === code)?.label[language] ?? code;
}
