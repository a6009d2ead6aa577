import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_RADII, labelFromTruth, labelIndex } from './labels.ts';

describe('labelFromTruth', () => {
  it('labels an empty sea as E', () => {
    expect(labelFromTruth([])).toEqual({ label: 'E' });
  });

  it('uses per-class radii: a cargo ship at 10 km is audible, a pleasure boat at 10 km is clear', () => {
    expect(labelFromTruth([{ classId: 'D', rangeM: 10_000 }])).toEqual({ label: 'D' });
    expect(labelFromTruth([{ classId: 'B', rangeM: 10_000 }])).toEqual({ label: 'E' });
  });

  it('skips ships between their audible and clear radii', () => {
    expect(labelFromTruth([{ classId: 'D', rangeM: 30_000 }])).toEqual({ skip: 'ambiguous' });
  });

  it('ignores a distant ambiguous ship when another is clearly audible', () => {
    const ships = [
      { classId: 'D', rangeM: 30_000 },
      { classId: 'A', rangeM: 800 },
    ];
    expect(labelFromTruth(ships)).toEqual({ label: 'A' });
  });

  it('skips windows where audible ships of different classes overlap', () => {
    const ships = [
      { classId: 'C', rangeM: 5_000 },
      { classId: 'D', rangeM: 6_000 },
    ];
    expect(labelFromTruth(ships)).toEqual({ skip: 'mixed' });
  });

  it('never labels E while any ship is within its clear radius (property)', () => {
    const ship = fc.record({ classId: fc.constantFrom('A', 'B', 'C', 'D'), rangeM: fc.double({ min: 0, max: 100_000, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(ship, { maxLength: 5 }), (ships) => {
        const result = labelFromTruth(ships);
        if ('label' in result && result.label === 'E') {
          for (const s of ships) expect(s.rangeM).toBeGreaterThan(DEFAULT_RADII[s.classId].clearM);
        }
      }),
    );
  });

  it('rejects unknown classes', () => {
    expect(() => labelFromTruth([{ classId: 'Z', rangeM: 1 }])).toThrow(/no detection radii/);
    expect(() => labelIndex('Z')).toThrow(/unknown class/);
    expect(labelIndex('E')).toBe(4);
  });
});
