/**
 * The main thread's handle on a station's SFTP worker thread (sftp.worker.ts): the same
 * `RemoteSession` as an in-thread `SftpSession`, but decryption, the read pipeline, staging
 * writes and hashing cost the main thread nothing but a message per chunk.
 *
 * A crashed worker, or one that stops answering (no answer, or no download progress, within the
 * operation timeout plus a grace), ends the session like a dropped link: every pending call fails
 * with `WORKER_CRASHED` and the reason, and the station's ingest loop reconnects with backoff
 * into a fresh worker. Staging files are clean prefixes, so a transfer resumes from its last byte.
 */
import { Worker } from 'node:worker_threads';
import { AppError, ERROR_CODES, type ErrorCode } from '../../shared/errors.ts';
import { entryPath } from '../app/entry-path.ts';
import type { HostKeyDecision } from './host-key.ts';
import type { RemoteDownload, RemoteSession } from './remote-session.ts';
import { DEFAULT_TIMEOUTS, type RemoteEntry, type SessionOptions } from './sftp-session.ts';
import type { FromSftpWorker, SftpCall, SftpCallResults, SftpWorkerData, ToSftpWorker, WireError } from './sftp-worker-protocol.ts';
import { RemoteFileChanged, type DownloadResult } from './transfer.ts';

/** Beyond the worker's own operation timeout: how long before a silent worker counts as hung. */
const HUNG_GRACE_MS = 5_000;
const YOUNG_GENERATION_MB = 64;

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (err: AppError) => void;
  readonly onBytes?: (n: number) => void;
  timer: NodeJS.Timeout;
}

function fromWire(e: WireError): AppError {
  if (e.remoteChanged) return new RemoteFileChanged(e.message);
  const code = (ERROR_CODES as readonly string[]).includes(e.code) ? (e.code as ErrorCode) : 'CONNECTION_FAILED';
  return new AppError(code, e.message);
}

export class WorkerSftpSession implements RemoteSession {
  readonly #worker: Worker;
  readonly #checkHostKey: SessionOptions['checkHostKey'];
  readonly #pending = new Map<number, Pending>();
  readonly #closeListeners = new Set<() => void>();
  readonly #hungAfterMs: number;
  #nextId = 1;
  #closed = false;
  #closeReason: AppError | undefined;
  #opened: { resolve: () => void; reject: (e: AppError) => void } | undefined;
  cipher = 'unknown';

  private constructor(opts: SessionOptions) {
    const timeouts = opts.timeouts ?? DEFAULT_TIMEOUTS;
    this.#hungAfterMs = timeouts.operationMs + HUNG_GRACE_MS;
    this.#checkHostKey = opts.checkHostKey;
    const data: SftpWorkerData = {
      host: opts.host, port: opts.port, user: opts.user, auth: opts.auth, timeouts, bandwidthLimitBps: opts.bandwidthLimitBps,
    };
    this.#worker = new Worker(entryPath(import.meta.url, './sftp.worker.ts', 'sftp.worker'), {
      workerData: data,
      // Every chunk in flight is a large external buffer: a roomier young generation scavenges far less often.
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    this.#worker.on('message', (msg: FromSftpWorker) => this.#onMessage(msg));
    this.#worker.on('error', (err) => this.#fail(`the SFTP worker crashed: ${err.message}`));
    this.#worker.on('exit', (code) => this.#fail(`the SFTP worker exited (code ${code})`));
  }

