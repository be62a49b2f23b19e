import type { TrayVariant } from './tray-state.ts';

// The tray icon's variants are drawn at start-up, not shipped as files: the app icon, scaled down by
// Electron, with a coloured status dot in the lower right corner (white-ringed, so it reads on dark
// and light taskbars). Pure pixel work on the raw bitmap Electron's nativeImage gives
// (`toBitmap()` / `createFromBitmap()`: 4 bytes a pixel, premultiplied, B G R A on every platform
// Electron supports), so it is tested under Node.

export type Rgb = readonly [number, number, number];

/** Colour never alone: the tooltip says the same in words. Mantine's 7th shades, as the window uses. */
export const VARIANT_COLORS: Record<TrayVariant, Rgb> = {
  ready: [0x2f, 0x9e, 0x44],
  'on-call': [0x19, 0x71, 0xc2],
  'not-ready': [0xf0, 0x8c, 0x00],
  offline: [0x86, 0x8e, 0x96],
  error: [0xe0, 0x31, 0x31],
};

/** The Windows taskbar overlay for missed calls. */
export const MISSED_COLOR: Rgb = [0xe0, 0x31, 0x31];

const WHITE: Rgb = [0xff, 0xff, 0xff];

/** Blends a colour over one BGRA pixel with coverage 0..1 (premultiplied "over"). */
function blend(out: Uint8Array, offset: number, rgb: Rgb, coverage: number): void {
  if (coverage <= 0) return;
  const a = Math.min(1, coverage);
  const keep = 1 - a;
  out[offset] = Math.round(rgb[2] * a + out[offset]! * keep);
  out[offset + 1] = Math.round(rgb[1] * a + out[offset + 1]! * keep);
  out[offset + 2] = Math.round(rgb[0] * a + out[offset + 2]! * keep);
  out[offset + 3] = Math.round(255 * a + out[offset + 3]! * keep);
}

export interface Dot {
  cx: number;
  cy: number;
  radius: number;
  rgb: Rgb;
  /** A white ring this wide around the dot. */
  ring: number;
}

/** A copy of the bitmap with the dot painted, edges anti-aliased. */
export function paintDot(bitmap: Uint8Array, size: number, dot: Dot): Uint8Array {
  if (bitmap.length !== size * size * 4) throw new Error(`expected a ${size}×${size} BGRA bitmap`);
  const out = Uint8Array.from(bitmap);
  const outer = dot.radius + dot.ring;
  for (let y = Math.max(0, Math.floor(dot.cy - outer - 1)); y < Math.min(size, dot.cy + outer + 1); y++) {
    for (let x = Math.max(0, Math.floor(dot.cx - outer - 1)); x < Math.min(size, dot.cx + outer + 1); x++) {
      const distance = Math.hypot(x + 0.5 - dot.cx, y + 0.5 - dot.cy);
      const offset = (y * size + x) * 4;
      if (dot.ring > 0) blend(out, offset, WHITE, outer + 0.5 - distance);
      blend(out, offset, dot.rgb, dot.radius + 0.5 - distance);
    }
  }
  return out;
}

/** The app icon (size×size BGRA) with the variant's status dot. */
export function trayIconBitmap(icon: Uint8Array, size: number, variant: TrayVariant): Uint8Array {
  const radius = size * 0.22;
  const ring = Math.max(1, size / 16);
  const centre = size - radius - ring;
  return paintDot(icon, size, { cx: centre, cy: centre, radius, rgb: VARIANT_COLORS[variant], ring });
}

/** A small red disc on transparency (the Windows taskbar overlay: "you missed calls"). */
export function missedOverlayBitmap(size: number): Uint8Array {
  const ring = Math.max(1, size / 16);
  return paintDot(new Uint8Array(size * size * 4), size, {
    cx: size / 2,
    cy: size / 2,
    radius: size / 2 - ring,
    rgb: MISSED_COLOR,
    ring,
  });
}
