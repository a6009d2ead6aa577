/**
 * What backfill needs from the database: recordings whose audio sits in the cache (the demo
 * station's own cache files and downloaded recordings alike), the existing segment a re-computed
 * window maps onto, and which segments a model version has already predicted.
 */
import type { Db } from './database.ts';
import { notPinnedSql } from '../sessions/pinned-sql.ts';

/** A recording with audio on disk (status ok). */
export interface CachedRecording {
  id: number;
  stationId: string;
  path: string;
  startTime: number;
  durationMs: number;
  sampleRate: number;
  channels: number;
}

export interface NewCachedRecording {
  stationId: string;
  name: string;
  path: string;
  bytes: number;
  startTime: number;
  durationMs: number;
  sampleRate: number;
  channels: number;
}

const COLUMNS = `id, station_id AS stationId, path, start_time AS startTime, duration_ms AS durationMs,
  sample_rate AS sampleRate, channels`;

export function createBackfillRepo(db: Db) {
  const insert = db.prepare(`
    INSERT INTO recordings (station_id, name, path, bytes, start_time, duration_ms, sample_rate, channels, status, created_at)
    VALUES (@stationId, @name, @path, @bytes, @startTime, @durationMs, @sampleRate, @channels, 'ok', @now)
    ON CONFLICT (station_id, name) DO UPDATE SET path = excluded.path, bytes = excluded.bytes,
      start_time = excluded.start_time, duration_ms = excluded.duration_ms, status = 'ok'`);
  const inRange = db.prepare<[{ stationId: string; from: number; to: number }], CachedRecording>(`
    SELECT ${COLUMNS} FROM recordings
    WHERE station_id = @stationId AND status = 'ok' AND duration_ms > 0 AND start_time < @to AND start_time + duration_ms > @from
    ORDER BY start_time`);
  const summary = db.prepare<[string], { files: number; ms: number | null; first: number | null; last: number | null }>(`
    SELECT count(*) AS files, sum(duration_ms) AS ms, min(start_time) AS first, max(start_time + duration_ms) AS last
    FROM recordings WHERE station_id = ? AND status = 'ok' AND duration_ms > 0`);
  const olderThan = db.prepare<[{ stationId: string; prefix: string; before: number }], { id: number; path: string }>(`
    SELECT id, path FROM recordings
    WHERE station_id = @stationId AND substr(path, 1, length(@prefix)) = @prefix AND start_time + duration_ms < @before
      ${notPinnedSql(db, { start: 'recordings.start_time', end: 'recordings.start_time + recordings.duration_ms', station: 'recordings.station_id' })}`);
  const remove = db.prepare('DELETE FROM recordings WHERE id = ?');
  const nearSegment = db.prepare<[{ stationId: string; start: number; end: number; tol: number }], number>(`
    SELECT id FROM segments WHERE station_id = @stationId AND start_time BETWEEN @start - @tol AND @start + @tol
      AND end_time BETWEEN @end - @tol AND @end + @tol
    ORDER BY abs(start_time - @start) LIMIT 1`);
  type AnchorQuery = [{ stationId: string; duration: number; near: number }];
  const anchorBefore = db.prepare<AnchorQuery, number>(`
    SELECT start_time FROM segments WHERE station_id = @stationId AND start_time <= @near
      AND end_time - start_time BETWEEN @duration - 2 AND @duration + 2
    ORDER BY start_time DESC LIMIT 1`);
  const anchorAfter = db.prepare<AnchorQuery, number>(`
    SELECT start_time FROM segments WHERE station_id = @stationId AND start_time > @near
      AND end_time - start_time BETWEEN @duration - 2 AND @duration + 2
    ORDER BY start_time LIMIT 1`);
  const predicted = db.prepare<[number, string, string], number>(
    'SELECT count(*) FROM predictions WHERE segment_id = ? AND model_id = ? AND model_version = ?',
  );

  return {
    /** Records a finished cache file (idempotent per station and name); returns nothing. */
    registerCached(r: NewCachedRecording): void {
      insert.run({ ...r, now: Date.now() });
    },
    /** Recordings of a station overlapping [from, to), oldest first. */
    inRange(stationId: string, from: number, to: number): CachedRecording[] {
      return inRange.all({ stationId, from, to });
    },
    summary(stationId: string): { files: number; seconds: number; from?: number; to?: number } {
      const s = summary.get(stationId)!;
      return { files: s.files, seconds: (s.ms ?? 0) / 1000, ...(s.first === null ? {} : { from: s.first, to: s.last! }) };
    },
    /** Removes the rows of cache files under `pathPrefix` that ended before `before` (except pinned sessions'); returns their paths. */
    removeOlderThan(stationId: string, pathPrefix: string, before: number): string[] {
      return db.transaction(() => {
        const rows = olderThan.all({ stationId, prefix: pathPrefix, before });
        for (const r of rows) remove.run(r.id);
        return rows.map((r) => r.path);
      })();
    },
    /** The stored segment within `toleranceMs` of [start, end), if any (live and backfill windows then coincide). */
    segmentNear(stationId: string, start: number, end: number, toleranceMs = 2): number | undefined {
      return nearSegment.pluck().get({ stationId, start, end, tol: toleranceMs }) as number | undefined;
    },
    /** Start of the stored segment of this length nearest before (else after) `near`: the grid live windows lie on. */
    anchor(stationId: string, durationMs: number, near: number): number | undefined {
      const q = { stationId, duration: durationMs, near };
      return (anchorBefore.pluck().get(q) ?? anchorAfter.pluck().get(q)) as number | undefined;
    },
    hasPrediction(segmentId: number, modelId: string, modelVersion: string): boolean {
      return (predicted.pluck().get(segmentId, modelId, modelVersion) as number) > 0;
    },
  };
}
export type BackfillRepo = ReturnType<typeof createBackfillRepo>;
