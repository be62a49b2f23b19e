// One Markdown file, one article. The title, tags and validity come from a front matter block
// (the YAML subset people write by hand: `key: value`, `[a, b]` lists and `- item` lists), or the
// title from the first heading, which is then not repeated in the body.
//
//   ---
//   title: Тариф «Домашний 300»
//   tags: [тарифы, интернет]
//   valid_from: 2025-01-01
//   valid_to: 31.12.2025
//   ---
//   Абонентская плата — 600 ₽ в месяц…

export interface MarkdownArticle {
  /** The raw fields for KbArticleInputSchema. */
  fields: Record<string, unknown>;
}

export class MarkdownImportError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.name = 'MarkdownImportError';
    this.line = line;
  }
}

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) {
    return v.slice(1, -1);
  }
  return v;
}

function parseValue(raw: string): string | string[] {
  const v = raw.trim();
  if (v.startsWith('[')) {
    if (!v.endsWith(']')) throw new Error('a "[" list is not closed');
    return v
      .slice(1, -1)
      .split(',')
      .map(unquote)
      .filter((s) => s.length > 0);
  }
  return unquote(v);
}

/** Parses the front matter lines (between the two `---`), reporting the line of a mistake. */
function parseFrontMatter(lines: string[], firstLine: number): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  let listKey: string | undefined;
  lines.forEach((text, i) => {
    const lineNo = firstLine + i;
    if (text.trim() === '' || text.trimStart().startsWith('#')) return;
    const item = /^\s+-\s+(.*)$/.exec(text) ?? /^-\s+(.*)$/.exec(text);
    if (item && listKey) {
      const list = out[listKey];
      out[listKey] = [...(Array.isArray(list) ? list : []), unquote(item[1]!)];
      return;
    }
    const pair = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(text);
    if (!pair)
      throw new MarkdownImportError(`front matter line is not "key: value": ${text.slice(0, 80)}`, lineNo);
    const key = pair[1]!.toLowerCase().replace(/-/g, '_');
    const value = pair[2]!;
    if (value.trim() === '') {
      listKey = key;
      out[key] = [];
      return;
    }
    listKey = undefined;
    try {
      out[key] = parseValue(value);
    } catch (error) {
      throw new MarkdownImportError(`${key}: ${(error as Error).message}`, lineNo);
    }
  });
  return out;
}

const FIELD_ALIASES: Record<string, string> = {
  validfrom: 'valid_from',
  valid_since: 'valid_from',
  validto: 'valid_to',
  valid_until: 'valid_to',
  expires: 'valid_to',
};

/** Reads one file; throws MarkdownImportError (with its line) when it cannot. */
export function parseMarkdownArticle(content: string): MarkdownArticle {
  const text = content.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  const fields: Record<string, unknown> = {};
  let bodyStart = 0;
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((l, i) => i > 0 && (l.trim() === '---' || l.trim() === '...'));
    if (end === -1) throw new MarkdownImportError('the front matter ("---" on line 1) is not closed', 1);
    const matter = parseFrontMatter(lines.slice(1, end), 2);
    for (const [key, value] of Object.entries(matter)) {
      const name = FIELD_ALIASES[key] ?? key;
      if (['id', 'title', 'tags', 'valid_from', 'valid_to', 'source'].includes(name)) fields[name] = value;
    }
    bodyStart = end + 1;
  }
  let body = lines.slice(bodyStart);
  if (fields.title === undefined || fields.title === '') {
    // The first heading (any level) is the title; it is not kept in the body.
    const index = body.findIndex((l) => /^\s{0,3}#{1,6}\s+\S/.test(l));
    const firstText = body.findIndex((l) => l.trim() !== '');
    if (index === -1 || index !== firstText) {
      throw new MarkdownImportError(
        'no title: add "title:" in front matter or start with a "# Heading"',
        bodyStart + 1,
      );
    }
    fields.title = body[index]!.replace(/^\s{0,3}#{1,6}\s+/, '')
      .replace(/\s+#+\s*$/, '')
      .trim();
    body = body.slice(index + 1);
  }
  fields.body = body.join('\n').trim();
  return { fields };
}
