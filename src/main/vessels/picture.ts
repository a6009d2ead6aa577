/**
 * The vessel picture around a sensor: who was where at an instant (interpolated), their tracks over a
 * window, one vessel's detail, and which vessels came within a range during a window (for truth labels).
 */
import type { VesselAt, VesselDetail, VesselTrack } from '../../shared/ais.ts';
import { bearingDeg, distanceM } from '../demo/geo.ts';
import { cpaTo } from './cpa.ts';
import { positionAt, type PositionAtOptions, type PositionEstimate, type TrackFix } from './interpolate.ts';
import { passesWithin, type Pass } from './passes.ts';
import { classifyByShipType, shipTypeText, type VesselClassifier, vesselClassOf } from './ship-class.ts';
import type { VesselDb } from './vessel-db.ts';

/** A fixed sensor. */
export interface Sensor {
  lat: number;
  lon: number;
}

/** How far around `t` reports are looked for (the longest a position stays known: stale limit). */
const LOOK_BACK_MS = 600_000;

/** The estimate of one vessel at `t` from the two reports around it. */
export function estimateAt(vdb: VesselDb, mmsi: number, t: number, options: PositionAtOptions = {}): PositionEstimate | null {
  const { before, after } = vdb.fixesAround(mmsi, t);
  if (before === undefined) return null;
  const track: TrackFix[] = after === undefined ? [before] : [before, after];
  return positionAt(track, t, options);
}

/** Options of the picture queries: how positions are estimated and how vessels are classed (default: by ship type). */
export interface PictureOptions extends PositionAtOptions {
  classify?: VesselClassifier;
}

/** Decorates an estimate with identity, class, range, bearing and CPA relative to the sensor. */
export function describeVessel(vdb: VesselDb, mmsi: number, p: PositionEstimate, sensor: Sensor, classify = classifyByShipType): VesselAt {
  const s = vdb.staticOf(mmsi);
  const cpa = cpaTo(sensor, p);
  return {
    mmsi, name: s?.name, shipType: s?.shipType, shipTypeText: shipTypeText(s?.shipType), vesselClass: classify(mmsi, s?.shipType),
    lat: p.lat, lon: p.lon, sog: p.sog, cog: p.cog, heading: p.heading, quality: p.quality, reportTime: p.reportTime,
    distanceM: distanceM(sensor, p), bearingDeg: bearingDeg(sensor, p), cpaM: cpa?.cpaM ?? null, tcpaS: cpa?.tcpaS ?? null,
    lengthM: s?.lengthM,
  };
}

/** Every vessel whose position at `t` is known and within `rangeM` of the sensor, nearest first. */
export function vesselsAt(vdb: VesselDb, sensor: Sensor, t: number, rangeM: number, options: PictureOptions = {}): { vessels: VesselAt[]; outOfRange: number } {
  const vessels: VesselAt[] = [];
  let outOfRange = 0;
  for (const mmsi of vdb.activeMmsis(t - (options.staleMs ?? LOOK_BACK_MS), t + 60_000)) {
    const p = estimateAt(vdb, mmsi, t, options);
    if (p === null) continue;
    if (distanceM(sensor, p) > rangeM) {
      outOfRange++;
      continue;
    }
    vessels.push(describeVessel(vdb, mmsi, p, sensor, options.classify));
  }
  vessels.sort((a, b) => a.distanceM - b.distanceM);
  return { vessels, outOfRange };
}

const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

/**
 * Decimated tracks (at most one point per minute, about `maxPoints` each) over [t0, t1] of `mmsis` (default:
 * all reporting then). With `since`: only the points after it, and every vessel asked for even without new
 * points (an empty track says "still there"), so a client can continue the tracks it fetched before.
 */
export function tracksBetween(vdb: VesselDb, t0: number, t1: number, mmsis: ReadonlySet<number> | undefined, maxPoints = 1440, since?: number, classify = classifyByShipType): VesselTrack[] {
  const out: VesselTrack[] = [];
  for (const mmsi of mmsis ?? vdb.activeMmsis(t0, t1)) {
    const rows = vdb.minuteTrack(mmsi, t0, t1, maxPoints, since);
    if (rows.length === 0 && since === undefined) continue;
    out.push({
      mmsi, vesselClass: classify(mmsi, vdb.staticOf(mmsi)?.shipType),
      // 1e-5° ≈ 1 m: plenty for drawing, and a day of 2,000 tracks stays a few MB on the wire.
      t: rows.map((r) => r.time), lat: rows.map((r) => round5(r.lat)), lon: rows.map((r) => round5(r.lon)),
    });
  }
  return out;
}

/** One vessel: static data with history, position at `t`, and its stays within `rangeM` over [t0, t1]. */
export function vesselDetail(vdb: VesselDb, mmsi: number, sensor: Sensor | undefined, t: number, rangeM: number, window: { t0: number; t1: number }, classify = classifyByShipType): VesselDetail {
  const s = vdb.staticOf(mmsi);
  const seen = vdb.seen(mmsi);
  const p = estimateAt(vdb, mmsi, t);
  const track = sensor === undefined ? [] : vdb.fixesBetween(mmsi, window.t0 - LOOK_BACK_MS, window.t1 + LOOK_BACK_MS);
  return {
    mmsi, vesselClass: classify(mmsi, s?.shipType), shipTypeText: shipTypeText(s?.shipType), static: s ?? null,
    history: vdb.staticHistory(mmsi), at: p === null || sensor === undefined ? null : describeVessel(vdb, mmsi, p, sensor, classify),
    firstSeen: seen.first ?? undefined, lastSeen: seen.last ?? undefined, reports: seen.n,
    inRange: sensor === undefined ? [] : passesWithin(track, sensor, rangeM, window),
  };
}

/** A vessel that came within range during a window, with its stays. */
export interface VesselInRange {
  mmsi: number;
  shipType: number | undefined;
  vesselClass: VesselAt['vesselClass'];
  passes: Pass[];
}

/**
 * Every vessel within `rangeM` of the sensor at some time in [t0, t1] (linear motion between reports
 * at most `maxGapMs` apart), with its stays in range. The truth-label engine's query.
 */
export function vesselsWithin(vdb: VesselDb, sensor: Sensor, t0: number, t1: number, rangeM: number, maxGapMs = 600_000): VesselInRange[] {
  const out: VesselInRange[] = [];
  for (const mmsi of vdb.activeMmsis(t0 - maxGapMs, t1 + maxGapMs)) {
    const track = vdb.fixesBetween(mmsi, t0 - maxGapMs, t1 + maxGapMs);
    const passes = passesWithin(track, sensor, rangeM, { t0, t1, maxGapMs });
    if (passes.length === 0) continue;
    const shipType = vdb.staticOf(mmsi)?.shipType;
    out.push({ mmsi, shipType, vesselClass: vesselClassOf(shipType), passes });
  }
  return out;
}
