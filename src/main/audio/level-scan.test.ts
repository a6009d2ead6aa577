import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanLevels } from './level-scan.ts';
import { writeWav } from './wav-writer.ts';

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'level-scan-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scanLevels', () => {
  it('counts non-finite samples per channel and measures peak and RMS of the finite ones, across blocks', async () => {
    const n = 200_000; // more than one 65 536-frame block
    const square = Float32Array.from({ length: n }, (_, i) => (i % 16 < 8 ? 0.25 : -0.25));
    // A quarter of the rate: samples 0, ½, 0, −½, so the peak is sampled exactly.
    const sine = Float32Array.from({ length: n }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 2000 * i) / 8000));
    const silent = new Float32Array(n);
    for (const i of [5, 70_000, 199_999]) sine[i] = Number.NaN;
    square[150_000] = Number.NEGATIVE_INFINITY;
    const path = join(dir, 'mixed.wav');
    await writeWav(path, [square, sine, silent], { sampleRate: 8000, encoding: 'float32' });
    const scan = await scanLevels(path);
    expect(scan.frames).toBe(n);
    expect(scan.nonFinite).toBe(4);
    expect(scan.channels.map((c) => c.nonFinite)).toEqual([1, 3, 0]);
    const [sq, si, zero] = scan.channels;
    expect(sq!.peakDbfs).toBeCloseTo(20 * Math.log10(0.25), 6);
    expect(sq!.rmsDbfs).toBeCloseTo(20 * Math.log10(0.25), 6); // the −Inf sample is left out, not counted as 0
    expect(si!.peakDbfs).toBeCloseTo(20 * Math.log10(0.5), 3);
    expect(si!.rmsDbfs).toBeCloseTo(20 * Math.log10(0.5 / Math.SQRT2), 3);
    expect(zero).toMatchObject({ peakDbfs: -Infinity, rmsDbfs: -Infinity, nonFinite: 0 });
  });

  it('reads integer files too (no non-finite samples possible)', async () => {
    const path = join(dir, 'pcm16.wav');
    await writeWav(path, [Float32Array.from({ length: 8000 }, (_, i) => (i % 2 ? 0.5 : -0.5))], { sampleRate: 8000, encoding: 'pcm16' });
    const scan = await scanLevels(path);
    expect(scan.channels[0]).toMatchObject({ nonFinite: 0 });
    expect(scan.channels[0]!.peakDbfs).toBeCloseTo(-6.0206, 3);
  });
});
