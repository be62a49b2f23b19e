import { describe, expect, it } from 'vitest';
import {
  missedOverlayBitmap,
  paintDot,
  trayIconBitmap,
  VARIANT_COLORS,
} from '../../../../src/main/core/shell/tray-icon.ts';
import type { TrayVariant } from '../../../../src/main/core/shell/tray-state.ts';

/** BGRA of one pixel. */
const pixel = (bitmap: Uint8Array, size: number, x: number, y: number) =>
  Array.from(bitmap.subarray((y * size + x) * 4, (y * size + x) * 4 + 4));

describe('tray icon drawing', () => {
  const size = 32;
  const grey = new Uint8Array(size * size * 4).fill(0x40);

  it.each(Object.keys(VARIANT_COLORS) as TrayVariant[])(
    'paints the %s dot in the lower right corner, leaving the rest of the icon alone',
    (variant) => {
      const painted = trayIconBitmap(grey, size, variant);
      const [r, g, b] = VARIANT_COLORS[variant];
      // Near the dot's centre: the variant's colour, opaque, in B G R A order.
      expect(pixel(painted, size, 24, 24)).toEqual([b, g, r, 255]);
      expect(pixel(painted, size, 2, 2)).toEqual([0x40, 0x40, 0x40, 0x40]);
      // The input is not changed (each variant is drawn from the same icon).
      expect(pixel(grey, size, 24, 24)).toEqual([0x40, 0x40, 0x40, 0x40]);
    },
  );

  it('rings the dot in white so it reads on a dark taskbar', () => {
    const painted = paintDot(new Uint8Array(16 * 16 * 4), 16, {
      cx: 8,
      cy: 8,
      radius: 4,
      rgb: [255, 0, 0],
      ring: 2,
    });
    expect(pixel(painted, 16, 8, 3)).toEqual([255, 255, 255, 255]);
    expect(pixel(painted, 16, 8, 8)).toEqual([0, 0, 255, 255]);
    expect(pixel(painted, 16, 0, 0)).toEqual([0, 0, 0, 0]);
  });

  it('refuses a bitmap of the wrong size instead of drawing garbage', () => {
    expect(() => trayIconBitmap(new Uint8Array(10), 16, 'ready')).toThrow(/16×16/);
  });

  it('draws the missed-call overlay as a red disc on transparency', () => {
    const overlay = missedOverlayBitmap(16);
    expect(pixel(overlay, 16, 8, 8)).toEqual([0x31, 0x31, 0xe0, 255]);
    expect(pixel(overlay, 16, 0, 0)[3]).toBe(0);
  });
});
