/**
 * Colour maps for the spectrogram, as 256-entry lookup tables.
 *
 * Each map is ten sRGB stops sampled evenly from matplotlib's perceptually uniform maps
 * (viridis, magma, inferno) and linearly interpolated; at 256 entries the difference from
 * the full tables is below what an 8-bit display shows on a spectrogram.
 */
export const COLORMAP_NAMES = ['viridis', 'magma', 'inferno', 'grey'] as const;
export type ColormapName = (typeof COLORMAP_NAMES)[number];

const STOPS: Record<ColormapName, readonly string[]> = {
  viridis: ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'],
  magma: ['#000004', '#180f3d', '#440f76', '#721f81', '#9e2f7f', '#cd4071', '#f1605d', '#fd9668', '#feca8d', '#fcfdbf'],
  inferno: ['#000004', '#1b0c41', '#4a0c6b', '#781c6d', '#a52c60', '#cf4446', '#ed6925', '#fb9b06', '#f7d13d', '#fcffa4'],
  grey: ['#000000', '#ffffff'],
};

/** True when `name` is one of the known colour maps (for values read from storage). */
export function isColormapName(name: unknown): name is ColormapName {
  return typeof name === 'string' && (COLORMAP_NAMES as readonly string[]).includes(name);
}

/** Parses "#rrggbb" into [r, g, b]. */
export function hexToRgb(hex: string): [number, number, number] {
  const v = Number.parseInt(hex.slice(1), 16);
  return [(v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
}

/** The colour map as 256 [r, g, b] triples, index 0 = lowest level. */
export function colormapRgb(name: ColormapName): Array<[number, number, number]> {
  const stops = STOPS[name].map(hexToRgb);
  const segments = stops.length - 1;
  const out: Array<[number, number, number]> = [];
  for (let i = 0; i < 256; i++) {
    const x = (i / 255) * segments;
    const k = Math.min(segments - 1, Math.floor(x));
    const f = x - k;
    const a = stops[k];
    const b = stops[k + 1];
    out.push([0, 1, 2].map((c) => Math.round(a[c] + (b[c] - a[c]) * f)) as [number, number, number]);
  }
  return out;
}

/**
 * The colour map packed as opaque RGBA in one 32-bit word per entry, in the platform's
 * byte order, so a pixel is one store into a `Uint32Array` view of `ImageData.data`.
 */
export function colormapLut(name: ColormapName, littleEndian = isLittleEndian()): Uint32Array {
  const lut = new Uint32Array(256);
  colormapRgb(name).forEach(([r, g, b], i) => {
    lut[i] = littleEndian ? ((0xff << 24) | (b << 16) | (g << 8) | r) >>> 0 : ((r << 24) | (g << 16) | (b << 8) | 0xff) >>> 0;
  });
  return lut;
}

/** CSS colour of one level (for legends drawn by the DOM). */
export function colormapCss(name: ColormapName, level: number): string {
  const [r, g, b] = colormapRgb(name)[Math.max(0, Math.min(255, Math.round(level)))];
  return `rgb(${r} ${g} ${b})`;
}

function isLittleEndian(): boolean {
  return new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
}
