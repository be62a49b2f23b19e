// A JSON file of articles: an array, or an object with an `articles` array. Each entry is checked on
// its own later (KbArticleInputSchema), so one bad entry costs that entry only.

export class JsonImportError extends Error {
  readonly line: number | undefined;
  constructor(message: string, line?: number) {
    super(message);
    this.name = 'JsonImportError';
    this.line = line;
  }
}

/** The entries of the file; throws JsonImportError when the file as a whole is not usable. */
export function parseJsonArticles(content: string): unknown[] {
  const text = content.replace(/^\ufeff/, '');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    // V8 says "… in JSON at position 123 (line 4 column 7)": keep the line when it is there.
    const line = /line (\d+)/.exec(message)?.[1] ?? lineOfPosition(text, /position (\d+)/.exec(message)?.[1]);
    throw new JsonImportError(`not valid JSON: ${message}`, line === undefined ? undefined : Number(line));
  }
  if (Array.isArray(data)) return data;
  if (typeof data === 'object' && data !== null && Array.isArray((data as { articles?: unknown }).articles)) {
    return (data as { articles: unknown[] }).articles;
  }
  throw new JsonImportError('expected an array of articles, or an object with an "articles" array');
}

function lineOfPosition(text: string, position: string | undefined): number | undefined {
  if (position === undefined) return undefined;
  return text.slice(0, Number(position)).split('\n').length;
}
