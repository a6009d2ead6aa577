/**
 * The display spectrogram tile pyramids of every live station: fed with the live display
 * columns as they arrive (one pyramid per station and display geometry), saved to
 * cache/tiles (open tiles every `saveIntervalMs`, so a crash loses little), and queried by
 * `spectrogram:tiles` for any time range at any zoom.
 */
import type { SpectrogramColumns } from '../../shared/domain.ts';
import type { SpectrogramTiles, SpectrogramTile } from '../../shared/spectrogram-tiles.ts';
import type { Logger } from '../app/logger.ts';
import type { PyramidGeometry, PyramidRow, TilesRepo } from '../storage/tiles-repo.ts';
import { TILE_COLUMNS, baseColumnIndex, levelColumnMs, planQuery, tileStartTime, tilesCovering } from '../../shared/tile-geometry.ts';
import { TilePyramid, validColumns } from './tile-pyramid.ts';
import { TileStore, ensurePyramidDir } from './tile-store.ts';

export interface TileServiceOptions {
  repo: TilesRepo;
  /** cache/tiles */
  root: string;
  logger: Logger;
  /** How often open tiles are written, so a crash loses at most this much (default 30 s). */
  saveIntervalMs?: number;
}

interface Live {
  row: PyramidRow;
  pyramid: TilePyramid;
  store: TileStore;
}

/** A query over [from, to) of one station (see spectrogramTilesRequestSchema). */
export interface TilesQuery {
  stationId: string;
  from: number;
  to: number;
  pixels: number;
  level?: number;
  known?: { level: number; indices: readonly number[] };
}

/** The geometry a batch of live columns was computed with. */
export function geometryOf(c: Pick<SpectrogramColumns, 'columnMs' | 'bins' | 'fMaxHz' | 'dbFloor' | 'dbCeil'>): PyramidGeometry {
  const sampleRate = Math.round(2 * c.fMaxHz);
  return {
    sampleRate, nFft: 2 * (c.bins - 1), hop: Math.round((c.columnMs * sampleRate) / 1000),
    columnMs: c.columnMs, bins: c.bins, fMaxHz: c.fMaxHz, dbFloor: c.dbFloor, dbCeil: c.dbCeil,
  };
}

const sameGeometry = (a: PyramidGeometry, b: PyramidGeometry) =>
  a.sampleRate === b.sampleRate && a.nFft === b.nFft && a.hop === b.hop && a.dbFloor === b.dbFloor && a.dbCeil === b.dbCeil;

export class TileService {
  readonly #o: TileServiceOptions;
  readonly #live = new Map<string, Live>();
  /** Stores of pyramids that are only read (stations not running, older geometries). */
  readonly #readers = new Map<number, TileStore>();
  readonly #timer: NodeJS.Timeout;
  #disabled = false;

  constructor(opts: TileServiceOptions) {
    this.#o = opts;
    this.#timer = setInterval(() => this.#saveOpenTiles(), opts.saveIntervalMs ?? 30_000);
    this.#timer.unref();
  }

  /** Adds a batch of live display columns of a station. Never throws: tiles are a cache. */
  addColumns(batch: SpectrogramColumns): void {
    if (this.#disabled || batch.columns === 0) return;
    try {
      const live = this.#liveFor(batch.stationId, geometryOf(batch));
      const bytes = Buffer.from(batch.data, 'base64');
      const { bins, columnMs } = batch;
      for (let c = 0; c < batch.columns; c++) {
        const index = baseColumnIndex(batch.startTime + c * columnMs, columnMs);
        live.pyramid.addColumn(index, bytes.subarray(c * bins, (c + 1) * bins));
      }
    } catch (err) {
      this.#disabled = true;
      this.#o.logger.error('spectrogram tiles disabled: could not store columns', { error: String(err) });
    }
  }

  /** Tiles of `stationId` covering [from, to), or null when the station has no pyramid yet. */
  async query(q: TilesQuery): Promise<SpectrogramTiles | null> {
    const live = this.#live.get(q.stationId);
    const row = live?.row ?? this.#o.repo.latestPyramid(q.stationId);
    if (!row) return null;
    const store = live?.store ?? this.#reader(row);
    const plan = q.level === undefined ? planQuery(q.from, q.to, q.pixels, row.columnMs) : { level: q.level, ...tilesCovering(q.from, q.to, row.columnMs, q.level) };
    const last = Math.min(plan.last, plan.first + 1023);
    const saved = new Set(this.#o.repo.tilesInRange(row.id, plan.level, plan.first, last).map((t) => t.index));
    const known = new Set(q.known?.level === plan.level ? q.known.indices : []);
    const tiles: SpectrogramTile[] = [];
    for (let index = plan.first; index <= last; index++) {
      const open = live?.pyramid.openTile(plan.level, index);
      const stored = (saved.has(index) || store.isPending(plan.level, index)) && !known.has(index);
      const content = open ?? (stored ? await store.read(plan.level, index) : undefined);
      if (content) tiles.push(encodeTile(index, tileStartTime(index, row.columnMs, plan.level), !open, content));
    }
    return {
      stationId: q.stationId, pyramidId: row.id, level: plan.level, columnMs: levelColumnMs(row.columnMs, plan.level),
      tileColumns: TILE_COLUMNS, bins: row.bins, fMaxHz: row.fMaxHz, nFft: row.nFft, dbFloor: row.dbFloor, dbCeil: row.dbCeil,
      extent: this.#o.repo.extent(row.id) ?? null, tiles,
    };
  }

  /** Resolves when every tile saved so far is on disk. */
  async idle(): Promise<void> {
    await Promise.all([...this.#live.values()].map((l) => l.store.idle()));
  }

  /** Completes and writes every open tile and waits for the writes (call on shutdown). */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    for (const live of this.#live.values()) live.pyramid.close();
    await Promise.all([...this.#live.values()].map((l) => l.store.idle()));
    this.#live.clear();
  }

  #liveFor(stationId: string, g: PyramidGeometry): Live {
    const current = this.#live.get(stationId);
    if (current && sameGeometry(current.row, g)) return current;
    if (current) current.pyramid.close(); // the display was reconfigured: a new pyramid starts
    const row = this.#o.repo.ensurePyramid(stationId, g);
    ensurePyramidDir(this.#o.root, row.id);
    const store = new TileStore({ root: this.#o.root, pyramidId: row.id, bins: row.bins, columnMs: row.columnMs, repo: this.#o.repo, logger: this.#o.logger });
    const live = { row, pyramid: new TilePyramid(row.bins, store), store };
    this.#live.set(stationId, live);
    return live;
  }

  #reader(row: PyramidRow): TileStore {
    let store = this.#readers.get(row.id);
    if (!store) {
      store = new TileStore({ root: this.#o.root, pyramidId: row.id, bins: row.bins, columnMs: row.columnMs, repo: this.#o.repo, logger: this.#o.logger });
      this.#readers.set(row.id, store);
    }
    return store;
  }

  #saveOpenTiles(): void {
    for (const live of this.#live.values()) live.pyramid.save();
  }
}

function encodeTile(index: number, startTime: number, complete: boolean, t: { valid: Uint8Array; data: Uint8Array }): SpectrogramTile {
  const b64 = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength).toString('base64');
  return { index, startTime, complete, columns: validColumns(t.valid), valid: b64(t.valid), data: b64(t.data) };
}
