import { describe, expect, it } from 'vitest';
import { createRng } from './prng.ts';
import {
  argmax,
  balancedClassWeights,
  fitStandardizer,
  lossAndGradient,
  predictProba,
  standardize,
  trainSoftmaxRegression,
  type LabelledMatrix,
} from './softmax-regression.ts';
import { minimizeLbfgs } from './lbfgs.ts';

/** Three Gaussian blobs in 4-D with a fixed seed. */
function blobs(nPerClass: number, seed: number): LabelledMatrix {
  const rng = createRng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const centres = [
    [3, 0, 0, 10],
    [0, 3, 0, 10],
    [0, 0, 3, 10],
  ];
  const nRows = nPerClass * 3;
  const x = new Float64Array(nRows * 4);
  const y = new Int32Array(nRows);
  for (let i = 0; i < nRows; i++) {
    y[i] = i % 3;
    for (let j = 0; j < 4; j++) x[i * 4 + j] = centres[y[i]][j] + gauss();
  }
  return { x, y, nRows, nFeatures: 4 };
}

describe('lossAndGradient', () => {
  it('matches central finite differences', () => {
    const data = standardize(blobs(10, 3), fitStandardizer(blobs(10, 3)));
    const rng = createRng(7);
    const params = Float64Array.from({ length: 5 * 3 }, () => rng() - 0.5);
    const weights = Float64Array.from({ length: data.nRows }, () => 0.5 + rng());
    const opts = { nClasses: 3, l2: 0.3, sampleWeights: weights };
    const grad = new Float64Array(params.length);
    lossAndGradient(params, grad, data, opts);
    const scratch = new Float64Array(params.length);
    const h = 1e-6;
    for (let k = 0; k < params.length; k++) {
      const plus = Float64Array.from(params);
      const minus = Float64Array.from(params);
      plus[k] += h;
      minus[k] -= h;
      const numeric = (lossAndGradient(plus, scratch, data, opts) - lossAndGradient(minus, scratch, data, opts)) / (2 * h);
      expect(grad[k]).toBeCloseTo(numeric, 6);
    }
  });

  it('is ln(K) at zero parameters', () => {
    const data = blobs(5, 1);
    const loss = lossAndGradient(new Float64Array(15), new Float64Array(15), data, { nClasses: 3, l2: 1 });
    expect(loss).toBeCloseTo(Math.log(3), 12);
  });
});

describe('minimizeLbfgs', () => {
  it('finds the minimum of a shifted, badly scaled quadratic', () => {
    const target = [1, -2, 3];
    const scale = [1, 100, 0.01];
    const result = minimizeLbfgs((p, g) => {
      let v = 0;
      for (let i = 0; i < 3; i++) {
        const d = p[i] - target[i];
        v += 0.5 * scale[i] * d * d;
        g[i] = scale[i] * d;
      }
      return v;
    }, new Float64Array(3), { gradientTolerance: 1e-10, relativeTolerance: 0 });
    expect(result.converged).toBe(true);
    for (let i = 0; i < 3; i++) expect(result.params[i]).toBeCloseTo(target[i], 6);
  });
});

describe('trainSoftmaxRegression', () => {
  it('separates well-separated blobs and is deterministic', () => {
    const train = blobs(60, 11);
    const test = blobs(40, 12);
    const a = trainSoftmaxRegression(train, { nClasses: 3, l2: 1e-3 });
    const b = trainSoftmaxRegression(train, { nClasses: 3, l2: 1e-3 });
    expect(Array.from(a.model.weights)).toEqual(Array.from(b.model.weights));
    let correct = 0;
    for (let i = 0; i < test.nRows; i++) {
      const p = predictProba(a.model, test.x.subarray(i * 4, i * 4 + 4));
      expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
      if (argmax(p) === test.y[i]) correct++;
    }
    expect(correct / test.nRows).toBeGreaterThan(0.9);
  });

  it('shrinks weights as the L2 penalty grows', () => {
    const train = blobs(30, 5);
    const norm = (l2: number) => trainSoftmaxRegression(train, { nClasses: 3, l2 }).model.weights.reduce((s, w) => s + w * w, 0);
    expect(norm(10)).toBeLessThan(norm(0.01));
  });
});

describe('balancedClassWeights', () => {
  it('gives each present class the same total weight, averaging 1 per row', () => {
    const y = Int32Array.from([0, 0, 0, 1, 2, 2]);
    const w = balancedClassWeights(y, 4);
    expect(w[0] * 3).toBeCloseTo(w[3] * 1, 12);
    expect(w[4] * 2).toBeCloseTo(w[3], 12);
    expect(w.reduce((s, v) => s + v, 0)).toBeCloseTo(6, 12);
  });
});
