import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NpyWriter, npyHeader } from './npy.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'npy-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npy', () => {
  it('writes a v1.0 header aligned to 64 bytes, padded to a requested length', () => {
    const h = npyHeader([3, 2]);
    expect(h.subarray(0, 8)).toEqual(Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]));
    expect(h.length % 64).toBe(0);
    expect(h.readUInt16LE(8)).toBe(h.length - 10);
    expect(h.toString('latin1', 10)).toMatch(/^\{'descr': '<f4', 'fortran_order': False, 'shape': \(3, 2\), \} +\n$/);
    expect(npyHeader([7]).toString('latin1')).toContain("'shape': (7,)");
    expect(npyHeader([1, 2], 192).length).toBe(192);
  });

  it('streams rows and rewrites the row count; numpy reads it back', async () => {
    const path = join(dir, 'x.npy');
    const w = await NpyWriter.create(path, [2, 3]);
    await w.append(Float32Array.from([1, 2, 3, 4, 5, 6]));
    await w.append(Float32Array.from([-1, 0.5, 1e-7, 7, 8, 9]).subarray(0, 6));
    await expect(w.append(new Float32Array(5))).rejects.toThrow(/5 values, expected 6/);
    await w.close();
    const buf = await readFile(path);
    const headerEnd = 10 + buf.readUInt16LE(8);
    expect(buf.toString('latin1', 10, headerEnd)).toContain("'shape': (2, 2, 3)");
    expect(Array.from(new Float32Array(buf.buffer.slice(buf.byteOffset + headerEnd, buf.byteOffset + buf.length)))).toEqual(
      Array.from(Float32Array.from([1, 2, 3, 4, 5, 6, -1, 0.5, 1e-7, 7, 8, 9])),
    );
    const py = spawnSync('/usr/bin/python3', ['-c', `import numpy as np; a = np.load('${path}'); print(a.dtype, a.shape, a[1, 0, 1], a.sum())`], { encoding: 'utf8' });
    if (py.error || /No module named/.test(py.stderr)) return console.warn('[npy.test] python3-numpy not available: numpy read-back skipped');
    expect(py.stdout.trim()).toBe('float32 (2, 2, 3) 0.5 44.5');
  });
});
