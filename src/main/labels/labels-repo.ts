/**
 * The stored truth: `label_facts` (per segment: AIS coverage and the vessels within the largest range +
 * ring with their distances — mapping- and range-independent) and `labels` (per segment and range:
 * status, classes and reason derived under the mapping version current when written). A segment's facts
 * and labels are replaced together; readers get labels with the vessels' zones at the label's range.
 */
import type { Coverage } from '../../shared/labels.ts';
import type { Db } from '../storage/database.ts';
import { vesselsAt, type FactVessel, type StoredVessel } from './derive.ts';
import type { LabelRow, SegmentFacts, SegmentRef } from './label-engine.ts';

/** A segment with its station. */
export interface StationSegment extends SegmentRef {
  stationId: string;
}

/** A stored label with its segment and the vessels in range, ring or lost at its range. */
export interface StoredLabel extends StationSegment {
  rangeKm: number;
  mappingVersion: number;
  status: string;
  classes: string[];
  reason?: string;
  coverage: Coverage;
  vessels: StoredVessel[];
  final: boolean;
  computedAt: number;
}

/** Stored facts of one segment. */
export interface StoredFacts {
  segmentId: number;
  coverage: Coverage;
  vessels: FactVessel[];
  final: boolean;
  computedAt: number;
}

interface LabelDbRow {
  segment_id: number; station_id: string; start_time: number; end_time: number; range_km: number; mapping_version: number;
  status: string; classes: string; reason: string | null; coverage: Coverage; facts: string; final: number; computed_at: number;
}

const SEGMENT_COLUMNS = 's.id AS id, s.station_id AS stationId, s.start_time AS start, s.end_time AS end';
const LABEL_SELECT = `SELECT l.segment_id, l.range_km, l.mapping_version, l.status, l.classes, l.reason, f.coverage, f.vessels AS facts,
  f.final, f.computed_at, s.station_id, s.start_time, s.end_time
  FROM labels l JOIN label_facts f ON f.segment_id = l.segment_id JOIN segments s ON s.id = l.segment_id`;

