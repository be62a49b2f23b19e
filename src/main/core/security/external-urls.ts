// Links the app may hand to the OS: web pages and mail only. tel:/sip: stay inside Hotline, and
// file:, javascript:, custom schemes and anything else are refused (a link in a knowledge-base
// article or a caller's data must never launch a program).
const ALLOWED_PROTOCOLS = new Set(['https:', 'http:', 'mailto:']);

export function isAllowedExternalUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return false;
  if (url.protocol !== 'mailto:' && (url.username || url.password)) return false;
  return url.protocol === 'mailto:' || url.hostname.length > 0;
}
