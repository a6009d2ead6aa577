/**
 * The display spectrogram tile pyramids of every live station: fed with the live display
 * columns as they arrive (one pyramid per station and display geometry — FFT size, hop, rate,
 * dB range — so levels never mix resolutions), saved to cache/tiles (open tiles every
 * `saveIntervalMs`, so a crash loses little), queried by `spectrogram:tiles` for any time range
 * at any zoom, and pruned on a timer (tile-retention.ts).
 */
import type { SpectrogramColumns } from '../../shared/domain.ts';
import { MAX_OTHER_PYRAMIDS, type PyramidTiles, type SpectrogramTiles, type SpectrogramTile } from '../../shared/spectrogram-tiles.ts';
import type { Logger } from '../app/logger.ts';
import type { PyramidGeometry, PyramidRow, TilesRepo } from '../storage/tiles-repo.ts';
import { TILE_COLUMNS, baseColumnIndex, levelColumnMs, planQuery, tileStartTime, tilesCovering } from '../../shared/tile-geometry.ts';
import { TilePyramid, validColumns } from './tile-pyramid.ts';
import { pruneTiles, type PruneReport, type TileRetentionPolicy } from './tile-retention.ts';
import { TileStore, ensurePyramidDir } from './tile-store.ts';

export interface TileServiceOptions {
  repo: TilesRepo;
  /** cache/tiles */
  root: string;
  logger: Logger;
  /** How often open tiles are written, so a crash loses at most this much (default 30 s). */
  saveIntervalMs?: number;
  /** What is deleted when (default: nothing). Applied every `pruneIntervalMs` (default 1 h), first a minute after start. */
  retention?: TileRetentionPolicy;
  pruneIntervalMs?: number;
}

/** The first retention run waits this long, so it does not compete with the start-up. */
const FIRST_PRUNE_DELAY_MS = 60_000;

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
  known?: KnownTiles;
  knownOthers?: readonly KnownTiles[];
}

/** Complete tiles a client holds at one level (of one pyramid, when named). */
interface KnownTiles {
  level: number;
  indices: readonly number[];
  pyramidId?: number;
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
  /**
   * One store per pyramid, for writing and reading alike: a pyramid closed and reopened (the FFT
   * size switched away and back) must see its own saves still in flight, or it would start blank tiles.
   */
  readonly #stores = new Map<number, TileStore>();
  readonly #timers: NodeJS.Timeout[] = [];
  #pruning: Promise<PruneReport> | undefined;
  #disabled = false;

