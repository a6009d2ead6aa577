import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  bernoulliEntropyBits,
  disagreement,
  entropyBits,
  mutualInformationBits,
  summarizeMultiClass,
  summarizeMultiLabel,
  topMargin,
} from './uncertainty.ts';

/** T passes of K-class distributions with some exact zeros (one-hot-ish) mixed in. */
const passesArb = fc.integer({ min: 2, max: 9 }).chain((k) =>
  fc.array(
    fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-9, max: 1, noNaN: true })), { minLength: k, maxLength: k }),
    { minLength: 1, maxLength: 40 },
  ).map((rows) => rows.map((row) => (row.some((v) => v > 0) ? row : row.map((_, i) => (i === 0 ? 1 : 0))))),
);

describe('entropy and margin', () => {
  it('matches hand values', () => {
    expect(entropyBits([0.5, 0.5])).toBeCloseTo(1, 12);
    expect(entropyBits([0.25, 0.25, 0.25, 0.25])).toBeCloseTo(2, 12);
    expect(entropyBits([1, 0, 0])).toBe(0);
    expect(bernoulliEntropyBits(0.5)).toBeCloseTo(1, 12);
    expect(bernoulliEntropyBits(0)).toBe(0);
    expect(bernoulliEntropyBits(0.1)).toBeCloseTo(0.4689955935892812, 12);
    expect(topMargin([0.1, 0.6, 0.3])).toBeCloseTo(0.3, 12);
    expect(topMargin([0.5, 0.5])).toBe(0);
  });
});

describe('summarizeMultiClass', () => {
  it('gives a deterministic pass only entropy, entropyNorm and margin', () => {
    const s = summarizeMultiClass([[0.7, 0.2, 0.1]]);
    expect(Object.keys(s.uncertainty).sort()).toEqual(['entropy', 'entropyNorm', 'margin']);
    expect(s.uncertainty.entropy).toBeCloseTo(1.1567796494470395, 12);
    expect(s.uncertainty.entropyNorm).toBeCloseTo(1.1567796494470395 / Math.log2(3), 12);
    expect(s.uncertainty.margin).toBeCloseTo(0.5, 12);
  });

  it('normalises by log2(K), not the seed log2(7)', () => {
    const uniform5 = summarizeMultiClass([[0.2, 0.2, 0.2, 0.2, 0.2]]);
    expect(uniform5.uncertainty.entropyNorm).toBeCloseTo(1, 12);
    expect(uniform5.uncertainty.entropy).toBeCloseTo(Math.log2(5), 12);
  });

  it('splits two confident but opposite passes into pure epistemic uncertainty', () => {
    const s = summarizeMultiClass([
      [1, 0],
      [0, 1],
    ]);
    expect(s.probs).toEqual([0.5, 0.5]);
    expect(s.uncertainty.entropy).toBeCloseTo(1, 12);
    expect(s.uncertainty.aleatoric).toBeCloseTo(0, 12);
    expect(s.uncertainty.epistemic).toBeCloseTo(1, 12);
    expect(s.uncertainty.variance).toEqual([0.25, 0.25]);
    expect(s.uncertainty.passes).toBe(2);
  });

  it('gives identical uncertain passes zero epistemic and full aleatoric', () => {
    const s = summarizeMultiClass([
      [0.5, 0.5],
      [0.5, 0.5],
      [0.5, 0.5],
    ]);
    expect(s.uncertainty.epistemic).toBe(0);
    expect(s.uncertainty.aleatoric).toBeCloseTo(1, 12);
    expect(s.uncertainty.variance).toEqual([0, 0]);
  });

  it('accepts Float32Array passes and renormalises float32 rounding', () => {
    const s = summarizeMultiClass([Float32Array.of(0.1, 0.2, 0.70000005), Float32Array.of(0.3, 0.3, 0.4)]);
    expect(s.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    expect(s.probs[2]).toBeCloseTo(0.55, 6);
  });

  it('rejects NaN, ragged rows and empty input', () => {
    expect(() => summarizeMultiClass([[0.5, Number.NaN]])).toThrow(/model returned NaN/);
    expect(() => summarizeMultiClass([[0.5, 0.5], [1]])).toThrow(/differ in length/);
    expect(() => summarizeMultiClass([])).toThrow(/no predictions/);
    expect(() => summarizeMultiClass([[0, 0]])).toThrow(/sum to 0/);
  });

  it('property: 0 ≤ MI ≤ H, entropyNorm ∈ [0, 1], aleatoric + epistemic = entropy', () => {
    fc.assert(
      fc.property(passesArb, (passes) => {
        const { uncertainty: u, probs } = summarizeMultiClass(passes);
        expect(u.entropyNorm).toBeGreaterThanOrEqual(-1e-12);
        expect(u.entropyNorm).toBeLessThanOrEqual(1 + 1e-12);
        expect(u.margin).toBeGreaterThanOrEqual(0);
        expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
        if (passes.length < 2) return;
        const normalised = passes.map((row) => row.map((v) => v / row.reduce((a, b) => a + b, 0)));
        const mi = mutualInformationBits(normalised);
        expect(mi).toBeGreaterThanOrEqual(-1e-12);
        expect(mi).toBeLessThanOrEqual(u.entropy + 1e-12);
        expect(u.epistemic).toBeCloseTo(Math.max(0, mi), 12);
        expect(u.aleatoric! + u.epistemic!).toBeCloseTo(u.entropy, 9);
      }),
      { numRuns: 300 },
    );
  });

  it('property: one-hot → 0 and uniform → 1 for any K', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 64 }), fc.nat(), (k, hot) => {
        const oneHot = Array.from({ length: k }, (_, i) => (i === hot % k ? 1 : 0));
        expect(summarizeMultiClass([oneHot]).uncertainty.entropyNorm).toBe(0);
        expect(summarizeMultiClass([oneHot]).uncertainty.margin).toBe(1);
        const uniform = new Array<number>(k).fill(1 / k);
        expect(summarizeMultiClass([uniform]).uncertainty.entropyNorm).toBeCloseTo(1, 12);
      }),
    );
  });
});

