import { describe, expect, it } from 'vitest';
import { createRng } from './prng.ts';
import { levelProjection } from './level-projection.ts';
import { fitStandardizer, foldProjection, predictProba, projectMatrix, projectRow, trainSoftmaxRegression, type LabelledMatrix } from './softmax-regression.ts';

const N_BANDS = 4;

/** Rows of [4 band means, 4 band stds] where the class sets the spectral shape and each row has a random gain. */
function spectra(n: number, seed: number): LabelledMatrix {
  const rng = createRng(seed);
  const x = new Float64Array(n * 8);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 2;
    const gain = -80 + 60 * rng();
    for (let b = 0; b < N_BANDS; b++) {
      x[i * 8 + b] = gain + (y[i] === 0 ? -3 * b : 3 * b) + rng();
      x[i * 8 + N_BANDS + b] = 2 + rng();
    }
  }
  return { x, y, nRows: n, nFeatures: 8 };
}

describe('levelProjection', () => {
  it('removes a common gain from the band means and leaves the stds alone', () => {
    const p = levelProjection(N_BANDS);
    const x = [-60, -50, -70, -40, 3, 4, 5, 6];
    const louder = x.map((v, i) => (i < N_BANDS ? v + 17 : v));
    const u = projectRow(x, p, 8);
    const v = projectRow(louder, p, 8);
    for (let i = 0; i < 8; i++) expect(v[i]).toBeCloseTo(u[i], 10);
    expect(Array.from(u)).toEqual([-5, 5, -15, 15, 3, 4, 5, 6]);
  });
});

describe('training with a folded projection', () => {
  it('gives the same probabilities as the unfolded model on projected features', () => {
    const data = spectra(60, 1);
    const p = levelProjection(N_BANDS);
    const folded = trainSoftmaxRegression(data, { nClasses: 2, l2: 0.01, projection: p }).model;
    const unfolded = trainSoftmaxRegression(projectMatrix(data, p), { nClasses: 2, l2: 0.01 }).model;
    for (let i = 0; i < 10; i++) {
      const row = data.x.subarray(i * 8, i * 8 + 8);
      const a = predictProba(folded, row);
      const b = predictProba(unfolded, projectRow(row, p, 8));
      expect(a[0]).toBeCloseTo(b[0], 10);
    }
  });

  it('makes the folded model blind to gain and still separates spectral shapes', () => {
    const data = spectra(80, 2);
    const model = trainSoftmaxRegression(data, { nClasses: 2, l2: 0.01, projection: levelProjection(N_BANDS) }).model;
    const row = Array.from(data.x.subarray(0, 8));
    const louder = row.map((v, i) => (i < N_BANDS ? v + 25 : v));
    expect(predictProba(model, louder)[0]).toBeCloseTo(predictProba(model, row)[0], 9);
    const test = spectra(40, 3);
    let correct = 0;
    for (let i = 0; i < test.nRows; i++) if ((predictProba(model, test.x.subarray(i * 8, i * 8 + 8))[1] > 0.5 ? 1 : 0) === test.y[i]) correct++;
    expect(correct / test.nRows).toBeGreaterThan(0.95);
  });

  it('foldProjection with the identity projection leaves predictions unchanged', () => {
    const data = spectra(30, 4);
    const model = trainSoftmaxRegression(data, { nClasses: 2, l2: 0.1 }).model;
    const identity = new Float64Array(64);
    for (let i = 0; i < 8; i++) identity[i * 9] = 1;
    const same = foldProjection(model, identity, fitStandardizer(data));
    const row = data.x.subarray(0, 8);
    expect(predictProba(same, row)[1]).toBeCloseTo(predictProba(model, row)[1], 12);
  });
});
