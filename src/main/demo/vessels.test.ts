import { describe, expect, it } from 'vitest';
import { generateVessel, type ShipClassId } from './vessels.ts';
import { Rng } from './prng.ts';

/** ITU-R M.1371 codes → class, as in ship-noise.md §5.2. */
function classOfAisType(code: number): ShipClassId | null {
  if ((code >= 30 && code <= 33) || (code >= 51 && code <= 55)) return 'A';
  if (code === 36 || code === 37 || code === 50 || code === 34) return 'B';
  if (code >= 60 && code <= 69) return 'C';
  if (code === 35 || (code >= 70 && code <= 89)) return 'D';
  return null;
}

const CLASSES: ShipClassId[] = ['A', 'B', 'C', 'D'];

describe('generateVessel', () => {
  it('gives every class a consistent AIS type, identity and dimensions', () => {
    const rng = new Rng(11);
    for (const classId of CLASSES) {
      for (let i = 0; i < 200; i++) {
        const v = generateVessel(rng, classId);
        expect(classOfAisType(v.shipType)).toBe(classId);
        expect(v.mmsi).toBeGreaterThanOrEqual(200_000_000);
        expect(v.mmsi).toBeLessThan(800_000_000);
        expect(v.name.length).toBeGreaterThan(2);
        expect(v.name.length).toBeLessThanOrEqual(20);
        expect(v.beamM).toBeGreaterThan(0);
        expect(v.lengthM / v.beamM).toBeGreaterThan(2);
        expect(v.sourceDepthM).toBeLessThanOrEqual(v.draftM);
      }
    }
  });

  it('draws blade rates in the §2.2 bands per class', () => {
    const rng = new Rng(12);
    const bands: Record<ShipClassId, [number, number]> = { A: [8, 40], B: [12, 270], C: [6, 30], D: [3, 35] };
    for (const classId of CLASSES) {
      for (let i = 0; i < 200; i++) {
        const f = generateVessel(rng, classId).acoustics.bladeRateHz;
        expect(f).toBeGreaterThanOrEqual(bands[classId][0]);
        expect(f).toBeLessThanOrEqual(bands[classId][1]);
      }
    }
  });

  it('keeps DEMON indices summing below 1 so the envelope never goes negative', () => {
    const rng = new Rng(13);
    for (let i = 0; i < 500; i++) {
      const d = generateVessel(rng, CLASSES[i % 4]).acoustics.demon;
      expect(d.blade[0] + d.blade[1] + d.blade[2] + d.shaft + d.engine).toBeLessThan(0.95);
    }
  });

  it('is deterministic for a seed', () => {
    expect(generateVessel(new Rng(5), 'D')).toEqual(generateVessel(new Rng(5), 'D'));
  });
});
