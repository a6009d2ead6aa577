import { describe, expect, it } from 'vitest';
import { groupVessels, projectPositions } from './vessel-points.ts';
import { segmentsInStays, stayBands } from './vessel-stays.ts';
import { worldScale } from './web-mercator.ts';

const positions = {
  mmsi: [11, 12, 13, 14], lat: [48.5, 48.6, -10, 0], lon: [-123.1, -123.2, 20, 0], dir: [90, null, 0, 45],
  vesselClass: ['A', 'A', 'D', 'A'] as ('A' | 'D')[], stale: [0, 0, 0, 1],
};

describe('projected vessels', () => {
  it('land on the Web Mercator pixel (the textbook tan form; Leaflet needs a DOM to load here)', () => {
    const p = projectPositions(positions);
    const zoom = 9;
    for (let i = 0; i < p.count; i++) {
      const lat = (positions.lat[i] * Math.PI) / 180;
      const x = ((positions.lon[i] + 180) / 360) * worldScale(zoom);
      const y = (0.5 - Math.log(Math.tan(Math.PI / 4 + lat / 2)) / (2 * Math.PI)) * worldScale(zoom);
      expect(p.wx[i] * worldScale(zoom)).toBeCloseTo(x, 6);
      expect(p.wy[i] * worldScale(zoom)).toBeCloseTo(y, 6);
    }
    expect(Number.isNaN(p.dir[1])).toBe(true);
    expect(projectPositions(undefined).count).toBe(0);
  });

  it('group by class and staleness, the selected one apart', () => {
    const { groups, chosen } = groupVessels(projectPositions(positions), 12);
    expect(chosen).toBe(1);
    expect(groups).toEqual([[0], [2], [3]]);
  });
});

describe("a vessel's stays over the timeline", () => {
  const starts = [0, 10, 20, 30, 50, 60];
  const ends = [10, 20, 30, 40, 60, 70];

  it('highlights the segments overlapping a stay, merged into bands of consecutive segments', () => {
    const idx = segmentsInStays(starts, ends, [{ start: 12, end: 31 }, { start: 55, end: 58 }]);
    expect(idx).toEqual([1, 2, 3, 4]);
    expect(stayBands(starts, ends, idx, 0)).toEqual([{ from: 10, to: 40, segments: 3 }, { from: 50, to: 60, segments: 1 }]);
  });

  it('highlights nothing for a stay between segments or touching one only at its edge', () => {
    expect(segmentsInStays(starts, ends, [{ start: 41, end: 49 }, { start: 70, end: 80 }])).toEqual([]);
  });
});
