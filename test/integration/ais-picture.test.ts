/**
 * The vessel picture over a real database: positions at an instant (interpolated between stored
 * reports), vessels within range over a window, tracks, detail, retention, and migration 0005's
 * backfill of the minute-track table from positions stored before it.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/main/app/logger.ts';
import { destination } from '../../src/main/demo/geo.ts';
import { AisIngest } from '../../src/main/ais/ingest.ts';
import { createAisStore } from '../../src/main/ais/ingest-store.ts';
import { openDatabase } from '../../src/main/storage/database.ts';
import { MIGRATIONS } from '../../src/main/storage/migrations/index.ts';
import { createVesselDb, tracksBetween, vesselDetail, vesselsAt, vesselsWithin } from '../../src/main/vessels/index.ts';
import { TrackStore } from '../../src/renderer/features/map/track-store.ts';
import { tempDir } from '../helpers/serve-process.ts';

const SENSOR = { lat: 36.712465, lon: -122.187548 };
const T0 = Date.UTC(2024, 5, 1, 12);
const KN = 1852 / 3600;

/** A database holding two vessels: a cargo ship passing 3 km north heading east at 12 kn, a fishing boat 30 km away. */
function seeded() {
  const db = openDatabase(join(tempDir('aiw-ais-picture-'), 'aiw.db'));
  const ingest = new AisIngest({ store: createAisStore(db), logger: silentLogger });
  const start = destination(destination(SENSOR, 0, 3000), 270, 12 * KN * 1800);
  for (let i = 0; i <= 360; i++) {
    const p = destination(start, 90, 12 * KN * i * 10);
    ingest.accept({ kind: 'position', fix: { mmsi: 366000100, time: T0 + i * 10_000, lat: p.lat, lon: p.lon, sog: 12, cog: 90, heading: 90, msgType: 1, source: 't' } });
    const q = destination(SENSOR, 180, 30_000);
    if (i % 6 === 0) ingest.accept({ kind: 'position', fix: { mmsi: 366000200, time: T0 + i * 10_000, lat: q.lat, lon: q.lon, sog: 0, cog: null, heading: null, msgType: 18, source: 't' } });
  }
  ingest.accept({ kind: 'static', data: { mmsi: 366000100, at: T0, source: 't', name: 'CARGO ONE', shipType: 70, toBow: 150, toStern: 30, toPort: 15, toStarboard: 15 } });
  ingest.accept({ kind: 'static', data: { mmsi: 366000200, at: T0, source: 't', name: 'FISHER', shipType: 30 } });
  ingest.flush(); // changes within one batch are merged; across batches each is kept in the history
  ingest.accept({ kind: 'static', data: { mmsi: 366000200, at: T0 + 60_000, source: 't', name: 'FISHER', shipType: 30, destination: 'MOSS LANDING' } });
  ingest.flush();
  return { db, vdb: createVesselDb(db) };
}

/** The part of a track at or after `from`. */
function cut(t: { t: number[]; lat: number[]; lon: number[] }, from: number) {
  const i = t.t.findIndex((x) => x >= from);
  const start = i < 0 ? t.t.length : i;
  return { t: t.t.slice(start), lat: t.lat.slice(start), lon: t.lon.slice(start) };
}

