import { describe, expect, it } from 'vitest';
import { equirippleHalfBand, equirippleHalfBandPairs, remezHalfBandCosines } from './halfband-design.ts';
import { designDecimatingHalfBand, designLowpass } from './polyphase.ts';

/** Zero-phase amplitude response of a symmetric odd-length FIR at f (fraction of fs). */
function amplitude(h: Float64Array, f: number): number {
  const c = (h.length - 1) / 2;
  let s = h[c]!;
  for (let t = 1; t <= c; t++) s += 2 * h[c + t]! * Math.cos(2 * Math.PI * f * t);
  return s;
}

/** Largest |A(f) − target| over [from, to] on a grid of `points`. */
function worstDeviation(h: Float64Array, from: number, to: number, target: number, points = 20_000): number {
  let worst = 0;
  for (let g = 0; g <= points; g++) worst = Math.max(worst, Math.abs(amplitude(h, from + ((to - from) * g) / points) - target));
  return worst;
}

const PASS_EDGE = 1900 / 8000; // the 8 → 4 kHz decimator: flat to 1.9 kHz, stop band from 2.1 kHz

describe('equiripple half-band design', () => {
  it('the 8 → 4 kHz filter: ≥ 80 dB down from 2.1 kHz, pass-band ripple ≤ 1e-4 (0.0009 dB), 47 tap pairs instead of the Kaiser window’s 52', () => {
    const h = designDecimatingHalfBand(8000, 200, 80);
    expect((h.length + 1) / 4).toBe(47);
    expect((designLowpass(8000, 2000, 200, 1, 80).length + 1) / 4).toBe(52);
    expect(20 * Math.log10(worstDeviation(h, 2100 / 8000, 0.5, 0))).toBeLessThan(-80);
    expect(worstDeviation(h, 0, PASS_EDGE, 1)).toBeLessThan(1e-4);
  });

  it('is a half-band: symmetric, centre tap gain/2, every other tap exactly zero, DC gain as asked', () => {
    const h = equirippleHalfBand(10, 0.2, 3);
    const c = (h.length - 1) / 2;
    expect(h.length).toBe(39);
    expect(h[c]).toBe(1.5);
    for (let t = 1; t <= c; t++) {
      expect(h[c + t]).toBe(h[c - t]);
      if (t % 2 === 0) expect(h[c + t]).toBe(0);
    }
    expect(Math.abs(amplitude(h, 0) / 3 - 1)).toBeLessThanOrEqual(remezHalfBandCosines(10, 2 * Math.PI * 0.2).delta * (1 + 1e-9));
  });

  it('is the minimax fit: the error equioscillates, and one pair fewer misses 80 dB', () => {
    const K = equirippleHalfBandPairs(PASS_EDGE, 80);
    const { delta } = remezHalfBandCosines(K, 2 * Math.PI * PASS_EDGE);
    expect(delta).toBeLessThanOrEqual(1e-4);
    expect(remezHalfBandCosines(K - 1, 2 * Math.PI * PASS_EDGE).delta).toBeGreaterThan(1e-4);
    // K + 1 alternating extrema of size δ in the pass band (and mirrored in the stop band).
    const h = equirippleHalfBand(K, PASS_EDGE);
    const points = 40_000;
    const err = Float64Array.from({ length: points + 1 }, (_, g) => amplitude(h, (PASS_EDGE * g) / points) - 1);
    let alternations = 0;
    let sign = 0;
    for (let g = 0; g <= points; g++) {
      if (Math.abs(err[g]!) > 0.999 * delta && Math.sign(err[g]!) !== sign) {
        sign = Math.sign(err[g]!);
        alternations++;
      }
    }
    expect(alternations).toBe(K + 1);
  });

  it('rejects pass edges that do not leave a stop band', () => {
    expect(() => equirippleHalfBandPairs(0.25, 80)).toThrow(/pass edge/);
  });
});
