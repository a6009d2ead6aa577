/**
 * Simulated AIS for a demo ship (ship-noise.md §5.2, ITU-R M.1371): class-A transponders report every
 * 10 s (6 s above 14 kn, 2 s above 23 kn), class-B every 30 s; each report time jitters by ±10 % of the
 * interval (slot selection); fixes carry ~5 m noise per axis; static data rides along every ~6 min;
 * ~4 % of 10-minute spans hold a 1–10 minute reception gap. Report n of a ship is a pure function of
 * (seed, mmsi, n), so any time window can be asked for in any order.
 */
import type { AisReport } from './ais-report.ts';
import { enuToLatLon, normalizeDeg, type LatLon } from './geo.ts';
import { Rng, seedOf } from './prng.ts';
import { shipEnuAt, type SimShip } from './scenario.ts';

const STATIC_PERIOD_MS = 360_000;
const GAP_BUCKET_MS = 600_000;

/** Nominal reporting interval for a ship's transponder class and speed. */
export function reportIntervalMs(ship: Pick<SimShip, 'transponder' | 'speedKn'>): number {
  if (ship.transponder === 'B') return ship.speedKn > 2 ? 30_000 : 180_000;
  if (ship.speedKn > 23) return 2_000;
  if (ship.speedKn > 14) return 6_000;
  return 10_000;
}

/** The ship's AIS reports with time in [fromMs, toMs). */
export function shipAisReports(ship: SimShip, sensor: LatLon, seed: number, fromMs: number, toMs: number): AisReport[] {
  const interval = reportIntervalMs(ship);
  const t0 = ship.trackStart + new Rng(seedOf(seed, 'ais-phase', ship.mmsi, ship.cpaTime)).uniform(0, interval);
  const first = Math.max(0, Math.ceil((fromMs - t0) / interval) - 1);
  const last = Math.floor((Math.min(toMs, ship.trackEnd) - t0) / interval) + 1;
  const staticEvery = Math.max(1, Math.round(STATIC_PERIOD_MS / interval));
  const reports: AisReport[] = [];
  for (let n = first; n <= last; n++) {
    const rng = new Rng(seedOf(seed, 'ais', ship.mmsi, ship.cpaTime, n));
    const time = Math.round(t0 + n * interval + rng.uniform(-0.1, 0.1) * interval);
    if (time < fromMs || time >= toMs || time < ship.trackStart || time > ship.trackEnd) continue;
    if (inReceptionGap(ship, seed, time)) continue;
    reports.push(makeReport(ship, sensor, rng, time, n % staticEvery === 0));
  }
  return reports;
}

function makeReport(ship: SimShip, sensor: LatLon, rng: Rng, time: number, withStatic: boolean): AisReport {
  const p = shipEnuAt(ship, time);
  const fix = enuToLatLon(sensor, p.east + 5 * rng.normal(), p.north + 5 * rng.normal());
  const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
  const report: AisReport = {
    mmsi: ship.mmsi,
    time,
    lat: round(fix.lat, 6),
    lon: round(fix.lon, 6),
    sog: round(Math.max(0, ship.speedKn + 0.1 * rng.normal()), 1),
    cog: round(normalizeDeg(ship.courseDeg + 0.5 * rng.normal()), 1) % 360,
    ...(ship.transponder === 'A' ? { heading: Math.round(normalizeDeg(ship.courseDeg + 1.5 * rng.normal())) % 360 } : {}),
    source: 'demo',
  };
  if (!withStatic) return report;
  return { ...report, shipName: ship.name, shipType: ship.shipType, lengthM: ship.lengthM, beamM: ship.beamM, callsign: ship.callsign };
}

function inReceptionGap(ship: SimShip, seed: number, time: number): boolean {
  const bucket = Math.floor(time / GAP_BUCKET_MS);
  for (let b = bucket - 1; b <= bucket; b++) {
    const rng = new Rng(seedOf(seed, 'ais-gap', ship.mmsi, b));
    if (!rng.chance(0.04)) continue;
    const start = b * GAP_BUCKET_MS + rng.uniform(0, GAP_BUCKET_MS);
    if (time >= start && time <= start + rng.uniform(1, 10) * 60_000) return true;
  }
  return false;
}
