/**
 * The drawing worker's cache of spectrogram tiles (from `spectrogram:tiles`), with each tile's
 * coloured image made lazily for the current colour table and frequency rows and kept for the
 * most recently drawn tiles only (raw tiles are ~130 kB, images ~0.5 MB).
 *
 * An answer may span a display FFT size switch: its own pyramid plus `others` (older pyramids).
 * All of them are drawn, the older ones first, so each span shows the tiles that exist for it
 * (the answered pyramid's gaps are transparent).
 */

/** One tile as the worker receives it (bytes decoded from base64). */
export interface DecodedTile {
  readonly index: number;
  readonly startTime: number;
  readonly complete: boolean;
  readonly valid: Uint8Array;
  readonly data: Uint8Array;
}

/** A `spectrogram:tiles` answer with its bytes decoded. */
export interface DecodedTiles {
  readonly pyramidId: number;
  readonly level: number;
  readonly columnMs: number;
  readonly tileColumns: number;
  readonly bins: number;
  readonly fMaxHz: number;
  readonly dbFloor: number;
  readonly dbCeil: number;
  readonly tiles: readonly DecodedTile[];
  /** Older pyramids with audio in the range (see spectrogramTilesSchema). */
  readonly others?: readonly DecodedTiles[];
}

/** One pyramid of the newest answer: its geometry and the level it was answered at. */
export type PyramidMeta = Omit<DecodedTiles, 'tiles' | 'others'>;

export interface CachedTile extends DecodedTile {
  readonly key: string;
  readonly pyramidId: number;
  readonly level: number;
  readonly columnMs: number;
  readonly tileColumns: number;
  readonly bins: number;
  readonly endTime: number;
}

/** How tiles are coloured: a colour table per level byte and the bin of each display row. */
export interface Colouring {
  readonly key: string;
  readonly lut: Uint32Array;
  readonly rowBins: Int32Array;
}

/** Raw tiles kept (the main thread's "known" list stays below this, see use-spectrogram-tiles). */
export const MAX_CACHED_TILES = 320;
const MAX_IMAGES = 96;

export class TileCache {
  readonly #tiles = new Map<string, CachedTile>();
  readonly #images = new Map<string, { colouring: string; canvas: OffscreenCanvas }>();
  /** Geometry of the newest answer: what the plot is drawn with. */
  latest: PyramidMeta | undefined;
  /** The pyramids of the newest answer (its own and the older ones), drawn in this order reversed. */
  #shown = new Map<number, PyramidMeta>();

  add(batch: DecodedTiles): void {
    const others = batch.others ?? [];
    this.latest = metaOf(batch);
    this.#shown = new Map([batch, ...others].map((b) => [b.pyramidId, metaOf(b)]));
    for (const other of others) this.#addTiles(other);
    this.#addTiles(batch);
  }

  /** The geometry of a pyramid of the newest answer. */
  meta(pyramidId: number): PyramidMeta | undefined {
    return this.#shown.get(pyramidId);
  }

  #addTiles(batch: DecodedTiles): void {
    const { tiles, ...meta } = batch;
    for (const t of tiles) {
      const key = `${meta.pyramidId}/${meta.level}/${t.index}`;
      const endTime = t.startTime + meta.tileColumns * meta.columnMs;
      this.#tiles.delete(key);
      this.#images.delete(key);
      this.#tiles.set(key, { ...t, key, endTime, pyramidId: meta.pyramidId, level: meta.level, columnMs: meta.columnMs, tileColumns: meta.tileColumns, bins: meta.bins });
    }
    for (const key of this.#tiles.keys()) {
      if (this.#tiles.size <= MAX_CACHED_TILES) break;
      this.#tiles.delete(key);
      this.#images.delete(key);
    }
  }

  clear(): void {
    this.#tiles.clear();
    this.#images.clear();
    this.latest = undefined;
  }

  /**
   * Tiles of the newest answer's pyramids overlapping [from, to), in drawing order: older pyramids
   * first, the answered one last (on top); within one, coarsest first, none finer than its answered
   * level − `finer`.
   */
  visible(from: number, to: number, finer: number): CachedTile[] {
    const order = [...this.#shown.keys()].reverse();
    const out = [...this.#tiles.values()].filter((t) => {
      const meta = this.#shown.get(t.pyramidId);
      return meta !== undefined && t.level >= meta.level - finer && t.endTime > from && t.startTime < to;
    });
    return out.sort((a, b) => order.indexOf(a.pyramidId) - order.indexOf(b.pyramidId) || b.level - a.level || a.startTime - b.startTime);
  }

  /**
   * The level byte at `time` and `frequency` (a fraction of the tile's top frequency) from the tile
   * drawn on top there — the finest of the topmost pyramid holding that column — if any.
   */
  levelAt(time: number, frequency: number): number | undefined {
    let top: { tile: CachedTile; col: number } | undefined;
    for (const tile of this.visible(time, time + 1e-6, Infinity)) {
      const col = Math.floor((time - tile.startTime) / tile.columnMs);
      if (tile.valid[col >> 3]! & (1 << (col & 7))) top = { tile, col }; // later tiles are drawn over earlier ones
    }
    if (!top || frequency < 0 || frequency > 1) return undefined;
    return top.tile.data[top.col * top.tile.bins + Math.round(frequency * (top.tile.bins - 1))];
  }

  /** The tile's coloured image (columns × display rows; gaps transparent), made on demand. */
  image(tile: CachedTile, colouring: Colouring): OffscreenCanvas {
    const cached = this.#images.get(tile.key);
    if (cached && cached.colouring === colouring.key) {
      this.#images.delete(tile.key);
      this.#images.set(tile.key, cached); // most recently used last
      return cached.canvas;
    }
    const canvas = colourTile(tile, colouring, cached?.canvas);
    this.#images.delete(tile.key);
    this.#images.set(tile.key, { colouring: colouring.key, canvas });
    for (const key of this.#images.keys()) {
      if (this.#images.size <= MAX_IMAGES) break;
      this.#images.delete(key);
    }
    return canvas;
  }
}

function metaOf(b: DecodedTiles): PyramidMeta {
  const { pyramidId, level, columnMs, tileColumns, bins, fMaxHz, dbFloor, dbCeil } = b;
  return { pyramidId, level, columnMs, tileColumns, bins, fMaxHz, dbFloor, dbCeil };
}

function colourTile(tile: CachedTile, colouring: Colouring, reuse: OffscreenCanvas | undefined): OffscreenCanvas {
  const rows = colouring.rowBins.length;
  const cols = tile.tileColumns;
  const canvas = reuse && reuse.width === cols && reuse.height === rows ? reuse : new OffscreenCanvas(cols, rows);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D context unavailable on OffscreenCanvas');
  const image = ctx.createImageData(cols, rows);
  const pixels = new Uint32Array(image.data.buffer);
  const { lut, rowBins } = colouring;
  for (let c = 0; c < cols; c++) {
    if (!(tile.valid[c >> 3]! & (1 << (c & 7)))) continue; // a gap stays transparent
    const base = c * tile.bins;
    for (let r = 0; r < rows; r++) {
      const bin = rowBins[r]!;
      if (bin >= 0) pixels[r * cols + c] = lut[tile.data[base + bin]!]!;
    }
  }
  ctx.putImageData(image, 0, 0);
  return canvas;
}
