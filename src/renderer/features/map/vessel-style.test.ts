import { describe, expect, it } from 'vitest';
import { classColor } from '../../../shared/taxonomy.ts';
import { parseRings } from './MapControls.tsx';
import { formatDistance, formatTcpa } from './format.ts';
import { trianglePoints, UNKNOWN_CLASS_COLOR, vesselColor } from './vessel-style.ts';

describe('vessel symbols', () => {
  it('colours by class', () => {
    expect(vesselColor('D')).toBe(classColor('D'));
    expect(vesselColor('unknown')).toBe(UNKNOWN_CLASS_COLOR);
  });

  it('points the triangle tip along the heading (screen y down)', () => {
    const [tip] = trianglePoints(100, 100, 0, 10);
    expect(tip[0]).toBeCloseTo(100, 9);
    expect(tip[1]).toBeCloseTo(90, 9);
    const [east] = trianglePoints(100, 100, 90, 10);
    expect(east[0]).toBeCloseTo(110, 9);
  });
});

describe('map controls and formats', () => {
  it('parses ring radii', () => {
    expect(parseRings('40, 10 20,, x, -5, 10')).toEqual([10, 20, 40]);
  });

  it('formats distances and CPA times', () => {
    expect(formatDistance(850.4)).toBe('850 m');
    expect(formatDistance(4686)).toBe('4.7 km');
    expect(formatTcpa(296)).toBe('in 4 min 56 s');
    expect(formatTcpa(-8803)).toBe('passed 2 h 27 min ago');
    expect(formatTcpa(null)).toBe('—');
  });
});
