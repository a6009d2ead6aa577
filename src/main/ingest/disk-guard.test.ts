import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskGuard, freeBytes, type DiskState } from './disk-guard.ts';

describe('DiskGuard', () => {
  it('reports crossing the threshold both ways, once each', async () => {
    let free = 5e9;
    const changes: DiskState[] = [];
    const guard = new DiskGuard({ dir: '/x', minFreeBytes: 1e9, onChange: (s) => changes.push(s), freeBytes: async () => free });
    await guard.check();
    expect(guard.low).toBe(false);
    free = 0.5e9;
    await guard.check();
    await guard.check();
    expect(guard.low).toBe(true);
    free = 2e9;
    await guard.check();
    expect(changes.map((c) => [c.low, c.freeBytes])).toEqual([[true, 0.5e9], [false, 2e9]]);
  });

  it('keeps its last answer when the volume cannot be measured', async () => {
    const guard = new DiskGuard({ dir: '/x', minFreeBytes: 1, onChange: () => undefined, freeBytes: async () => { throw new Error('EIO'); } });
    expect((await guard.check()).low).toBe(false);
  });

  it('measures a real volume', async () => {
    expect(await freeBytes(mkdtempSync(join(tmpdir(), 'aiw-disk-')))).toBeGreaterThan(0);
  });
});
