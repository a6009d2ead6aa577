/**
 * What the ingest needs of a connection to a station, whether the SSH connection lives on this
 * thread (`SftpSession`) or in the station's SFTP worker thread (`WorkerSftpSession`).
 */
import type { AppError } from '../../shared/errors.ts';
import type { RemoteEntry } from './sftp-session.ts';
import type { DownloadResult } from './transfer.ts';

/** One download into a staging file (resumed from the staging file's length). */
export interface RemoteDownload {
  readonly remotePath: string;
  readonly stagingPath: string;
  /** Size and mtime from the listing that made the file ready; a change aborts the download. */
  readonly expected: { readonly size: number; readonly mtime: number };
  readonly signal?: AbortSignal;
  readonly onBytes?: (n: number) => void;
}

/** A connection to a station with its SFTP channel. */
export interface RemoteSession {
  /** The cipher negotiated for server → client data. */
  readonly cipher: string;
  readonly closed: boolean;
  /** Why the session ended when nobody ended it (a dropped link, a crashed or hung worker). */
  readonly closeReason?: AppError;
  /** Called once when the connection drops or is closed. */
  onClose(listener: () => void): () => void;
  readdir(path: string): Promise<RemoteEntry[]>;
  stat(path: string): Promise<RemoteEntry>;
  realpath(path: string): Promise<string>;
  /** The first `size` bytes of a small remote file (fewer if it is shorter). */
  readHead(path: string, size: number): Promise<Buffer>;
  download(req: RemoteDownload): Promise<DownloadResult>;
  end(): Promise<void>;
}
