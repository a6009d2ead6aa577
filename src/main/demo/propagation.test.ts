import { describe, expect, it } from 'vitest';
import { francoisGarrisonDbPerKm, grazingSin, lloydMirrorFactor, SOUND_SPEED_MS, spreadingLossDb, thorpDbPerKm } from './propagation.ts';

describe('absorption (ship-noise.md §3.2 table)', () => {
  it('Thorp matches the tabulated values', () => {
    const table: Array<[number, number]> = [[100, 0.005], [1000, 0.069], [4000, 0.283], [10000, 1.19]];
    for (const [f, a] of table) expect(thorpDbPerKm(f)).toBeCloseTo(a, 2);
  });

  it('Francois–Garrison matches the 10 °C surface and 4 °C / 900 m columns', () => {
    const surface = { temperatureC: 10, salinityPsu: 35, depthM: 0, pH: 8 };
    const deep = { temperatureC: 4, salinityPsu: 35, depthM: 900, pH: 7.7 };
    expect(francoisGarrisonDbPerKm(1000, surface)).toBeCloseTo(0.06, 2);
    expect(francoisGarrisonDbPerKm(4000, surface)).toBeCloseTo(0.245, 1);
    expect(francoisGarrisonDbPerKm(10000, surface)).toBeCloseTo(0.96, 1);
    expect(francoisGarrisonDbPerKm(1000, deep)).toBeCloseTo(0.04, 2);
    expect(francoisGarrisonDbPerKm(500, deep)).toBeCloseTo(0.015, 2);
  });
});

describe('spreading (§3.1)', () => {
  it('is spherical inside the transition range and 16·log beyond it', () => {
    expect(spreadingLossDb(1000)).toBeCloseTo(60, 6);
    expect(spreadingLossDb(15000) - spreadingLossDb(1500)).toBeCloseTo(16, 6);
  });
});

describe("Lloyd's mirror (§3.3)", () => {
  it('puts the first null at c / (2·d_s·sinθ) and tends to +3 dB at high frequency', () => {
    const ds = 6;
    const null1 = SOUND_SPEED_MS / (2 * ds * 1);
    expect(lloydMirrorFactor(null1, ds, 1, 0, 0)).toBeLessThan(1e-3);
    expect(lloydMirrorFactor(null1 / 2, ds, 1, 0, 0)).toBeCloseTo(4, 6);
    // An extended source keeps the first null but fills high-order ones.
    expect(lloydMirrorFactor(null1, ds, 1, 0)).toBeLessThan(0.25);
    expect(lloydMirrorFactor(20 * null1, ds, 1, 0)).toBeGreaterThan(1.5);
    expect(lloydMirrorFactor(20000, ds, 1, 0.5)).toBeCloseTo(2, 2);
  });

  it('is a dipole (+20 dB/decade) at low frequency', () => {
    const g10 = lloydMirrorFactor(10, 6, 0.14, 0.2);
    const g20 = lloydMirrorFactor(20, 6, 0.14, 0.2);
    expect(10 * Math.log10(g20 / g10)).toBeCloseTo(6, 0);
  });

  it('clamps the grazing angle to θ_min at long range', () => {
    expect(grazingSin(100_000, 891, 6)).toBeCloseTo(Math.sin((8 * Math.PI) / 180), 6);
    expect(grazingSin(0, 891, 6)).toBeCloseTo(1, 6);
  });
});
