import { Group, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { QualityLevel, QualitySample } from '../../../../shared/media/quality.ts';

// The call's audio quality next to its timer: three bars and a word, never colour alone. Screen
// readers get the whole measurement as the indicator's name; the mouse gets it as a tooltip. The
// bars' colours keep 3:1 against white (WCAG 1.4.11); the word stays in the body text colour.

const BARS: Record<QualityLevel, number> = { good: 3, fair: 2, poor: 1 };
const COLORS: Record<QualityLevel, string> = {
  good: 'var(--mantine-color-green-8)',
  fair: 'var(--mantine-color-orange-8)',
  poor: 'var(--mantine-color-red-8)',
};

export function CallQualityIndicator({ quality }: { quality: QualitySample }) {
  const { t, i18n } = useTranslation();
  const [one, whole] = useMemo(
    () => [
      new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
      new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 }),
    ],
    [i18n.language],
  );
  const label = t('phone.quality.label', {
    level: t(`phone.quality.level.${quality.level}`),
    mos: one.format(quality.mos),
    loss: one.format(quality.lossPct),
    jitter: whole.format(quality.jitterMs),
  });
  const filled = BARS[quality.level];
  const color = COLORS[quality.level];
  return (
    <Group
      gap={4}
      wrap="nowrap"
      role="img"
      aria-label={label}
      title={label}
      data-testid="call-quality"
      data-level={quality.level}
    >
      <svg width="14" height="12" viewBox="0 0 14 12" aria-hidden focusable="false">
        {[0, 1, 2].map((i) => (
          <rect
            key={i}
            x={i * 5}
            y={8 - i * 4}
            width="4"
            height={4 + i * 4}
            rx="1"
            fill={i < filled ? color : 'var(--mantine-color-gray-4)'}
          />
        ))}
      </svg>
      <Text size="sm" span>
        {t(`phone.quality.short.${quality.level}`)}
      </Text>
    </Group>
  );
}
