import type { FieldIssue } from '../ipc/errors.ts';
import { parseDialTarget, toE164 } from '../phone/dial-target.ts';
import type { RequestFieldId, WrapupSettings } from './wrapup-settings.ts';
import type { WrapupDraft } from './wrapup.ts';

// Whether a wrap-up can be submitted, under the current settings. Main runs it inside the submitting
// transaction (it decides); the form runs the same function first, so the operator sees the messages
// without a round trip. Each issue names its field (`disposition`, `request.quantity`,
// `callback.time`…) and a short code the renderer translates (`wrapup.error.<code>`).

export interface CheckedRequest {
  type: string;
  product: string;
  quantity: number | null;
  amountMinor: number | null;
  currency: string;
  address: string;
  contactName: string;
  /** E.164. */
  contactPhone: string;
  email: string;
  comment: string;
}

export interface CheckedCallback {
  /** E.164 for a phone number, the extension as typed otherwise. */
  number: string;
  dueAt: number;
  assignee: 'me' | 'anyone';
  note: string;
}

export interface WrapupCheck {
  issues: FieldIssue[];
  /** Null when no request is to be created (or when there are issues). */
  request: CheckedRequest | null;
  callback: CheckedCallback | null;
}

export interface WrapupCheckContext {
  settings: WrapupSettings;
  /** For numbers typed without a country code. */
  defaultRegion: string;
  /** The submission time: a callback must be due after it. */
  now: number;
}

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** "1 250,50", "1250.5", "1250" → minor units (125050); null when it is not an amount. */
export function parseAmountMinor(text: string): number | null {
  const compact = text.replace(/[\s\u00A0\u202F']/g, '').replace(',', '.');
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(compact);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** A positive whole quantity; null otherwise. */
export function parseQuantity(text: string): number | null {
  const compact = text.replace(/[\s\u00A0]/g, '');
  if (!/^\d{1,7}$/.test(compact)) return null;
  const value = Number(compact);
  return value > 0 ? value : null;
}

/**
 * A date input's YYYY-MM-DD and a time input's HH:mm as epoch ms in this computer's time zone;
 * null when either is not a real date or time (2026-02-30, 25:00).
 */
export function localDueAt(date: string, time: string): number | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  const t = /^(\d{2}):(\d{2})(?::\d{2})?$/.exec(time.trim());
  if (!d || !t) return null;
  const [year, month, day, hours, minutes] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (hours > 23 || minutes > 59) return null;
  const at = new Date(year, month - 1, day, hours, minutes);
  if (at.getFullYear() !== year || at.getMonth() !== month - 1 || at.getDate() !== day) return null;
  return at.getTime();
}

export function checkWrapup(draft: WrapupDraft, context: WrapupCheckContext): WrapupCheck {
  const { settings, defaultRegion, now } = context;
  const issues: FieldIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ path, message });

  if (!draft.disposition) issue('disposition', 'required');
  else if (!settings.dispositions.some((d) => d.code === draft.disposition))
    issue('disposition', 'unknownDisposition');
  if (draft.topic && settings.topics.length > 0 && !settings.topics.some((t) => t.code === draft.topic))
    issue('topic', 'unknownTopic');

  let request: CheckedRequest | null = null;
  if (draft.request?.enabled) {
    const typed = draft.request;
    const shown = new Map(settings.requestFields.map((f) => [f.field, f.required]));
    // A field the settings no longer show is not checked and not kept.
    const text = (field: RequestFieldId): string => (shown.has(field) ? typed[field].trim() : '');
    for (const [field, required] of shown) {
      if (required && text(field) === '') issue(`request.${field}`, 'required');
    }
    const type = text('type');
    if (type && settings.requestTypes.length > 0 && !settings.requestTypes.some((t) => t.code === type))
      issue('request.type', 'unknownType');
    const quantity = text('quantity') ? parseQuantity(text('quantity')) : null;
    if (text('quantity') && quantity === null) issue('request.quantity', 'quantity');
    const amountMinor = text('amount') ? parseAmountMinor(text('amount')) : null;
    if (text('amount') && amountMinor === null) issue('request.amount', 'amount');
    const contactPhone = text('contactPhone') ? toE164(text('contactPhone'), defaultRegion) : null;
    if (text('contactPhone') && contactPhone === null) issue('request.contactPhone', 'phone');
    if (text('email') && !EMAIL.test(text('email'))) issue('request.email', 'email');
    request = {
      type,
      product: text('product'),
      quantity,
      amountMinor,
      currency: settings.currency,
      address: text('address'),
      contactName: text('contactName'),
      contactPhone: contactPhone ?? '',
      email: text('email'),
      comment: text('comment'),
    };
  }

  let callback: CheckedCallback | null = null;
  if (draft.callback?.enabled) {
    const typed = draft.callback;
    let number: string | null = null;
    if (typed.number.trim() === '') issue('callback.number', 'required');
    else {
      const parsed = parseDialTarget(typed.number, { defaultRegion });
      if (parsed.ok && parsed.target.kind === 'phone') number = parsed.target.e164;
      else if (parsed.ok && parsed.target.kind === 'extension') number = parsed.target.dial;
      else issue('callback.number', 'phone');
    }
    if (typed.date.trim() === '') issue('callback.date', 'required');
    if (typed.time.trim() === '') issue('callback.time', 'required');
    let dueAt: number | null = null;
    if (typed.date.trim() && typed.time.trim()) {
      dueAt = localDueAt(typed.date, typed.time);
      if (dueAt === null) issue('callback.date', 'date');
      else if (dueAt <= now) issue('callback.time', 'inPast');
    }
    if (number !== null && dueAt !== null)
      callback = { number, dueAt, assignee: typed.assignee, note: typed.note.trim() };
  }

  return issues.length > 0 ? { issues, request: null, callback: null } : { issues, request, callback };
}
