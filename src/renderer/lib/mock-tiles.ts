/**
 * `spectrogram:tiles` for the mock transport (`?mock=1`): a synthetic tile pyramid over the
 * mock station's last week, so the spectrogram can pan back and zoom out without a server.
 *
 * A level-L column is the synthetic base column at its centre (a point sample, not the mean the
 * real pyramid stores: computing 2^L columns per pixel would make week views crawl). Complete
 * tiles are cached, so panning back and forth costs nothing after the first visit.
 */
import type { SpectrogramTile, SpectrogramTiles, SpectrogramTilesRequest } from '../../shared/spectrogram-tiles.ts';
import { TILE_COLUMNS, VALID_BYTES, planQuery, tileSpanMs, tileStartTime, tilesCovering } from '../../shared/tile-geometry.ts';
import { bytesToBase64 } from './base64.ts';
import { MOCK_BINS, MOCK_COLUMN_MS, MOCK_DB_CEIL, MOCK_DB_FLOOR, MOCK_FMAX_HZ, MOCK_STATION_ID, synthColumn } from './mock-signals.ts';

/** How far back the mock station's history reaches. */
export const MOCK_HISTORY_MS = 7 * 86_400_000;
const MOCK_PYRAMID_ID = 1;
/** The FFT size the mock reports (its synthetic columns have MOCK_BINS rows whatever is chosen). */
export const MOCK_NFFT = 512;
const MAX_CACHED = 256;

/** Makes the tile answers of a mock station whose audio runs from `historyStart` to `now()`. */
export function createMockTiles(historyStart: number, now: () => number): (req: SpectrogramTilesRequest) => SpectrogramTiles | null {
  const cache = new Map<string, SpectrogramTile>();
  const remember = (key: string, tile: SpectrogramTile) => {
    cache.set(key, tile);
    for (const k of cache.keys()) {
      if (cache.size <= MAX_CACHED) break;
      cache.delete(k);
    }
  };

  return (req) => {
    if (req.stationId !== MOCK_STATION_ID) return null;
    const end = now();
    const plan = req.level === undefined
      ? planQuery(req.from, req.to, req.pixels, MOCK_COLUMN_MS)
      : { level: req.level, ...tilesCovering(req.from, req.to, MOCK_COLUMN_MS, req.level) };
    const sameKnown = req.known && req.known.level === plan.level && (req.known.pyramidId ?? MOCK_PYRAMID_ID) === MOCK_PYRAMID_ID;
    const known = new Set(sameKnown ? req.known!.indices : []);
    const tiles: SpectrogramTile[] = [];
    for (let index = plan.first; index <= Math.min(plan.last, plan.first + 1023); index++) {
      const start = tileStartTime(index, MOCK_COLUMN_MS, plan.level);
      const complete = start + tileSpanMs(MOCK_COLUMN_MS, plan.level) <= end;
      if (start >= end || start + tileSpanMs(MOCK_COLUMN_MS, plan.level) <= historyStart || (complete && known.has(index))) continue;
      const key = `${plan.level}/${index}`;
      const tile = (complete && cache.get(key)) || synthTile(plan.level, index, historyStart, end, complete);
      if (complete) remember(key, tile);
      tiles.push(tile);
    }
    return {
      stationId: MOCK_STATION_ID, pyramidId: MOCK_PYRAMID_ID, level: plan.level, columnMs: MOCK_COLUMN_MS * 2 ** plan.level,
      tileColumns: TILE_COLUMNS, bins: MOCK_BINS, fMaxHz: MOCK_FMAX_HZ, nFft: MOCK_NFFT, dbFloor: MOCK_DB_FLOOR, dbCeil: MOCK_DB_CEIL,
      extent: { start: historyStart, end }, tiles,
    };
  };
}

/** Tile `index` of `level`: columns starting inside [historyStart, end) hold data, the rest is a gap. */
function synthTile(level: number, index: number, historyStart: number, end: number, complete: boolean): SpectrogramTile {
  const perColumn = 2 ** level;
  const valid = new Uint8Array(VALID_BYTES);
  const data = new Uint8Array(TILE_COLUMNS * MOCK_BINS);
  let columns = 0;
  for (let c = 0; c < TILE_COLUMNS; c++) {
    const firstBase = (index * TILE_COLUMNS + c) * perColumn;
    const time = firstBase * MOCK_COLUMN_MS;
    if (time < historyStart || time >= end) continue;
    data.set(synthColumn(firstBase + Math.floor(perColumn / 2)), c * MOCK_BINS);
    valid[c >> 3] |= 1 << (c & 7);
    columns++;
  }
  const startTime = tileStartTime(index, MOCK_COLUMN_MS, level);
  return { index, startTime, complete, columns, valid: bytesToBase64(valid), data: bytesToBase64(data) };
}
