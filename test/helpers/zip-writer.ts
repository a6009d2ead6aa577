/**
 * A tiny zip writer for tests that need zips a normal tool refuses to make: unsafe names,
 * symlink entries, sizes that lie, bombs. Stored or deflated entries, Unix modes, no zip64.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  data: Buffer | string;
  /** Default 'deflate'. */
  method?: 'store' | 'deflate';
  /** Unix st_mode (e.g. 0o100644 file, 0o120777 symlink, 0o040755 folder); default 0o100644. */
  mode?: number;
  /** Uncompressed size written in the headers, to forge a lying entry (default: the real size). */
  declaredSize?: number;
}

function localHeader(nameBytes: Buffer, method: number, crc: number, compressed: number, size: number): Buffer {
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(0x0800, 6); // UTF-8 names
  h.writeUInt16LE(method, 8);
  h.writeUInt32LE(crc, 14);
  h.writeUInt32LE(compressed, 18);
  h.writeUInt32LE(size, 22);
  h.writeUInt16LE(nameBytes.length, 26);
  return Buffer.concat([h, nameBytes]);
}

function centralHeader(nameBytes: Buffer, e: { method: number; crc: number; compressed: number; size: number; mode: number; offset: number }): Buffer {
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the mode bits count
  h.writeUInt16LE(20, 6);
  h.writeUInt16LE(0x0800, 8);
  h.writeUInt16LE(e.method, 10);
  h.writeUInt32LE(e.crc, 16);
  h.writeUInt32LE(e.compressed, 20);
  h.writeUInt32LE(e.size, 24);
  h.writeUInt16LE(nameBytes.length, 28);
  h.writeUInt32LE((e.mode << 16) >>> 0, 38);
  h.writeUInt32LE(e.offset, 42);
  return Buffer.concat([h, nameBytes]);
}

/** Builds a complete zip archive in memory. */
export function buildZip(entries: readonly ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const raw = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data);
    const method = entry.method === 'store' ? 0 : 8;
    const body = method === 0 ? raw : deflateRawSync(raw);
    const name = Buffer.from(entry.name, 'utf8');
    const fields = { method, crc: crc32(raw), compressed: body.length, size: entry.declaredSize ?? raw.length };
    const local = localHeader(name, method, fields.crc, fields.compressed, fields.size);
    central.push(centralHeader(name, { ...fields, mode: entry.mode ?? 0o100644, offset }));
    parts.push(local, body);
    offset += local.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}
