import { parsePhoneNumberWithError, ParseError, type CountryCode } from 'libphonenumber-js/max';

// What the operator typed or clicked, turned into what the phone dials. Shared by main (which
// refuses bad input before any INVITE) and the renderer (which shows the same verdict as you type).

export type DialTarget =
  /** A short internal number (extension, queue, feature code like *97): dialled as typed. */
  | { kind: 'extension'; dial: string; display: string }
  /** A public number, normalized to E.164. */
  | { kind: 'phone'; dial: string; e164: string; display: string; country: string | undefined }
  /** A SIP address typed or clicked as such. */
  | { kind: 'sip-uri'; dial: string; display: string };

export type DialError =
  'empty' | 'invalid-characters' | 'too-short' | 'too-long' | 'invalid-number' | 'invalid-country';

export type DialResult = { ok: true; target: DialTarget } | { ok: false; error: DialError };

export interface DialOptions {
  /** Region for numbers without a country code, e.g. 'RU' (so 8 (495) … is Moscow). */
  defaultRegion: string;
  /** Internal numbers are at most this many digits (default 6). */
  maxExtensionLength?: number;
}

const SIP_URI = /^sips?:[^@\s]+@[^\s]+$/i;
const ALLOWED = /^[0-9+*#()\-.\s\u00A0\u2010-\u2015]+$/;

export function parseDialTarget(input: string, options: DialOptions): DialResult {
  const raw = input.trim();
  if (raw === '') return { ok: false, error: 'empty' };
  if (/^(sips?):/i.test(raw)) {
    return SIP_URI.test(raw)
      ? { ok: true, target: { kind: 'sip-uri', dial: raw, display: raw } }
      : { ok: false, error: 'invalid-characters' };
  }
  const withoutTel = raw.replace(/^(tel|callto):/i, '');
  if (!ALLOWED.test(withoutTel)) return { ok: false, error: 'invalid-characters' };
  const compact = withoutTel.replace(/[()\-.\s\u00A0\u2010-\u2015]/g, '');
  if (compact.indexOf('+') > 0 || /^\+.*[*#]/.test(compact))
    return { ok: false, error: 'invalid-characters' };

  const maxExtension = options.maxExtensionLength ?? 6;
  if (!compact.startsWith('+') && compact.length <= maxExtension) {
    return { ok: true, target: { kind: 'extension', dial: compact, display: compact } };
  }
  if (/[*#]/.test(compact)) {
    // Feature codes with a number after them (*31*…) go to the PBX untouched.
    return compact.length <= 32
      ? { ok: true, target: { kind: 'extension', dial: compact, display: compact } }
      : { ok: false, error: 'too-long' };
  }
  // E.164 allows at most 15 digits; a national form may add a trunk prefix (8…, 0…).
  if (compact.replace(/^\+/, '').length > 16) return { ok: false, error: 'too-long' };
  try {
    const number = parsePhoneNumberWithError(compact, {
      defaultCountry: options.defaultRegion as CountryCode,
    });
    if (!number.isValid()) return { ok: false, error: 'invalid-number' };
    return {
      ok: true,
      target: {
        kind: 'phone',
        dial: number.number,
        e164: number.number,
        display: number.formatInternational(),
        country: number.country,
      },
    };
  } catch (error) {
    if (error instanceof ParseError) {
      switch (error.message) {
        case 'TOO_SHORT':
        case 'NOT_A_NUMBER':
          return { ok: false, error: 'too-short' };
        case 'TOO_LONG':
          return { ok: false, error: 'too-long' };
        case 'INVALID_COUNTRY':
          return { ok: false, error: 'invalid-country' };
      }
    }
    return { ok: false, error: 'invalid-number' };
  }
}

/** A number as people read it (+7 495 123-45-67); extensions and anything unparseable as they are. */
export function formatForDisplay(number: string, defaultRegion: string): string {
  const digits = number.replace(/[^\d+]/g, '');
  if (digits.replace('+', '').length <= 6) return number;
  const parsed = parseDialTarget(number, { defaultRegion });
  return parsed.ok && parsed.target.kind === 'phone' ? parsed.target.display : number;
}

/** The E.164 form of a phone number (the call log's and contacts' key), or null for anything else. */
export function toE164(number: string, defaultRegion: string): string | null {
  const parsed = parseDialTarget(number, { defaultRegion });
  return parsed.ok && parsed.target.kind === 'phone' ? parsed.target.e164 : null;
}