describe('vessel picture', () => {
  it('places every vessel at an instant with range, bearing, class and CPA', () => {
    const { vdb } = seeded();
    const t = T0 + 1800_000 + 5000; // between two reports, the cargo ship right north of the sensor
    const { vessels, outOfRange } = vesselsAt(vdb, SENSOR, t, 40_000);
    expect(vessels.map((v) => v.mmsi)).toEqual([366000100, 366000200]);
    const cargo = vessels[0];
    expect(cargo).toMatchObject({ name: 'CARGO ONE', vesselClass: 'D', quality: 'interpolated', lengthM: 180 });
    expect(cargo.distanceM).toBeCloseTo(3000, -2);
    expect(cargo.bearingDeg).toBeLessThan(2);
    expect(cargo.cpaM).toBeCloseTo(3000, -2);
    expect(Math.abs(cargo.tcpaS!)).toBeLessThan(10);
    expect(vessels[1]).toMatchObject({ vesselClass: 'A', cpaM: null });
    expect(outOfRange).toBe(0);
    expect(vesselsAt(vdb, SENSOR, t, 10_000)).toMatchObject({ outOfRange: 1 });
  });

  it('finds which vessels came within range over a window, with their stays (truth-label query)', () => {
    const { vdb } = seeded();
    const within = vesselsWithin(vdb, SENSOR, T0, T0 + 3600_000, 5000);
    expect(within).toHaveLength(1);
    const [pass] = within[0].passes;
    // chord of a 5 km circle at 3 km offset: 2·4 km at 12 kn
    expect((pass.end - pass.start) / 1000).toBeCloseTo(8000 / (12 * KN), -1);
    expect(pass.closestM).toBeCloseTo(3000, -2);
    expect(within[0].vesselClass).toBe('D');
  });

  it('serves decimated tracks and a vessel detail with static history', () => {
    const { vdb } = seeded();
    const tracks = tracksBetween(vdb, T0, T0 + 3600_000, undefined, 20);
    const cargo = tracks.find((t) => t.mmsi === 366000100)!;
    expect(cargo.t.length).toBeLessThanOrEqual(21);
    expect(cargo.t[0]).toBe(T0);
    const detail = vesselDetail(vdb, 366000200, SENSOR, T0 + 3600_000, 40_000, { t0: T0, t1: T0 + 3600_000 });
    expect(detail.static).toMatchObject({ name: 'FISHER', destination: 'MOSS LANDING' });
    expect(detail.history).toHaveLength(2);
    expect(detail.reports).toBe(61);
    expect(detail.inRange).toHaveLength(1);
  });

  it('continues tracks incrementally (since): full fetch + new points = a full fetch of the later window', () => {
    const { vdb } = seeded();
    const history = 30 * 60_000;
    const all = new Set([366000100, 366000200]);
    const earlier = T0 + 40 * 60_000;
    const store = new TrackStore();
    store.replace(tracksBetween(vdb, earlier - history, earlier, all, 8));
    const later = earlier + 11 * 60_000 + 15_000;
    const since = earlier - 120_000;
    const update = tracksBetween(vdb, later - history, later, all, 8, since);
    // Every vessel asked for comes back, with only points after `since`.
    expect(update.map((t) => t.mmsi)).toEqual([366000100, 366000200]);
    for (const t of update) expect(t.t.every((x) => x > since)).toBe(true);
    expect(store.merge(update, since)).toEqual([]);
    store.trim(later - history);
    const full = tracksBetween(vdb, later - history, later, all, 8).map((t) => ({ ...t, ...cut(t, later - history) }));
    expect(store.list()).toEqual(full);
    expect(full[0].t.length).toBeGreaterThan(5);
  });

  it('deletes positions older than the retention', () => {
    const { vdb, db } = seeded();
    expect(vdb.prune(0)).toBe(0);
    const deleted = vdb.prune(30 / 1440); // keep the last 30 minutes
    expect(deleted).toBeGreaterThan(0);
    const oldest = db.prepare('SELECT min(time) FROM ais_positions').pluck().get() as number;
    expect(oldest).toBeGreaterThanOrEqual(T0 + 3600_000 - 30 * 60_000);
  });
});

describe('migration 0005', () => {
  it('backfills the minute tracks from positions stored before it', () => {
    const file = join(tempDir('aiw-ais-mig-'), 'aiw.db');
    const old = openDatabase(file, MIGRATIONS.filter((m) => m.version === 1));
    const insert = old.prepare("INSERT INTO ais_positions (mmsi, time, lat, lon, source) VALUES (?, ?, 36.7, -122.2, 'demo')");
    for (let i = 0; i < 30; i++) insert.run(1, T0 + i * 10_000);
    old.close();
    const db = openDatabase(file);
    expect(db.prepare('SELECT count(*) FROM ais_track_minutes').pluck().get()).toBe(5);
    db.close();
  });
});
