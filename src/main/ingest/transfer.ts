/**
 * Downloads one remote file into a staging file, resuming from the staging file's length.
 *
 * Reads are pipelined (many requests in flight, like OpenSSH's sftp and ssh2's fastGet), but
 * data is appended strictly in order, so after any crash or dropped link the staging file is
 * a clean prefix of the remote file and the next attempt continues from its last byte.
 * The SHA-256 covers the whole file (a resumed prefix is re-hashed from disk); it may run on a
 * hash thread of its own (hash-thread.ts), overlapping with the reads.
 */
import { createReadStream } from 'node:fs';
import { mkdir, open, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../../shared/errors.ts';
import { localSha256, type StreamingHash } from './hash-thread.ts';
import type { RateLimiter } from './rate-limiter.ts';
import type { SftpSession } from './sftp-session.ts';

export interface DownloadRequest {
  readonly session: SftpSession;
  readonly remotePath: string;
  readonly stagingPath: string;
  /** Size and mtime from the listing that made the file ready; a change aborts the download. */
  readonly expected: { readonly size: number; readonly mtime: number };
  readonly limiter?: RateLimiter;
  readonly signal?: AbortSignal;
  readonly onBytes?: (n: number) => void;
  readonly chunkBytes?: number;
  readonly window?: number;
  /** Where the SHA-256 is computed (default: on this thread). */
  readonly hash?: StreamingHash;
}

export interface DownloadResult {
  readonly bytes: number;
  readonly sha256: string;
  readonly resumedFrom: number;
}

/** The remote file changed (grew, shrank or was rewritten) while we downloaded it. */
export class RemoteFileChanged extends AppError {
  constructor(message: string) {
    super('VERIFY_FAILED', message);
  }
}

/** Requests as large as the server allows (up to 256 KiB): fewer, larger requests cost less CPU per byte. */
const MAX_CHUNK = 256 * 1024;
/** Requests in flight: 12 × 256 KiB = 3 MiB, enough to fill a 100 Mbit/s link with 250 ms round trips. */
const DEFAULT_WINDOW = 12;

/**
 * Written bytes go to disk in the background every this many bytes, so the fsync before the file
 * counts as downloaded only has the tail left (measured: ~110 ms per 200 MB when it had it all).
 */
const BACKGROUND_SYNC_BYTES = 32 * 1024 * 1024;

/** At most this many chunks per write (16 × 256 KiB = 4 MiB). */
const MAX_WRITE_CHUNKS = 16;

/** Request size: the server's limit, and small enough that a bandwidth limit is met smoothly. */
function chunkSize(req: DownloadRequest): number {
  if (req.chunkBytes) return req.chunkBytes;
  const limit = req.limiter && !req.limiter.unlimited ? Math.max(4096, Math.floor(req.limiter.bytesPerSecond / 4)) : MAX_CHUNK;
  return Math.max(1, Math.min(MAX_CHUNK, req.session.maxReadLength, limit));
}

export async function downloadToStaging(req: DownloadRequest): Promise<DownloadResult> {
  await mkdir(dirname(req.stagingPath), { recursive: true });
  const hash = req.hash ?? localSha256();
  const resumedFrom = await resumePoint(req.stagingPath, req.expected.size, hash);
  const fh = await open(req.stagingPath, resumedFrom === 0 ? 'w' : 'r+');
  try {
    await new Pipeline(req, fh, hash, resumedFrom).run();
    await fh.sync();
  } finally {
    await fh.close();
  }
  await checkUnchanged(req);
  return { bytes: req.expected.size, sha256: await hash.digest(), resumedFrom };
}

/** Length of the usable staging prefix (0 when absent or longer than the remote file), fed into the hash. */
async function resumePoint(stagingPath: string, size: number, hash: StreamingHash): Promise<number> {
  let have: number;
  try {
    have = (await stat(stagingPath)).size;
  } catch {
    return 0;
  }
  // Longer than the remote file: not a prefix of it, start over. Empty: nothing to re-hash.
  if (have > size || have === 0) return 0;
  for await (const chunk of createReadStream(stagingPath, { end: have - 1, highWaterMark: 1 << 20 })) {
    await hash.ready();
    hash.update(chunk as Buffer);
  }
  return have;
}

async function checkUnchanged(req: DownloadRequest): Promise<void> {
  const now = await req.session.stat(req.remotePath);
  if (now.size !== req.expected.size || now.mtime !== req.expected.mtime) {
    throw new RemoteFileChanged(
      `${req.remotePath} changed during the download (size ${req.expected.size} → ${now.size}); it will be taken again once stable`,
    );
  }
}

/** The read window: issues requests ahead, appends completed chunks in order. */
class Pipeline {
  readonly #req: DownloadRequest;
  readonly #fh: FileHandle;
  readonly #hash: StreamingHash;
  readonly #done = new Map<number, Buffer>();
  #nextRead: number;
  #written: number;
  #inflight = 0;
  #failure: unknown;
  #writing: Promise<void> = Promise.resolve();
  #handle: Buffer | undefined;
  #syncedUpTo: number;
  #backgroundSync: Promise<void> | undefined;
  #settle: () => void = () => undefined;
  readonly #chunk: number;

  constructor(req: DownloadRequest, fh: FileHandle, hash: StreamingHash, from: number) {
    this.#req = req;
    this.#fh = fh;
    this.#hash = hash;
    this.#nextRead = from;
    this.#written = from;
    this.#syncedUpTo = from;
    this.#chunk = chunkSize(req);
  }

  async run(): Promise<void> {
    this.#handle = await this.#req.session.openRead(this.#req.remotePath);
    try {
      await new Promise<void>((resolve, reject) => {
        this.#settle = () => {
          if (this.#inflight > 0) return;
          if (this.#failure !== undefined) reject(this.#failure);
          else if (this.#nextRead >= this.#req.expected.size) resolve();
        };
        this.#fill();
        this.#settle();
      });
    } finally {
      await this.#writing;
      await this.#backgroundSync;
      for (const buf of this.#done.values()) this.#hash.release(buf); // read but never appended (the download failed)
      await this.#req.session.closeHandle(this.#handle).catch(() => undefined);
    }
    if (this.#failure !== undefined) throw this.#failure;
    if (this.#written !== this.#req.expected.size) {
      throw new AppError('INTERNAL', `${this.#req.remotePath}: wrote ${this.#written} of ${this.#req.expected.size} bytes`);
    }
  }

  #fill(): void {
    const { window = DEFAULT_WINDOW, expected } = this.#req;
    const chunkBytes = this.#chunk;
    while (this.#failure === undefined && this.#inflight < window && this.#nextRead < expected.size) {
      const pos = this.#nextRead;
      const len = Math.min(chunkBytes, expected.size - pos);
      this.#nextRead += len;
      this.#request(pos, len);
    }
  }

  #request(pos: number, len: number): void {
    this.#inflight++;
    this.#readChunk(pos, len)
      .then((buf) => this.#complete(pos, len, buf))
      .catch((err: unknown) => {
        this.#failure ??= err;
      })
      .finally(() => {
        this.#inflight--;
        this.#fill();
        this.#settle();
      });
  }

  async #readChunk(pos: number, len: number): Promise<Buffer> {
    this.#req.signal?.throwIfAborted();
    await this.#req.limiter?.take(len, this.#req.signal);
    const buf = this.#hash.buffer(len);
    let n: number;
    try {
      n = await this.#req.session.read(this.#handle!, buf, len, pos, `read ${this.#req.remotePath}`);
    } catch (err) {
      this.#hash.release(buf);
      throw err;
    }
    if (n === 0) {
      this.#hash.release(buf);
      throw new RemoteFileChanged(`${this.#req.remotePath} ended at ${pos} bytes, before its listed size ${this.#req.expected.size}`);
    }
    return n === len ? buf : buf.subarray(0, n);
  }

  #complete(pos: number, len: number, buf: Buffer): void {
    this.#done.set(pos, buf);
    // SFTP may return fewer bytes than asked: fetch the rest of this chunk in a follow-up request.
    if (buf.length < len) this.#request(pos + buf.length, len - buf.length);
    this.#writing = this.#writing
      .then(() => this.#flush())
      .catch((err: unknown) => {
        this.#failure ??= new AppError('IO_FAILED', `cannot write ${this.#req.stagingPath}: ${(err as Error).message}`, { cause: err });
      });
  }

  /** Appends every chunk that continues the written prefix, those already here in one write. */
  async #flush(): Promise<void> {
    for (let run = this.#takeContiguous(); run.length > 0; run = this.#takeContiguous()) {
      const bytes = run.reduce((sum, b) => sum + b.length, 0);
      try {
        const { bytesWritten } = await this.#fh.writev(run, this.#written);
        if (bytesWritten !== bytes) throw new Error(`short write (${bytesWritten} of ${bytes} bytes)`);
      } catch (err) {
        for (const buf of run) this.#hash.release(buf);
        throw err;
      }
      for (const buf of run) {
        await this.#hash.ready();
        this.#hash.update(buf); // may move buf to the hash thread, or reuse it: not used after this
      }
      this.#written += bytes;
      this.#req.onBytes?.(bytes);
      this.#syncInBackground();
    }
  }

  /** The completed chunks that continue the written prefix, in order (fewer, larger writes). */
  #takeContiguous(): Buffer[] {
    const run: Buffer[] = [];
    for (let at = this.#written, buf = this.#done.get(at); buf && run.length < MAX_WRITE_CHUNKS; buf = this.#done.get(at)) {
      this.#done.delete(at);
      run.push(buf);
      at += buf.length;
    }
    return run;
  }

  /** One background `fdatasync` at a time; its failure fails the download like a failed write. */
  #syncInBackground(): void {
    if (this.#backgroundSync || this.#written - this.#syncedUpTo < BACKGROUND_SYNC_BYTES) return;
    this.#syncedUpTo = this.#written;
    this.#backgroundSync = this.#fh.datasync()
      .catch((err: unknown) => {
        this.#failure ??= new AppError('IO_FAILED', `cannot write ${this.#req.stagingPath}: ${(err as Error).message}`, { cause: err });
      })
      .finally(() => (this.#backgroundSync = undefined));
  }
}
