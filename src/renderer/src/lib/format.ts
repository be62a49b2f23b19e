import { numberFormat } from './intl-cache.ts';

/** m:ss or h:mm:ss, the way call timers read. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** A count as people read it in the UI's language: 200 000 (ru), 200,000 (en). */
export function formatCount(count: number, language: string): string {
  return numberFormat(language).format(count);
}
