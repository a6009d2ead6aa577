/**
 * One SSH connection with its SFTP channel to a station (ssh2-sftp-client over ssh2).
 *
 * - the host key is checked by the caller's policy before any authentication happens;
 * - every operation has a timeout, and SSH keepalives detect a peer that went silent;
 *   a timed-out operation destroys the connection (a hung link is not reused);
 * - failures become AppErrors with stable codes (AUTH_FAILED, HOST_KEY_CHANGED, …).
 */
import SftpClient from 'ssh2-sftp-client';
import type { FileEntry, SFTPWrapper, Stats } from 'ssh2';
import { AppError, type ErrorCode } from '../../shared/errors.ts';
import { keyTypeOf, sha256Fingerprint, type HostKeyDecision } from './host-key.ts';
import type { ResolvedAuth } from './secret-source.ts';
import type { HashThread } from './hash-thread.ts';
import { RateLimiter } from './rate-limiter.ts';
import type { RemoteDownload, RemoteSession } from './remote-session.ts';
import { receiveReadDataInPlace } from './sftp-data-in-place.ts';
import { readRemoteBytes } from './sidecar-download.ts';
import { connectWithReusedReadBuffer, reuseDecipherKeys, type Ssh2Internals } from './ssh2-tuning.ts';
import { downloadToStaging, type DownloadResult } from './transfer.ts';

export interface SessionTimeouts {
  readonly connectMs: number;
  readonly operationMs: number;
  readonly keepaliveMs: number;
  readonly keepaliveCountMax: number;
}

export const DEFAULT_TIMEOUTS: SessionTimeouts = { connectMs: 20_000, operationMs: 30_000, keepaliveMs: 10_000, keepaliveCountMax: 3 };

/**
 * Ciphers in our order of preference. AES-GCM first: without ssh2's native binding it runs on
 * Node's OpenSSL (AES-NI) and measured fastest here; chacha20 needs the binding to be quick.
 */
export const CIPHER_PREFERENCE = [
  'aes128-gcm@openssh.com', 'aes256-gcm@openssh.com', 'aes128-ctr', 'aes256-ctr', 'chacha20-poly1305@openssh.com',
] as const;

export interface SessionOptions {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly auth: ResolvedAuth;
  /** Decides on the presented key (fingerprint, key type); a refusal aborts before authentication. */
  readonly checkHostKey: (fingerprint: string, keyType: string) => HostKeyDecision | Promise<HostKeyDecision>;
  readonly timeouts?: SessionTimeouts;
  /** Bytes per second for all downloads of this connection together (0 or absent = unlimited). */
  readonly bandwidthLimitBps?: number;
  /** Hashes downloads on a thread of their own (the SFTP worker uses one), else on this thread. */
  readonly hashThread?: HashThread;
}

export type RemoteEntryType = 'file' | 'dir' | 'link' | 'other';

export interface RemoteEntry {
  readonly name: string;
  readonly type: RemoteEntryType;
  readonly size: number;
  /** Modification time, epoch ms (SFTP v3 carries whole seconds). */
  readonly mtime: number;
}

type SftpError = Error & { code?: number | string; level?: string };

const typeOf = (a: Stats): RemoteEntryType =>
  a.isSymbolicLink() ? 'link' : a.isDirectory() ? 'dir' : a.isFile() ? 'file' : 'other';

/** Maps an SFTP status or transport error to an AppError (message keeps the remote path, never secrets). */
export function toSftpError(err: unknown, what: string): AppError {
  if (err instanceof AppError) return err;
  const e = err as SftpError;
  const code: ErrorCode =
    e.code === 2 || e.code === 'ENOENT' ? 'NOT_FOUND'
      : e.code === 3 || e.code === 'EACCES' ? 'PERMISSION_DENIED'
        : e.level === 'client-authentication' ? 'AUTH_FAILED'
          : e.level === 'client-timeout' ? 'TIMEOUT'
            : 'CONNECTION_FAILED';
  return new AppError(code, `${what}: ${e.message ?? String(err)}`, { cause: err });
}

