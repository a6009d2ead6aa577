import { describe, expect, it } from 'vitest';
import { buildToneLines, cavitationFactor, jeSourceLevelDb, type JeParams } from './source.ts';
import { Rng } from './prng.ts';

const je = (vcKn: number, cargo = false, dLf = 0.8, d = 3): JeParams => ({ vcKn, d, cargo, dLf });

describe('JOMOPANS-ECHO source spectrum (ship-noise.md §1.1 reference table)', () => {
  const cases: Array<[string, JeParams, number, number, Array<[number, number]>]> = [
    ['container 18 kn 300 m', je(18, true, 0.8), 18, 300, [[20, 170], [50, 171], [200, 156], [1000, 142]]],
    ['tanker 12.4 kn 250 m', je(12.4, true, 1.0), 12.4, 250, [[50, 166], [500, 146], [2000, 134]]],
    ['cruise 17.1 kn 300 m', je(17.1, false, 0.8, 4), 17.1, 300, [[10, 160], [200, 155], [1000, 142]]],
    ['fishing 10 kn 40 m', je(6.4), 10, 40, [[100, 148], [500, 142], [2000, 130]]],
    ['recreational 10.6 kn 12 m (15 m floor)', je(10.6), 10.6, 12, [[100, 130], [1000, 114]]],
  ];
  for (const [name, params, v, l, points] of cases) {
    it(name, () => {
      for (const [f, db] of points) expect(Math.abs(jeSourceLevelDb(f, v, l, params) - db)).toBeLessThanOrEqual(2);
    });
  }

  it('clamps the speed term to V/Vc ≤ 2 (a tug at 10 kn is not +26 dB)', () => {
    const tug = je(3.7);
    expect(jeSourceLevelDb(100, 10, 30, tug) - jeSourceLevelDb(100, 3.7, 30, tug)).toBeCloseTo(60 * Math.log10(2), 6);
  });
});

describe('tonals (§2.2)', () => {
  it('puts blade lines at k·Z·shaft rate, decaying, below maxHz', () => {
    const lines = buildToneLines(new Rng(1), {
      shaftRateHz: 1.5, blades: 5, firingOrder: 6, generatorRateHz: 12, generatorFiringOrder: 4, gridHz: 60,
      lineBoostDb: [15, 15], continuumDb: () => 160, maxHz: 3600,
    });
    const blades = lines.filter((l) => l.kind === 'blade');
    expect(blades.map((l) => l.freqHz)).toEqual([7.5, 15, 22.5, 30, 37.5, 45, 52.5, 60]);
    expect(blades[0].levelDb).toBeGreaterThanOrEqual(171);
    expect(blades[0].levelDb).toBeLessThanOrEqual(179);
    expect(blades[7].levelDb).toBeLessThan(blades[0].levelDb);
    expect(lines.filter((l) => l.kind === 'electrical').map((l) => l.freqHz)).toEqual([60, 120, 180, 240]);
    expect(lines.every((l) => l.freqHz <= 3600)).toBe(true);
  });

  it('switches cavitation on around the inception speed', () => {
    expect(cavitationFactor(5, 10)).toBeLessThan(0.01);
    expect(cavitationFactor(10, 10)).toBeCloseTo(0.5, 6);
    expect(cavitationFactor(15, 10)).toBeGreaterThan(0.99);
  });
});
