import type { ContactNumberLabel, ImportSkipReason } from '../../../../shared/model/contact.ts';

// What the CSV and vCard readers hand to the import: one entry per row or card, with the line it
// starts on (1-based, as an editor shows it), either read or refused with a reason.

export interface ImportRecord {
  name: string;
  company: string;
  email: string;
  notes: string;
  tags: string[];
  numbers: Array<{ raw: string; label: ContactNumberLabel }>;
}

export type ParsedEntry =
  { line: number; record: ImportRecord } | { line: number; error: ImportSkipReason; value?: string };

/** A label from words describing a number: a column header ("Рабочий телефон") or vCard TYPEs. */
export function labelFromWords(words: string): ContactNumberLabel {
  const w = words.toLowerCase();
  if (/mobile|cell|iphone|моб|сотов/.test(w)) return 'mobile';
  if (/work|business|office|рабоч|служеб|офис/.test(w)) return 'work';
  if (/home|домаш/.test(w)) return 'home';
  return 'other';
}

/** Several values in one cell ("+7 495 …; +7 916 …", "vip, b2b"). */
export const splitList = (value: string): string[] =>
  value
    .split(/[;,\n]|:::/)
    .map((v) => v.trim())
    .filter((v) => v !== '');
