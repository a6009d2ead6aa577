/**
 * Seeded traffic scenarios: ships of classes A–D pass the sensor on straight tracks at chosen closest
 * points of approach (CPA), with background-only stretches between passes (class E) and, sometimes, two
 * ships at once. A ship's position at time t lies on the straight east/north track through its CPA point.
 *
 * CPA distances are weighted by class audibility (ship-noise.md §6, §7.4): small craft pass within a few
 * kilometres, merchant ships anywhere out to the ~20–30 km lanes.
 */
import { enuToLatLon, normalizeDeg, type LatLon } from './geo.ts';
import { Rng, seedOf } from './prng.ts';
import { generateVessel, type ShipClassId, type Vessel } from './vessels.ts';

export interface SensorSite {
  readonly lat: number;
  readonly lon: number;
  readonly depthM: number;
}

/** The MARS vector sensor (seed-spec §3.1). */
export const MARS_SENSOR: SensorSite = { lat: 36.712465, lon: -122.187548, depthM: 891 };

/** Ships are tracked (AIS) while within this radius of the sensor. */
export const AIS_RADIUS_M = 150_000;

export const KNOT_MS = 1852 / 3600;

/** A simulated ship: a vessel plus its straight track through the CPA. */
export interface SimShip extends Vessel {
  /** Course over ground, degrees true. */
  readonly courseDeg: number;
  /** Horizontal distance at CPA, m. */
  readonly cpaM: number;
  /** Time of CPA, epoch ms (geometric; the sound arrives R/c later). */
  readonly cpaTime: number;
  /** CPA point, metres east/north of the sensor. */
  readonly cpaEastM: number;
  readonly cpaNorthM: number;
  /** The ship exists (sails, transmits AIS, radiates) only in [trackStart, trackEnd]. */
  readonly trackStart: number;
  readonly trackEnd: number;
}

export interface Scenario {
  readonly seed: number;
  readonly startTime: number;
  readonly durationMs: number;
  readonly sensor: SensorSite;
  readonly ships: readonly SimShip[];
}

export interface ScenarioOptions {
  readonly seed: number;
  readonly startTime: number;
  readonly durationMs: number;
  readonly sensor?: SensorSite;
  /** Mean gap between CPAs when not overlapping, minutes (default 80). */
  readonly meanGapMin?: number;
}

const CLASS_WEIGHTS: ReadonlyArray<readonly [ShipClassId, number]> = [['A', 0.28], ['B', 0.2], ['C', 0.14], ['D', 0.38]];
/** CPA range per class, m (log-uniform): roughly where each class is still audible at MARS (§6). */
const CPA_RANGE_M: Record<ShipClassId, readonly [number, number]> = { A: [300, 8000], B: [150, 2500], C: [800, 25000], D: [1000, 30000] };
/** Small craft come and go locally; merchant ships cross the whole AIS disc (≤ 5 h either side of CPA). */
const MAX_HALF_TRACK_MS: Record<ShipClassId, number> = { A: 40 * 60_000, B: 40 * 60_000, C: 5 * 3_600_000, D: 5 * 3_600_000 };
const MINUTE = 60_000;

/** Generates the ships whose CPAs fall in [startTime, startTime + durationMs). */
export function generateScenario(opts: ScenarioOptions): Scenario {
  const sensor = opts.sensor ?? MARS_SENSOR;
  const rng = new Rng(seedOf(opts.seed, 'scenario', opts.startTime, opts.durationMs));
  const meanGap = (opts.meanGapMin ?? 80) * MINUTE;
  const end = opts.startTime + opts.durationMs;
  const ships: SimShip[] = [];
  const mmsis = new Set<number>();
  let t = opts.startTime + rng.uniform(0, meanGap);
  while (t < end) {
    const ship = placeShip(rng, generateUniqueVessel(rng, rng.weighted(CLASS_WEIGHTS), mmsis), t);
    ships.push(ship);
    // One pass in six is followed closely by another: two ships in the scene at once.
    t += rng.chance(0.15) ? rng.uniform(2, 10) * MINUTE : 15 * MINUTE + rng.exponential(meanGap - 15 * MINUTE);
  }
  return { seed: opts.seed, startTime: opts.startTime, durationMs: opts.durationMs, sensor, ships };
}

function generateUniqueVessel(rng: Rng, classId: ShipClassId, taken: Set<number>): Vessel {
  for (;;) {
    const v = generateVessel(rng, classId);
    if (!taken.has(v.mmsi)) {
      taken.add(v.mmsi);
      return v;
    }
  }
}

/** Puts a vessel on a straight track with a random course and CPA side, CPA at `cpaTime`. */
export function placeShip(rng: Rng, vessel: Vessel, cpaTime: number, cpaM?: number): SimShip {
  const cpa = cpaM ?? Math.round(rng.logUniform(...CPA_RANGE_M[vessel.classId]));
  const courseDeg = Math.round(rng.uniform(0, 3600)) / 10;
  const cpaBearing = (normalizeDeg(courseDeg + (rng.chance(0.5) ? 90 : -90)) * Math.PI) / 180;
  const speedMs = Math.max(0.5, vessel.speedKn * KNOT_MS);
  const inDisc = Math.sqrt(Math.max(0, AIS_RADIUS_M ** 2 - cpa ** 2)) / speedMs * 1000;
  const half = Math.min(MAX_HALF_TRACK_MS[vessel.classId], inDisc);
  // Local craft start their trip at a random point, not exactly `half` before CPA.
  const before = vessel.classId === 'A' || vessel.classId === 'B' ? half * rng.uniform(0.5, 1) : half;
  return {
    ...vessel,
    courseDeg,
    cpaM: cpa,
    cpaTime,
    cpaEastM: cpa * Math.sin(cpaBearing),
    cpaNorthM: cpa * Math.cos(cpaBearing),
    trackStart: Math.round(cpaTime - before),
    trackEnd: Math.round(cpaTime + half),
  };
}

/** The "welcome" pass: a merchant ship making its CPA a few minutes after the demo starts. */
export function welcomePass(seed: number, startTime: number): SimShip {
  const rng = new Rng(seedOf(seed, 'welcome', startTime));
  const vessel = generateVessel(rng, rng.chance(0.75) ? 'D' : 'C');
  return placeShip(rng, vessel, startTime + rng.uniform(5, 8) * MINUTE, Math.round(rng.uniform(1500, 4000)));
}

/** Ship position (m east/north of the sensor) at time t, extrapolated along the track. */
export function shipEnuAt(ship: SimShip, timeMs: number): { east: number; north: number } {
  const along = (ship.speedKn * KNOT_MS * (timeMs - ship.cpaTime)) / 1000;
  const c = (ship.courseDeg * Math.PI) / 180;
  return { east: ship.cpaEastM + along * Math.sin(c), north: ship.cpaNorthM + along * Math.cos(c) };
}

/** Ship latitude/longitude at time t. */
export function shipLatLonAt(ship: SimShip, sensor: LatLon, timeMs: number): LatLon {
  const p = shipEnuAt(ship, timeMs);
  return enuToLatLon(sensor, p.east, p.north);
}

/** Whether the ship exists at time t. */
export function isOnTrack(ship: SimShip, timeMs: number): boolean {
  return timeMs >= ship.trackStart && timeMs <= ship.trackEnd;
}
