// A SIP display name as the operator sees it. SIP.js hands over the quoted-string's inside with its
// escapes (RFC 3261 §25.1 quoted-pair: \" and \\), and nothing stops a caller from putting bidi
// controls in it: a right-to-left override turns "Иван‮moc.evil" into something else on screen,
// in the call card, the call log and the desktop notification. Both are cleaned here, once.

// Embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069), the marks (U+200E, U+200F,
// U+061C): formatting characters with no business in a person's or company's name.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** The display name from SIP.js's parse: quotes removed, escapes undone, bidi controls stripped. */
export function cleanDisplayName(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let name = raw.trim();
  if (name.length >= 2 && name.startsWith('"') && name.endsWith('"')) name = name.slice(1, -1);
  name = name.replace(/\\(.)/gs, '$1');
  name = stripBidiControls(name).trim();
  return name === '' ? undefined : name;
}
