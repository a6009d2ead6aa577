/**
 * `review:timeline`: everything the review view draws for a station over [from, to), in one query
 * set — segments, each model's call per segment (class, its probability, normalised entropy,
 * epistemic), the truth label at one range, the newest verification, gaps and cached audio. Arrays
 * are aligned with the segments (index i = segment i) so a day of segments stays compact.
 */
import type { ReviewModel, ReviewTimeline } from '../../shared/sessions.ts';
import type { Db } from '../storage/database.ts';
import { SEGMENTS_WHERE } from './session-scope.ts';

const MAX_SEGMENT_MS = 3_600_000;
const SEGMENT_IDS = `SELECT id FROM segments WHERE ${SEGMENTS_WHERE}`;

interface PredictionRow {
  segment_id: number; model_id: string; model_version: string; classes: string; probs: string; predicted_class: string;
  entropy_norm: number; epistemic: number | null;
}
interface LabelRow { segment_id: number; status: string; classes: string; final: number; mapping_version: number }
interface VerificationRow { segment_id: number; verdict: string; classes: string; analyst: string; at: number }
type Params = { station: string; from: number; to: number; segFrom: number };

export function createTimelineQueries(db: Db) {
  const q = {
    segments: db.prepare<Params, { id: number; start_time: number; end_time: number }>(
      `SELECT id, start_time, end_time FROM segments WHERE ${SEGMENTS_WHERE} ORDER BY start_time, id`),
    predictions: db.prepare<Params, PredictionRow>(`SELECT segment_id, model_id, model_version, classes, probs, predicted_class, entropy_norm, epistemic
      FROM predictions WHERE segment_id IN (${SEGMENT_IDS}) ORDER BY model_id, model_version`),
    ranges: db.prepare<Params, number>(`SELECT DISTINCT range_km FROM labels WHERE segment_id IN (${SEGMENT_IDS}) ORDER BY range_km`).pluck(),
    labels: db.prepare<Params & { range: number }, LabelRow>(`SELECT segment_id, status, classes, final, mapping_version FROM labels
      WHERE range_km = @range AND segment_id IN (${SEGMENT_IDS})`),
    verifications: db.prepare<Params, VerificationRow>(`SELECT v.segment_id, v.verdict, v.classes, v.analyst, v.at FROM verifications v
      WHERE v.segment_id IN (${SEGMENT_IDS}) AND v.id = (SELECT max(id) FROM verifications w WHERE w.segment_id = v.segment_id)`),
    gaps: db.prepare<Params, { start: number; end: number }>(`SELECT start_time AS start, end_time AS "end" FROM gaps
      WHERE station_id = @station AND start_time < @to AND end_time > @from ORDER BY start_time`),
    audio: db.prepare<Params, { start: number; end: number }>(`SELECT start_time AS start, start_time + duration_ms AS "end" FROM recordings
      WHERE station_id = @station AND status = 'ok' AND evicted_at IS NULL AND duration_ms > 0 AND start_time < @to AND start_time + duration_ms > @from
      ORDER BY start_time`),
  };

  return {
    /** The timeline of `stationId` over [from, to); labels at `rangeKm`, else the nearest labelled range. */
    timeline(stationId: string, from: number, to: number, rangeKm: number | undefined): ReviewTimeline {
      const t0 = performance.now();
      const p: Params = { station: stationId, from, to, segFrom: from - MAX_SEGMENT_MS };
      const segs = q.segments.all(p);
      const index = new Map(segs.map((s, i) => [s.id, i]));
      const models = modelLanes(q.predictions.all(p), index, segs.length);
      const range = chooseRange(q.ranges.all(p), rangeKm);
      const truth = truthLane(range === null ? [] : q.labels.all({ ...p, range }), index, segs.length, range);
      const verifications: ReviewTimeline['verifications'] = new Array(segs.length).fill(null);
      for (const v of q.verifications.all(p)) {
        const i = index.get(v.segment_id);
        if (i !== undefined) verifications[i] = { verdict: v.verdict, classes: JSON.parse(v.classes) as string[], analyst: v.analyst, at: v.at };
      }
      return {
        stationId, from, to,
        segments: { ids: segs.map((s) => s.id), starts: segs.map((s) => s.start_time), ends: segs.map((s) => s.end_time) },
        models, truth, verifications, gaps: q.gaps.all(p), audio: mergeSpans(q.audio.all(p)), queryMs: performance.now() - t0,
      };
    },
  };
}

/** The requested range when labelled, else the labelled range nearest to it (the smallest without a request). */
export function chooseRange(available: readonly number[], wanted: number | undefined): number | null {
  if (available.length === 0) return wanted ?? null;
  if (wanted === undefined) return available[0]!;
  return available.reduce((best, r) => (Math.abs(r - wanted) < Math.abs(best - wanted) ? r : best));
}

function modelLanes(rows: readonly PredictionRow[], index: ReadonlyMap<number, number>, n: number): ReviewModel[] {
  const lanes = new Map<string, ReviewModel>();
  for (const r of rows) {
    const key = `${r.model_id}@${r.model_version}`;
    let lane = lanes.get(key);
    if (!lane) {
      const empty = () => new Array<number | null>(n).fill(null);
      lane = { key, id: r.model_id, version: r.model_version, classes: JSON.parse(r.classes) as string[], predicted: empty(), prob: empty(), uncertainty: empty(), epistemic: empty() };
      lanes.set(key, lane);
    }
    const i = index.get(r.segment_id);
    if (i === undefined) continue;
    const k = lane.classes.indexOf(r.predicted_class);
    lane.predicted[i] = k < 0 ? null : k;
    lane.prob[i] = k < 0 ? null : ((JSON.parse(r.probs) as number[])[k] ?? null);
    lane.uncertainty[i] = r.entropy_norm;
    lane.epistemic[i] = r.epistemic;
  }
  return [...lanes.values()];
}

function truthLane(rows: readonly LabelRow[], index: ReadonlyMap<number, number>, n: number, range: number | null): ReviewTimeline['truth'] {
  const truth: ReviewTimeline['truth'] = {
    rangeKm: range, status: new Array<string | null>(n).fill(null), classes: Array.from({ length: n }, () => []), final: new Array<boolean>(n).fill(false),
    mappingVersions: [],
  };
  const versions = new Set<number>();
  for (const r of rows) {
    const i = index.get(r.segment_id);
    if (i === undefined) continue;
    truth.status[i] = r.status;
    truth.classes[i] = JSON.parse(r.classes) as string[];
    truth.final[i] = r.final === 1;
    versions.add(r.mapping_version);
  }
  truth.mappingVersions = [...versions].sort((a, b) => a - b);
  return truth;
}

/** Joins touching or overlapping spans (cache files follow each other). */
export function mergeSpans(spans: readonly { start: number; end: number }[], toleranceMs = 50): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const s of spans) {
    const last = out.at(-1);
    if (last && s.start <= last.end + toleranceMs) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}
