import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bearingDeg, destination, distanceM, enuToLatLon, latLonToEnu } from './geo.ts';

const SENSOR = { lat: 36.712465, lon: -122.187548 };

describe('geo', () => {
  it('knows one degree of latitude is ~111.2 km', () => {
    expect(distanceM({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo(111_195, -1);
    expect(bearingDeg({ lat: 0, lon: 0 }, { lat: 0, lon: 1 })).toBeCloseTo(90, 6);
  });

  it('destination then distance/bearing round-trips within 200 km', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 359.999, noNaN: true }), fc.double({ min: 1, max: 200_000, noNaN: true }), (brg, d) => {
        const p = destination(SENSOR, brg, d);
        expect(Math.abs(distanceM(SENSOR, p) - d)).toBeLessThan(1e-3 + d * 1e-9);
        const back = bearingDeg(SENSOR, p);
        expect(Math.min(Math.abs(back - brg), 360 - Math.abs(back - brg))).toBeLessThan(1e-6);
      }),
    );
  });

  it('maps local east/north offsets and back exactly in range', () => {
    fc.assert(
      fc.property(fc.double({ min: -150_000, max: 150_000, noNaN: true }), fc.double({ min: -150_000, max: 150_000, noNaN: true }), (e, n) => {
        const p = enuToLatLon(SENSOR, e, n);
        expect(Math.abs(distanceM(SENSOR, p) - Math.hypot(e, n))).toBeLessThan(1e-3);
        const enu = latLonToEnu(SENSOR, p);
        expect(Math.hypot(enu.east - e, enu.north - n)).toBeLessThan(1e-3);
      }),
    );
  });

  it('wraps longitude across the antimeridian', () => {
    expect(destination({ lat: 0, lon: 179.9 }, 90, 50_000).lon).toBeLessThan(-179);
  });
});
