// The renderer is served from a custom privileged scheme, not file://: it gets a real origin (so
// permissions and the sender check can name it) and cannot read arbitrary files.
export const APP_SCHEME = 'app';
export const APP_HOST = 'hotline';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    // Custom schemes report origin "null"; build it from the parts instead.
    return parsed.origin !== 'null' ? parsed.origin : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return undefined;
  }
}
