/**
 * Safe extraction of a model package zip into a staging folder.
 *
 * A zip comes from outside (another lab, a browser upload), so nothing in it is trusted: entry
 * names may try to escape the folder (`../`, absolute paths, drive letters, backslashes), entries
 * may be symlinks or devices, and sizes may lie or hide a zip bomb. Every limit is checked on the
 * declared sizes first and again on the bytes actually inflated; any breach refuses the whole zip
 * with AppError('MODEL_INVALID') naming the entry and the limit.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { AppError } from '../../shared/errors.ts';
import { DEFAULT_MAX_ONNX_BYTES } from '../inference/model-package.ts';
import { formatBytes } from './sizes.ts';

export interface ArchiveLimits {
  /** Size of the zip file itself. */
  maxArchiveBytes: number;
  /** Sum of the uncompressed sizes of all entries. */
  maxTotalBytes: number;
  maxEntries: number;
  /** Largest uncompressed/compressed ratio for an entry bigger than `ratioFloorBytes`. */
  maxRatio: number;
  /** Entries smaller than this are exempt from the ratio check (small text compresses well). */
  ratioFloorBytes: number;
}

/** Room for the largest ONNX file we accept plus a card; real model weights compress ~1.1:1, bombs 1000:1. */
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxArchiveBytes: DEFAULT_MAX_ONNX_BYTES + 16 * 1024 * 1024,
  maxTotalBytes: DEFAULT_MAX_ONNX_BYTES + 16 * 1024 * 1024,
  maxEntries: 64,
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
};

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
/** Made by Unix: the high 16 bits of the external attributes carry st_mode. */
const HOST_UNIX = 3;

/** Why an entry name is unsafe, or undefined when it is a plain relative path. */
export function unsafeEntryName(name: string): string | undefined {
  if (name.length === 0) return 'empty name';
  if (name.length > 255) return 'name longer than 255 characters';
  if (name.includes('\0')) return 'NUL character in the name';
  if (name.includes('\\')) return 'backslash in the name (zip names use "/")';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'absolute path';
  const parts = name.replace(/\/$/, '').split('/');
  if (parts.some((p) => p === '..')) return 'path traversal ("..")';
  if (parts.some((p) => p === '' || p === '.')) return 'empty or "." path segment';
  if (parts.length > 4) return 'nested deeper than 4 folders';
  return undefined;
}

/** 'file' | 'dir' | the kind of special entry (symlink, device…) from the Unix mode bits, when present. */
export function entryKind(entry: Pick<yauzl.Entry, 'fileName' | 'versionMadeBy' | 'externalFileAttributes'>): string {
  const isDirName = entry.fileName.endsWith('/');
  if (entry.versionMadeBy >> 8 !== HOST_UNIX) return isDirName ? 'dir' : 'file';
  const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (mode === 0) return isDirName ? 'dir' : 'file'; // no mode recorded
  if (mode === S_IFDIR) return 'dir';
  if (mode === S_IFREG) return isDirName ? 'dir' : 'file';
  return mode === 0o120000 ? 'symlink' : 'special file (device, FIFO or socket)';
}

function refuse(message: string): never {
  throw new AppError('MODEL_INVALID', `zip: ${message}`);
}

/** Checks one entry's header against the limits; returns whether it is a file to extract. */
function checkEntry(entry: yauzl.Entry, limits: ArchiveLimits, seen: Set<string>): boolean {
  const name = entry.fileName;
  const unsafe = unsafeEntryName(name);
  if (unsafe) refuse(`entry "${name}" refused: ${unsafe}`);
  if (seen.has(name.replace(/\/$/, ''))) refuse(`entry "${name}" appears twice`);
  seen.add(name.replace(/\/$/, ''));
  const kind = entryKind(entry);
  if (kind === 'dir') return false;
  if (kind !== 'file') refuse(`entry "${name}" is a ${kind}; only regular files and folders are allowed`);
  if (entry.isEncrypted()) refuse(`entry "${name}" is encrypted`);
  if (!entry.canDecodeFileData()) refuse(`entry "${name}" uses compression method ${entry.compressionMethod}; use deflate or store`);
  const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
  if (entry.uncompressedSize > limits.ratioFloorBytes && ratio > limits.maxRatio) {
    refuse(`entry "${name}" expands ${Math.round(ratio)}:1 (limit ${limits.maxRatio}:1): looks like a zip bomb`);
  }
  return true;
}

