/**
 * The browser's folder-to-zip writer (renderer/features/models/zip-store.ts) produces zips the
 * server's safe extractor accepts byte for byte, with standard CRC-32s.
 */
import fc from 'fast-check';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extractPackageZip } from '../../src/main/models/package-archive.ts';
import { crc32 } from '../../src/renderer/lib/crc32.ts';
import { buildStoredZip } from '../../src/renderer/features/models/zip-store.ts';

describe('buildStoredZip', () => {
  it('computes the standard CRC-32', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => crc32(bytes) === zlibCrc32(bytes)));
  });

  it('round-trips a package folder through the server extractor', async () => {
    const files = {
      'pkg/model.json': new TextEncoder().encode('{"id":"x","name":"ünïcode ✓"}'),
      'pkg/model.onnx': Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) & 0xff),
      'pkg/docs/MODEL_CARD.md': new TextEncoder().encode('# card\n'),
    };
    const zip = buildStoredZip(Object.entries(files).map(([name, data]) => ({ name, data })));
    const dir = mkdtempSync(join(tmpdir(), 'aiw-storedzip-'));
    expect(await extractPackageZip(Buffer.from(zip), dir)).toBe(3);
    for (const [name, data] of Object.entries(files)) expect(readFileSync(join(dir, ...name.split('/'))).equals(Buffer.from(data))).toBe(true);
  });
});
