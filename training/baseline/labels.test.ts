import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_POLICY, labelFromTruth, labelIndex } from './labels.ts';

const ship = (classId: string, snrDb: number, rangeM = 10_000) => ({ classId, snrDb, rangeM });

describe('labelFromTruth', () => {
  it('labels an empty sea, or one where every ship is inaudible, as E', () => {
    expect(labelFromTruth([])).toEqual({ label: 'E' });
    expect(labelFromTruth([ship('D', -4), ship('B', -99)])).toEqual({ label: 'E' });
  });

  it('names the class of a clearly audible ship', () => {
    expect(labelFromTruth([ship('B', 7, 900)])).toEqual({ label: 'B' });
  });

  it('skips a faintly audible ship', () => {
    expect(labelFromTruth([ship('D', 2, 50_000)])).toEqual({ skip: 'ambiguous' });
  });

  it('keeps the dominant class when a rival is 6 dB quieter or same-class', () => {
    expect(labelFromTruth([ship('C', 20), ship('D', 13.9)])).toEqual({ label: 'C' });
    expect(labelFromTruth([ship('D', 20), ship('D', 19)])).toEqual({ label: 'D' });
  });

  it('skips windows where another class is nearly as loud', () => {
    expect(labelFromTruth([ship('C', 20), ship('D', 15)])).toEqual({ skip: 'mixed' });
  });

  it('labels E only when every ship is below the clear threshold, and a class only when it is audible (property)', () => {
    const arb = fc.record({
      classId: fc.constantFrom('A', 'B', 'C', 'D'),
      snrDb: fc.double({ min: -99, max: 40, noNaN: true }),
      rangeM: fc.double({ min: 0, max: 100_000, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(arb, { maxLength: 5 }), (ships) => {
        const result = labelFromTruth(ships);
        if (!('label' in result)) return;
        if (result.label === 'E') for (const s of ships) expect(s.snrDb).toBeLessThan(DEFAULT_POLICY.clearDb);
        else expect(ships.some((s) => s.classId === result.label && s.snrDb >= DEFAULT_POLICY.audibleDb)).toBe(true);
      }),
    );
  });

  it('rejects unknown classes', () => {
    expect(() => labelFromTruth([ship('Z', 1)])).toThrow(/unknown ship class/);
    expect(() => labelFromTruth([ship('E', 1)])).toThrow(/unknown ship class/);
    expect(() => labelIndex('Z')).toThrow(/unknown class/);
    expect(labelIndex('E')).toBe(4);
  });
});
