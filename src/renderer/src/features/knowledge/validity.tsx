import { Badge } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { KbValidity } from '../../../../shared/model/knowledge.ts';
import { dateTimeFormat } from '../../lib/intl-cache.ts';

// An article's validity as the operator reads it: a badge (current / upcoming / expired) and the
// dates. By day, inclusive, in local time — the core ranks search results the same way.

function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function validityOf(from: string | null, to: string | null, today = localDay(new Date())): KbValidity {
  if (from !== null && from > today) return 'upcoming';
  if (to !== null && to < today) return 'expired';
  return 'current';
}

const COLOR: Record<KbValidity, string> = { current: 'green', upcoming: 'blue', expired: 'red' };

/** A `YYYY-MM-DD` day in the UI language ("1 Jun 2025" / "1 июн. 2025 г."). */
export function formatDay(language: string, day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return dateTimeFormat(language, { dateStyle: 'medium' }).format(new Date(y, m - 1, d));
}

/**
 * The validity badge. Articles with no dates show none: they are always valid, and a "current"
 * badge on every result would only be noise.
 */
export function ValidityBadge({
  validity,
  from,
  to,
}: {
  validity: KbValidity;
  from: string | null;
  to: string | null;
}) {
  const { t, i18n } = useTranslation();
  if (from === null && to === null) return null;
  const label =
    validity === 'upcoming' && from
      ? t('knowledge.validity.upcomingFrom', { date: formatDay(i18n.language, from) })
      : validity === 'expired' && to
        ? t('knowledge.validity.expiredOn', { date: formatDay(i18n.language, to) })
        : t('knowledge.validity.current');
  return (
    <Badge size="sm" variant="light" color={COLOR[validity]} data-validity={validity}>
      {label}
    </Badge>
  );
}

/** "Valid from 1 Jun 2025 to 31 Aug 2025" / "Valid until …" / "Valid from …". */
export function validityRange(
  t: TFunction,
  language: string,
  from: string | null,
  to: string | null,
): string | null {
  if (from && to)
    return t('knowledge.validity.range', { from: formatDay(language, from), to: formatDay(language, to) });
  if (from) return t('knowledge.validity.since', { from: formatDay(language, from) });
  if (to) return t('knowledge.validity.until', { to: formatDay(language, to) });
  return null;
}
