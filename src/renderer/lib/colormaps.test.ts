import { describe, expect, it } from 'vitest';
import { COLORMAP_NAMES, colormapLut, colormapRgb, hexToRgb, isColormapName } from './colormaps.ts';

const luminance = ([r, g, b]: [number, number, number]): number => 0.2126 * r + 0.7152 * g + 0.0722 * b;

describe('colour maps', () => {
  it('has 256 entries whose ends are the first and last stops', () => {
    const viridis = colormapRgb('viridis');
    expect(viridis).toHaveLength(256);
    expect(viridis[0]).toEqual(hexToRgb('#440154'));
    expect(viridis[255]).toEqual(hexToRgb('#fde725'));
    expect(colormapRgb('magma')[255]).toEqual([0xfc, 0xfd, 0xbf]);
  });

  it('grey is the identity ramp', () => {
    const grey = colormapRgb('grey');
    grey.forEach((rgb, i) => expect(rgb).toEqual([i, i, i]));
  });

  it.each(COLORMAP_NAMES)('%s gets brighter with level (perceptual maps are monotone in luminance)', (name) => {
    const rgb = colormapRgb(name);
    for (let i = 8; i < 256; i += 8) expect(luminance(rgb[i])).toBeGreaterThan(luminance(rgb[i - 8]));
  });

  it('packs opaque RGBA words in little-endian byte order', () => {
    const lut = colormapLut('viridis', true);
    const bytes = new Uint8Array(lut.buffer);
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x44, 0x01, 0x54, 0xff]);
    const big = colormapLut('viridis', false);
    expect(big[0]).toBe(0x440154ff);
  });

  it('recognises only known names', () => {
    expect(isColormapName('magma')).toBe(true);
    expect(isColormapName('jet')).toBe(false);
    expect(isColormapName(3)).toBe(false);
  });
});
