/**
 * Brings a model package from wherever the analyst has it (a folder, a zip file, uploaded zip
 * bytes) into a private staging folder inside the data folder. Validation and deployment then work
 * on that copy only, so what was checked is exactly what gets deployed (nothing can change the
 * source in between), and a refused package leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, lstat, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { AppError } from '../../shared/errors.ts';
import { DEFAULT_ARCHIVE_LIMITS, extractPackageZip, unsafeEntryName, type ArchiveLimits } from './package-archive.ts';
import { formatBytes } from './sizes.ts';

export type PackageSource =
  | { readonly kind: 'path'; readonly path: string }
  | { readonly kind: 'bytes'; readonly fileName: string; readonly bytes: Buffer };

export interface StagedPackage {
  /** The folder holding model.json. */
  readonly dir: string;
  /** "folder /x/y", "zip /x/y.zip" or "upload y.zip": recorded with the deploy. */
  readonly origin: string;
  /** Removes the staging copy. */
  cleanup(): Promise<void>;
}

/** Copies or extracts `source` under `stagingRoot`; throws MODEL_INVALID with the reason. */
export async function stagePackage(source: PackageSource, stagingRoot: string, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Promise<StagedPackage> {
  const dir = join(stagingRoot, `${Date.now()}-${randomBytes(4).toString('hex')}`);
  await mkdir(dir, { recursive: true });
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    const origin = await fill(source, dir, limits);
    return { dir: await packageRoot(dir), origin, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

async function fill(source: PackageSource, dir: string, limits: ArchiveLimits): Promise<string> {
  if (source.kind === 'bytes') {
    await extractPackageZip(source.bytes, dir, limits);
    return `upload ${basename(source.fileName)}`;
  }
  const path = resolve(source.path);
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
    throw new AppError('MODEL_INVALID', `${path}: ${err.code === 'ENOENT' ? 'no such file or folder' : err.message}`);
  });
  if (info.isDirectory()) {
    await copyFolder(path, dir, limits);
    return `folder ${path}`;
  }
  if (info.size > limits.maxArchiveBytes) {
    throw new AppError('MODEL_INVALID', `zip: ${formatBytes(info.size)} exceeds the ${formatBytes(limits.maxArchiveBytes)} limit`);
  }
  await extractPackageZip(path, dir, limits);
  return `zip ${path}`;
}

/** Copies regular files and folders only: symlinks could point anywhere on the analyst's disk. */
async function copyFolder(from: string, to: string, limits: ArchiveLimits): Promise<void> {
  const entries = await readdir(from, { recursive: true, withFileTypes: true });
  let total = 0;
  let files = 0;
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name);
    const rel = relative(from, path).split('\\').join('/');
    const unsafe = unsafeEntryName(rel);
    if (unsafe) throw new AppError('MODEL_INVALID', `${rel}: ${unsafe}`);
    const info = await lstat(path);
    if (info.isDirectory()) continue;
    if (!info.isFile()) throw new AppError('MODEL_INVALID', `${rel}: only regular files are allowed in a package (found a symlink or special file)`);
    total += info.size;
    if (++files > limits.maxEntries) throw new AppError('MODEL_INVALID', `the folder holds more than ${limits.maxEntries} files`);
    if (total > limits.maxTotalBytes) {
      throw new AppError('MODEL_INVALID', `the folder holds more than ${formatBytes(limits.maxTotalBytes)}`);
    }
    await mkdir(join(to, relative(from, entry.parentPath)), { recursive: true });
    await copyFile(path, join(to, rel));
  }
}

/** model.json at the top, or inside the one top-level folder (a zipped folder). */
async function packageRoot(dir: string): Promise<string> {
  const top = (await readdir(dir, { withFileTypes: true })).filter((e) => !e.name.startsWith('.'));
  if (top.some((e) => e.isFile() && e.name === 'model.json')) return dir;
  const folders = top.filter((e) => e.isDirectory());
  if (folders.length === 1 && top.length === 1) {
    const inner = join(dir, folders[0]!.name);
    if ((await readdir(inner)).includes('model.json')) return inner;
  }
  throw new AppError('MODEL_INVALID', 'model.json: not found at the top of the package or in its single top-level folder');
}
