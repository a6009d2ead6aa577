/**
 * Streaming SHA-256 for downloads, either on the calling thread or on a hash thread of its own
 * (hash.worker.ts), which overlaps hashing with the decryption of the next chunks.
 *
 * Downloads read their chunks into buffers the hash hands out (`buffer`). The hash thread's are
 * slots of shared memory, known to that thread once: a chunk then crosses as a slot number, and
 * its slot is reused once hashed. Fresh 256 KiB buffers per chunk cost page faults, an unmapping
 * and garbage-collection pressure for every chunk (measured: docs/stations.md, "Transfer speed").
 */
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/errors.ts';
import { entryPath } from '../app/entry-path.ts';

/** An incremental SHA-256: `update` in file order, then `digest` once. */
export interface StreamingHash {
  /** A buffer of `size` bytes to read the next chunk into; it goes back through `update` or `release`. */
  buffer(size: number): Buffer;
  /** Hashes `buf`; the buffer must not be used afterwards (it may be moved to another thread, or reused). */
  update(buf: Buffer): void;
  /** Gives back a buffer from `buffer` that will not be hashed (its read failed or was abandoned). */
  release(buf: Buffer): void;
  /** Resolves once the hash has caught up enough to take more (bounds the memory of chunks waiting for it). */
  ready(): Promise<void>;
  digest(): Promise<string>;
}

export type ToHashWorker =
  | { readonly type: 'update'; readonly id: number; readonly data: Uint8Array }
  | { readonly type: 'slot'; readonly slot: number; readonly memory: SharedArrayBuffer }
  | { readonly type: 'update-slot'; readonly id: number; readonly slot: number; readonly offset: number; readonly length: number }
  | { readonly type: 'digest'; readonly id: number };
export type FromHashWorker =
  | { readonly type: 'hashed'; readonly id: number; readonly bytes: number; readonly slot?: number }
  | { readonly type: 'digest'; readonly id: number; readonly hex: string };

/** Bytes handed to the hash thread and not hashed yet, per download, before the download waits for it. */
const MAX_BACKLOG_BYTES = 16 * 1024 * 1024;
/** Size of a shared slot: the largest SFTP read (transfer.ts); larger buffers are plain ones. */
const SLOT_BYTES = 256 * 1024;

/** SHA-256 on the calling thread. */
export function localSha256(): StreamingHash {
  const h = createHash('sha256');
  return {
    buffer: (size) => Buffer.allocUnsafe(size),
    update: (buf) => void h.update(buf),
    release: () => undefined,
    ready: () => Promise.resolve(), digest: () => Promise.resolve(h.digest('hex')),
  };
}

/** A buffer that owns its whole memory can be moved to the hash thread; a slice of shared memory is copied. */
function movable(buf: Buffer): ArrayBuffer[] {
  return buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength && buf.buffer instanceof ArrayBuffer ? [buf.buffer] : [];
}

/** One hash thread serving any number of concurrent hashes (one per download). */
export class HashThread {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, { resolve: (hex: string) => void; reject: (e: AppError) => void }>();
  /** Per hash: bytes sent and not hashed yet, and who waits for the backlog to shrink. */
  readonly #backlog = new Map<number, { bytes: number; wake?: () => void }>();
  #nextId = 1;
  #failure: AppError | undefined;
  /** Shared slots (each known to the hash thread), which of them are free, and each one's number by its memory. */
  readonly #slots: Buffer[] = [];
  readonly #freeSlots: number[] = [];
  readonly #slotOf = new Map<ArrayBufferLike, number>();

  constructor() {
    this.#worker = new Worker(entryPath(import.meta.url, './hash.worker.ts', 'hash.worker'));
    this.#worker.unref();
    this.#worker.on('message', (msg: FromHashWorker) => {
      if (msg.type === 'hashed') return this.#onHashed(msg.id, msg.bytes, msg.slot);
      this.#waiting.get(msg.id)?.resolve(msg.hex);
      this.#waiting.delete(msg.id);
      this.#backlog.delete(msg.id);
    });
    const fail = (why: string) => {
      this.#failure = new AppError('WORKER_CRASHED', `the hash thread ${why}`);
      for (const w of this.#waiting.values()) w.reject(this.#failure);
      this.#waiting.clear();
      for (const b of this.#backlog.values()) b.wake?.();
    };
    this.#worker.on('error', (err) => fail(`crashed: ${err.message}`));
    this.#worker.on('exit', (code) => fail(`exited (code ${code})`));
  }

  create(): StreamingHash {
    const id = this.#nextId++;
    const backlog: { bytes: number; wake?: () => void } = { bytes: 0 };
    this.#backlog.set(id, backlog);
    return {
      buffer: (size) => this.#buffer(size),
      update: (buf) => {
        const slot = this.#slotOf.get(buf.buffer);
        // A slot holds its whole size however little of it a chunk uses: the backlog bounds memory.
        backlog.bytes += slot === undefined ? buf.length : SLOT_BYTES;
        if (slot === undefined) this.#worker.postMessage({ type: 'update', id, data: buf } satisfies ToHashWorker, movable(buf));
        else this.#worker.postMessage({ type: 'update-slot', id, slot, offset: buf.byteOffset, length: buf.length } satisfies ToHashWorker);
      },
      release: (buf) => {
        const slot = this.#slotOf.get(buf.buffer);
        if (slot !== undefined) this.#freeSlots.push(slot);
      },
      ready: () => (backlog.bytes < MAX_BACKLOG_BYTES || this.#failure
        ? Promise.resolve()
        : new Promise<void>((resolve) => (backlog.wake = resolve))),
      digest: () => {
        if (this.#failure) return Promise.reject(this.#failure);
        return new Promise<string>((resolve, reject) => {
          this.#waiting.set(id, { resolve, reject });
          this.#worker.postMessage({ type: 'digest', id } satisfies ToHashWorker);
        });
      },
    };
  }

  /** A free shared slot (a new one when all are in use: their number is bounded by the backlog and the read window). */
  #buffer(size: number): Buffer {
    if (size > SLOT_BYTES) return Buffer.allocUnsafe(size);
    let slot = this.#freeSlots.pop();
    if (slot === undefined) {
      const memory = new SharedArrayBuffer(SLOT_BYTES);
      slot = this.#slots.push(Buffer.from(memory)) - 1;
      this.#slotOf.set(memory, slot);
      this.#worker.postMessage({ type: 'slot', slot, memory } satisfies ToHashWorker);
    }
    return this.#slots[slot]!.subarray(0, size);
  }

  #onHashed(id: number, bytes: number, slot: number | undefined): void {
    if (slot !== undefined) this.#freeSlots.push(slot);
    const b = this.#backlog.get(id);
    if (!b) return;
    b.bytes -= slot === undefined ? bytes : SLOT_BYTES;
    if (b.bytes < MAX_BACKLOG_BYTES / 2 && b.wake) {
      b.wake();
      b.wake = undefined;
    }
  }

  /** Shared slots made so far (bounded by the backlog and the read window, as slots are reused). */
  get sharedSlots(): number {
    return this.#slots.length;
  }

  close(): Promise<number> {
    return this.#worker.terminate();
  }
}