describe('summarizeMultiLabel', () => {
  it('sums per-class Bernoulli entropies and normalises by K', () => {
    const s = summarizeMultiLabel([[0.5, 1, 0.1]]);
    expect(s.uncertainty.labelEntropy![0]).toBeCloseTo(1, 12);
    expect(s.uncertainty.labelEntropy![1]).toBe(0);
    expect(s.uncertainty.entropy).toBeCloseTo(1 + 0.4689955935892812, 12);
    expect(s.uncertainty.entropyNorm).toBeCloseTo((1 + 0.4689955935892812) / 3, 12);
    expect(s.uncertainty.margin).toBeCloseTo(0, 12);
  });

  it('measures margin to per-class thresholds', () => {
    expect(summarizeMultiLabel([[0.9, 0.2]], [0.5, 0.3]).uncertainty.margin).toBeCloseTo(0.1, 12);
  });

  it('splits opposite confident passes into epistemic uncertainty', () => {
    const s = summarizeMultiLabel([
      [1, 0],
      [0, 0],
    ]);
    expect(s.probs).toEqual([0.5, 0]);
    expect(s.uncertainty.aleatoric).toBe(0);
    expect(s.uncertainty.epistemic).toBeCloseTo(1, 12);
  });

  it('property: entropyNorm ∈ [0, 1] and 0 ≤ epistemic ≤ entropy', () => {
    fc.assert(
      fc.property(passesArb, (passes) => {
        const u = summarizeMultiLabel(passes).uncertainty;
        expect(u.entropyNorm).toBeGreaterThanOrEqual(0);
        expect(u.entropyNorm).toBeLessThanOrEqual(1 + 1e-12);
        if (passes.length > 1) expect(u.epistemic!).toBeLessThanOrEqual(u.entropy + 1e-12);
      }),
      { numRuns: 200 },
    );
  });
});

describe('disagreement', () => {
  it('counts votes and the fraction outside the majority', () => {
    const d = disagreement([
      [0.8, 0.1, 0.1],
      [0.6, 0.3, 0.1],
      [0.1, 0.8, 0.1],
    ]);
    expect(d.votes).toEqual([2, 1, 0]);
    expect(d.majority).toBe(0);
    expect(d.disagreement).toBeCloseTo(1 / 3, 12);
    expect(d.jsd).toBeGreaterThan(0);
  });

  it('is zero for agreeing models and maximal for opposite one-hots', () => {
    expect(disagreement([[0.3, 0.7], [0.3, 0.7]]).jsd).toBe(0);
    const opposite = disagreement([[1, 0], [0, 1]]);
    expect(opposite.jsd).toBeCloseTo(1, 12);
    expect(opposite.jsdNorm).toBeCloseTo(1, 12);
    expect(opposite.disagreement).toBe(0.5);
  });

  it('breaks vote ties by summed probability', () => {
    expect(disagreement([[0.9, 0.1], [0.4, 0.6]]).majority).toBe(0);
    expect(disagreement([[0.55, 0.45], [0.1, 0.9]]).majority).toBe(1);
  });

  it('property: jsdNorm ∈ [0, 1]', () => {
    fc.assert(
      fc.property(passesArb, (predictions) => {
        const d = disagreement(predictions);
        expect(d.jsdNorm).toBeGreaterThanOrEqual(0);
        expect(d.jsdNorm).toBeLessThanOrEqual(1 + 1e-9);
        expect(d.votes.reduce((a, b) => a + b, 0)).toBe(predictions.length);
      }),
      { numRuns: 200 },
    );
  });
});
