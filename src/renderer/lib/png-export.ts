/**
 * PNG metadata: text chunks written into (and read back from) an encoded PNG, so an exported figure
 * carries its station, time range, models and mapping version in the file itself (PNG spec §11.3.4).
 * Latin-1 text goes in `tEXt` chunks; text outside Latin-1 in `iTXt` (UTF-8). Chunks are inserted
 * right after IHDR, each with its CRC-32 over type and data (ISO 3309, polynomial 0xEDB88320).
 * Pure byte work: runs in the browser, in workers and in Node (tests, e2e checks); figure.ts encodes canvases.
 */

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

import { crc32 } from './crc32.ts';

export { crc32 };

const latin1 = (text: string) => Uint8Array.from(text, (ch) => ch.charCodeAt(0));
const isLatin1 = (text: string) => [...text].every((ch) => ch.charCodeAt(0) <= 0xff);

/** A keyword the spec allows: 1–79 printable Latin-1 characters, no leading, trailing or double spaces. */
export function isValidKeyword(keyword: string): boolean {
  return /^[\x20-\x7e\xa1-\xff]{1,79}$/.test(keyword) && !/^ | $| {2}/.test(keyword);
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(latin1(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** One text chunk: tEXt when the text is Latin-1, else iTXt (uncompressed UTF-8). */
export function textChunk(keyword: string, text: string): Uint8Array {
  if (!isValidKeyword(keyword)) throw new Error(`invalid PNG text keyword "${keyword}"`);
  if (isLatin1(text)) return chunk('tEXt', concat([latin1(keyword), Uint8Array.of(0), latin1(text)]));
  // keyword \0, compression flag 0, method 0, language "" \0, translated keyword "" \0, text
  return chunk('iTXt', concat([latin1(keyword), Uint8Array.of(0, 0, 0, 0, 0), new TextEncoder().encode(text)]));
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function checkSignature(png: Uint8Array): void {
  if (png.length < 33 || SIGNATURE.some((b, i) => png[i] !== b)) throw new Error('not a PNG file');
}

/** The PNG with text chunks for `entries` inserted after IHDR (existing chunks untouched). */
export function insertTextChunks(png: Uint8Array, entries: Readonly<Record<string, string>>): Uint8Array {
  checkSignature(png);
  const ihdrEnd = 8 + 12 + new DataView(png.buffer, png.byteOffset).getUint32(8);
  const chunks = Object.entries(entries).map(([k, v]) => textChunk(k, v));
  return concat([png.subarray(0, ihdrEnd), ...chunks, png.subarray(ihdrEnd)]);
}

/** A chunk as read: type, data, and whether its CRC is right. */
export interface PngChunk {
  type: string;
  data: Uint8Array;
  crcOk: boolean;
}

/** Every chunk of a PNG, in order. */
export function readChunks(png: Uint8Array): PngChunk[] {
  checkSignature(png);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: PngChunk[] = [];
  for (let at = 8; at + 12 <= png.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    out.push({ type, data, crcOk: crc32(png.subarray(at + 4, at + 8 + length)) === view.getUint32(at + 8 + length) });
    at += 12 + length;
  }
  return out;
}

/** The text of every tEXt and iTXt chunk, by keyword. */
export function readTextChunks(png: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of readChunks(png)) {
    const nul = c.data.indexOf(0);
    if (nul < 0 || (c.type !== 'tEXt' && c.type !== 'iTXt')) continue;
    const keyword = String.fromCharCode(...c.data.subarray(0, nul));
    if (c.type === 'tEXt') out[keyword] = String.fromCharCode(...c.data.subarray(nul + 1));
    else {
      const langEnd = c.data.indexOf(0, nul + 3);
      const transEnd = c.data.indexOf(0, langEnd + 1);
      out[keyword] = new TextDecoder().decode(c.data.subarray(transEnd + 1));
    }
  }
  return out;
}
