import { describe, expect, it } from 'vitest';
import { AIS_RADIUS_M, generateScenario, isOnTrack, MARS_SENSOR, shipEnuAt, type SimShip } from './scenario.ts';

const T0 = Date.UTC(2025, 6, 1);
const HOUR = 3_600_000;

function nearest(ships: readonly SimShip[], t: number): number[] {
  return ships.filter((s) => isOnTrack(s, t)).map((s) => {
    const p = shipEnuAt(s, t);
    return Math.hypot(p.east, p.north);
  });
}

describe('generateScenario', () => {
  const scenario = generateScenario({ seed: 3, startTime: T0, durationMs: 24 * HOUR, sensor: MARS_SENSOR });

  it('is deterministic for a seed', () => {
    expect(generateScenario({ seed: 3, startTime: T0, durationMs: 24 * HOUR })).toEqual(scenario);
    expect(generateScenario({ seed: 4, startTime: T0, durationMs: 24 * HOUR }).ships[0]).not.toEqual(scenario.ships[0]);
  });

  it('passes each ship at its CPA distance at its CPA time, on a track inside the AIS disc', () => {
    for (const s of scenario.ships) {
      const at = (t: number) => Math.hypot(shipEnuAt(s, t).east, shipEnuAt(s, t).north);
      expect(at(s.cpaTime)).toBeCloseTo(s.cpaM, 3);
      expect(at(s.cpaTime + 60_000)).toBeGreaterThan(s.cpaM);
      expect(at(s.cpaTime - 60_000)).toBeGreaterThan(s.cpaM);
      expect(at(s.trackStart)).toBeLessThanOrEqual(AIS_RADIUS_M + 1);
      expect(at(s.trackEnd)).toBeLessThanOrEqual(AIS_RADIUS_M + 1);
      expect(new Set(scenario.ships.map((x) => x.mmsi)).size).toBe(scenario.ships.length);
    }
  });

  it('has all four classes, class-E stretches and times with two ships close at once', () => {
    expect(new Set(scenario.ships.map((s) => s.classId))).toEqual(new Set(['A', 'B', 'C', 'D']));
    let longestQuietMin = 0;
    let quiet = 0;
    let twoAtOnce = 0;
    let quietMinutes = 0;
    for (let t = T0; t < T0 + 24 * HOUR; t += 60_000) {
      const within = nearest(scenario.ships, t).filter((r) => r < 20_000).length;
      quiet = within === 0 ? quiet + 1 : 0;
      if (within === 0) quietMinutes++;
      longestQuietMin = Math.max(longestQuietMin, quiet);
      if (within >= 2) twoAtOnce++;
    }
    expect(longestQuietMin).toBeGreaterThanOrEqual(30);
    expect(quietMinutes / (24 * 60)).toBeGreaterThan(0.1);
    expect(twoAtOnce).toBeGreaterThan(30);
  });
});
