/**
 * The drawing worker's cache of spectrogram tiles (from `spectrogram:tiles`), with each tile's
 * coloured image made lazily for the current colour table and frequency rows and kept for the
 * most recently drawn tiles only (raw tiles are ~130 kB, images ~0.5 MB).
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
}

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
  latest: Omit<DecodedTiles, 'tiles'> | undefined;

  add(batch: DecodedTiles): void {
    const { tiles, ...meta } = batch;
    this.latest = meta;
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

  /** Tiles of the newest pyramid overlapping [from, to), coarsest first, none finer than `minLevel`. */
  visible(from: number, to: number, minLevel: number): CachedTile[] {
    const pyramid = this.latest?.pyramidId;
    const out = [...this.#tiles.values()].filter((t) => t.pyramidId === pyramid && t.level >= minLevel && t.endTime > from && t.startTime < to);
    return out.sort((a, b) => b.level - a.level || a.startTime - b.startTime);
  }

  /** The level byte at `time` and `bin` from the finest tile holding that column, if any. */
  levelAt(time: number, bin: number): number | undefined {
    let best: { tile: CachedTile; col: number } | undefined;
    for (const tile of this.visible(time, time + 1e-6, 0)) {
      const col = Math.floor((time - tile.startTime) / tile.columnMs);
      if (bin < 0 || bin >= tile.bins || !(tile.valid[col >> 3]! & (1 << (col & 7)))) continue;
      if (!best || tile.level < best.tile.level) best = { tile, col };
    }
    return best ? best.tile.data[best.col * best.tile.bins + bin] : undefined;
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
