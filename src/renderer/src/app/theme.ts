import { createTheme, defaultVariantColorsResolver, type CSSVariablesResolver } from '@mantine/core';

// One theme for the app, the harness and the screenshots. Mantine's defaults put white text on
// mid-tone fills and mid-grey "dimmed" text on white, below WCAG AA's 4.5:1; an operator reads this
// screen for eight hours, often on a poor office monitor, so every text colour here meets AA:
// fills use shade 8, text on light fills picks black or white by luminance (autoContrast), light
// variants write their text in shade 8, and dimmed text is grey 7.

/** Palettes whose darkest shade is still too light for text on their own pale fill (yellow 9 is 2.8:1). */
const LIGHT_PALETTES = new Set(['yellow', 'orange', 'lime', 'green', 'teal']);

function textColorOf(name: string): string {
  const shade9 = `var(--mantine-color-${name}-9)`;
  return LIGHT_PALETTES.has(name) ? `color-mix(in srgb, ${shade9}, black 40%)` : shade9;
}

export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  autoContrast: true,
  luminanceThreshold: 0.2,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif',
  defaultRadius: 'md',
  variantColorResolver: (input) => {
    const colors = defaultVariantColorsResolver(input);
    if (input.variant === 'light' || input.variant === 'outline' || input.variant === 'subtle') {
      const name = input.color ?? input.theme.primaryColor;
      if (!(name in input.theme.colors)) return colors;
      const text = textColorOf(name);
      if (input.variant !== 'light') return { ...colors, color: text };
      return {
        ...colors,
        background: `var(--mantine-color-${name}-0)`,
        hover: `var(--mantine-color-${name}-1)`,
        color: text,
      };
    }
    return colors;
  },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    // Field error messages: Mantine's red 6 on white is 3.3:1.
    '--mantine-color-error': 'var(--mantine-color-red-8)',
  },
  dark: {},
});
