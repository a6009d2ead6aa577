/**
 * What the analyst hands the Models page — a zip file, the files of a folder (file picker with
 * `webkitdirectory`), or a drag-and-drop of either — turned into one zip to upload.
 */
import { buildStoredZip } from './zip-store.ts';

export interface PackageUpload {
  fileName: string;
  bytes: Uint8Array;
}

/** A file and its path inside the package (folder pickers and drops keep the folder structure). */
export interface PackageFile {
  readonly path: string;
  readonly file: File;
}

const isZip = (path: string) => path.toLowerCase().endsWith('.zip');

/** A zip as is; loose files (a folder) zipped under their relative paths. */
export async function toUpload(files: readonly PackageFile[], folderName = 'package'): Promise<PackageUpload> {
  if (files.length === 1 && isZip(files[0]!.path)) {
    return { fileName: files[0]!.file.name, bytes: new Uint8Array(await files[0]!.file.arrayBuffer()) };
  }
  if (files.length === 0) throw new Error('nothing to deploy');
  if (files.some((f) => isZip(f.path))) throw new Error('drop either one zip or the files of one package folder');
  const entries = await Promise.all(files.map(async (f) => ({ name: f.path.replace(/^\/+/, ''), data: new Uint8Array(await f.file.arrayBuffer()) })));
  return { fileName: `${folderName}.zip`, bytes: buildStoredZip(entries) };
}

/** Files of an <input type="file"> (a zip, or a folder with `webkitdirectory`). */
export function pickedFiles(list: FileList): PackageFile[] {
  return [...list].map((file) => ({ path: file.webkitRelativePath || file.name, file }));
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

/** Every file under a dropped entry, with its path relative to the drop. */
async function filesOf(entry: FileSystemEntry, prefix: string, out: PackageFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ path: `${prefix}${file.name}`, file });
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  for (let batch = await readEntries(reader); batch.length; batch = await readEntries(reader)) {
    for (const child of batch) await filesOf(child, `${prefix}${entry.name}/`, out);
  }
}

/** The upload of a drop: one zip file, or one folder (read recursively). */
export async function uploadFromDrop(transfer: DataTransfer): Promise<PackageUpload> {
  const entries = [...transfer.items].map((i) => i.webkitGetAsEntry()).filter((e): e is FileSystemEntry => e !== null);
  const folder = entries.length === 1 && entries[0]!.isDirectory ? entries[0]! : undefined;
  if (!folder) return toUpload([...transfer.files].map((file) => ({ path: file.name, file })));
  const files: PackageFile[] = [];
  await filesOf(folder, '', files);
  return toUpload(files, folder.name);
}