  /** Starts a worker that connects, checks the host key (here, on the main thread) and authenticates. */
  static async open(opts: SessionOptions): Promise<WorkerSftpSession> {
    const session = new WorkerSftpSession(opts);
    const connectMs = (opts.timeouts ?? DEFAULT_TIMEOUTS).connectMs + HUNG_GRACE_MS;
    const guard = setTimeout(() => session.#fail(`the SFTP worker did not connect within ${connectMs / 1000} s`), connectMs);
    try {
      await new Promise<void>((resolve, reject) => (session.#opened = { resolve, reject }));
      return session;
    } finally {
      clearTimeout(guard);
    }
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Why the session ended when it was not ended on purpose (a worker crash or hang, a dropped link). */
  get closeReason(): AppError | undefined {
    return this.#closeReason;
  }

  onClose(listener: () => void): () => void {
    this.#closeListeners.add(listener);
    return () => this.#closeListeners.delete(listener);
  }

  readdir(path: string): Promise<RemoteEntry[]> {
    return this.#call({ op: 'readdir', path });
  }

  stat(path: string): Promise<RemoteEntry> {
    return this.#call({ op: 'stat', path });
  }

  realpath(path: string): Promise<string> {
    return this.#call({ op: 'realpath', path });
  }

  async readHead(path: string, size: number): Promise<Buffer> {
    const bytes = await this.#call({ op: 'readHead', path, size });
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  download(req: RemoteDownload): Promise<DownloadResult> {
    const { remotePath, stagingPath, expected, signal, onBytes } = req;
    return this.#call({ op: 'download', remotePath, stagingPath, expected }, { signal, onBytes });
  }

  /** Fault injection for tests: makes the worker crash as an uncaught error would. */
  crashForTest(reason: string): void {
    this.#post({ type: 'crash', reason });
  }

  /** Fault injection for tests: makes the worker's thread block for good (it stops answering). */
  hangForTest(): void {
    this.#post({ type: 'hang' });
  }

  async end(): Promise<void> {
    if (!this.#closed) {
      this.#post({ type: 'end' });
      this.#markClosed(new AppError('CONNECTION_FAILED', 'the connection was closed'), false);
    }
    // The worker ends its connection politely, but is never waited on for long.
    const timer = setTimeout(() => void this.#worker.terminate(), 1000);
    await new Promise<void>((resolve) => (this.#worker.threadId === -1 ? resolve() : this.#worker.once('exit', () => resolve())));
    clearTimeout(timer);
  }

  #call<K extends SftpCall['op']>(call: Extract<SftpCall, { op: K }>, opts: { signal?: AbortSignal; onBytes?: (n: number) => void } = {}): Promise<SftpCallResults[K]> {
    if (this.#closed) return Promise.reject(this.#closeReason ?? new AppError('CONNECTION_FAILED', 'the connection is closed'));
    const id = this.#nextId++;
    return new Promise<SftpCallResults[K]>((resolve, reject) => {
      const pending: Pending = { resolve: resolve as (v: unknown) => void, reject, onBytes: opts.onBytes, timer: this.#hangTimer(call.op) };
      this.#pending.set(id, pending);
      opts.signal?.addEventListener('abort', () => this.#post({ type: 'abort', id }), { once: true });
      this.#post({ type: 'call', id, call });
    });
  }

  #hangTimer(op: string): NodeJS.Timeout {
    return setTimeout(() => this.#fail(`the SFTP worker gave no answer to ${op} within ${this.#hungAfterMs / 1000} s (hung); it is restarted`), this.#hungAfterMs);
  }

  #onMessage(msg: FromSftpWorker): void {
    switch (msg.type) {
      case 'host-key': return void this.#decideHostKey(msg.fingerprint, msg.keyType);
      case 'open': {
        this.cipher = msg.cipher;
        const opened = this.#opened;
        this.#opened = undefined;
        return opened?.resolve();
      }
      case 'open-failed': {
        this.#markClosed(fromWire(msg.error), true);
        return void this.#worker.terminate();
      }
      case 'bytes': return this.#onBytes(msg.id, msg.n);
      case 'result': return this.#settle(msg.id, (p) => p.resolve(msg.value));
      case 'failure': return this.#settle(msg.id, (p) => p.reject(fromWire(msg.error)));
      case 'closed': return this.#markClosed(new AppError('CONNECTION_FAILED', 'the connection dropped'), true);
    }
  }

  async #decideHostKey(fingerprint: string, keyType: string): Promise<void> {
    let decision: HostKeyDecision;
    try {
      decision = await this.#checkHostKey(fingerprint, keyType);
    } catch (err) {
      decision = { accept: false, code: 'HOST_KEY_UNKNOWN', message: `host key check failed: ${(err as Error).message}` };
    }
    this.#post({ type: 'host-key-decision', decision });
  }

  /** Download progress also proves the worker alive: its hang timer starts again. */
  #onBytes(id: number, n: number): void {
    const p = this.#pending.get(id);
    if (!p) return;
    clearTimeout(p.timer);
    p.timer = this.#hangTimer('download');
    p.onBytes?.(n);
  }

  #settle(id: number, how: (p: Pending) => void): void {
    const p = this.#pending.get(id);
    if (!p) return;
    clearTimeout(p.timer);
    this.#pending.delete(id);
    how(p);
  }

  /** The worker crashed, exited or hung: it is torn down and everything pending fails with the reason. */
  #fail(reason: string): void {
    this.#markClosed(new AppError('WORKER_CRASHED', reason), true);
    void this.#worker.terminate();
  }

  #markClosed(reason: AppError, unexpected: boolean): void {
    if (unexpected && !this.#closed) this.#closeReason = reason;
    const opened = this.#opened;
    this.#opened = undefined;
    opened?.reject(reason);
    for (const [id, p] of this.#pending) this.#settle(id, () => p.reject(reason));
    if (this.#closed) return;
    this.#closed = true;
    for (const l of this.#closeListeners) l();
    this.#closeListeners.clear();
  }

  #post(msg: ToSftpWorker): void {
    try {
      this.#worker.postMessage(msg);
    } catch {
      // the worker is gone; its exit handler fails what is pending
    }
  }
}
