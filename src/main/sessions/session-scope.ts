/**
 * What a session holds, as SQL over the workstation's tables: the station, its cached recordings and
 * segments overlapping the range, their predictions (and the model versions), labels, verifications and
 * gaps, the tile pyramids' tiles overlapping the range, and AIS around the station from AIS_MARGIN_MS
 * before to after the range (for interpolation at the edges) within AIS_RADIUS_KM (a lat/lon box; near
 * ±180° its longitudes are two intervals, one each side of the antimeridian).
 * The same WHERE clauses drive the session's counts (Sessions page) and its export (session-export.ts).
 */
import type { SessionCounts } from '../../shared/sessions.ts';
import type { Db } from '../storage/database.ts';

/** AIS kept before and after a session's range. */
export const AIS_MARGIN_MS = 30 * 60_000;
/** Half-width of the lat/lon box of AIS kept around the station. */
export const AIS_RADIUS_KM = 100;
/** Segments start at most this long before their end (bounds the index range scan). */
const MAX_SEGMENT_MS = 3_600_000;

/** A station's time range. */
export interface Scope {
  stationId: string;
  from: number;
  to: number;
}

/** Named parameters of the scope queries. */
export interface ScopeParams {
  station: string;
  from: number;
  to: number;
  segFrom: number;
  aisFrom: number;
  aisTo: number;
  minuteFrom: number;
  minuteTo: number;
  latMin: number;
  latMax: number;
  lonMin: number;
  lonMax: number;
  /** The part of the box across the antimeridian (an empty interval, 1…0, when it does not cross). */
  lonMin2: number;
  lonMax2: number;
}

/**
 * The longitudes within `dLon` degrees of `lon` as two intervals inside [-180, 180]: the second is the
 * part that wraps across the antimeridian, or empty (1…0, which BETWEEN never matches).
 */
export function lonIntervals(lon: number, dLon: number): [[number, number], [number, number]] {
  const centre = ((((lon + 180) % 360) + 360) % 360) - 180;
  const lo = centre - dLon;
  const hi = centre + dLon;
  if (dLon >= 180) return [[-180, 180], [1, 0]];
  if (lo < -180) return [[lo + 360, 180], [-180, hi]];
  if (hi > 180) return [[lo, 180], [-180, hi - 360]];
  return [[lo, hi], [1, 0]];
}

/** The query parameters of a scope around a station at (lat, lon). */
export function scopeParams(scope: Scope, position: { lat: number; lon: number }, radiusKm = AIS_RADIUS_KM): ScopeParams {
  const dLat = radiusKm / 111.32;
  const dLon = radiusKm / (111.32 * Math.max(0.01, Math.cos((position.lat * Math.PI) / 180)));
  const aisFrom = scope.from - AIS_MARGIN_MS;
  const aisTo = scope.to + AIS_MARGIN_MS;
  const [[lonMin, lonMax], [lonMin2, lonMax2]] = lonIntervals(position.lon, dLon);
  return {
    station: scope.stationId, from: scope.from, to: scope.to, segFrom: scope.from - MAX_SEGMENT_MS, aisFrom, aisTo,
    minuteFrom: Math.floor(aisFrom / 60_000), minuteTo: Math.floor(aisTo / 60_000),
    latMin: position.lat - dLat, latMax: position.lat + dLat, lonMin, lonMax, lonMin2, lonMax2,
  };
}

export const RECORDINGS_WHERE = `station_id = @station AND status = 'ok' AND evicted_at IS NULL AND duration_ms > 0
  AND start_time < @to AND start_time + duration_ms > @from`;
export const SEGMENTS_WHERE = 'station_id = @station AND start_time >= @segFrom AND start_time < @to AND end_time > @from';
const GAPS_WHERE = 'station_id = @station AND start_time < @to AND end_time > @from';
const LON_WHERE = '(lon BETWEEN @lonMin AND @lonMax OR lon BETWEEN @lonMin2 AND @lonMax2)';
const AIS_WHERE = `time BETWEEN @aisFrom AND @aisTo AND lat BETWEEN @latMin AND @latMax AND ${LON_WHERE}`;
const MINUTES_WHERE = `minute BETWEEN @minuteFrom AND @minuteTo AND lat BETWEEN @latMin AND @latMax AND ${LON_WHERE}`;
const TILES_WHERE = 'start_time < @to AND end_time > @from';

