import { resolve, sep } from 'node:path';

/** Resolves a request path inside the renderer folder; anything outside it (../, encoded or not) is refused. */
export function resolveInside(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const relative = decoded.replace(/^[/\\]+/, '') || 'index.html';
  const file = resolve(root, relative);
  return file.startsWith(root + sep) ? file : undefined;
}
