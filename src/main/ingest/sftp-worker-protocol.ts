/** Messages between a station's ingest (main thread) and its SFTP worker thread (sftp.worker.ts). */
import type { HostKeyDecision } from './host-key.ts';
import type { ResolvedAuth } from './secret-source.ts';
import type { RemoteEntry, SessionTimeouts } from './sftp-session.ts';
import type { DownloadResult } from './transfer.ts';

export interface SftpWorkerData {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly auth: ResolvedAuth;
  readonly timeouts?: SessionTimeouts;
  readonly bandwidthLimitBps?: number;
}

/** Requests answered with a `result` (or `failure`) of the same id. */
export type SftpCall =
  | { readonly op: 'readdir'; readonly path: string }
  | { readonly op: 'stat'; readonly path: string }
  | { readonly op: 'realpath'; readonly path: string }
  | { readonly op: 'readHead'; readonly path: string; readonly size: number }
  | { readonly op: 'download'; readonly remotePath: string; readonly stagingPath: string; readonly expected: { size: number; mtime: number } };

export interface SftpCallResults {
  readdir: RemoteEntry[];
  stat: RemoteEntry;
  realpath: string;
  readHead: Uint8Array;
  download: DownloadResult;
}

export type ToSftpWorker =
  | { readonly type: 'call'; readonly id: number; readonly call: SftpCall }
  | { readonly type: 'abort'; readonly id: number }
  | { readonly type: 'host-key-decision'; readonly decision: HostKeyDecision }
  | { readonly type: 'end' }
  /** Fault injection for tests: the worker throws an uncaught error, as a bug would. */
  | { readonly type: 'crash'; readonly reason: string }
  /** Fault injection for tests: the worker's thread blocks for good (a deadlock, a runaway loop). */
  | { readonly type: 'hang' };

/** An error crossing the thread boundary: its code, message and whether the remote file changed. */
export interface WireError {
  readonly code: string;
  readonly message: string;
  readonly remoteChanged?: boolean;
}

export type FromSftpWorker =
  | { readonly type: 'host-key'; readonly fingerprint: string; readonly keyType: string }
  | { readonly type: 'open'; readonly cipher: string }
  | { readonly type: 'open-failed'; readonly error: WireError }
  | { readonly type: 'result'; readonly id: number; readonly value: unknown }
  | { readonly type: 'failure'; readonly id: number; readonly error: WireError }
  | { readonly type: 'bytes'; readonly id: number; readonly n: number }
  | { readonly type: 'closed' };
