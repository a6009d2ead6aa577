/**
 * Truth labels for a batch of one station's segments: reads the AIS reports around them once, finds for
 * every vessel where it was during each segment (presence.ts), decides the AIS coverage (coverage.ts),
 * sorts vessels into zones for each range and derives status and classes under the current mapping.
 */
import type { Coverage } from '../../shared/labels.ts';
import type { ClassMapping } from '../classes/mapping-repo.ts';
import { VESSEL_DESIGNATION_SQL } from '../classes/mapping-repo.ts';
import type { Db } from '../storage/database.ts';
import { toLocal } from '../vessels/cpa.ts';
import { coverageOf } from './coverage.ts';
import { deriveLabel, zoneOf, type StoredVessel } from './derive.ts';
import type { LabelOptions } from './options.ts';
import { presenceOf, WindowIndex, type LocalFix, type Presence } from './presence.ts';

/** A segment to label. */
export interface SegmentRef {
  id: number;
  start: number;
  end: number;
}

/** One stored label: a segment at one range, computed with AIS up to `watermark`. */
export interface LabelRow {
  segmentId: number;
  rangeKm: number;
  mappingVersion: number;
  status: string;
  classes: string[];
  reason?: string;
  coverage: Coverage;
  vessels: StoredVessel[];
  final: boolean;
  watermark: number;
}

/** What a batch needs besides the segments. */
export interface BatchContext {
  sensor: { lat: number; lon: number };
  options: LabelOptions;
  /** Newest AIS data time. */
  knownUntil: number;
  mapping: ClassMapping;
  mappingVersion: number;
}

/** Reads AIS for the engine: reports in a time range, and vessel designations. */
export function createAisReader(db: Db) {
  const fixes = db.prepare<[number, number], [number, number, number, number, number | null, number | null]>(
    'SELECT mmsi, time, lat, lon, sog, cog FROM ais_positions WHERE time BETWEEN ? AND ? ORDER BY time').raw();
  const designation = db.prepare<[number], string>(`SELECT ${VESSEL_DESIGNATION_SQL} FROM vessels WHERE mmsi = ?`).pluck();
  return {
    fixesBetween: (t0: number, t1: number) => fixes.all(t0, t1),
    designationOf: (mmsi: number): string => (designation.get(mmsi) as string | undefined) ?? '',
  };
}
export type AisReader = ReturnType<typeof createAisReader>;

/** Tracks by vessel (local metres around the sensor) and all report times, from time-ordered rows. */
function tracksOf(rows: ReturnType<AisReader['fixesBetween']>, sensor: { lat: number; lon: number }) {
  const tracks = new Map<number, LocalFix[]>();
  const times = new Float64Array(rows.length);
  rows.forEach(([mmsi, t, lat, lon, sog, cog], i) => {
    times[i] = t;
    const p = toLocal(sensor, { lat, lon });
    let track = tracks.get(mmsi);
    if (!track) tracks.set(mmsi, (track = []));
    track.push({ t, e: p.e, n: p.n, sog, cog });
  });
  return { tracks, times };
}

/** Whether any report of a track comes close enough to matter for the largest range. */
function mayMatter(track: readonly LocalFix[], reachM: number): boolean {
  return track.some((f) => Math.abs(f.e) <= reachM && Math.abs(f.n) <= reachM && Math.hypot(f.e, f.n) <= reachM);
}

/** Labels of `segments` (sorted by start) at every configured range; also returns the designations met. */
export function labelBatch(reader: AisReader, segments: readonly SegmentRef[], ctx: BatchContext): { rows: LabelRow[]; designations: Set<string> } {
  const { options: o, knownUntil } = ctx;
  const index = new WindowIndex(segments);
  const from = segments[0].start - o.lookMs;
  const to = segments.at(-1)!.end + o.lookMs;
  const { tracks, times } = tracksOf(reader.fixesBetween(from, to), ctx.sensor);
  const maxRangeM = o.rangesKm.at(-1)! * 1000;
  // A vessel further than this from the sensor at every report cannot reach range + ring in between.
  const reachM = maxRangeM + o.bufferKm * 1000 + o.assumedSpeedMps * (o.lookMs / 1000) + 1000;
  const perSegment: { mmsi: number; designation: string; p: Presence }[][] = segments.map(() => []);
  const designations = new Set<string>();
  const presenceOptions = { maxGapMs: o.maxGapMs, staleMs: o.staleMs, assumedSpeedMps: o.assumedSpeedMps, knownUntil };
  for (const [mmsi, track] of tracks) {
    if (!mayMatter(track, reachM)) continue;
    const presence = presenceOf(track, index, presenceOptions);
    if (presence.size === 0) continue;
    const designation = reader.designationOf(mmsi);
    designations.add(designation);
    for (const [i, p] of presence) perSegment[i].push({ mmsi, designation, p });
  }
  const coverage = coverageOf(segments, times, { from, to }, o.coverageGapMs, knownUntil);
  const rows = segments.flatMap((s, i) => rowsOfSegment(s, coverage[i], perSegment[i], ctx));
  return { rows, designations };
}

function rowsOfSegment(s: SegmentRef, coverage: Coverage, present: { mmsi: number; designation: string; p: Presence }[], ctx: BatchContext): LabelRow[] {
  const { options: o, knownUntil } = ctx;
  const final = knownUntil >= s.end + o.finalDelayMs;
  present.sort((a, b) => a.p.minM - b.p.minM || a.mmsi - b.mmsi);
  return o.rangesKm.map((rangeKm) => {
    const vessels: StoredVessel[] = [];
    for (const { mmsi, designation, p } of present) {
      const zone = zoneOf(p, rangeKm * 1000, o.bufferKm * 1000);
      if (zone !== null) vessels.push([mmsi, designation, zone, Number.isFinite(p.minM) ? Math.round(p.minM) : null]);
    }
    const derived = deriveLabel(coverage, vessels, ctx.mapping);
    return { segmentId: s.id, rangeKm, mappingVersion: ctx.mappingVersion, ...derived, coverage, vessels, final, watermark: knownUntil };
  });
}
