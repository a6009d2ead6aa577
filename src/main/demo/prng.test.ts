import { describe, expect, it } from 'vitest';
import { Rng, SmoothNoise, seedOf } from './prng.ts';

describe('Rng', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = Array.from({ length: 5 }, ((r) => () => r.next())(new Rng(7)));
    const b = Array.from({ length: 5 }, ((r) => () => r.next())(new Rng(7)));
    const c = Array.from({ length: 5 }, ((r) => () => r.next())(new Rng(8)));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('draws normals with mean 0 and unit variance', () => {
    const r = new Rng(1);
    const xs = Array.from({ length: 20000 }, () => r.normal());
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(variance).toBeGreaterThan(0.95);
    expect(variance).toBeLessThan(1.05);
  });

  it('mixes keys into distinct seeds, including negative and 2^40-sized integers', () => {
    const seeds = new Set([seedOf(1, 'a', 0), seedOf(1, 'a', 1), seedOf(1, 'b', 0), seedOf(1, 'a', -1), seedOf(1, 'a', 2 ** 40)]);
    expect(seeds.size).toBe(5);
    expect(seedOf(3, 'x', 12)).toBe(seedOf(3, 'x', 12));
  });
});

describe('SmoothNoise', () => {
  it('has an integral whose derivative is its value', () => {
    const n = new SmoothNoise(new Rng(3), 20);
    for (const t of [0, 13.3, 1000.5, -50]) {
      const h = 1e-3;
      const derivative = (n.integral(t + h) - n.integral(t - h)) / (2 * h);
      expect(derivative).toBeCloseTo(n.value(t), 5);
    }
  });

  it('has roughly unit variance over long spans', () => {
    const n = new SmoothNoise(new Rng(4), 5);
    const xs = Array.from({ length: 20000 }, (_, i) => n.value(i * 0.7));
    const variance = xs.reduce((s, x) => s + x * x, 0) / xs.length;
    expect(variance).toBeGreaterThan(0.7);
    expect(variance).toBeLessThan(1.3);
  });
});
