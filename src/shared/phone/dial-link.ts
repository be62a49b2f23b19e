// Links other programs hand to Hotline — a tel: link on a web page, callto: in a CRM, a sip: address
// in a mail — turned into the text for the dial field. Never dialled on their own: a web page must
// not be able to place calls; the operator sees the number in the dial field and presses Enter (the
// field's own check then says what is wrong with a bad one, in the operator's language).

/** Longer links are not telephone links; the text put in the dial field is cut to this. */
const MAX_LINK = 2048;
const MAX_TEXT = 64;

const LINK = /^(tel|callto|sips?):(.*)$/is;

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a stray "%": keep the text as it came
  }
}

/**
 * The dial-field text a tel:, callto:, sip: or sips: link asks for, or undefined when the text is not
 * such a link.
 *   tel:+7-495-123-45-67            → +74951234567   (RFC 3966 visual separators dropped)
 *   tel:123-45-67;phone-context=+7495 → +74951234567 (a local number in its global context)
 *   tel:+74951234567;ext=12          → +74951234567   (parameters dropped)
 *   callto://+74951234567, callto:8%20495%20123 → the number
 *   sip:ivan@pbx.example.ru;transport=ws?subject=x → sip:ivan@pbx.example.ru;transport=ws
 */
export function dialTextFromLink(link: string): string | undefined {
  const trimmed = link.trim();
  if (trimmed.length > MAX_LINK) return undefined;
  const match = LINK.exec(trimmed);
  if (!match) return undefined;
  const scheme = match[1]!.toLowerCase();
  const rest = match[2]!.split('?')[0]!;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is dropped
  const clean = (text: string) => text.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, MAX_TEXT);

  if (scheme === 'sip' || scheme === 'sips') return clean(`${scheme}:${rest}`);

  const [number = '', ...params] = rest.replace(/^\/\//, '').replace(/\/$/, '').split(';');
  let text = decode(number).replace(/[\s\u00a0.()-]/g, '');
  if (!text.startsWith('+')) {
    const context = params
      .map((p) => /^phone-context=(.*)$/i.exec(p)?.[1])
      .find((value) => value !== undefined);
    // A global context (+7495) completes a local number; a domain context says nothing we can dial.
    const prefix = context && /^\+[\d.()-]+$/.test(decode(context)) ? decode(context) : undefined;
    if (prefix) text = prefix.replace(/[.()-]/g, '') + text;
  }
  return clean(text);
}

/** The first argument that is a telephone link (how Windows and Linux pass a clicked link). */
export function dialLinkInArgs(args: readonly string[]): string | undefined {
  return args.find((arg) => LINK.test(arg.trim()) && arg.length <= MAX_LINK);
}
