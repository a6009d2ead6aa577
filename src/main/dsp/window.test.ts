import { describe, expect, it } from 'vitest';
import { makeWindow } from './window.ts';

const sum = (w: Float64Array) => w.reduce((a, b) => a + b, 0);

describe('makeWindow', () => {
  it('periodic Hann: starts at 0, peaks at N/2, sums to N/2, overlap-adds to 1 at hop N/2', () => {
    const w = makeWindow('hann', 1000, true);
    expect(w[0]).toBe(0);
    expect(w[500]).toBeCloseTo(1, 15);
    expect(w[999]).toBeGreaterThan(0); // periodic: the last sample is not 0
    expect(sum(w)).toBeCloseTo(500, 9);
    for (let i = 0; i < 500; i++) expect(w[i] + w[i + 500]).toBeCloseTo(1, 12);
  });

  it('symmetric Hann is numpy.hanning: both ends 0, mirror symmetric, sums to (N−1)/2', () => {
    const w = makeWindow('hann', 9, false);
    expect(Array.from(w).map((v) => +v.toFixed(12))).toEqual([0, 0.146446609407, 0.5, 0.853553390593, 1, 0.853553390593, 0.5, 0.146446609407, 0]);
    expect(sum(w)).toBeCloseTo(4, 12);
  });

  it('Hamming (0.54/0.46) and rect', () => {
    const h = makeWindow('hamming', 8, true);
    expect(h[0]).toBeCloseTo(0.08, 15);
    expect(h[4]).toBeCloseTo(1, 15);
    expect(sum(h)).toBeCloseTo(0.54 * 8, 12);
    expect(Array.from(makeWindow('rect', 4))).toEqual([1, 1, 1, 1]);
  });
});
