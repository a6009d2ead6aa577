import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureStation, FIXTURE_T0, openFixture, type Fixture } from './session-fixture.ts';
import { createScopeQueries, lonIntervals, scopeParams } from './session-scope.ts';

describe('the AIS box of a session', () => {
  let root: string | undefined;
  let f: Fixture | undefined;
  afterEach(() => {
    f?.close();
    if (root) rmSync(root, { recursive: true, force: true });
    f = root = undefined;
  });

  it('splits the longitudes across the antimeridian into two intervals', () => {
    expect(lonIntervals(10, 1)).toEqual([[9, 11], [1, 0]]);
    const [east, west] = lonIntervals(179.5, 1);
    expect(east).toEqual([178.5, 180]);
    expect(west[0]).toBe(-180);
    expect(west[1]).toBeCloseTo(-179.5, 9);
    const [a, b] = lonIntervals(-179.5, 1);
    expect(a[0]).toBeCloseTo(179.5, 9);
    expect(a[1]).toBe(180);
    expect(b).toEqual([-180, -178.5]);
    expect(lonIntervals(540, 1)).toEqual([[179, 180], [-180, -179]]); // 540° is 180°
    expect(lonIntervals(0, 200)).toEqual([[-180, 180], [1, 0]]);
  });

  it('keeps the AIS on both sides of ±180° around a sensor at 179.8° E, and nothing far away', () => {
    root = mkdtempSync(join(tmpdir(), 'aiw-scope-'));
    f = openFixture(join(root, 'data'), { ...fixtureStation('dateline'), lat: -17, lon: 179.8 });
    const pos = f.db.prepare("INSERT INTO ais_positions (mmsi, time, lat, lon, source) VALUES (?, ?, -17, ?, 'test')");
    pos.run(1, FIXTURE_T0, 179.5); // 32 km west of the sensor
    pos.run(2, FIXTURE_T0, -179.7); // 53 km east, across the antimeridian
    pos.run(3, FIXTURE_T0, 178); // 190 km west: outside the 100 km box
    pos.run(4, FIXTURE_T0, -178); // 210 km east: outside
    pos.run(5, FIXTURE_T0, 0); // the other side of the world
    const params = scopeParams({ stationId: 'dateline', from: FIXTURE_T0 - 60_000, to: FIXTURE_T0 + 60_000 }, f.station);
    expect(createScopeQueries(f.db).stats(params).counts.aisPositions).toBe(2);
    const mmsis = f.db.prepare(`SELECT mmsi FROM ais_positions WHERE (lon BETWEEN @lonMin AND @lonMax OR lon BETWEEN @lonMin2 AND @lonMax2) ORDER BY mmsi`)
      .pluck().all(params);
    expect(mmsis).toEqual([1, 2]);
  });
});
