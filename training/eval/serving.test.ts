import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NpyWriter } from '../../src/main/dsp/npy.ts';
import { readNpyRows } from './serving.ts';

describe('readNpyRows', () => {
  it('reads chosen rows (and a leading part of each) back from an NpyWriter file', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'npy-')), 'x.npy');
    const writer = await NpyWriter.create(path, [2, 3]);
    for (let r = 0; r < 4; r++) await writer.append(Float32Array.from({ length: 6 }, (_, i) => r * 10 + i));
    await writer.close();
    expect([...(await readNpyRows(path, [2, 0], 6))]).toEqual([20, 21, 22, 23, 24, 25, 0, 1, 2, 3, 4, 5]);
    expect([...(await readNpyRows(path, [3], 3))]).toEqual([30, 31, 32]); // plane 0 of a [2, 3] row
    await expect(readNpyRows(path, [4], 3)).rejects.toThrow(/out of range/);
    await expect(readNpyRows(path, [0], 7)).rejects.toThrow(/6 values/);
  });
});
