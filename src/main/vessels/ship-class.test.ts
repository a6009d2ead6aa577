import { describe, expect, it } from 'vitest';
import { shipTypeText, vesselClassOf } from './ship-class.ts';

describe('vesselClassOf', () => {
  it.each([
    [30, 'A'], [31, 'A'], [32, 'A'], [52, 'A'], [37, 'B'], [36, 'B'], [50, 'B'], [34, 'B'],
    [60, 'C'], [69, 'C'], [70, 'D'], [79, 'D'], [80, 'D'], [89, 'D'], [35, 'D'],
    [0, 'unknown'], [33, 'unknown'], [51, 'unknown'], [90, 'unknown'], [null, 'unknown'], [undefined, 'unknown'],
  ] as const)('type %s → %s', (code, cls) => {
    expect(vesselClassOf(code)).toBe(cls);
  });

  it('names types with their code', () => {
    expect(shipTypeText(70)).toBe('Cargo (70)');
    expect(shipTypeText(30)).toBe('Fishing (30)');
    expect(shipTypeText(undefined)).toBeUndefined();
  });
});
