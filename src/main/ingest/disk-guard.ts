/**
 * Watches free space on the cache volume: below the threshold downloads stop (and say so)
 * until space is back. A full disk would otherwise corrupt staging files and the database.
 */
import { statfs } from 'node:fs/promises';

export interface DiskState {
  readonly low: boolean;
  readonly freeBytes: number;
  readonly minFreeBytes: number;
}

export class DiskGuard {
  readonly #dir: string;
  readonly #minFreeBytes: number;
  readonly #onChange: (state: DiskState) => void;
  readonly #free: (dir: string) => Promise<number>;
  #state: DiskState;

  constructor(opts: { dir: string; minFreeBytes: number; onChange: (state: DiskState) => void; freeBytes?: (dir: string) => Promise<number> }) {
    this.#dir = opts.dir;
    this.#minFreeBytes = opts.minFreeBytes;
    this.#onChange = opts.onChange;
    this.#free = opts.freeBytes ?? freeBytes;
    this.#state = { low: false, freeBytes: Number.POSITIVE_INFINITY, minFreeBytes: opts.minFreeBytes };
  }

  get low(): boolean {
    return this.#state.low;
  }

  get state(): DiskState {
    return this.#state;
  }

  /** Measures now; reports a change between enough and too little space. */
  async check(): Promise<DiskState> {
    let free: number;
    try {
      free = await this.#free(this.#dir);
    } catch {
      return this.#state; // cannot measure (exotic file system): keep the last answer
    }
    const low = free < this.#minFreeBytes;
    const changed = low !== this.#state.low;
    this.#state = { low, freeBytes: free, minFreeBytes: this.#minFreeBytes };
    if (changed) this.#onChange(this.#state);
    return this.#state;
  }
}

/** Bytes available to this (unprivileged) process on the volume holding `dir`. */
export async function freeBytes(dir: string): Promise<number> {
  const s = await statfs(dir);
  return s.bavail * s.bsize;
}
