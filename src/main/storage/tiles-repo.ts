/** Spectrogram tile pyramids and the index of their tile files (migration 0002). */
import { notPinnedSql } from '../sessions/pinned-sql.ts';
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

/** A tile that retention may delete, with the station it belongs to. */
export interface PrunableTile extends TileRow {
  pyramidId: number;
  stationId: string;
}

/** Which tiles retention may delete: levels up to `maxLevel`, audio ended and last written before the given times. */
export interface PruneFilter {
  maxLevel: number;
  endBefore: number;
  updatedBefore: number;
  limit: number;
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
  const ofStation = db.prepare<[string], PyramidRow>(`SELECT ${PYRAMID_COLUMNS} FROM spectrogram_pyramids
    WHERE station_id = ? ORDER BY last_used_at DESC, id DESC`);
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
  // Oldest audio first; at equal times the finest level first (the biggest, the least needed when zoomed out).
  // Tiles overlapping a pinned session (migration 0007) are never candidates.
  const prunable = db.prepare<[PruneFilter], PrunableTile>(`SELECT t.pyramid_id AS pyramidId, p.station_id AS stationId, t.level,
    t.tile_index AS "index", t.start_time AS startTime, t.end_time AS endTime, t.columns, t.bytes
    FROM spectrogram_tiles t JOIN spectrogram_pyramids p ON p.id = t.pyramid_id
    WHERE t.level <= @maxLevel AND t.end_time < @endBefore AND t.updated_at < @updatedBefore
      ${notPinnedSql(db, { start: 't.start_time', end: 't.end_time', station: 'p.station_id' })}
    ORDER BY t.end_time, t.level LIMIT @limit`);
  const deleteTile = db.prepare<[number, number, number]>('DELETE FROM spectrogram_tiles WHERE pyramid_id = ? AND level = ? AND tile_index = ?');
  const totalBytes = db.prepare<[], number>('SELECT coalesce(sum(bytes), 0) FROM spectrogram_tiles').pluck();
  const deleteAll = db.transaction((tiles: readonly PrunableTile[]) => {
    for (const t of tiles) deleteTile.run(t.pyramidId, t.level, t.index);
  });

  return {
    /** The pyramid of this geometry for the station (created on first use), marked as the latest used. */
    ensurePyramid(stationId: string, g: PyramidGeometry): PyramidRow {
      insertPyramid.run({ stationId, ...g, now: Date.now() });
      return findPyramid.get(stationId, g.sampleRate, g.nFft, g.hop, g.dbFloor, g.dbCeil)!;
    },
    latestPyramid(stationId: string): PyramidRow | undefined {
      return latest.get(stationId);
    },
    /** Every pyramid of the station (one per display geometry), the latest used first. */
    pyramids(stationId: string): PyramidRow[] {
      return ofStation.all(stationId);
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
    /** Tiles retention may delete, oldest audio first, never one overlapping a pinned session. */
    prunable(filter: PruneFilter): PrunableTile[] {
      return prunable.all(filter);
    },
    /** Removes tiles from the index (their files are the caller's). */
    deleteTiles(tiles: readonly PrunableTile[]): void {
      deleteAll(tiles);
    },
    /** Bytes of every indexed tile file (deflated sizes). */
    totalBytes(): number {
      return totalBytes.get()!;
    },
    /** First and last time covered by level-0 tiles (undefined when there are none). */
    extent(pyramidId: number): { start: number; end: number } | undefined {
      const e = extent.get(pyramidId);
      return e && e.start !== null && e.end !== null ? { start: e.start, end: e.end } : undefined;
    },
  };
}
export type TilesRepo = ReturnType<typeof createTilesRepo>;
