import { describe, expect, it } from 'vitest';
import { destination } from '../demo/geo.ts';
import type { TrackFix } from './interpolate.ts';
import { passesWithin } from './passes.ts';

const sensor = { lat: 36.712465, lon: -122.187548 };

/** A straight east-going track passing `offsetM` north of the sensor, one report every `stepMs`. */
function straightTrack(offsetM: number, stepMs: number, n: number, speedMps = 5): TrackFix[] {
  const start = destination(destination(sensor, 0, offsetM), 270, (speedMps * stepMs * (n - 1)) / 2000);
  return Array.from({ length: n }, (_, i) => {
    const p = destination(start, 90, (speedMps * stepMs * i) / 1000);
    return { time: i * stepMs, lat: p.lat, lon: p.lon, sog: speedMps / 0.514444, cog: 90, heading: 90 };
  });
}

describe('passesWithin', () => {
  it('finds the entry and exit of a straight pass and its closest approach', () => {
    // 5 m/s over 100 reports 10 s apart = 5 km; 1 km north of the sensor, range 2 km → chord of 2·√3 km.
    const track = straightTrack(1000, 10_000, 101);
    const [pass] = passesWithin(track, sensor, 2000);
    expect(pass.closestM).toBeCloseTo(1000, -1);
    expect(pass.closestAt).toBeCloseTo(500_000, -4);
    expect((pass.end - pass.start) / 1000).toBeCloseTo((2 * Math.sqrt(3) * 1000) / 5, -1);
  });

  it('is empty when the vessel stays outside the range', () => {
    expect(passesWithin(straightTrack(3000, 10_000, 101), sensor, 2000)).toEqual([]);
  });

  it('does not join reports across a long gap, but keeps single reports in range', () => {
    const track = straightTrack(500, 1_000_000, 3, 3); // reports 3 km apart: only the middle one is in range
    const passes = passesWithin(track, sensor, 2000, { maxGapMs: 600_000 });
    expect(passes.map((p) => [p.start, p.end])).toEqual([[1_000_000, 1_000_000]]);
  });

  it('clips the stays to the requested window', () => {
    const track = straightTrack(1000, 10_000, 101);
    const [pass] = passesWithin(track, sensor, 2000, { t0: 400_000, t1: 450_000 });
    expect([pass.start, pass.end]).toEqual([400_000, 450_000]);
  });
});
