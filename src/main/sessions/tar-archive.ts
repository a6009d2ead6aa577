/**
 * The container of `.aiwsession` files: POSIX ustar (readable with any `tar`), restricted to regular
 * files with short, safe names (docs/session-format.md). The writer streams members in and hashes
 * them (sha256) as they go; the reader indexes headers by seeking, then hashes or copies members.
 * Every header checksum is verified; a truncated or foreign file is refused with VERIFY_FAILED.
 */
import { createHash } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { AppError } from '../../shared/errors.ts';

const BLOCK = 512;
/** Largest member: 11 octal digits in the size field. */
const MAX_MEMBER_BYTES = 8 ** 11 - 1;
const COPY_CHUNK = 1 << 20;
/** Member names: relative, forward slashes, no `..`, at most 100 bytes (the ustar name field, no prefix). */
const NAME_PATTERN = /^(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;

/** True for a member name this format allows. */
export function isSafeMemberName(name: string): boolean {
  return name.length <= 100 && NAME_PATTERN.test(name);
}

/** A member as written: name, size and sha256 (hex). */
export interface WrittenMember {
  name: string;
  size: number;
  sha256: string;
}

/** A member as indexed: where its bytes start in the file. */
export interface TarEntry {
  name: string;
  size: number;
  dataOffset: number;
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0');
}

/** A ustar header for a regular file. */
export function tarHeader(name: string, size: number, mtimeMs: number): Buffer {
  if (!isSafeMemberName(name)) throw new AppError('BAD_REQUEST', `unsafe member name "${name}"`);
  if (size > MAX_MEMBER_BYTES) throw new AppError('BAD_REQUEST', `member ${name} is larger than 8 GiB`);
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, 'utf8');
  h.write(`${octal(0o644, 8)}\0`, 100, 'ascii');
  h.write(`${octal(0, 8)}\0`, 108, 'ascii');
  h.write(`${octal(0, 8)}\0`, 116, 'ascii');
  h.write(`${octal(size, 12)}\0`, 124, 'ascii');
  h.write(`${octal(Math.floor(mtimeMs / 1000), 12)}\0`, 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  h.write(`${octal(headerSum(h), 7)}\0`, 148, 'ascii');
  return h;
}

/** Sum of the header's bytes with the checksum field counted as spaces. */
function headerSum(h: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!;
  return sum;
}

const padding = (size: number) => (BLOCK - (size % BLOCK)) % BLOCK;

/** Writes a tar file member by member to `<path>.partial`, renamed to `path` by `finish()`. */
export class TarWriter {
  readonly #fh: FileHandle;
  readonly #path: string;
  readonly #whole = createHash('sha256');
  #bytes = 0;

  private constructor(fh: FileHandle, path: string) {
    this.#fh = fh;
    this.#path = path;
  }

  static async create(path: string): Promise<TarWriter> {
    return new TarWriter(await open(`${path}.partial`, 'w'), path);
  }

  async #write(data: Uint8Array): Promise<void> {
    let done = 0;
    while (done < data.length) done += (await this.#fh.write(data, done, data.length - done)).bytesWritten;
    this.#whole.update(data);
    this.#bytes += data.length;
  }

  /** Adds a member from memory. */
  async addBuffer(name: string, data: Buffer, mtimeMs = Date.now()): Promise<WrittenMember> {
    await this.#write(tarHeader(name, data.length, mtimeMs));
    await this.#write(data);
    await this.#write(Buffer.alloc(padding(data.length)));
    return { name, size: data.length, sha256: createHash('sha256').update(data).digest('hex') };
  }

  /** Adds a member streamed from a file (its size is read first, so the file must not grow meanwhile). */
  async addFile(name: string, sourcePath: string): Promise<WrittenMember> {
    const src = await open(sourcePath, 'r');
    try {
      const st = await src.stat();
      await this.#write(tarHeader(name, st.size, st.mtimeMs));
      const hash = createHash('sha256');
      const buf = Buffer.alloc(COPY_CHUNK);
      for (let pos = 0; pos < st.size;) {
        const { bytesRead } = await src.read(buf, 0, Math.min(COPY_CHUNK, st.size - pos), pos);
        if (bytesRead === 0) throw new AppError('IO_FAILED', `${sourcePath} shrank while it was being archived`);
        const chunk = buf.subarray(0, bytesRead);
        hash.update(chunk);
        await this.#write(chunk);
        pos += bytesRead;
      }
      await this.#write(Buffer.alloc(padding(st.size)));
      return { name, size: st.size, sha256: hash.digest('hex') };
    } finally {
      await src.close();
    }
  }

  /** Writes the end-of-archive blocks, closes, and moves the file into place. */
  async finish(): Promise<{ path: string; bytes: number; sha256: string }> {
    await this.#write(Buffer.alloc(2 * BLOCK));
    await this.#fh.sync();
    await this.#fh.close();
    await rename(`${this.#path}.partial`, this.#path);
    return { path: this.#path, bytes: this.#bytes, sha256: this.#whole.digest('hex') };
  }

  /** Closes and deletes the partial file. */
  async abort(): Promise<void> {
    await this.#fh.close().catch(() => undefined);
    await rm(`${this.#path}.partial`, { force: true });
  }
}

const damaged = (file: string, why: string) => new AppError('VERIFY_FAILED', `${file} is not a valid session file: ${why}`);

function parseOctal(h: Buffer, at: number, width: number): number {
  const text = h.toString('ascii', at, at + width).replace(/[\0 ]+$/, '').trim();
  if (!/^[0-7]+$/.test(text)) return Number.NaN;
  return Number.parseInt(text, 8);
}

/** Parses one header block; undefined for an end-of-archive (all-zero) block. */
function parseHeader(h: Buffer, offset: number, file: string): Omit<TarEntry, 'dataOffset'> | undefined {
  if (h.every((b) => b === 0)) return undefined;
  if (parseOctal(h, 148, 8) !== headerSum(h)) throw damaged(file, `header checksum mismatch at byte ${offset}`);
  if (h.toString('ascii', 257, 262) !== 'ustar') throw damaged(file, `not a ustar header at byte ${offset}`);
  const type = h.toString('ascii', 156, 157);
  const name = h.toString('utf8', 0, 100).replace(/\0.*$/s, '');
  if (type !== '0' && type !== '\0') throw damaged(file, `member "${name}" is not a regular file`);
  if (h[345] !== 0) throw damaged(file, `member "${name}" uses a name prefix (not allowed)`);
  if (!isSafeMemberName(name)) throw damaged(file, `unsafe member name "${name}"`);
  const size = parseOctal(h, 124, 12);
  if (!Number.isSafeInteger(size)) throw damaged(file, `member "${name}" has an unreadable size`);
  return { name, size };
}

/** Lists the members of a tar file without reading their contents. */
export async function indexTar(fh: FileHandle, file: string): Promise<TarEntry[]> {
  const { size: fileSize } = await fh.stat();
  const entries: TarEntry[] = [];
  const header = Buffer.alloc(BLOCK);
  for (let offset = 0; ;) {
    if (offset + BLOCK > fileSize) throw damaged(file, 'it ends before the end-of-archive marker (truncated)');
    await readFully(fh, header, offset);
    const parsed = parseHeader(header, offset, file);
    if (!parsed) return entries;
    const dataOffset = offset + BLOCK;
    if (dataOffset + parsed.size > fileSize) throw damaged(file, `member "${parsed.name}" is cut off (truncated)`);
    entries.push({ ...parsed, dataOffset });
    offset = dataOffset + parsed.size + padding(parsed.size);
  }
}

async function readFully(fh: FileHandle, buf: Buffer, position: number): Promise<void> {
  for (let got = 0; got < buf.length;) {
    const { bytesRead } = await fh.read(buf, got, buf.length - got, position + got);
    if (bytesRead === 0) throw new AppError('VERIFY_FAILED', `unexpected end of file at byte ${position + got}`);
    got += bytesRead;
  }
}

/** Streams a member's bytes in chunks to `sink`; returns its sha256 (hex). */
export async function readEntry(fh: FileHandle, entry: TarEntry, sink?: (chunk: Buffer) => Promise<void> | void): Promise<string> {
  const hash = createHash('sha256');
  const buf = Buffer.alloc(Math.min(COPY_CHUNK, Math.max(1, entry.size)));
  for (let pos = 0; pos < entry.size;) {
    const n = Math.min(buf.length, entry.size - pos);
    const chunk = buf.subarray(0, n);
    await readFully(fh, chunk, entry.dataOffset + pos);
    hash.update(chunk);
    if (sink) await sink(chunk);
    pos += n;
  }
  return hash.digest('hex');
}

/** A (small) member's bytes. */
export async function readEntryBuffer(fh: FileHandle, entry: TarEntry): Promise<Buffer> {
  const buf = Buffer.alloc(entry.size);
  if (entry.size > 0) await readFully(fh, buf, entry.dataOffset);
  return buf;
}
