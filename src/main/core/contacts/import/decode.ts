import type { ImportResult } from '../../../../shared/model/contact.ts';

// The text of an imported file. Spreadsheets and phones write contacts in UTF-8 (with or without a
// byte-order mark), UTF-16 (Excel's "Unicode text") or, on Russian Windows, Windows-1251. A file
// that is valid UTF-8 is taken as UTF-8 (a Windows-1251 text with Cyrillic letters practically never
// is: its letters are bytes ≥ 0xC0 followed by more such bytes, which UTF-8 forbids); anything
// else is read as Windows-1251, the legacy code page of the people who use this app.

export type TextEncodingName = ImportResult['encoding'];

/** Bytes decoded per piece (a few milliseconds), then the event loop gets a turn. */
const DECODE_PIECE_BYTES = 1024 * 1024;

export async function decodeText(
  bytes: Uint8Array,
  pieceBytes = DECODE_PIECE_BYTES,
): Promise<{ text: string; encoding: TextEncodingName }> {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: await decodeInPieces(bytes, 'utf-8', false, pieceBytes), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: await decodeInPieces(bytes, 'utf-16le', false, pieceBytes), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: await decodeInPieces(bytes, 'utf-16be', false, pieceBytes), encoding: 'utf-16be' };
  try {
    return { text: await decodeInPieces(bytes, 'utf-8', true, pieceBytes), encoding: 'utf-8' };
  } catch {
    return { text: await decodeInPieces(bytes, 'windows-1251', false, pieceBytes), encoding: 'windows-1251' };
  }
}

/**
 * A streaming TextDecoder over pieces of the file with a turn of the event loop between them (the
 * core also answers the phone); a character split between pieces is joined by the decoder.
 * `fatal`: throws on bytes that are not valid in the encoding.
 */
async function decodeInPieces(
  bytes: Uint8Array,
  encoding: string,
  fatal: boolean,
  pieceBytes: number,
): Promise<string> {
  const decoder = new TextDecoder(encoding, { fatal });
  const parts: string[] = [];
  for (let at = 0; at < bytes.length; at += pieceBytes) {
    parts.push(decoder.decode(bytes.subarray(at, at + pieceBytes), { stream: true }));
    if (at + pieceBytes < bytes.length) await new Promise<void>((resolveTurn) => setImmediate(resolveTurn));
  }
  parts.push(decoder.decode());
  return parts.join('');
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