  constructor(opts: TileServiceOptions) {
    this.#o = opts;
    this.#timers.push(setInterval(() => this.#saveOpenTiles(), opts.saveIntervalMs ?? 30_000));
    if (opts.retention) {
      const prune = () => void this.prune().catch((err: unknown) => opts.logger.warn('spectrogram tile retention failed', { error: String(err) }));
      this.#timers.push(setTimeout(prune, Math.min(FIRST_PRUNE_DELAY_MS, opts.pruneIntervalMs ?? FIRST_PRUNE_DELAY_MS)));
      this.#timers.push(setInterval(prune, opts.pruneIntervalMs ?? 3_600_000));
    }
    for (const t of this.#timers) t.unref();
  }

  /** Applies the retention policy now (one run at a time: a second call joins the first). */
  prune(now = Date.now()): Promise<PruneReport> {
    const policy = this.#o.retention ?? { fineMaxAgeDays: 0, maxBytes: 0 };
    this.#pruning ??= pruneTiles({ repo: this.#o.repo, root: this.#o.root, logger: this.#o.logger }, policy, now)
      .then((report) => {
        if (report.byAge + report.byQuota > 0) this.#o.logger.info('spectrogram tiles pruned', { ...report });
        return report;
      })
      .finally(() => (this.#pruning = undefined));
    return this.#pruning;
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

  /**
   * Tiles of `stationId` covering [from, to), or null when the station has no pyramid yet. The
   * answer is one pyramid (one FFT size, see #choosePyramid) plus, in `others`, the older pyramids
   * with audio in the range: a view across an FFT size switch shows each span with the tiles that
   * exist for it (live stations keep no audio to recompute them at the new size).
   */
  async query(q: TilesQuery): Promise<SpectrogramTiles | null> {
    const row = this.#choosePyramid(q);
    if (!row) return null;
    // What the client holds is only known to be of this pyramid when it says so (or names none: older clients).
    const main = await this.#answer(row, q, q.known?.pyramidId === undefined || q.known.pyramidId === row.id ? q.known : undefined);
    const others: PyramidTiles[] = [];
    for (const other of this.#otherPyramids(row, q)) others.push(await this.#answer(other, q, q.knownOthers?.find((k) => k.pyramidId === other.id)));
    return others.length > 0 ? { ...main, others } : main;
  }

  /** Pyramids of the station other than `main` with audio in the range, the most covering first. */
  #otherPyramids(main: PyramidRow, q: TilesQuery): PyramidRow[] {
    return this.#o.repo
      .pyramids(q.stationId)
      .filter((row) => row.id !== main.id && this.#hasData(row, q))
      .map((row) => ({ row, covered: this.#coveredMs(row, q) }))
      .sort((a, b) => b.covered - a.covered)
      .slice(0, MAX_OTHER_PYRAMIDS)
      .map((x) => x.row);
  }

  /** The tiles of one pyramid over the query's range, at the level its pixels imply there. */
  async #answer(row: PyramidRow, q: TilesQuery, knownTiles: KnownTiles | undefined): Promise<PyramidTiles> {
    const live = this.#live.get(q.stationId);
    const open = (level: number, index: number) => (live?.row.id === row.id ? live.pyramid.openTile(level, index) : undefined);
    const store = this.#store(row);
    const plan = planFor(row, q);
    const last = Math.min(plan.last, plan.first + 1023);
    const saved = new Set(this.#o.repo.tilesInRange(row.id, plan.level, plan.first, last).map((t) => t.index));
    const known = new Set(knownTiles?.level === plan.level ? knownTiles.indices : []);
    const tiles: SpectrogramTile[] = [];
    for (let index = plan.first; index <= last; index++) {
      const openTile = open(plan.level, index);
      const stored = (saved.has(index) || store.isPending(plan.level, index)) && !known.has(index);
      const content = openTile ?? (stored ? await store.read(plan.level, index) : undefined);
      if (content) tiles.push(encodeTile(index, tileStartTime(index, row.columnMs, plan.level), !openTile, content));
    }
    return {
      stationId: q.stationId, pyramidId: row.id, level: plan.level, columnMs: levelColumnMs(row.columnMs, plan.level),
      tileColumns: TILE_COLUMNS, bins: row.bins, fMaxHz: row.fMaxHz, nFft: row.nFft, dbFloor: row.dbFloor, dbCeil: row.dbCeil,
      extent: this.#o.repo.extent(row.id) ?? null, tiles,
    };
  }

  /**
   * The station's current pyramid (live, else the latest used) wherever it has data; for a range
   * it has nothing of, the older pyramid (another FFT size) holding most of it: after the FFT
   * size changes, earlier audio stays visible in its own pyramid — there is no audio to recompute it with.
   */
  #choosePyramid(q: TilesQuery): PyramidRow | undefined {
    const current = this.#live.get(q.stationId)?.row ?? this.#o.repo.latestPyramid(q.stationId);
    if (!current || this.#hasData(current, q)) return current;
    let best = { row: current, covered: 0 };
    for (const row of this.#o.repo.pyramids(q.stationId)) {
      const covered = row.id === current.id ? 0 : this.#coveredMs(row, q);
      if (covered > best.covered) best = { row, covered };
    }
    return best.row;
  }

  /** True when `row` has a tile for the query, saved, waiting to be written or open. */
  #hasData(row: PyramidRow, q: TilesQuery): boolean {
    const plan = planFor(row, q);
    if (this.#coveredMs(row, q) > 0) return true;
    const live = this.#live.get(q.stationId);
    const store = this.#stores.get(row.id);
    for (let index = plan.first; index <= Math.min(plan.last, plan.first + 1023); index++) {
      if (store?.isPending(plan.level, index) || (live?.row.id === row.id && live.pyramid.openTile(plan.level, index))) return true;
    }
    return false;
  }

  /** Stream time held by the saved tiles a query of `row` would answer with. */
  #coveredMs(row: PyramidRow, q: TilesQuery): number {
    const plan = planFor(row, q);
    const columns = this.#o.repo.tilesInRange(row.id, plan.level, plan.first, plan.last).reduce((sum, t) => sum + t.columns, 0);
    return columns * levelColumnMs(row.columnMs, plan.level);
  }

  /** Resolves when every tile saved so far is on disk. */
  async idle(): Promise<void> {
    await Promise.all([...this.#stores.values()].map((store) => store.idle()));
  }

  /** Completes and writes every open tile and waits for the writes (call on shutdown). */
  async close(): Promise<void> {
    for (const t of this.#timers) clearTimeout(t);
    await this.#pruning?.catch(() => undefined);
    for (const live of this.#live.values()) live.pyramid.close();
    await Promise.all([...this.#stores.values()].map((store) => store.idle()));
    this.#live.clear();
  }

  #liveFor(stationId: string, g: PyramidGeometry): Live {
    const current = this.#live.get(stationId);
    if (current && sameGeometry(current.row, g)) return current;
    if (current) current.pyramid.close(); // the display was reconfigured: a new pyramid starts
    const row = this.#o.repo.ensurePyramid(stationId, g);
    ensurePyramidDir(this.#o.root, row.id);
    const store = this.#store(row);
    const live = { row, pyramid: new TilePyramid(row.bins, store), store };
    this.#live.set(stationId, live);
    return live;
  }

  #store(row: PyramidRow): TileStore {
    let store = this.#stores.get(row.id);
    if (!store) {
      store = new TileStore({ root: this.#o.root, pyramidId: row.id, bins: row.bins, columnMs: row.columnMs, repo: this.#o.repo, logger: this.#o.logger });
      this.#stores.set(row.id, store);
    }
    return store;
  }

  #saveOpenTiles(): void {
    for (const live of this.#live.values()) live.pyramid.save();
  }
}

/** The level and tile range a query is answered with from `row`. */
function planFor(row: PyramidRow, q: TilesQuery): { level: number; first: number; last: number } {
  return q.level === undefined ? planQuery(q.from, q.to, q.pixels, row.columnMs) : { level: q.level, ...tilesCovering(q.from, q.to, row.columnMs, q.level) };
}

function encodeTile(index: number, startTime: number, complete: boolean, t: { valid: Uint8Array; data: Uint8Array }): SpectrogramTile {
  const b64 = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength).toString('base64');
  return { index, startTime, complete, columns: validColumns(t.valid), valid: b64(t.valid), data: b64(t.data) };
}