export function createLabelsRepo(db: Db, o: { bufferKm: number }) {
  const fromRow = (r: LabelDbRow): StoredLabel => ({
    id: r.segment_id, stationId: r.station_id, start: r.start_time, end: r.end_time, rangeKm: r.range_km,
    mappingVersion: r.mapping_version, status: r.status, classes: JSON.parse(r.classes) as string[],
    ...(r.reason === null ? {} : { reason: r.reason }), coverage: r.coverage, final: r.final === 1, computedAt: r.computed_at,
    vessels: vesselsAt(JSON.parse(r.facts) as FactVessel[], r.range_km * 1000, o.bufferKm * 1000),
  });
  const q = {
    facts: db.prepare(`INSERT OR REPLACE INTO label_facts (segment_id, coverage, vessels, final, watermark, computed_at) VALUES (?, ?, ?, ?, ?, ?)`),
    remove: db.prepare('DELETE FROM labels WHERE segment_id = ?'),
    insert: db.prepare(`INSERT INTO labels (segment_id, range_km, mapping_version, status, classes, vessels, final, computed_at, coverage, reason)
      VALUES (?, ?, ?, ?, ?, '[]', ?, ?, ?, ?)`),
    newSegments: db.prepare<[number, number], StationSegment>(`SELECT ${SEGMENT_COLUMNS} FROM segments s WHERE s.id > ? ORDER BY s.id LIMIT ?`),
    firstUnlabelled: db.prepare<[], number | null>(
      'SELECT min(s.id) FROM segments s WHERE NOT EXISTS (SELECT 1 FROM label_facts f WHERE f.segment_id = s.id)').pluck(),
    maxSegment: db.prepare<[], number | null>('SELECT max(id) FROM segments').pluck(),
    nonFinal: db.prepare<[number, number, number], StationSegment>(`SELECT ${SEGMENT_COLUMNS} FROM segments s
      WHERE s.id IN (SELECT segment_id FROM label_facts WHERE final = 0) AND (s.start_time, s.id) > (?, ?)
      ORDER BY s.start_time, s.id LIMIT ?`),
    reopenFacts: db.prepare<{ from: number; to: number; station: string | null }>(`UPDATE label_facts SET final = 0 WHERE final = 1 AND segment_id IN
      (SELECT id FROM segments WHERE start_time <= @to AND end_time >= @from AND (@station IS NULL OR station_id = @station))`),
    forRange: db.prepare<{ station: string; from: number; to: number; range: number }, LabelDbRow>(`${LABEL_SELECT}
      WHERE s.station_id = @station AND s.start_time < @to AND s.end_time > @from AND l.range_km = @range ORDER BY s.start_time`),
    between: db.prepare<{ station: string | null; from: number; to: number; range: number | null }, LabelDbRow>(`${LABEL_SELECT}
      WHERE s.start_time >= @from AND s.start_time < @to AND (@station IS NULL OR s.station_id = @station)
        AND (@range IS NULL OR l.range_km = @range) ORDER BY s.start_time, s.id, l.range_km`),
    bySegment: db.prepare<[number], LabelDbRow>(`${LABEL_SELECT} WHERE l.segment_id = ? ORDER BY l.range_km`),
    changedSince: db.prepare<[number, number], { segment_id: number; coverage: Coverage; vessels: string; final: number; computed_at: number }>(
      'SELECT segment_id, coverage, vessels, final, computed_at FROM label_facts WHERE computed_at > ? ORDER BY computed_at LIMIT ?'),
    counts: db.prepare<[], { labelled: number; final: number }>('SELECT count(*) AS labelled, coalesce(sum(final), 0) AS final FROM label_facts'),
    segmentCount: db.prepare<[], number>('SELECT count(*) FROM segments').pluck(),
    factsBatch: db.prepare<[number, number], { segment_id: number; coverage: Coverage; vessels: string; final: number }>(
      'SELECT segment_id, coverage, vessels, final FROM label_facts WHERE segment_id > ? ORDER BY segment_id LIMIT ?'),
  };
  // Every write gets a later computed_at than the one before, so readers can ask for "after t" exactly.
  let lastWrite = 0;

  return {
    /** Replaces the facts and labels of every segment of `facts` in one transaction. */
    write(facts: readonly SegmentFacts[], rows: readonly LabelRow[], at = Date.now()): void {
      const computedAt = (lastWrite = Math.max(at, lastWrite + 1));
      db.transaction(() => {
        for (const f of facts) {
          q.facts.run(f.segmentId, f.coverage, JSON.stringify(f.vessels), f.final ? 1 : 0, Number.isFinite(f.watermark) ? f.watermark : null, computedAt);
          q.remove.run(f.segmentId);
        }
        for (const r of rows) {
          q.insert.run(r.segmentId, r.rangeKm, r.mappingVersion, r.status, JSON.stringify(r.classes), r.final ? 1 : 0, computedAt, r.coverage, r.reason ?? null);
        }
      })();
    },
    /** Replaces the labels of segments (after a mapping change); facts stay as they are. */
    replaceLabels(rows: readonly LabelRow[]): void {
      db.transaction(() => {
        let last = Number.NaN;
        for (const r of rows) {
          if (r.segmentId !== last) q.remove.run(r.segmentId);
          last = r.segmentId;
          q.insert.run(r.segmentId, r.rangeKm, r.mappingVersion, r.status, JSON.stringify(r.classes), r.final ? 1 : 0, Date.now(), r.coverage, r.reason ?? null);
        }
      })();
    },
    /** Segments after `afterId` (in id order): new since the last look. */
    newSegments: (afterId: number, limit: number): StationSegment[] => q.newSegments.all(afterId, limit),
    /** The id before the first segment without labels (where the new-segment cursor starts). */
    cursorStart(): number {
      const first = q.firstUnlabelled.get();
      return first === null || first === undefined ? (q.maxSegment.get() ?? 0) : first - 1;
    },
    /** Segments whose labels are not final yet, oldest first, after (start, id) = `after` (keyset paging). */
    nonFinal: (after: { start: number; id: number }, limit: number): StationSegment[] => q.nonFinal.all(after.start, after.id, limit),
    /** Marks the labels of segments overlapping [from, to] as not final (recomputed on the next pass). */
    reopen: (from: number, to: number, stationId?: string): number => q.reopenFacts.run({ from, to, station: stationId ?? null }).changes,
    /** Labels of a station's segments overlapping [from, to) at one range, in time order. */
    forRange: (stationId: string, from: number, to: number, rangeKm: number): StoredLabel[] =>
      q.forRange.all({ station: stationId, from, to, range: rangeKm }).map(fromRow),
    /** Labels of segments starting in [from, to) (of one station, at one range when given), in time order. */
    between: (from: number, to: number, stationId?: string, rangeKm?: number): StoredLabel[] =>
      q.between.all({ station: stationId ?? null, from, to, range: rangeKm ?? null }).map(fromRow),
    /** Every range of one segment. */
    bySegment: (segmentId: number): StoredLabel[] => q.bySegment.all(segmentId).map(fromRow),
    /** Facts written after `since` (computed_at), oldest first, at most `limit` (incremental caches). */
    factsSince: (since: number, limit: number): StoredFacts[] => q.changedSince.all(since, limit).map((r) => ({
      segmentId: r.segment_id, coverage: r.coverage, vessels: JSON.parse(r.vessels) as FactVessel[], final: r.final === 1, computedAt: r.computed_at,
    })),
    /** A page of facts in segment order after `afterId` (re-deriving labels under a new mapping version). */
    factsBatch: (afterId: number, limit: number): SegmentFacts[] => q.factsBatch.all(afterId, limit).map((r) => ({
      segmentId: r.segment_id, coverage: r.coverage, vessels: JSON.parse(r.vessels) as FactVessel[], final: r.final === 1, watermark: Number.NaN,
    })),
    counts: () => q.counts.get()!,
    segmentCount: (): number => q.segmentCount.get() as number,
  };
}
export type LabelsRepo = ReturnType<typeof createLabelsRepo>;
