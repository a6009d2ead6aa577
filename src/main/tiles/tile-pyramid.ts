/**
 * Builds a station's tile pyramid as display columns arrive, in bounded memory: one open tile
 * per level. Each base column is max-merged into its level-0 tile; when a level moves on to its
 * next column, the finished column is passed up to the next level (so all levels together cost
 * about 3× the base level, and the coarse levels trail the newest audio by one of their own
 * columns at most). A tile is handed to the store when its level moves past it, and on `flush`.
 */
import { AppError } from '../../shared/errors.ts';
import { MAX_LEVEL, TILE_COLUMNS, VALID_BYTES } from './tile-geometry.ts';

/** One tile: a validity bitmap and TILE_COLUMNS columns × bins levels (column-major, low frequency first). */
export interface Tile {
  readonly level: number;
  readonly index: number;
  readonly valid: Uint8Array;
  readonly data: Uint8Array;
  /** Changed since the store last saw it. */
  dirty: boolean;
}

/** Where finished and reopened tiles go (see tile-store.ts). */
export interface TileSink {
  /** A previously saved tile, to continue it (after a restart or a jump back in time). */
  load(level: number, index: number): Tile | undefined;
  save(tile: Tile): void;
}

interface LevelState {
  tile: Tile | undefined;
  /** The newest column at this level, not yet passed up. */
  carry: { index: number; data: Uint8Array } | undefined;
}

/** Count of set validity bits: the columns of a tile that hold data. */
export function validColumns(valid: Uint8Array): number {
  let n = 0;
  for (const byte of valid) for (let b = byte; b; b &= b - 1) n++;
  return n;
}

export class TilePyramid {
  readonly bins: number;
  readonly #sink: TileSink;
  readonly #levels: LevelState[] = Array.from({ length: MAX_LEVEL + 1 }, () => ({ tile: undefined, carry: undefined }));

  constructor(bins: number, sink: TileSink) {
    this.bins = bins;
    this.#sink = sink;
  }

  /** Adds one base column (bins bytes) at absolute base index `index`. */
  addColumn(index: number, column: Uint8Array): void {
    if (column.length !== this.bins) throw new AppError('INTERNAL', `tile column of ${column.length} bins, expected ${this.bins}`);
    this.#put(0, index, column);
  }

  /** The open tile of a level, if it is tile `index` (queries serve the newest data from here). */
  openTile(level: number, index: number): Tile | undefined {
    const tile = this.#levels[level]?.tile;
    return tile?.index === index ? tile : undefined;
  }

  /**
   * Passes every carried column up, so coarse levels include the newest audio (before a query).
   * A column passed up early is merged again when it completes: max-pooling makes that harmless.
   */
  propagate(): void {
    for (let level = 0; level < MAX_LEVEL; level++) {
      const state = this.#levels[level]!;
      if (state.carry) this.#put(level + 1, Math.floor(state.carry.index / 2), state.carry.data);
      state.carry = undefined;
    }
  }

  /** Propagates, then hands every changed open tile to the store (they stay open). */
  flush(): void {
    this.propagate();
    for (const { tile } of this.#levels) {
      if (tile?.dirty) this.#sink.save(tile);
    }
  }

  #put(level: number, index: number, column: Uint8Array): void {
    const state = this.#levels[level]!;
    const tile = this.#tileFor(state, level, Math.floor(index / TILE_COLUMNS));
    const c = index - tile.index * TILE_COLUMNS;
    maxInto(tile.data, c * this.bins, column);
    tile.valid[c >> 3] |= 1 << (c & 7);
    tile.dirty = true;
    if (level === MAX_LEVEL) return;
    if (state.carry && state.carry.index !== index) {
      const done = state.carry;
      state.carry = undefined;
      this.#put(level + 1, Math.floor(done.index / 2), done.data);
    }
    if (state.carry) maxInto(state.carry.data, 0, column);
    else state.carry = { index, data: Uint8Array.from(column) };
  }

  #tileFor(state: LevelState, level: number, tileIndex: number): Tile {
    if (state.tile?.index === tileIndex) return state.tile;
    if (state.tile?.dirty) this.#sink.save(state.tile);
    state.tile = this.#sink.load(level, tileIndex) ?? {
      level, index: tileIndex, valid: new Uint8Array(VALID_BYTES), data: new Uint8Array(TILE_COLUMNS * this.bins), dirty: false,
    };
    return state.tile;
  }
}

/** dst[at + k] = max(dst[at + k], src[k]); an unwritten column is all zeros, so max merges it. */
function maxInto(dst: Uint8Array, at: number, src: Uint8Array): void {
  for (let k = 0; k < src.length; k++) if (src[k]! > dst[at + k]!) dst[at + k] = src[k]!;
}
