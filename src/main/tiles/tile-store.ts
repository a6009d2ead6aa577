/**
 * Tile files of one pyramid: `<root>/<pyramid id>/L<level>/<index>.tile`, each the raw-deflated
 * validity bitmap followed by the column data, indexed in SQLite (spectrogram_tiles). Saves run
 * off the main thread's critical path (deflate in libuv's thread pool), a few at a time; a tile
 * saved but not yet written is served from memory, so reads never see a stale file, and a
 * newer save of the same tile always lands after an older one.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { deflateRaw, inflateRawSync, inflateRaw } from 'node:zlib';
import type { Logger } from '../app/logger.ts';
import type { TilesRepo } from '../storage/tiles-repo.ts';
import { TILE_COLUMNS, VALID_BYTES, tileStartTime, tileSpanMs } from '../../shared/tile-geometry.ts';
import { validColumns, type Tile, type TileSink } from './tile-pyramid.ts';

const deflate = promisify(deflateRaw);
const inflate = promisify(inflateRaw);
/** Tile writes in flight at once (each is deflate → write → rename → index). */
const CONCURRENT_WRITES = 6;

export interface TileStoreOptions {
  root: string;
  pyramidId: number;
  bins: number;
  columnMs: number;
  repo: TilesRepo;
  logger: Logger;
}

/** A tile's content as stored (a snapshot: later changes to the open tile do not affect it). */
export interface StoredTile {
  valid: Uint8Array;
  data: Uint8Array;
}

export class TileStore implements TileSink {
  readonly #o: TileStoreOptions;
  /** Saved tiles whose file is not written yet, by "level/index". */
  readonly #pending = new Map<string, StoredTile>();
  /** Keys waiting to be written (their latest snapshot is in #pending), in save order. */
  readonly #waiting = new Set<string>();
  /** Keys being written now. */
  readonly #writing = new Set<string>();
  #idle: Array<() => void> = [];
  readonly #dirs = new Set<number>();

  constructor(opts: TileStoreOptions) {
    this.#o = opts;
  }

  path(level: number, index: number): string {
    return tilePath(this.#o.root, this.#o.pyramidId, level, index);
  }

  load(level: number, index: number): Tile | undefined {
    const pending = this.#pending.get(`${level}/${index}`);
    if (pending) return { level, index, valid: pending.valid.slice(), data: pending.data.slice(), dirty: false };
    if (!this.#o.repo.tilesInRange(this.#o.pyramidId, level, index, index).length) return undefined;
    try {
      return { level, index, ...this.#decode(inflateRawSync(readFileSync(this.path(level, index)))), dirty: false };
    } catch (err) {
      this.#o.logger.warn('a spectrogram tile could not be read; it is rebuilt from new data', { level, index, error: String(err) });
      return undefined;
    }
  }

  save(tile: Tile): void {
    tile.dirty = false;
    const key = `${tile.level}/${tile.index}`;
    this.#pending.set(key, { valid: tile.valid.slice(), data: tile.data.slice() });
    this.#waiting.add(key);
    this.#pump();
  }

  /** Starts writes up to the limit; a key already being written waits for that write first. */
  #pump(): void {
    for (const key of this.#waiting) {
      if (this.#writing.size >= CONCURRENT_WRITES) break;
      if (this.#writing.has(key)) continue;
      this.#waiting.delete(key);
      this.#writing.add(key);
      const snapshot = this.#pending.get(key)!;
      const [level, index] = key.split('/').map(Number) as [number, number];
      this.#write(level, index, snapshot)
        .catch((err: unknown) => this.#o.logger.warn('a spectrogram tile was not saved', { key, error: String(err) }))
        .finally(() => {
          this.#writing.delete(key);
          if (this.#pending.get(key) === snapshot) this.#pending.delete(key);
          this.#pump();
          if (this.#writing.size === 0 && this.#waiting.size === 0) for (const wake of this.#idle.splice(0)) wake();
        });
    }
  }

  /** True while a saved tile waits for its file to be written (it is not in the index yet). */
  isPending(level: number, index: number): boolean {
    return this.#pending.has(`${level}/${index}`);
  }

  /** A saved tile's content (memory first, then disk), or undefined when it was never saved. */
  async read(level: number, index: number): Promise<StoredTile | undefined> {
    const pending = this.#pending.get(`${level}/${index}`);
    if (pending) return pending;
    try {
      return this.#decode(await inflate(await readFile(this.path(level, index))));
    } catch {
      return undefined;
    }
  }

  /** Resolves when every save so far is on disk. */
  idle(): Promise<void> {
    if (this.#writing.size === 0 && this.#waiting.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  /** Saves not yet on disk (the bench waits when this grows: live stations never get near). */
  get backlog(): number {
    return this.#writing.size + this.#waiting.size;
  }

  async #write(level: number, index: number, t: StoredTile): Promise<void> {
    const packed = await deflate(Buffer.concat([t.valid, t.data]), { level: 1 });
    const path = this.path(level, index);
    if (!this.#dirs.has(level)) {
      await mkdir(join(this.#o.root, String(this.#o.pyramidId), `L${level}`), { recursive: true });
      this.#dirs.add(level);
    }
    // Write-then-rename: a crash never leaves a half-written tile under the real name.
    await writeFile(`${path}.tmp`, packed);
    await rename(`${path}.tmp`, path);
    const startTime = tileStartTime(index, this.#o.columnMs, level);
    this.#o.repo.upsertTile(this.#o.pyramidId, {
      level, index, startTime, endTime: startTime + tileSpanMs(this.#o.columnMs, level), columns: validColumns(t.valid), bytes: packed.length,
    });
  }

  #decode(raw: Buffer): StoredTile {
    const expected = VALID_BYTES + TILE_COLUMNS * this.#o.bins;
    if (raw.length !== expected) throw new Error(`tile holds ${raw.length} bytes, expected ${expected}`);
    return { valid: new Uint8Array(raw.subarray(0, VALID_BYTES)), data: new Uint8Array(raw.subarray(VALID_BYTES)) };
  }
}

/** Where a tile's file lives: `<root>/<pyramid id>/L<level>/<index>.tile`. */
export function tilePath(root: string, pyramidId: number, level: number, index: number): string {
  return join(root, String(pyramidId), `L${level}`, `${index}.tile`);
}

/** Creates the pyramid's folder (synchronously, once, when the pyramid is opened). */
export function ensurePyramidDir(root: string, pyramidId: number): void {
  mkdirSync(join(root, String(pyramidId)), { recursive: true });
}
