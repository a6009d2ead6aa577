/**
 * Builds a station's tile pyramid as display columns arrive, in bounded memory: one open tile
 * and one open column per level. Level L+1 column k is the mean (in dB, i.e. the log of the
 * geometric mean power) of level-L columns 2k and 2k+1, weighted by how many base columns each
 * holds — so the noise floor looks the same at every zoom, as in a long-term spectral average;
 * persistent ship tonals stay visible, very short transients fade when zoomed far out.
 *
 * A level passes its open column up when its next column starts (all levels together cost
 * about 3× the base level); so level L trails the newest audio by about 2^L base columns —
 * the live view draws that newest part from its own column ring. A tile is handed to the store
 * when its level moves past it, when `save` is called, and (after passing every open column up)
 * on `close`.
 */
import { AppError } from '../../shared/errors.ts';
import { MAX_LEVEL, TILE_COLUMNS, VALID_BYTES } from '../../shared/tile-geometry.ts';

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

/** The newest column of a level: the sum of what it has received and how many base columns that is. */
interface OpenColumn {
  readonly index: number;
  readonly sum: Float64Array;
  count: number;
}

interface LevelState {
  tile: Tile | undefined;
  open: OpenColumn | undefined;
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
  readonly #levels: LevelState[] = Array.from({ length: MAX_LEVEL + 1 }, () => ({ tile: undefined, open: undefined }));

  constructor(bins: number, sink: TileSink) {
    this.bins = bins;
    this.#sink = sink;
  }

  /** Adds one base column (bins bytes) at absolute base index `index`. */
  addColumn(index: number, column: Uint8Array): void {
    if (column.length !== this.bins) throw new AppError('INTERNAL', `tile column of ${column.length} bins, expected ${this.bins}`);
    this.#put(0, index, column, 1);
  }

  /** The open tile of a level, if it is tile `index` (queries serve the newest data from here). */
  openTile(level: number, index: number): Tile | undefined {
    const tile = this.#levels[level]?.tile;
    return tile?.index === index ? tile : undefined;
  }

  /** Hands every changed open tile to the store; building continues. */
  save(): void {
    for (const { tile } of this.#levels) {
      if (tile?.dirty) this.#sink.save(tile);
    }
  }

  /** Passes every open column up (so coarse levels hold everything), then saves. The pyramid is done. */
  close(): void {
    for (let level = 0; level < MAX_LEVEL; level++) {
      const open = this.#levels[level]!.open;
      this.#levels[level]!.open = undefined;
      if (open) this.#put(level + 1, Math.floor(open.index / 2), open.sum, open.count);
    }
    this.save();
  }

  /** Adds `count` base columns whose levels sum to `sums` to column `index` of `level`. */
  #put(level: number, index: number, sums: ArrayLike<number>, count: number): void {
    const state = this.#levels[level]!;
    let open = state.open;
    if (open && open.index !== index) {
      state.open = undefined;
      if (level < MAX_LEVEL) this.#put(level + 1, Math.floor(open.index / 2), open.sum, open.count);
      // Recycle the finished column's buffer: no allocation per column.
      open.sum.fill(0);
      open = { index, sum: open.sum, count: 0 };
    }
    open ??= { index, sum: new Float64Array(this.bins), count: 0 };
    state.open = open;
    const sum = open.sum;
    for (let k = 0; k < this.bins; k++) sum[k]! += sums[k]!;
    open.count += count;
    this.#write(state, level, open);
  }

  #write(state: LevelState, level: number, open: OpenColumn): void {
    const tile = this.#tileFor(state, level, Math.floor(open.index / TILE_COLUMNS));
    const c = open.index - tile.index * TILE_COLUMNS;
    const at = c * this.bins;
    const inv = 1 / open.count;
    const { data } = tile;
    const sum = open.sum;
    for (let k = 0; k < this.bins; k++) data[at + k] = sum[k]! * inv + 0.5; // Uint8Array stores truncate: rounds
    tile.valid[c >> 3] |= 1 << (c & 7);
    tile.dirty = true;
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
