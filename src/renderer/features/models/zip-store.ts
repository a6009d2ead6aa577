/**
 * A minimal zip writer (entries stored, not compressed) so a folder dropped on the Models page can
 * be uploaded as one zip: the server's extractor applies the same safety checks to it as to any
 * zip. Pure (no DOM), UTF-8 names, no zip64 (the upload limit is far below 4 GB).
 */

import { crc32 } from '../../lib/crc32.ts';

export interface StoredEntry {
  readonly name: string;
  readonly data: Uint8Array;
}

function header(size: number, fields: [offset: number, bytes: 2 | 4, value: number][]): Uint8Array {
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  for (const [offset, bytes, value] of fields) {
    if (bytes === 2) view.setUint16(offset, value, true);
    else view.setUint32(offset, value >>> 0, true);
  }
  return out;
}

/** Builds a zip of `entries` (stored); names are relative paths with "/". */
export function buildStoredZip(entries: readonly StoredEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = encoder.encode(e.name);
    const crc = crc32(e.data);
    const common: [number, 2 | 4, number][] = [[10, 4, crc], [14, 4, e.data.length], [18, 4, e.data.length], [22, 2, name.length]];
    const local = header(30, [[0, 4, 0x04034b50], [4, 2, 20], [6, 2, 0x0800], ...common.map(([o, b, v]): [number, 2 | 4, number] => [o + 4, b, v])]);
    central.push(header(46, [[0, 4, 0x02014b50], [4, 2, 20], [6, 2, 20], [8, 2, 0x0800], ...common.map(([o, b, v]): [number, 2 | 4, number] => [o + 6, b, v]), [42, 4, offset]]), name);
    parts.push(local, name, e.data);
    offset += local.length + name.length + e.data.length;
  }
  const cdSize = central.reduce((n, p) => n + p.length, 0);
  const end = header(22, [[0, 4, 0x06054b50], [8, 2, entries.length], [10, 2, entries.length], [12, 4, cdSize], [16, 4, offset]]);
  const all = [...parts, ...central, end];
  const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
  all.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}
