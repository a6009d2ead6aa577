import fc from 'fast-check';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { crc32, insertTextChunks, isValidKeyword, readChunks, readTextChunks } from './png-export.ts';

function tinyPng(): Uint8Array {
  const png = new PNG({ width: 3, height: 2 });
  png.data.fill(200);
  return new Uint8Array(PNG.sync.write(png));
}

describe('PNG text chunks', () => {
  it('computes the standard CRC-32 (check value of "123456789" and zlib agreement)', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    // The IHDR CRC that pngjs wrote equals ours.
    expect(readChunks(tinyPng()).every((c) => c.crcOk)).toBe(true);
  });

  it('inserts tEXt (Latin-1) and iTXt (UTF-8) chunks after IHDR that decoders accept and read back', () => {
    const entries = { Title: 'Spectrogram — demo', Station: 'demo', 'Time range': '2025-01-01T12:00:00Z/2025-01-01T12:15:00Z', Models: 'baseline-logreg@1.0.0' };
    const out = insertTextChunks(tinyPng(), entries);
    const chunks = readChunks(out);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'iTXt', 'tEXt', 'tEXt', 'tEXt', 'IDAT', 'IEND']);
    expect(chunks.every((c) => c.crcOk)).toBe(true);
    expect(readTextChunks(out)).toEqual(entries);
    const decoded = PNG.sync.read(Buffer.from(out)); // pngjs checks every CRC
    expect([decoded.width, decoded.height, decoded.data[0]]).toEqual([3, 2, 200]);
  });

  it('round-trips any text and refuses invalid keywords', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => {
      expect(readTextChunks(insertTextChunks(tinyPng(), { Comment: text })).Comment).toBe(text);
    }), { numRuns: 50 });
    for (const bad of ['', ' lead', 'trail ', 'dou  ble', 'x'.repeat(80), 'tab\t']) expect(isValidKeyword(bad)).toBe(false);
    expect(() => insertTextChunks(tinyPng(), { '': 'x' })).toThrow(/keyword/);
    expect(() => insertTextChunks(new Uint8Array(40), {})).toThrow(/not a PNG/);
  });
});
