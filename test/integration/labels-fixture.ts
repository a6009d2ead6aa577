/**
 * Scripted demo-station scenarios for the truth-label tests: ships on straight tracks at chosen CPAs,
 * their simulated AIS ingested through the real AIS ingest into a temp database, a 30 s / 22.5 s segment
 * grid, and the label service over it. The expected status of each segment comes from the scenario's
 * exact geometry (not from the label engine).
 */
import { join } from 'node:path';
import { AisIngest } from '../../src/main/ais/ingest.ts';
import { createAisStore } from '../../src/main/ais/ingest-store.ts';
import { demoObservations } from '../../src/main/ais/sources/demo-source.ts';
import { silentLogger } from '../../src/main/app/logger.ts';
import { createMappingRepo } from '../../src/main/classes/mapping-repo.ts';
import type { AisReport } from '../../src/main/demo/ais-report.ts';
import { DemoStation } from '../../src/main/demo/demo-station.ts';
import { Rng, seedOf } from '../../src/main/demo/prng.ts';
import { MARS_SENSOR, placeShip, shipEnuAt, type Scenario, type SimShip } from '../../src/main/demo/scenario.ts';
import { generateVessel, type ShipClassId } from '../../src/main/demo/vessels.ts';
import { LabelService } from '../../src/main/labels/label-service.ts';
import { labelOptions } from '../../src/main/labels/options.ts';
import { DEMO_STATION } from '../../src/main/pipeline/live-stations.ts';
import { openDatabase } from '../../src/main/storage/database.ts';
import { createRepositories } from '../../src/main/storage/repositories.ts';
import type { LabelStatus } from '../../src/shared/labels.ts';
import { tempDir } from '../helpers/serve-process.ts';

export const T0 = Date.UTC(2024, 6, 1, 0, 0, 0);
export const SEGMENT_MS = 30_000;
export const STRIDE_MS = 22_500;
const HOUR = 3_600_000;

/** A database with the demo station, the label service (not started) and its repositories. */
export function labelDb(name = 'aiw-labels-') {
  const db = openDatabase(join(tempDir(name), 'aiw.db'));
  const repos = createRepositories(db);
  repos.stations.upsert(DEMO_STATION);
  const mapping = createMappingRepo(db);
  const options = labelOptions();
  const service = new LabelService({ db, mapping, options, stations: () => repos.stations.list(), logger: silentLogger, settings: repos.settings });
  return { db, repos, mapping, options, service };
}
export type LabelDb = ReturnType<typeof labelDb>;

/** A ship of `classId` with its CPA at `cpaTime`, `cpaM` from the sensor, on track all day. */
export function ship(seed: number, classId: ShipClassId, cpaTime: number, cpaM: number, overrides: Partial<SimShip> = {}): SimShip {
  const rng = new Rng(seedOf(seed, 'labels-test', classId, cpaM));
  const placed = placeShip(rng, generateVessel(rng, classId), cpaTime, cpaM);
  return { ...placed, trackStart: T0 - 12 * HOUR, trackEnd: T0 + 12 * HOUR, ...overrides };
}

/** A far merchant ship (140 km CPA): keeps AIS coverage fresh, never within any range + ring. */
export function beacon(seed: number): SimShip {
  return ship(seed, 'D', T0 + HOUR, 140_000, { mmsi: 366_999_001 });
}

export function scenarioOf(seed: number, ships: SimShip[]): Scenario {
  return { seed, startTime: T0, durationMs: 4 * HOUR, sensor: MARS_SENSOR, ships };
}

/** The scenario's AIS over [from, to) minus what `drop` removes, ingested and stored. */
export function ingestAis(t: LabelDb, station: DemoStation, from: number, to: number, drop: (r: AisReport) => boolean = () => false): AisReport[] {
  const ingest = new AisIngest({ store: createAisStore(t.db), logger: silentLogger });
  const reports = station.aisReports(from, to).filter((r) => !drop(r));
  for (const r of reports) for (const o of demoObservations(r, 'demo')) ingest.accept(o);
  ingest.flush();
  return reports;
}

/** Stores segments of 30 s every 22.5 s over [from, to); returns them in time order. */
export function insertSegments(t: LabelDb, from: number, to: number): { id: number; start: number; end: number }[] {
  const out: { id: number; start: number; end: number }[] = [];
  for (let start = from; start + SEGMENT_MS <= to; start += STRIDE_MS) {
    const id = t.repos.segments.ensure({ stationId: DEMO_STATION.id, startTime: start, endTime: start + SEGMENT_MS, sampleRate: 8000, padded: false });
    out.push({ id, start, end: start + SEGMENT_MS });
  }
  return out;
}

/** The exact closest distance of a ship's straight track to the sensor over [start, end]. */
export function trueMinDistance(s: SimShip, start: number, end: number): number {
  const a = shipEnuAt(s, start);
  const b = shipEnuAt(s, end);
  const de = b.east - a.east;
  const dn = b.north - a.north;
  const qa = de * de + dn * dn;
  const f = qa === 0 ? 0 : Math.min(1, Math.max(0, -(a.east * de + a.north * dn) / qa));
  return Math.hypot(a.east + f * de, a.north + f * dn);
}

/** Largest silence between consecutive reports of each ship (to check a scenario is well posed). */
export function longestGapPerShip(reports: readonly AisReport[]): Map<number, number> {
  const last = new Map<number, number>();
  const gaps = new Map<number, number>();
  for (const r of reports) {
    const prev = last.get(r.mmsi);
    if (prev !== undefined) gaps.set(r.mmsi, Math.max(gaps.get(r.mmsi) ?? 0, r.time - prev));
    last.set(r.mmsi, r.time);
  }
  return gaps;
}

/** Status of a segment from the true distances of its ships: `classes` per ship ('Unknown' for an unmapped designation). */
function statusFrom(ships: { classId: string; d: number }[], rangeM: number, bufferM: number): LabelStatus {
  const inRange = ships.filter((s) => s.d <= rangeM);
  if (inRange.some((s) => s.classId === 'Unknown')) return 'ambiguous';
  const classes = new Set(inRange.map((s) => s.classId));
  if (classes.size > 1) return 'multi';
  if (classes.size === 1) return 'single';
  return ships.some((s) => s.d <= rangeM + bufferM) ? 'ambiguous' : 'background';
}

/**
 * Every status the segment may correctly have: one, except where a ship's true distance is within
 * `tolM` of the range or ring edge (AIS positions carry ~5 m noise): then both sides are accepted.
 */
export function expectedStatuses(ships: { classId: string; d: number }[], rangeM: number, bufferM: number, tolM = 30): Set<LabelStatus> {
  const edges = [rangeM, rangeM + bufferM];
  const variants: { classId: string; d: number }[][] = [[]];
  for (const s of ships) {
    const near = edges.some((e) => Math.abs(s.d - e) < tolM);
    const options = near ? [{ ...s, d: s.d - tolM }, { ...s, d: s.d + tolM }] : [s];
    variants.splice(0, variants.length, ...variants.flatMap((v) => options.map((o) => [...v, o])));
  }
  return new Set(variants.map((v) => statusFrom(v, rangeM, bufferM)));
}

export { DemoStation, HOUR };
