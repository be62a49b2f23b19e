import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { formatForDisplay } from './dial-target.ts';

// Numbers as the screen and exports show them when `data.maskNumbers` is on: recognisable to the
// operator (country, area code, last two digits) but never the whole number, so it cannot be copied,
// read off a shared screen or leaked in a spreadsheet.
//
//   +74951234567 / 8 (495) 123-45-67  →  +7 495 ***-**-67
//   +12125550123                      →  +1 212 ***-**23
//   101 (internal extension, ≤ 4)     →  101           (a colleague, not a customer)
//   123456 (5–6 digits)               →  ****56
//   sip:+74951234567@pbx              →  +7 495 ***-**-67
//   sip:alice@example.com             →  sip:a***@example.com
//   anonymous / empty                 →  unchanged     (nothing to hide)
//
// At least three digits are always hidden for anything longer than an extension (four for a full
// number with its area code shown).

export interface MaskOptions {
  /** Region for numbers written without a country code (8 495 … is Moscow with RU). */
  defaultRegion?: string;
}

/** Internal extensions up to this many digits identify colleagues and are shown as they are. */
const EXTENSION_DIGITS = 4;
const MIN_HIDDEN = 4;
const ANONYMOUS = /^(anonymous|unknown|private|restricted|unavailable|withheld)$/i;
const PHONE_CHARS = /^[0-9+*#()\-.\s\u00A0\u2010-\u2015]+$/;

export function maskNumber(value: string, options: MaskOptions = {}): string {
  const raw = value.trim();
  if (raw === '' || ANONYMOUS.test(raw)) return raw;

  const sip = /^(sips?):([^@;]+)@([^;?\s]+)/i.exec(raw);
  if (sip) {
    const user = decodeUser(sip[2]!);
    if (ANONYMOUS.test(user) || /anonymous\.invalid$/i.test(sip[3]!)) return user;
    if (PHONE_CHARS.test(user)) return maskPhone(user, options);
    return `${sip[1]!.toLowerCase()}:${maskName(user)}@${sip[3]}`;
  }
  const bare = raw.replace(/^(tel|callto):/i, '');
  if (PHONE_CHARS.test(bare)) return maskPhone(bare, options);
  return maskName(bare);
}

function decodeUser(user: string): string {
  try {
    return decodeURIComponent(user);
  } catch {
    return user;
  }
}

/** A SIP user name or other text where a number should be: its first character, then stars. */
function maskName(text: string): string {
  return `${Array.from(text)[0] ?? ''}***`;
}

function maskPhone(text: string, options: MaskOptions): string {
  const digits = text.replace(/\D/g, '');
  if (digits.length <= EXTENSION_DIGITS) return text;
  // Feature codes (*31*…) and short local numbers: no country or area to keep.
  if (!/[*#]/.test(text) && digits.length >= 7) {
    const parsed = parsePhoneNumberFromString(text, {
      defaultCountry: (options.defaultRegion ?? 'RU') as CountryCode,
    });
    if (parsed?.isValid()) return maskInternational(parsed.formatInternational());
  }
  return maskGeneric(text, digits.length);
}

/**
 * "+7 495 123 45 67": keep the country code and the first group (the area or mobile operator code),
 * hide the rest but the last two digits, and join the subscriber part with dashes.
 */
function maskInternational(formatted: string): string {
  const [country, ...groups] = formatted.split(' ');
  const subscriberDigits = (from: number) => groups.slice(from).join('').length;
  const keepArea = groups.length >= 2 && subscriberDigits(1) - 2 >= MIN_HIDDEN;
  const head = keepArea ? [country, groups[0]] : [country];
  const rest = keepArea ? groups.slice(1) : groups;
  const total = rest.join('').length;
  let seen = 0;
  const masked = rest.map((group) =>
    Array.from(group, (ch) => (/\d/.test(ch) && seen++ < total - 2 ? '*' : ch)).join(''),
  );
  return `${head.join(' ')} ${masked.join('-')}`;
}

/** Anything else: keep separators and the last two digits; a longer one also keeps a short head. */
function maskGeneric(text: string, count: number): string {
  const head = count >= 10 ? 3 : count >= 8 ? 1 : 0;
  let index = 0;
  return Array.from(text, (ch) => {
    if (!/\d/.test(ch)) return ch;
    const position = index++;
    return position < head || position >= count - 2 ? ch : '*';
  }).join('');
}

/** A number as a screen or an export shows it: masked when the setting says so, else formatted. */
export function shownNumber(value: string, options: { defaultRegion: string; mask: boolean }): string {
  return options.mask
    ? maskNumber(value, { defaultRegion: options.defaultRegion })
    : formatForDisplay(value, options.defaultRegion);
}
