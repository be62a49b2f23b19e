import { parseDialTarget, type DialError } from './dial-target.ts';

// A contact's number, checked and keyed the same way in the editor (as the operator types) and in
// the core (which stores it): public numbers by their E.164 form, so "8 (495) 123-45-67" and
// "+7 495 1234567" are one number; internal numbers and SIP addresses by what is dialled.

export type ContactNumberResult =
  | {
      ok: true;
      kind: 'phone' | 'extension' | 'sip-uri';
      /** What is stored and shown: as typed for public numbers, as dialled for the rest. */
      number: string;
      e164: string | null;
      /** Two numbers with the same key are the same number. */
      key: string;
    }
  | { ok: false; error: DialError };

export function normalizeContactNumber(input: string, defaultRegion: string): ContactNumberResult {
  const parsed = parseDialTarget(input, { defaultRegion });
  if (!parsed.ok) return parsed;
  const { target } = parsed;
  switch (target.kind) {
    case 'phone':
      return { ok: true, kind: 'phone', number: input.trim(), e164: target.e164, key: target.e164 };
    case 'extension':
      return { ok: true, kind: 'extension', number: target.dial, e164: null, key: target.dial };
    case 'sip-uri':
      return { ok: true, kind: 'sip-uri', number: target.dial, e164: null, key: target.dial };
  }
}