/** Counts inflated bytes and fails as soon as the running total passes the limit (declared sizes can lie). */
class ByteBudget extends Transform {
  readonly #take: (n: number) => void;

  constructor(take: (n: number) => void) {
    super();
    this.#take = take;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.#take(chunk.length);
      done(null, chunk);
    } catch (err) {
      done(err as Error);
    }
  }
}

function openZip(source: string | Buffer): Promise<yauzl.ZipFile> {
  const options = { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: true, decodeStrings: true };
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, zip?: yauzl.ZipFile) => (err || !zip ? reject(err) : resolve(zip));
    if (typeof source === 'string') yauzl.open(source, options, done);
    else yauzl.fromBuffer(source, options, done);
  });
}

function readStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (err, stream) => (err || !stream ? reject(err) : resolve(stream))));
}

/** yauzl's own refusals (unsafe names, lying sizes, malformed zips) become MODEL_INVALID with its reason. */
function asZipError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const reason = (err as Error).message;
  const what = /absolute path|relative path|invalid characters/.test(reason)
    ? 'unsafe entry name refused'
    : /bytes in the stream/.test(reason)
      ? 'an entry inflates to a different size than it declares (corrupt or forged zip)'
      : 'not a readable zip archive';
  return new AppError('MODEL_INVALID', `zip: ${what} (${reason})`, { cause: err });
}

/**
 * Extracts `source` (a zip file path or its bytes) into the existing empty folder `target`.
 * Returns the number of files written. macOS `__MACOSX/` resource forks are skipped.
 */
export async function extractPackageZip(source: string | Buffer, target: string, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Promise<number> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(source);
  } catch (err) {
    throw asZipError(err);
  }
  try {
    if (zip.fileSize > limits.maxArchiveBytes) refuse(`${formatBytes(zip.fileSize)} exceeds the ${formatBytes(limits.maxArchiveBytes)} limit`);
    if (zip.entryCount > limits.maxEntries) refuse(`${zip.entryCount} entries (limit ${limits.maxEntries})`);
    return await extractEntries(zip, target, limits);
  } catch (err) {
    throw asZipError(err);
  } finally {
    zip.close();
  }
}

async function extractEntries(zip: yauzl.ZipFile, target: string, limits: ArchiveLimits): Promise<number> {
  const seen = new Set<string>();
  let declared = 0;
  let inflated = 0;
  let files = 0;
  const take = (n: number) => {
    inflated += n;
    if (inflated > limits.maxTotalBytes) refuse(`contents exceed the ${formatBytes(limits.maxTotalBytes)} limit once inflated`);
  };
  for await (const entry of entries(zip)) {
    if (entry.fileName.startsWith('__MACOSX/')) continue;
    if (!checkEntry(entry, limits, seen)) continue;
    declared += entry.uncompressedSize;
    if (declared > limits.maxTotalBytes) {
      refuse(`contents would be ${formatBytes(declared)} once inflated (limit ${formatBytes(limits.maxTotalBytes)})`);
    }
    const path = join(target, ...entry.fileName.split('/'));
    await mkdir(dirname(path), { recursive: true });
    await pipeline(await readStream(zip, entry), new ByteBudget(take), createWriteStream(path, { flags: 'wx' }));
    files++;
  }
  return files;
}

/** The zip's entries one at a time (lazyEntries), as an async iterator. */
async function* entries(zip: yauzl.ZipFile): AsyncGenerator<yauzl.Entry> {
  for (;;) {
    const next = await new Promise<yauzl.Entry | undefined>((resolve, reject) => {
      const onEntry = (entry: yauzl.Entry) => settle(() => resolve(entry));
      const onEnd = () => settle(() => resolve(undefined));
      const onError = (err: Error) => settle(() => reject(err));
      const settle = (fn: () => void) => {
        zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
        fn();
      };
      zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
      zip.readEntry();
    });
    if (!next) return;
    yield next;
  }
}
