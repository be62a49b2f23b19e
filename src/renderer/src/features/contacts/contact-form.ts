import type { FieldIssue } from '../../../../shared/ipc/errors.ts';
import type { ContactInput, ContactNumberLabel, ContactView } from '../../../../shared/model/contact.ts';
import { normalizeContactNumber } from '../../../../shared/phone/contact-number.ts';

// The editor's form: what is typed, checked here as the core will check it (so most messages
// appear before saving), and the core's answer mapped back onto the fields (`taken` can only come
// from there: the core knows who else has a number).

export interface NumberRow {
  /** A stable React key for the row while it is edited. */
  key: number;
  number: string;
  label: ContactNumberLabel;
}

export interface ContactForm {
  name: string;
  company: string;
  email: string;
  notes: string;
  tags: string[];
  numbers: NumberRow[];
}

/** A field's message: a key under `contacts.fieldError`, with what the message needs. */
export interface FieldError {
  message: string;
  params?: Record<string, string>;
}

export type FormErrors = Record<string, FieldError>;

let nextKey = 1;
export const newNumberRow = (label: ContactNumberLabel = 'mobile'): NumberRow => ({
  key: nextKey++,
  number: '',
  label,
});

export function formOf(contact: ContactView | null): ContactForm {
  if (!contact) return { name: '', company: '', email: '', notes: '', tags: [], numbers: [newNumberRow()] };
  return {
    name: contact.name,
    company: contact.company ?? '',
    email: contact.email ?? '',
    notes: contact.notes ?? '',
    tags: contact.tags,
    numbers: contact.numbers.length
      ? contact.numbers.map((n) => ({ key: nextKey++, number: n.number, label: n.label }))
      : [newNumberRow()],
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The messages the form can tell without the core, by field path (`numbers.<i>.number`). */
export function validateForm(form: ContactForm, defaultRegion: string): FormErrors {
  const errors: FormErrors = {};
  if (form.name.trim() === '') errors.name = { message: 'required' };
  if (form.email.trim() !== '' && !EMAIL.test(form.email.trim())) errors.email = { message: 'invalid-email' };
  const seen = new Set<string>();
  form.numbers.forEach((row, index) => {
    if (row.number.trim() === '') return;
    const path = `numbers.${index}.number`;
    const normalized = normalizeContactNumber(row.number, defaultRegion);
    if (!normalized.ok) errors[path] = { message: normalized.error };
    else if (seen.has(normalized.key)) errors[path] = { message: 'duplicate' };
    else seen.add(normalized.key);
  });
  return errors;
}

export function inputOf(form: ContactForm, id: string | undefined): ContactInput {
  return {
    ...(id ? { id } : {}),
    name: form.name,
    company: form.company,
    email: form.email,
    notes: form.notes,
    tags: form.tags,
    numbers: form.numbers.map(({ number, label }) => ({ number, label })),
  };
}

/**
 * The core's issues as field errors. Number paths count every row sent, empty ones too, so they
 * point at the same rows the form shows.
 */
export function errorsOfIssues(issues: readonly FieldIssue[]): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues)
    errors[issue.path] = issue.params
      ? { message: issue.message, params: issue.params }
      : { message: issue.message };
  return errors;
}