export class SftpSession implements RemoteSession {
  readonly #client: SftpClient;
  readonly #limiter: RateLimiter;
  readonly #hashThread: HashThread | undefined;
  readonly #sftp: SFTPWrapper;
  readonly #timeouts: SessionTimeouts;
  #closed = false;
  readonly #closeListeners = new Set<() => void>();
  /** The cipher negotiated for server → client data (what downloads cost). */
  readonly cipher: string;

  private constructor(client: SftpClient, sftp: SFTPWrapper, cipher: string, opts: SessionOptions) {
    this.#client = client;
    this.#limiter = new RateLimiter(opts.bandwidthLimitBps ?? 0);
    this.#hashThread = opts.hashThread;
    this.#sftp = sftp;
    this.#timeouts = opts.timeouts ?? DEFAULT_TIMEOUTS;
    this.cipher = cipher;
  }

  /** Connects, checks the host key, authenticates and opens the SFTP channel. */
  static async open(opts: SessionOptions): Promise<SftpSession> {
    const timeouts = opts.timeouts ?? DEFAULT_TIMEOUTS;
    let refusal: AppError | undefined;
    let session: SftpSession | undefined;
    const drop = () => {
      if (session) session.#markClosed();
    };
    // The library prints these events to the console by default; we report through our own channels instead.
    const client = new SftpClient(`aiw-${opts.host}`, { error: drop, end: drop, close: drop });
    // The callback form lets the decision be asynchronous (asked of the main thread from a worker).
    const hostVerifier = (key: Buffer, verify: (ok: boolean) => void): void => {
      Promise.resolve(opts.checkHostKey(sha256Fingerprint(key), keyTypeOf(key))).then((decision) => {
        if (!decision.accept) refusal = new AppError(decision.code, decision.message);
        verify(decision.accept);
      }, (err: unknown) => {
        refusal = toSftpError(err, 'host key check');
        verify(false);
      });
    };
    let cipher = 'unknown';
    client.on('handshake', (negotiated: { sc?: { cipher?: string } }) => {
      cipher = negotiated.sc?.cipher ?? cipher;
    });
    // SFTP is request/response with small packets: without TCP_NODELAY, Nagle and delayed ACKs
    // add ~40 ms to every listing and stat round trip (measured: 10 000-file poll 14.6 s → see bench).
    client.on('connect', () => (client as unknown as { client: { setNoDelay(v: boolean): void } }).client.setNoDelay(true));
    const internals = () => (client as unknown as { client?: Ssh2Internals }).client;
    try {
      const sftp = await client.connect({
        sock: connectWithReusedReadBuffer(opts.host, opts.port, internals),
        host: opts.host, port: opts.port, username: opts.user, ...opts.auth, hostVerifier,
        readyTimeout: timeouts.connectMs, keepaliveInterval: timeouts.keepaliveMs, keepaliveCountMax: timeouts.keepaliveCountMax,
        algorithms: { cipher: [...CIPHER_PREFERENCE] }, tryKeyboard: false, retries: 0,
      } as SftpClient.ConnectOptions);
      session = new SftpSession(client, sftp, cipher, opts);
      reuseDecipherKeys(internals());
      // Installed while no reply is pending (the channel just opened), so at a packet boundary.
      receiveReadDataInPlace(sftp);
      return session;
    } catch (err) {
      destroy(client);
      throw refusal ?? toConnectError(err, opts);
    }
  }

