/**
 * The `labels` table: one row per segment and range, holding the designations and zones of the vessels
 * (mapping-independent facts), the AIS coverage, and the status and classes derived under the mapping
 * version current when it was written (`mapping_version`). A segment's rows are replaced together.
 */
import type { Coverage } from '../../shared/labels.ts';
import type { Db } from '../storage/database.ts';
import type { StoredVessel } from './derive.ts';
import type { LabelRow, SegmentRef } from './label-engine.ts';

/** A segment with its station. */
export interface StationSegment extends SegmentRef {
  stationId: string;
}

/** A stored label with its segment. */
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

interface LabelDbRow {
  segment_id: number; station_id: string; start_time: number; end_time: number; range_km: number; mapping_version: number;
  status: string; classes: string; reason: string | null; coverage: Coverage; vessels: string; final: number; computed_at: number;
}

const SEGMENT_COLUMNS = 's.id AS id, s.station_id AS stationId, s.start_time AS start, s.end_time AS end';
const LABEL_SELECT = `SELECT l.*, s.station_id, s.start_time, s.end_time FROM labels l JOIN segments s ON s.id = l.segment_id`;

function fromRow(r: LabelDbRow): StoredLabel {
  return {
    id: r.segment_id, stationId: r.station_id, start: r.start_time, end: r.end_time, rangeKm: r.range_km,
    mappingVersion: r.mapping_version, status: r.status, classes: JSON.parse(r.classes) as string[],
    ...(r.reason === null ? {} : { reason: r.reason }), coverage: r.coverage,
    vessels: JSON.parse(r.vessels) as StoredVessel[], final: r.final === 1, computedAt: r.computed_at,
  };
}

export function createLabelsRepo(db: Db) {
  const q = {
    remove: db.prepare('DELETE FROM labels WHERE segment_id = ?'),
    insert: db.prepare(`INSERT INTO labels (segment_id, range_km, mapping_version, status, classes, vessels, final, computed_at, coverage, reason, watermark)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    newSegments: db.prepare<[number, number], StationSegment>(`SELECT ${SEGMENT_COLUMNS} FROM segments s WHERE s.id > ? ORDER BY s.id LIMIT ?`),
    firstUnlabelled: db.prepare<[], number | null>(
      'SELECT min(s.id) FROM segments s WHERE NOT EXISTS (SELECT 1 FROM labels l WHERE l.segment_id = s.id)').pluck(),
    maxSegment: db.prepare<[], number | null>('SELECT max(id) FROM segments').pluck(),
    nonFinal: db.prepare<[number, number, number], StationSegment>(`SELECT ${SEGMENT_COLUMNS} FROM segments s
      WHERE s.id IN (SELECT segment_id FROM labels WHERE final = 0) AND (s.start_time, s.id) > (?, ?)
      ORDER BY s.start_time, s.id LIMIT ?`),
    reopen: db.prepare<{ from: number; to: number; station: string | null }>(`UPDATE labels SET final = 0 WHERE final = 1 AND segment_id IN
      (SELECT id FROM segments WHERE start_time <= @to AND end_time >= @from AND (@station IS NULL OR station_id = @station))`),
    forRange: db.prepare<{ station: string; from: number; to: number; range: number }, LabelDbRow>(`${LABEL_SELECT}
      WHERE s.station_id = @station AND s.start_time < @to AND s.end_time > @from AND l.range_km = @range ORDER BY s.start_time`),
    bySegment: db.prepare<[number], LabelDbRow>(`${LABEL_SELECT} WHERE l.segment_id = ? ORDER BY l.range_km`),
    changedSince: db.prepare<[number, number], LabelDbRow>(`${LABEL_SELECT} WHERE l.range_km = ? AND l.computed_at >= ?`),
    between: db.prepare<{ station: string | null; from: number; to: number; range: number | null }, LabelDbRow>(`${LABEL_SELECT}
      WHERE s.start_time >= @from AND s.start_time < @to AND (@station IS NULL OR s.station_id = @station)
        AND (@range IS NULL OR l.range_km = @range) ORDER BY s.start_time, s.id, l.range_km`),
    counts: db.prepare<[number], { labelled: number; final: number }>(
      'SELECT count(*) AS labelled, coalesce(sum(final), 0) AS final FROM labels WHERE range_km = ?'),
    segmentCount: db.prepare<[], number>('SELECT count(*) FROM segments').pluck(),
    batch: db.prepare<[number, number], { rowid: number; coverage: Coverage; vessels: string; mapping_version: number }>(
      'SELECT rowid, coverage, vessels, mapping_version FROM labels WHERE rowid > ? ORDER BY rowid LIMIT ?'),
    rederive: db.prepare('UPDATE labels SET mapping_version = ?, status = ?, classes = ?, reason = ? WHERE rowid = ?'),
  };

  return {
    /** Replaces the labels of every segment in `rows` (all its ranges) in one transaction. */
    write(rows: readonly LabelRow[], computedAt = Date.now()): void {
      db.transaction(() => {
        let last = Number.NaN;
        for (const r of rows) {
          if (r.segmentId !== last) q.remove.run(r.segmentId);
          last = r.segmentId;
          q.insert.run(r.segmentId, r.rangeKm, r.mappingVersion, r.status, JSON.stringify(r.classes), JSON.stringify(r.vessels),
            r.final ? 1 : 0, computedAt, r.coverage, r.reason ?? null, Number.isFinite(r.watermark) ? r.watermark : null);
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
    reopen: (from: number, to: number, stationId?: string): number => q.reopen.run({ from, to, station: stationId ?? null }).changes,
    /** Labels of a station's segments overlapping [from, to) at one range, in time order. */
    forRange: (stationId: string, from: number, to: number, rangeKm: number): StoredLabel[] =>
      q.forRange.all({ station: stationId, from, to, range: rangeKm }).map(fromRow),
    /** Labels of segments starting in [from, to) (of one station, at one range when given), streamed in time order. */
    *between(from: number, to: number, stationId?: string, rangeKm?: number): Generator<StoredLabel> {
      for (const r of q.between.iterate({ station: stationId ?? null, from, to, range: rangeKm ?? null })) yield fromRow(r);
    },
    /** Every range of one segment. */
    bySegment: (segmentId: number): StoredLabel[] => q.bySegment.all(segmentId).map(fromRow),
    /** Labels at a range written at or after `since` (computed_at), for incremental caches. */
    changedSince: (rangeKm: number, since: number): StoredLabel[] => q.changedSince.all(rangeKm, since).map(fromRow),
    counts: (rangeKm: number) => q.counts.get(rangeKm)!,
    segmentCount: (): number => q.segmentCount.get() as number,
    /** A batch of raw rows after `afterRowid`, for re-deriving under a new mapping version. */
    rawBatch: (afterRowid: number, limit: number) => q.batch.all(afterRowid, limit),
    /** Rewrites one row's derived status (the stored facts stay as they are). */
    setDerived(rowid: number, version: number, status: string, classes: string[], reason: string | undefined): void {
      q.rederive.run(version, status, JSON.stringify(classes), reason ?? null, rowid);
    },
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
  };
}
export type LabelsRepo = ReturnType<typeof createLabelsRepo>;
