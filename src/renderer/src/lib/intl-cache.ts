// Intl formatters are costly to build (tens of microseconds to milliseconds each) and the screens
// that use them re-render with every call event: one formatter per language and options, reused.

const dateTimes = new Map<string, Intl.DateTimeFormat>();

export function dateTimeFormat(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let format = dateTimes.get(key);
  if (!format) dateTimes.set(key, (format = new Intl.DateTimeFormat(language, options)));
  return format;
}

const numbers = new Map<string, Intl.NumberFormat>();

/** Whole numbers with the language's digit grouping (200 000 / 200,000). */
export function numberFormat(language: string): Intl.NumberFormat {
  let format = numbers.get(language);
  if (!format)
    numbers.set(language, (format = new Intl.NumberFormat(language, { maximumFractionDigits: 0 })));
  return format;
}
