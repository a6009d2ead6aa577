/**
 * Streaming SHA-256 for downloads, either on the calling thread or on a hash thread of its own
 * (hash.worker.ts), which overlaps hashing with the decryption of the next chunks.
 */
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/errors.ts';
import { entryPath } from '../app/entry-path.ts';

/** An incremental SHA-256: `update` in file order, then `digest` once. */
export interface StreamingHash {
  /** Hashes `buf`; the buffer must not be used afterwards (it may be moved to another thread). */
  update(buf: Buffer): void;
  digest(): Promise<string>;
}

export type ToHashWorker =
  | { readonly type: 'update'; readonly id: number; readonly data: Uint8Array }
  | { readonly type: 'digest'; readonly id: number };
export interface FromHashWorker {
  readonly id: number;
  readonly hex: string;
}

/** SHA-256 on the calling thread. */
export function localSha256(): StreamingHash {
  const h = createHash('sha256');
  return { update: (buf) => void h.update(buf), digest: () => Promise.resolve(h.digest('hex')) };
}

/** A buffer that owns its whole memory can be moved to the hash thread; a slice of shared memory is copied. */
function movable(buf: Buffer): ArrayBuffer[] {
  return buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength && buf.buffer instanceof ArrayBuffer ? [buf.buffer] : [];
}

/** One hash thread serving any number of concurrent hashes (one per download). */
export class HashThread {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, { resolve: (hex: string) => void; reject: (e: AppError) => void }>();
  #nextId = 1;
  #failure: AppError | undefined;

  constructor() {
    this.#worker = new Worker(entryPath(import.meta.url, './hash.worker.ts', 'hash.worker'));
    this.#worker.unref();
    this.#worker.on('message', (msg: FromHashWorker) => {
      this.#waiting.get(msg.id)?.resolve(msg.hex);
      this.#waiting.delete(msg.id);
    });
    const fail = (why: string) => {
      this.#failure = new AppError('WORKER_CRASHED', `the hash thread ${why}`);
      for (const w of this.#waiting.values()) w.reject(this.#failure);
      this.#waiting.clear();
    };
    this.#worker.on('error', (err) => fail(`crashed: ${err.message}`));
    this.#worker.on('exit', (code) => fail(`exited (code ${code})`));
  }

  create(): StreamingHash {
    const id = this.#nextId++;
    return {
      update: (buf) => this.#worker.postMessage({ type: 'update', id, data: buf } satisfies ToHashWorker, movable(buf)),
      digest: () => {
        if (this.#failure) return Promise.reject(this.#failure);
        return new Promise<string>((resolve, reject) => {
          this.#waiting.set(id, { resolve, reject });
          this.#worker.postMessage({ type: 'digest', id } satisfies ToHashWorker);
        });
      },
    };
  }

  close(): Promise<number> {
    return this.#worker.terminate();
  }
}
