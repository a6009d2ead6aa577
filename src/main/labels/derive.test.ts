import { describe, expect, it } from 'vitest';
import type { MappedClass } from '../../shared/labels.ts';
import { deriveLabel, zoneOf, type StoredVessel } from './derive.ts';

const mapping = new Map<string, MappedClass>([['30', 'A'], ['70', 'D'], ['37', 'B'], ['not ship', 'E'], ['90', 'Unknown']]);
const v = (designation: string, zone: StoredVessel[2]): StoredVessel => [1, designation, zone, 1000];

describe('deriveLabel', () => {
  it('single, multi and background with fresh coverage', () => {
    expect(deriveLabel('fresh', [v('70', 'in'), v('70', 'in')], mapping)).toEqual({ status: 'single', classes: ['D'] });
    expect(deriveLabel('fresh', [v('70', 'in'), v('30', 'in'), v('37', 'ring')], mapping)).toEqual({ status: 'multi', classes: ['A', 'D'] });
    expect(deriveLabel('fresh', [], mapping)).toEqual({ status: 'background', classes: ['E'] });
    expect(deriveLabel('fresh', [v('not ship', 'in')], mapping)).toEqual({ status: 'background', classes: ['E'] });
  });

  it('ambiguous: ring only, Unknown or missing designation in range, lost vessel, stale or no AIS', () => {
    expect(deriveLabel('fresh', [v('70', 'ring')], mapping)).toMatchObject({ status: 'ambiguous', reason: 'a vessel only in the buffer ring' });
    expect(deriveLabel('fresh', [v('90', 'in'), v('70', 'in')], mapping)).toMatchObject({ status: 'ambiguous', classes: ['D'] });
    expect(deriveLabel('fresh', [v('', 'in')], mapping).status).toBe('ambiguous');
    expect(deriveLabel('fresh', [v('99', 'in')], mapping).status).toBe('ambiguous');
    expect(deriveLabel('fresh', [v('70', 'in'), v('30', 'lost')], mapping).status).toBe('ambiguous');
    expect(deriveLabel('stale', [], mapping).status).toBe('ambiguous');
    expect(deriveLabel('none', [], mapping)).toMatchObject({ status: 'ambiguous', classes: [], reason: 'no AIS received around the segment' });
  });

  it('re-derives the same facts differently under another mapping', () => {
    const facts = [v('90', 'in')];
    expect(deriveLabel('fresh', facts, mapping).status).toBe('ambiguous');
    expect(deriveLabel('fresh', facts, new Map([...mapping, ['90', 'A']]))).toEqual({ status: 'single', classes: ['A'] });
  });
});

describe('zoneOf', () => {
  const p = (minM: number, uncertainM = Infinity) => ({ minM, closestAt: 0, coveredMs: 0, uncertainM });
  it('sorts by range, ring and what the unknown part allows', () => {
    expect(zoneOf(p(19_999), 20_000, 10_000)).toBe('in');
    expect(zoneOf(p(25_000), 20_000, 10_000)).toBe('ring');
    expect(zoneOf(p(30_001), 20_000, 10_000)).toBeNull();
    expect(zoneOf(p(50_000, 15_000), 20_000, 10_000)).toBe('lost');
    expect(zoneOf(p(50_000, 25_000), 20_000, 10_000)).toBe('ring');
  });
});