/**
 * The tables of a session file in copy order, with the rows a session takes from each. Clauses refer to
 * the source table unqualified and to rows already copied as `main.<table>` (the session database).
 */
export const SESSION_TABLES: readonly { table: string; where: string }[] = [
  { table: 'stations', where: 'id = @station' },
  { table: 'recordings', where: RECORDINGS_WHERE },
  { table: 'segments', where: SEGMENTS_WHERE },
  { table: 'gaps', where: GAPS_WHERE },
  { table: 'predictions', where: 'segment_id IN (SELECT id FROM main.segments)' },
  { table: 'models', where: '(id, version) IN (SELECT model_id, model_version FROM main.predictions)' },
  { table: 'designations', where: '1' },
  { table: 'class_mappings', where: '1' },
  { table: 'class_mapping_entries', where: '1' },
  { table: 'labels', where: 'segment_id IN (SELECT id FROM main.segments)' },
  { table: 'label_facts', where: 'segment_id IN (SELECT id FROM main.segments)' },
  { table: 'verifications', where: 'segment_id IN (SELECT id FROM main.segments)' },
  { table: 'ais_positions', where: AIS_WHERE },
  { table: 'ais_track_minutes', where: MINUTES_WHERE },
  { table: 'vessels', where: 'mmsi IN (SELECT mmsi FROM main.ais_positions)' },
  { table: 'vessel_static_history', where: 'mmsi IN (SELECT mmsi FROM main.vessels)' },
  { table: 'spectrogram_pyramids', where: 'station_id = @station' },
  { table: 'spectrogram_tiles', where: `pyramid_id IN (SELECT id FROM main.spectrogram_pyramids) AND ${TILES_WHERE}` },
  { table: 'sessions', where: 'id = @session' },
];

/** Counts, bytes and model versions of a scope, read from the live database. */
export interface ScopeStats {
  counts: SessionCounts;
  bytes: { audio: number; tiles: number };
  models: string[];
}

const SEGMENT_IDS = `SELECT id FROM segments WHERE ${SEGMENTS_WHERE}`;

export function createScopeQueries(db: Db) {
  const one = (sql: string) => db.prepare<ScopeParams, { n: number; bytes: number | null }>(sql);
  const q = {
    recordings: one(`SELECT count(*) AS n, sum(bytes) AS bytes FROM recordings WHERE ${RECORDINGS_WHERE}`),
    segments: one(`SELECT count(*) AS n, NULL AS bytes FROM segments WHERE ${SEGMENTS_WHERE}`),
    predictions: one(`SELECT count(*) AS n, NULL AS bytes FROM predictions WHERE segment_id IN (${SEGMENT_IDS})`),
    labels: one(`SELECT count(DISTINCT segment_id) AS n, NULL AS bytes FROM labels WHERE segment_id IN (${SEGMENT_IDS})`),
    verifications: one(`SELECT count(DISTINCT segment_id) AS n, NULL AS bytes FROM verifications WHERE segment_id IN (${SEGMENT_IDS})`),
    gaps: one(`SELECT count(*) AS n, NULL AS bytes FROM gaps WHERE ${GAPS_WHERE}`),
    ais: one(`SELECT count(*) AS n, NULL AS bytes FROM ais_positions WHERE ${AIS_WHERE}`),
    tiles: one(`SELECT count(*) AS n, sum(bytes) AS bytes FROM spectrogram_tiles
      WHERE pyramid_id IN (SELECT id FROM spectrogram_pyramids WHERE station_id = @station) AND ${TILES_WHERE}`),
    models: db.prepare<ScopeParams, string>(`SELECT DISTINCT model_id || '@' || model_version FROM predictions
      WHERE segment_id IN (${SEGMENT_IDS}) ORDER BY 1`).pluck(),
  };
  return {
    stats(p: ScopeParams): ScopeStats {
      const recordings = q.recordings.get(p)!;
      const tiles = q.tiles.get(p)!;
      return {
        counts: {
          recordings: recordings.n, segments: q.segments.get(p)!.n, predictions: q.predictions.get(p)!.n, labels: q.labels.get(p)!.n,
          verifications: q.verifications.get(p)!.n, gaps: q.gaps.get(p)!.n, aisPositions: q.ais.get(p)!.n, tiles: tiles.n,
        },
        bytes: { audio: recordings.bytes ?? 0, tiles: tiles.bytes ?? 0 },
        models: q.models.all(p),
      };
    },
  };
}
export type ScopeQueries = ReturnType<typeof createScopeQueries>;