  /** Largest read the server answers in one reply (OpenSSH announces it; 32 KiB-ish otherwise). */
  get maxReadLength(): number {
    return (this.#sftp as unknown as { _maxReadLen?: number })._maxReadLen ?? 32_768;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Called once when the connection drops or is closed. */
  onClose(listener: () => void): () => void {
    this.#closeListeners.add(listener);
    return () => this.#closeListeners.delete(listener);
  }

  readdir(path: string): Promise<RemoteEntry[]> {
    return this.#op<FileEntry[]>(`list ${path}`, (cb) => this.#sftp.readdir(path, cb)).then((list) =>
      list.map((e) => ({ name: e.filename, type: typeOf(e.attrs as Stats), size: e.attrs.size, mtime: e.attrs.mtime * 1000 })),
    );
  }

  stat(path: string): Promise<RemoteEntry> {
    return this.#op<Stats>(`stat ${path}`, (cb) => this.#sftp.stat(path, cb)).then((a) => ({
      name: path.split('/').pop() ?? path, type: typeOf(a), size: a.size, mtime: a.mtime * 1000,
    }));
  }

  realpath(path: string): Promise<string> {
    return this.#op<string>(`resolve ${path}`, (cb) => this.#sftp.realpath(path, cb));
  }

  openRead(path: string): Promise<Buffer> {
    return this.#op<Buffer>(`open ${path}`, (cb) => this.#sftp.open(path, 'r', cb));
  }

  /** Reads up to `length` bytes at `position`; 0 at end of file. */
  read(handle: Buffer, buffer: Buffer, length: number, position: number, what: string): Promise<number> {
    return this.#op(what, (cb: (err: Error | undefined, n: number) => void) =>
      this.#sftp.read(handle, buffer, 0, length, position, (err, n) => cb(err && (err as SftpError).code === 1 ? undefined : err, err ? 0 : n)),
    );
  }

  /** The first `size` bytes of a small remote file (checksum and header sidecars). */
  readHead(path: string, size: number): Promise<Buffer> {
    return readRemoteBytes(this, path, size);
  }

  /** Downloads into a staging file, resuming it (src/main/ingest/transfer.ts), within the connection's bandwidth limit. */
  download(req: RemoteDownload): Promise<DownloadResult> {
    return downloadToStaging({ ...req, session: this, limiter: this.#limiter, hash: this.#hashThread?.create() });
  }

  closeHandle(handle: Buffer): Promise<void> {
    return this.#op('close handle', (cb: (err: Error | undefined) => void) => this.#sftp.close(handle, (err) => cb(err ?? undefined)));
  }

  /** Ends the connection politely, or tears it down when it does not answer within a second. */
  async end(): Promise<void> {
    if (this.#closed) return destroy(this.#client);
    this.#markClosed();
    await Promise.race([this.#client.end().catch(() => undefined), new Promise((r) => setTimeout(r, 1000))]);
    destroy(this.#client);
  }

  /** Runs one SFTP request with a timeout; on timeout the connection is destroyed (it cannot be trusted any more). */
  #op<T>(what: string, start: (cb: (err: Error | undefined | null, value: T) => void) => void): Promise<T> {
    if (this.#closed) return Promise.reject(new AppError('CONNECTION_FAILED', `${what}: the connection is closed`));
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new AppError('TIMEOUT', `${what}: no answer within ${this.#timeouts.operationMs / 1000} s`));
        this.#markClosed();
        destroy(this.#client);
      }, this.#timeouts.operationMs);
      try {
        start((err, value) => {
          clearTimeout(timer);
          if (err) reject(toSftpError(err, what));
          else resolve(value);
        });
      } catch (err) {
        clearTimeout(timer);
        reject(toSftpError(err, what));
      }
    });
  }

  #markClosed(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const l of this.#closeListeners) l();
    this.#closeListeners.clear();
  }
}

function toConnectError(err: unknown, opts: SessionOptions): AppError {
  const e = err as SftpError;
  const where = `${opts.user}@${opts.host}:${opts.port}`;
  if (/authentication methods failed|All configured authentication/i.test(e.message ?? '') || e.level === 'client-authentication') {
    return new AppError('AUTH_FAILED', `${where}: authentication failed (wrong key, password or user)`, { cause: err });
  }
  if (/privateKey|passphrase/i.test(e.message ?? '')) {
    return new AppError('AUTH_FAILED', `${where}: the private key cannot be used (${e.message})`, { cause: err });
  }
  if (e.level === 'client-timeout' || /timed out/i.test(e.message ?? '')) {
    return new AppError('TIMEOUT', `${where}: no SSH handshake within ${(opts.timeouts ?? DEFAULT_TIMEOUTS).connectMs / 1000} s`, { cause: err });
  }
  return new AppError('CONNECTION_FAILED', `${where}: ${e.message ?? String(err)}`, { cause: err });
}

function destroy(client: SftpClient): void {
  try {
    (client as unknown as { client: { destroy(): void } }).client.destroy();
  } catch {
    // already gone
  }
}
