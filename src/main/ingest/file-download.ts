/**
 * One remote file from "ready" to "in the cache and in the database", crash-safe:
 *
 *   ready → downloading (cache path fixed in the DB) → staging file, resumable → verified
 *   (size, unchanged listing, `.sha256` sidecar when present) → renamed into the cache →
 *   recording row + file state "done" in one transaction.
 *
 * A crash at any point leaves the file in "downloading": the next attempt resumes the staging
 * file, or, when the rename already happened, verifies the cached file and commits it.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppError, toAppError } from '../../shared/errors.ts';
import type { IngestRepo, RemoteFileRow } from '../storage/ingest-repo.ts';
import { readSidecarTime } from '../audio/sidecar-time.ts';
import type { FileJob } from '../pipeline/station-protocol.ts';
import { cachePathFor, remoteJoin } from './remote-path.ts';
import type { RemoteSession } from './remote-session.ts';
import { fetchHeaderSidecar, remoteFileSize } from './sidecar-download.ts';
import { RemoteFileChanged } from './transfer.ts';

export interface FileDownloadContext {
  readonly stationId: string;
  readonly remoteRoot: string;
  readonly cacheDir: string;
  readonly stagingDir: string;
  readonly repo: IngestRepo;
  readonly signal: AbortSignal;
  readonly onBytes: (n: number) => void;
  /** The station's `sidecar` rule (default 'auto'): unless 'none', a `<stem>.hdr` beside the remote file comes along. */
  readonly sidecar?: 'auto' | 'hdr' | 'none';
}

export type DownloadOutcome =
  | { readonly kind: 'done'; readonly job: FileJob; readonly resumedFrom: number }
  | { readonly kind: 'retry'; readonly error: AppError }
  | { readonly kind: 'dropped'; readonly error: AppError; readonly level: 'info' | 'warning' };

/** A checksum mismatch is retried from scratch this many times before the file is failed. */
const MAX_VERIFY_ATTEMPTS = 3;

export async function downloadOne(session: RemoteSession, row: RemoteFileRow, ctx: FileDownloadContext): Promise<DownloadOutcome> {
  const localPath = row.localPath ?? cachePathFor(ctx.cacheDir, row.id, row.path);
  const staging = join(ctx.stagingDir, `${row.id}.part`);
  ctx.repo.beginDownload(row.id, localPath); // counts the attempt and fixes the cache path before any byte moves
  try {
    const committed = await recoverRenamed(row, localPath, staging, ctx);
    if (committed) return committed;
    const remotePath = remoteJoin(ctx.remoteRoot, row.path);
    // Read, written and hashed where the connection lives (the station's SFTP worker), within its bandwidth limit.
    const res = await session.download({
      remotePath, stagingPath: staging, expected: { size: row.size, mtime: row.mtime }, signal: ctx.signal, onBytes: ctx.onBytes,
    });
    await verifySidecar(session, remotePath, res.sha256);
    await mkdir(dirname(localPath), { recursive: true });
    // Before the recording: once the recording is in the cache (even after a crash), so is its header.
    if (ctx.sidecar !== 'none') await fetchHeaderSidecar(session, remotePath, localPath);
    await rename(staging, localPath);
    return { kind: 'done', job: await commit(row, localPath, res.bytes, res.sha256, ctx), resumedFrom: res.resumedFrom };
  } catch (err) {
    return classifyFailure(toAppError(err, 'IO_FAILED'), err, row, staging, ctx);
  }
}

/** Records the cached recording; its start is its header's (when one came along and holds a time), else its name's. */
async function commit(row: RemoteFileRow, localPath: string, bytes: number, sha256: string, ctx: FileDownloadContext): Promise<FileJob> {
  // A broken header is not an error here: analysis fails the recording with the header's reason.
  const header = ctx.sidecar === 'none' ? undefined : await readSidecarTime(localPath).catch(() => undefined);
  const startTime = header?.time ?? row.startTime;
  const recordingId = ctx.repo.commitDownload({
    fileId: row.id, stationId: ctx.stationId, name: row.path, localPath, bytes, sha256, startTime,
  });
  return { recordingId, path: localPath, startTime, mtime: row.mtime };
}

/** After a crash between the rename and the commit, the cached file is complete: verify and commit it. */
async function recoverRenamed(row: RemoteFileRow, localPath: string, staging: string, ctx: FileDownloadContext): Promise<DownloadOutcome | undefined> {
  if (row.state !== 'downloading' || (await exists(staging))) return undefined;
  let size: number;
  try {
    size = (await stat(localPath)).size;
  } catch {
    return undefined;
  }
  if (size !== row.size) {
    await rm(localPath, { force: true });
    return undefined;
  }
  return { kind: 'done', job: await commit(row, localPath, size, await sha256File(localPath), ctx), resumedFrom: size };
}

/** Compares with `<file>.sha256` (sha256sum format or a bare hex digest) when the station provides one. */
async function verifySidecar(session: RemoteSession, remotePath: string, sha256: string): Promise<void> {
  const sidecar = `${remotePath}.sha256`;
  const size = await remoteFileSize(session, sidecar);
  if (size === undefined || size > 4096) return;
  const text = (await session.readHead(sidecar, size)).toString('utf8');
  const expected = /\b([0-9a-fA-F]{64})\b/.exec(text)?.[1]?.toLowerCase();
  if (!expected) return;
  if (expected !== sha256) {
    throw new AppError('VERIFY_FAILED', `${remotePath}: SHA-256 ${sha256} does not match its sidecar (${expected})`);
  }
}

async function classifyFailure(e: AppError, raw: unknown, row: RemoteFileRow, staging: string, ctx: FileDownloadContext): Promise<DownloadOutcome> {
  if (raw instanceof RemoteFileChanged) {
    await rm(staging, { force: true });
    ctx.repo.requeueChanged(row.id, e.message);
    return { kind: 'dropped', error: e, level: 'info' };
  }
  if (e.code === 'NOT_FOUND') {
    await rm(staging, { force: true });
    ctx.repo.markGone(row.id, `${row.path} was deleted on the station before it was downloaded`);
    return { kind: 'dropped', error: new AppError('NOT_FOUND', `${row.path} was deleted on the station before it was downloaded`), level: 'warning' };
  }
  if (e.code === 'PERMISSION_DENIED' || e.code === 'UNSAFE_PATH' || (e.code === 'VERIFY_FAILED' && row.attempts + 1 >= MAX_VERIFY_ATTEMPTS)) {
    await rm(staging, { force: true });
    ctx.repo.failFile(row.id, e.message);
    return { kind: 'dropped', error: e, level: 'warning' };
  }
  if (e.code === 'VERIFY_FAILED') await rm(staging, { force: true });
  ctx.repo.retryLater(row.id, e.message);
  return { kind: 'retry', error: e };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
