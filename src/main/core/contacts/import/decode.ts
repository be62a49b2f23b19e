import type { ImportResult } from '../../../../shared/model/contact.ts';

// The text of an imported file. Spreadsheets and phones write contacts in UTF-8 (with or without a
// byte-order mark), UTF-16 (Excel's "Unicode text") or, on Russian Windows, Windows-1251. A file
// that is valid UTF-8 is taken as UTF-8 (a Windows-1251 text with Cyrillic letters practically never
// is: its letters are bytes ≥ 0xC0 followed by more such bytes, which UTF-8 forbids); anything
// else is read as Windows-1251, the legacy code page of the people who use this app.

export type TextEncodingName = ImportResult['encoding'];

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1251').decode(bytes), encoding: 'windows-1251' };
  }
}

/** Decodes bytes named by a charset label (vCard's CHARSET=…); unknown labels are read as UTF-8. */
export function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  if (charset) {
    try {
      return new TextDecoder(charset.trim().toLowerCase()).decode(bytes);
    } catch {
      // an unknown label: UTF-8 below
    }
  }
  return new TextDecoder('utf-8').decode(bytes);
}
