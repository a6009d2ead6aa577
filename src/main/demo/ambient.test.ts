import { describe, expect, it } from 'vitest';
import { AmbientSpectra, AmbientWeather, ambientDb, knudsenWindDb } from './ambient.ts';

describe('ambient (ship-noise.md §4.2)', () => {
  it('reproduces the Coates totals for s = 0.5, w = 5 m/s', () => {
    const c = { windMs: 5, shipping: 0.5, rainDb: 0 };
    const table: Array<[number, number]> = [[10, 78], [50, 72], [100, 68], [500, 63], [1000, 61], [2000, 58]];
    for (const [f, db] of table) expect(Math.abs(ambientDb(f, c) - db)).toBeLessThan(1.2);
  });

  it('reproduces the Knudsen wind levels at 1 kHz', () => {
    const table: Array<[number, number]> = [[0, 43], [5, 61], [10, 66], [15, 70]];
    for (const [w, db] of table) expect(Math.abs(knudsenWindDb(1000, w) - db)).toBeLessThan(1.2);
  });

  it('computes the same PSD from separable spectra as from the closed form', () => {
    const freqs = Float64Array.from([20, 100, 1000, 3000]);
    const c = { windMs: 8, shipping: 0.3, rainDb: 70 };
    const psd = new AmbientSpectra(freqs).psd(c, new Float64Array(4));
    freqs.forEach((f, i) => expect(10 * Math.log10(psd[i])).toBeCloseTo(ambientDb(f, c), 6));
  });

  it('drifts the weather slowly and deterministically, with occasional rain', () => {
    const w = new AmbientWeather(5);
    const t = Date.UTC(2025, 0, 1);
    expect(w.conditionsAt(t)).toEqual(new AmbientWeather(5).conditionsAt(t));
    const a = w.conditionsAt(t).windMs;
    const b = w.conditionsAt(t + 60_000).windMs;
    expect(Math.abs(a - b)).toBeLessThan(0.2);
    let rainy = 0;
    for (let h = 0; h < 24 * 60; h++) if (w.rainAt(t + h * 3_600_000 + 1_800_000) > 0) rainy++;
    expect(rainy).toBeGreaterThan(5);
    expect(rainy).toBeLessThan(24 * 60 * 0.15);
  });
});
