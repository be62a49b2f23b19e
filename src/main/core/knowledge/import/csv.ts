// CSV as RFC 4180 says (quoted fields with "" for a quote, line breaks inside quotes, CRLF or LF),
// plus what spreadsheets really write: a UTF-8 byte-order mark, and ";" as the separator (Excel in
// a Russian locale). The separator is taken from the header row.

export interface CsvRecord {
  /** 1-based line where the record starts. */
  line: number;
  cells: string[];
}

export interface CsvResult {
  records: CsvRecord[];
  /** Records that could not be read (an unclosed quote, text after a closing quote). */
  errors: Array<{ line: number; message: string }>;
}

function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best = ',';
  for (const [delimiter, count] of counts) if (count > counts.get(best)!) best = delimiter;
  return best;
}

export function parseCsv(input: string): CsvResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = detectDelimiter(text);
  const records: CsvRecord[] = [];
  const errors: CsvResult['errors'] = [];

  let line = 1;
  let i = 0;
  while (i < text.length) {
    const startLine = line;
    const cells: string[] = [];
    let cell = '';
    let broken: string | undefined;
    let endOfRecord = false;
    while (!endOfRecord) {
      if (i < text.length && text[i] === '"' && cell === '') {
        // A quoted field: runs to the closing quote, "" inside is one quote.
        i++;
        let closed = false;
        while (i < text.length) {
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
          cell += c;
          i++;
        }
        if (!closed) {
          broken = 'a quoted field is not closed';
          i = text.length;
        } else if (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') {
          broken = 'text after a closing quote (write "" for a quote inside a quoted field)';
        }
      }
      if (broken) {
        // Skip to the end of this line and go on with the next record.
        while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
      }
      // Unquoted text up to the delimiter or the end of the line.
      while (!broken && i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') {
        cell += text[i];
        i++;
      }
      cells.push(cell);
      cell = '';
      if (i < text.length && text[i] === delimiter && !broken) {
        i++;
        continue;
      }
      // End of line (CRLF, LF or CR) or of the text.
      if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
      else if (i < text.length) i++;
      line++;
      endOfRecord = true;
    }
    if (broken) errors.push({ line: startLine, message: broken });
    else if (!(cells.length === 1 && cells[0]!.trim() === '')) records.push({ line: startLine, cells });
  }
  return { records, errors };
}
