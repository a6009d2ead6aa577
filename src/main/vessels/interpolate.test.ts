import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceM } from '../demo/geo.ts';
import { deadReckon, KNOT_MPS, lastIndexAtOrBefore, lerpAngle, positionAt, type TrackFix } from './interpolate.ts';

const fix = (time: number, lat: number, lon: number, sog: number | null = 10, cog: number | null = 90): TrackFix => ({ time, lat, lon, sog, cog, heading: cog });

describe('positionAt', () => {
  const track = [fix(0, 36.7, -122.2), fix(60_000, 36.7, -122.19), fix(1_000_000, 36.8, -122.0)];

  it('returns a report exactly at its time', () => {
    expect(positionAt(track, 60_000)).toMatchObject({ lat: 36.7, lon: -122.19, quality: 'reported', reportTime: 60_000 });
  });

  it('interpolates linearly between close reports', () => {
    const p = positionAt(track, 15_000)!;
    expect(p.quality).toBe('interpolated');
    expect(p.lon).toBeCloseTo(-122.1975, 9);
    expect(p.reportTime).toBe(0);
  });

  it('dead-reckons after a report when the next one is too far away', () => {
    const p = positionAt(track, 60_000 + 120_000)!;
    expect(p.quality).toBe('dead-reckoned');
    // 10 kn east for 120 s
    expect(distanceM({ lat: 36.7, lon: -122.19 }, p)).toBeCloseTo(10 * KNOT_MPS * 120, 0);
    expect(p.lon).toBeGreaterThan(-122.19);
  });

  it('marks old positions stale, then forgets them', () => {
    expect(positionAt(track, 60_000 + 400_000)?.quality).toBe('stale');
    expect(positionAt(track, 60_000 + 700_000)).toBeNull();
    expect(positionAt(track, 60_000 + 400_000, { staleMs: 0 })).toBeNull();
  });

  it('knows nothing before the first report', () => {
    expect(positionAt(track, -1)).toBeNull();
    expect(positionAt([], 0)).toBeNull();
  });

  it('interpolates across the antimeridian the short way', () => {
    const p = positionAt([fix(0, 0, 179.9), fix(1000, 0, -179.9)], 500)!;
    expect(Math.abs(Math.abs(p.lon) - 180)).toBeLessThan(1e-9);
  });

  it('stays on the segment between two reports (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -60, max: 60, noNaN: true }), fc.double({ min: -179, max: 179, noNaN: true }),
        fc.double({ min: -0.05, max: 0.05, noNaN: true }), fc.double({ min: -0.05, max: 0.05, noNaN: true }),
        fc.integer({ min: 1, max: 600_000 }), fc.double({ min: 0, max: 1, noNaN: true }),
        (lat, lon, dLat, dLon, gap, f) => {
          const a = fix(0, lat, lon);
          const b = fix(gap, lat + dLat, lon + dLon);
          const p = positionAt([a, b], Math.round(f * gap))!;
          const whole = distanceM(a, b);
          return distanceM(a, p) + distanceM(p, b) <= whole * 1.0001 + 0.01;
        },
      ),
    );
  });
});

describe('deadReckon', () => {
  it('keeps a (nearly) stopped vessel in place and refuses unknown motion', () => {
    expect(deadReckon(fix(0, 1, 2, 0.1, null), 60_000)).toMatchObject({ lat: 1, lon: 2 });
    expect(deadReckon(fix(0, 1, 2, null, 90), 60_000)).toBeNull();
    expect(deadReckon(fix(0, 1, 2, 5, null), 60_000)).toBeNull();
  });

  it('moves north for course 0 (property: distance = speed × time)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 40, noNaN: true }), fc.integer({ min: 1000, max: 180_000 }), (sog, dt) => {
        const p = deadReckon(fix(0, 36, -122, sog, 0), dt)!;
        return p.lat > 36 && Math.abs(distanceM({ lat: 36, lon: -122 }, p) - sog * KNOT_MPS * (dt / 1000)) < 0.01 * sog * dt;
      }),
    );
  });
});

describe('helpers', () => {
  it('finds the last index at or before t', () => {
    const t = [fix(0, 0, 0), fix(10, 0, 0), fix(20, 0, 0)];
    expect([-1, 0, 5, 10, 25].map((x) => lastIndexAtOrBefore(t, x))).toEqual([-1, 0, 0, 1, 2]);
  });

  it('interpolates angles along the shorter arc', () => {
    expect(lerpAngle(350, 10, 0.5)).toBeCloseTo(0, 9);
    expect(lerpAngle(10, 350, 0.25)).toBeCloseTo(5, 9);
  });
});
