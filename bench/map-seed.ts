/**
 * Seeds a data folder with a busy day of AIS around the demo sensor for the map benchmark:
 * N vessels reporting once a minute for `hours` up to `aheadMinutes` past now, through the
 * ingest's own store (positions, minute tracks, static data).
 */
import { createAisStore, type StoredFix } from '../src/main/ais/ingest-store.ts';
import type { StaticUpdate } from '../src/main/ais/observation.ts';
import { dataPaths } from '../src/main/app/paths.ts';
import { destination, distanceM, bearingDeg, type LatLon } from '../src/main/demo/geo.ts';
import { MARS_SENSOR } from '../src/main/demo/scenario.ts';
import { openDatabase } from '../src/main/storage/database.ts';
import { mulberry32 } from '../src/shared/prng.ts';

/** What to seed. */
export interface MapSeedOptions {
  vessels: number;
  hours: number;
  /** Minutes of fixes after "now" (keeps the picture live while the benchmark runs). */
  aheadMinutes: number;
  /** Vessels stay within this distance of the sensor (km). */
  radiusKm: number;
  now?: number;
}

const KNOT_MS = 1852 / 3600;
const SHIP_TYPES = [30, 37, 52, 60, 70, 71, 80, 35, 0];
const BATCH = 50_000;

/** A deterministic PRNG, so every run seeds the same picture. */
const rng = mulberry32;


/** One vessel's day: a wandering course that turns back toward the sensor near the edge of the area. */
function* vesselFixes(mmsi: number, random: () => number, t0: number, minutes: number, radiusM: number): Generator<StoredFix> {
  let p: LatLon = destination(MARS_SENSOR, random() * 360, Math.sqrt(random()) * radiusM * 0.9);
  let course = random() * 360;
  const knots = random() < 0.15 ? 0 : 4 + random() * 14;
  for (let i = 0; i < minutes; i++) {
    if (distanceM(MARS_SENSOR, p) > radiusM) course = bearingDeg(p, MARS_SENSOR);
    course = (course + (random() - 0.5) * 6 + 360) % 360;
    p = destination(p, course, knots * KNOT_MS * 60);
    const time = t0 + i * 60_000 + Math.floor(random() * 20_000);
    yield {
      mmsi, time, lat: p.lat, lon: p.lon, sog: Math.round(knots * 10) / 10, cog: Math.round(course * 10) / 10,
      heading: knots === 0 ? null : Math.round(course), msgType: 1, source: 'bench',
    };
  }
}

/** Writes the seeded AIS into `<dataDir>/aiw.db` and returns the number of fixes. */
export function seedMapData(dataDir: string, o: MapSeedOptions): number {
  const db = openDatabase(dataPaths(dataDir).database);
  try {
    const store = createAisStore(db);
    const random = rng(20_240_601);
    const now = o.now ?? Date.now();
    const t0 = Math.floor((now - o.hours * 3_600_000) / 60_000) * 60_000;
    const minutes = o.hours * 60 + o.aheadMinutes;
    const statics: StaticUpdate[] = [];
    let fixes: StoredFix[] = [];
    let total = 0;
    for (let v = 0; v < o.vessels; v++) {
      const mmsi = 366_100_000 + v;
      const shipType = SHIP_TYPES[v % SHIP_TYPES.length];
      statics.push({ mmsi, at: t0, source: 'bench', name: `BENCH ${v}`, ...(shipType ? { shipType } : {}), toBow: 60, toStern: 20, toPort: 8, toStarboard: 8 });
      for (const fix of vesselFixes(mmsi, random, t0, minutes, o.radiusKm * 1000)) fixes.push(fix);
      if (fixes.length >= BATCH) {
        store.write({ fixes, minutes: fixes, statics: [] });
        total += fixes.length;
        fixes = [];
      }
    }
    store.write({ fixes, minutes: fixes, statics });
    return total + fixes.length;
  } finally {
    db.close();
  }
}
