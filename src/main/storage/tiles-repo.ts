/** Spectrogram tile pyramids and the index of their tile files (migration 0002). */
import type { Db } from './database.ts';

/** A pyramid's display geometry (what one set of tiles was computed with). */
export interface PyramidGeometry {
  sampleRate: number;
  nFft: number;
  hop: number;
  columnMs: number;
  bins: number;
  fMaxHz: number;
  dbFloor: number;
  dbCeil: number;
}

export interface PyramidRow extends PyramidGeometry {
  id: number;
  stationId: string;
}

export interface TileRow {
  level: number;
  index: number;
  startTime: number;
  endTime: number;
  /** Columns that hold data (the rest of the tile is a gap). */
  columns: number;
  bytes: number;
}

const PYRAMID_COLUMNS = `id, station_id AS stationId, sample_rate AS sampleRate, n_fft AS nFft, hop, column_ms AS columnMs,
  bins, f_max_hz AS fMaxHz, db_floor AS dbFloor, db_ceil AS dbCeil`;

export function createTilesRepo(db: Db) {
  const insertPyramid = db.prepare(`INSERT INTO spectrogram_pyramids
    (station_id, sample_rate, n_fft, hop, column_ms, bins, f_max_hz, db_floor, db_ceil, created_at, last_used_at)
    VALUES (@stationId, @sampleRate, @nFft, @hop, @columnMs, @bins, @fMaxHz, @dbFloor, @dbCeil, @now, @now)
    ON CONFLICT (station_id, sample_rate, n_fft, hop, db_floor, db_ceil) DO UPDATE SET last_used_at = @now`);
  const findPyramid = db.prepare<[string, number, number, number, number, number], PyramidRow>(`SELECT ${PYRAMID_COLUMNS}
    FROM spectrogram_pyramids WHERE station_id = ? AND sample_rate = ? AND n_fft = ? AND hop = ? AND db_floor = ? AND db_ceil = ?`);
  const latest = db.prepare<[string], PyramidRow>(`SELECT ${PYRAMID_COLUMNS} FROM spectrogram_pyramids
    WHERE station_id = ? ORDER BY last_used_at DESC, id DESC LIMIT 1`);
  const byId = db.prepare<[number], PyramidRow>(`SELECT ${PYRAMID_COLUMNS} FROM spectrogram_pyramids WHERE id = ?`);
  const upsertTile = db.prepare(`INSERT INTO spectrogram_tiles
    (pyramid_id, level, tile_index, start_time, end_time, columns, bytes, updated_at)
    VALUES (@pyramidId, @level, @index, @startTime, @endTime, @columns, @bytes, @now)
    ON CONFLICT (pyramid_id, level, tile_index) DO UPDATE SET
      columns = excluded.columns, bytes = excluded.bytes, updated_at = excluded.updated_at`);
  const range = db.prepare<[number, number, number, number], TileRow>(`SELECT level, tile_index AS "index", start_time AS startTime,
    end_time AS endTime, columns, bytes FROM spectrogram_tiles WHERE pyramid_id = ? AND level = ? AND tile_index BETWEEN ? AND ?
    ORDER BY tile_index`);
  const extent = db.prepare<[number], { start: number | null; end: number | null }>(
    'SELECT min(start_time) AS start, max(end_time) AS "end" FROM spectrogram_tiles WHERE pyramid_id = ? AND level = 0');

  return {
    /** The pyramid of this geometry for the station (created on first use), marked as the latest used. */
    ensurePyramid(stationId: string, g: PyramidGeometry): PyramidRow {
      insertPyramid.run({ stationId, ...g, now: Date.now() });
      return findPyramid.get(stationId, g.sampleRate, g.nFft, g.hop, g.dbFloor, g.dbCeil)!;
    },
    latestPyramid(stationId: string): PyramidRow | undefined {
      return latest.get(stationId);
    },
    pyramid(id: number): PyramidRow | undefined {
      return byId.get(id);
    },
    upsertTile(pyramidId: number, t: TileRow): void {
      upsertTile.run({ pyramidId, ...t, now: Date.now() });
    },
    tilesInRange(pyramidId: number, level: number, fromIndex: number, toIndex: number): TileRow[] {
      return range.all(pyramidId, level, fromIndex, toIndex);
    },
    /** First and last time covered by level-0 tiles (undefined when there are none). */
    extent(pyramidId: number): { start: number; end: number } | undefined {
      const e = extent.get(pyramidId);
      return e && e.start !== null && e.end !== null ? { start: e.start, end: e.end } : undefined;
    },
  };
}
export type TilesRepo = ReturnType<typeof createTilesRepo>;
