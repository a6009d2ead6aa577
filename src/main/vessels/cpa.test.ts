import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { destination } from '../demo/geo.ts';
import { cpaTo, segmentInCircle, toLocal } from './cpa.ts';
import { KNOT_MPS } from './interpolate.ts';

const sensor = { lat: 36.712465, lon: -122.187548 };

describe('cpaTo', () => {
  it('finds the CPA of a vessel passing 2 km north of the sensor, heading east', () => {
    const start = destination(destination(sensor, 0, 2000), 270, 5000);
    const r = cpaTo(sensor, { ...start, sog: 10, cog: 90 })!;
    expect(r.cpaM).toBeCloseTo(2000, -1);
    expect(r.tcpaS).toBeCloseTo(5000 / (10 * KNOT_MPS), -1);
  });

  it('gives a negative TCPA once the CPA is behind the vessel, and null when it is still', () => {
    const past = destination(destination(sensor, 0, 2000), 90, 5000);
    expect(cpaTo(sensor, { ...past, sog: 10, cog: 90 })!.tcpaS).toBeLessThan(0);
    expect(cpaTo(sensor, { ...past, sog: 0, cog: 90 })).toBeNull();
    expect(cpaTo(sensor, { ...past, sog: null, cog: 90 })).toBeNull();
  });

  it('never exceeds the current distance for a future CPA (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 359.9, noNaN: true }), fc.double({ min: 100, max: 50_000, noNaN: true }), fc.double({ min: 0.5, max: 40, noNaN: true }), fc.double({ min: 0, max: 359.9, noNaN: true }), (brg, dist, sog, cog) => {
        const p = destination(sensor, brg, dist);
        const r = cpaTo(sensor, { ...p, sog, cog })!;
        const now = Math.hypot(toLocal(sensor, p).e, toLocal(sensor, p).n);
        return r.tcpaS < 0 || r.cpaM <= now + 1e-6;
      }),
    );
  });
});

describe('segmentInCircle', () => {
  it('finds where a straight line through the origin enters and leaves the circle', () => {
    const r = segmentInCircle({ e: -2000, n: 0 }, { e: 2000, n: 0 }, 1000);
    expect(r.inside![0]).toBeCloseTo(0.25, 9);
    expect(r.inside![1]).toBeCloseTo(0.75, 9);
    expect(r.closest).toBeCloseTo(0.5, 9);
  });

  it('reports no crossing for a segment that misses the circle', () => {
    expect(segmentInCircle({ e: -2000, n: 1500 }, { e: 2000, n: 1500 }, 1000).inside).toBeNull();
    expect(segmentInCircle({ e: 3000, n: 0 }, { e: 5000, n: 0 }, 1000).inside).toBeNull();
  });
});
