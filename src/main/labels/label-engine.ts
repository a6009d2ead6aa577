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
import { deriveLabel, vesselsAt, type FactVessel } from './derive.ts';
import type { LabelOptions } from './options.ts';
import { presenceOf, WindowIndex, type LocalFix, type Presence } from './presence.ts';

/** A segment to label. */
export interface SegmentRef {
  id: number;
  start: number;
  end: number;
}

/** What AIS says about one segment, independent of range and mapping (table `label_facts`). */
export interface SegmentFacts {
  segmentId: number;
  coverage: Coverage;
  /** Vessels within the largest range + ring (known or possibly), nearest first. */
  vessels: FactVessel[];
  final: boolean;
  /** AIS data time the facts were computed with. */
  watermark: number;
}

/** One derived label: a segment at one range under a mapping version. */
export interface LabelRow {
  segmentId: number;
  rangeKm: number;
  mappingVersion: number;
  status: string;
  classes: string[];
  reason?: string;
  coverage: Coverage;
  final: boolean;
}

/** The labels of one segment's facts at every range under `mapping` (version `version`). */
export function labelRowsOf(f: SegmentFacts, rangesKm: readonly number[], bufferKm: number, mapping: ClassMapping, version: number): LabelRow[] {
  return rangesKm.map((rangeKm) => {
    const derived = deriveLabel(f.coverage, vesselsAt(f.vessels, rangeKm * 1000, bufferKm * 1000), mapping);
    return { segmentId: f.segmentId, rangeKm, mappingVersion: version, ...derived, coverage: f.coverage, final: f.final };
  });
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

/** Facts and labels of `segments` (sorted by start) at every configured range; also returns the designations met. */
export function labelBatch(reader: AisReader, segments: readonly SegmentRef[], ctx: BatchContext): { facts: SegmentFacts[]; rows: LabelRow[]; designations: Set<string> } {
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
  const reach = maxRangeM + o.bufferKm * 1000;
  const facts = segments.map((s, i): SegmentFacts => ({
    segmentId: s.id, coverage: coverage[i], vessels: factVessels(perSegment[i], reach), final: knownUntil >= s.end + o.finalDelayMs, watermark: knownUntil,
  }));
  const rows = facts.flatMap((f) => labelRowsOf(f, o.rangesKm, o.bufferKm, ctx.mapping, ctx.mappingVersion));
  return { facts, rows, designations };
}

const metres = (x: number) => (Number.isFinite(x) ? Math.round(x) : null);

/** The vessels that can matter at the largest range + ring, nearest first. */
function factVessels(present: { mmsi: number; designation: string; p: Presence }[], reachM: number): FactVessel[] {
  return present
    .filter(({ p }) => p.minM <= reachM || p.uncertainM <= reachM)
    .sort((a, b) => a.p.minM - b.p.minM || a.mmsi - b.mmsi)
    .map(({ mmsi, designation, p }) => [mmsi, designation, metres(p.minM), metres(p.uncertainM)]);
}
