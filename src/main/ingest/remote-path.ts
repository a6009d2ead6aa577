/**
 * Remote names are untrusted input: a station (or whoever controls it) chooses them.
 * These functions decide which names are taken at all and map a remote path to a cache
 * file that is always inside the station's cache folder, whatever the name contains.
 */
import { isAbsolute, join, relative, resolve } from 'node:path';
import { AppError } from '../../shared/errors.ts';

const TEMP_SUFFIXES = ['.part', '.partial', '.filepart', '.tmp', '.temp', '.crdownload', '~'];

/** Names a station is still writing or keeps private: dot-files and temporary suffixes. */
export function isTemporaryName(name: string): boolean {
  const lower = name.toLowerCase();
  return name.startsWith('.') || TEMP_SUFFIXES.some((s) => lower.endsWith(s));
}

/** A single path component the client can use: not empty, not "." or "..", no separators or NUL. */
export function isSafeEntryName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[/\\\0]/.test(name);
}

/** Joins a relative remote path under the remote root (POSIX separators, whatever the local OS). */
export function remoteJoin(root: string, rel: string): string {
  const base = root.endsWith('/') ? root.slice(0, -1) : root;
  return rel === '' ? base || '/' : `${base}/${rel}`;
}

/** Whether an absolute remote path lies inside the remote root (for symlink targets). */
export function isInsideRemoteRoot(root: string, target: string): boolean {
  const base = root.endsWith('/') ? root.slice(0, -1) : root;
  const segments = target.split('/');
  if (segments.some((s) => s === '..')) return false;
  return target === base || target.startsWith(`${base}/`);
}

// Control characters are exactly what this pattern is for.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;
const MAX_NAME_BYTES = 160;

/** A file name safe on every desktop OS, keeping letters (including non-ASCII) and digits. */
export function sanitizeFileName(name: string): string {
  let out = name.normalize('NFC').replace(UNSAFE_CHARS, '_').replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  while (Buffer.byteLength(out) > MAX_NAME_BYTES) out = out.slice(0, -1);
  return out || 'recording';
}

/**
 * The cache file for a remote file: `<stationDir>/<fileId>-<sanitised base name>`. The id
 * makes it unique; the check after resolving is defence in depth against any name trick.
 */
export function cachePathFor(stationDir: string, fileId: number, remoteRel: string): string {
  const base = remoteRel.split(/[\\/]/).pop() ?? '';
  const file = resolve(join(stationDir, `${fileId}-${sanitizeFileName(base)}`));
  const rel = relative(resolve(stationDir), file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || /[\\/]/.test(rel)) {
    throw new AppError('UNSAFE_PATH', `refusing cache path for remote file ${JSON.stringify(remoteRel)}`);
  }
  return file;
}
