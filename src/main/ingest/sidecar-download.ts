/**
 * Small files that travel with a recording: `<file>.sha256` checksums (read to verify the
 * download) and `<stem>.hdr` start-time headers (MARS, docs/signal-chain.md), copied into the
 * cache beside the cached recording under the same stem, where the station worker's start-time
 * resolution (src/main/audio/start-time.ts) looks for them.
 */
import { rename, writeFile } from 'node:fs/promises';
import { posix } from 'node:path';
import type { AppError } from '../../shared/errors.ts';
import { sidecarCandidates } from '../audio/sidecar-time.ts';
import type { RemoteSession } from './remote-session.ts';
import type { SftpSession } from './sftp-session.ts';

/** The start-time parser reads no more of a header than this (src/main/audio/sidecar-time.ts). */
const MAX_HEADER_BYTES = 64 * 1024;

/** Remote `<stem>.hdr` then `<stem>.HDR` beside a remote recording (POSIX paths). */
export function remoteHeaderCandidates(remotePath: string): string[] {
  const stem = posix.basename(remotePath, posix.extname(remotePath));
  return ['.hdr', '.HDR'].map((ext) => posix.join(posix.dirname(remotePath), stem + ext));
}

/**
 * Copies the recording's `.hdr` header, when the station has one, to `<cached stem>.hdr` beside
 * `localAudioPath` (written whole, then renamed); returns whether there was one.
 */
export async function fetchHeaderSidecar(session: RemoteSession, remotePath: string, localAudioPath: string): Promise<boolean> {
  for (const candidate of remoteHeaderCandidates(remotePath)) {
    const size = await remoteFileSize(session, candidate);
    if (size === undefined) continue;
    const bytes = await session.readHead(candidate, Math.min(size, MAX_HEADER_BYTES));
    const target = sidecarCandidates(localAudioPath)[0]!;
    await writeFile(`${target}.tmp`, bytes);
    await rename(`${target}.tmp`, target);
    return true;
  }
  return false;
}

/** Size of a remote regular file, or undefined when there is none at `path`. */
export async function remoteFileSize(session: RemoteSession, path: string): Promise<number | undefined> {
  try {
    const st = await session.stat(path);
    return st.type === 'file' ? st.size : undefined;
  } catch (err) {
    if ((err as AppError).code === 'NOT_FOUND') return undefined;
    throw err;
  }
}

/** The first `size` bytes of a small remote file (fewer if it is shorter). */
export async function readRemoteBytes(session: SftpSession, path: string, size: number): Promise<Buffer> {
  const handle = await session.openRead(path);
  try {
    const buf = Buffer.alloc(size);
    let got = 0;
    while (got < size) {
      const chunk = Buffer.alloc(size - got);
      const n = await session.read(handle, chunk, size - got, got, `read ${path}`);
      if (n === 0) break;
      chunk.copy(buf, got, 0, n);
      got += n;
    }
    return buf.subarray(0, got);
  } finally {
    await session.closeHandle(handle).catch(() => undefined);
  }
}
