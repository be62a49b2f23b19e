// A SIP header that may carry several values joined by commas (RFC 3261 §7.3.1): P-Asserted-Identity,
// P-Called-Party-ID, Diversion, Via. A comma inside a quoted display name ("Иванов, Иван") or inside
// <…> (a URI may carry one in its parameters) does not separate values, so `split(',')` is wrong.

/** The values of a comma-separated header, each trimmed; empty values are dropped. */
export function splitHeaderList(value: string): string[] {
  const values: string[] = [];
  let start = 0;
  let quoted = false;
  let angle = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quoted) {
      if (c === '\\')
        i++; // quoted-pair: the next character is literal, even a quote
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '<') angle++;
    else if (c === '>' && angle > 0) angle--;
    else if (c === ',' && angle === 0) {
      values.push(value.slice(start, i));
      start = i + 1;
    }
  }
  values.push(value.slice(start));
  return values.map((v) => v.trim()).filter((v) => v !== '');
}

/** The first value of a comma-separated header, or undefined when it has none. */
export function firstHeaderValue(value: string | undefined): string | undefined {
  return value === undefined ? undefined : splitHeaderList(value)[0];
}
