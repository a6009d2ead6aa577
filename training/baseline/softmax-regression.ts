/**
 * Multinomial logistic (softmax) regression with per-feature standardisation, in plain Float64 math.
 *
 * The fitted model is exactly what the ONNX graph computes:
 *   z = (x − mean) · invStd;  logits = z·W + b;  probs = softmax(logits).
 * An optional fixed linear projection P of the raw features (fit in the space u = x·P) is folded into W
 * after training, so it costs nothing at inference and needs no extra graph node.
 */
import { minimizeLbfgs } from './lbfgs.ts';

/** Row-major design matrix: `x[i * nFeatures + j]`. */
export interface LabelledMatrix {
  x: Float64Array;
  /** Class index per row, 0..nClasses−1. */
  y: Int32Array;
  nRows: number;
  nFeatures: number;
}

export interface Standardizer {
  mean: Float64Array;
  invStd: Float64Array;
}

export interface SoftmaxModel {
  nFeatures: number;
  nClasses: number;
  standardizer: Standardizer;
  /** W[j][c] at `weights[j * nClasses + c]`, in standardised feature space. */
  weights: Float64Array;
  bias: Float64Array;
}

export interface TrainOptions {
  nClasses: number;
  /** L2 penalty on the weights (not the bias), per unit of total sample weight. */
  l2: number;
  /** Weight per row (e.g. inverse class frequency); defaults to 1. */
  sampleWeights?: Float64Array;
  maxIterations?: number;
  onIteration?: (iteration: number, loss: number, gradNorm: number) => void;
}

/** Mean and 1/std of each column; near-constant columns get invStd 1 rather than a huge gain. */
export function fitStandardizer(data: LabelledMatrix): Standardizer {
  const { x, nRows, nFeatures } = data;
  const mean = new Float64Array(nFeatures);
  const invStd = new Float64Array(nFeatures);
  for (let i = 0; i < nRows; i++) for (let j = 0; j < nFeatures; j++) mean[j] += x[i * nFeatures + j];
  for (let j = 0; j < nFeatures; j++) mean[j] /= Math.max(1, nRows);
  for (let i = 0; i < nRows; i++) {
    for (let j = 0; j < nFeatures; j++) invStd[j] += (x[i * nFeatures + j] - mean[j]) ** 2;
  }
  for (let j = 0; j < nFeatures; j++) {
    const std = Math.sqrt(invStd[j] / Math.max(1, nRows));
    invStd[j] = std > 1e-6 ? 1 / std : 1;
  }
  return { mean, invStd };
}

/** Applies a standardiser, returning a new matrix. */
export function standardize(data: LabelledMatrix, s: Standardizer): LabelledMatrix {
  const x = new Float64Array(data.x.length);
  for (let i = 0; i < data.nRows; i++) {
    for (let j = 0; j < data.nFeatures; j++) {
      const k = i * data.nFeatures + j;
      x[k] = (data.x[k] - s.mean[j]) * s.invStd[j];
    }
  }
  return { ...data, x };
}

/** Numerically stable softmax of `logits` written into `out`. */
export function softmaxInto(logits: Float64Array, out: Float64Array): void {
  let max = -Infinity;
  for (let c = 0; c < logits.length; c++) max = Math.max(max, logits[c]);
  let sum = 0;
  for (let c = 0; c < logits.length; c++) {
    out[c] = Math.exp(logits[c] - max);
    sum += out[c];
  }
  for (let c = 0; c < logits.length; c++) out[c] /= sum;
}

function rowLogits(x: Float64Array, row: number, nFeatures: number, params: Float64Array, nClasses: number, out: Float64Array): void {
  const biasOffset = nFeatures * nClasses;
  for (let c = 0; c < nClasses; c++) out[c] = params[biasOffset + c];
  for (let j = 0; j < nFeatures; j++) {
    const v = x[row * nFeatures + j];
    if (v === 0) continue;
    for (let c = 0; c < nClasses; c++) out[c] += v * params[j * nClasses + c];
  }
}

/**
 * Weighted mean cross-entropy + (l2/2)·‖W‖² of the parameter vector [W (nFeatures·nClasses), b (nClasses)]
 * on already-standardised data; writes the gradient into `grad`.
 */
export function lossAndGradient(params: Float64Array, grad: Float64Array, data: LabelledMatrix, opts: TrainOptions): number {
  const { nClasses, l2 } = opts;
  const { x, y, nRows, nFeatures } = data;
  const biasOffset = nFeatures * nClasses;
  const logits = new Float64Array(nClasses);
  const probs = new Float64Array(nClasses);
  grad.fill(0);
  let loss = 0;
  let totalWeight = 0;
  for (let i = 0; i < nRows; i++) {
    const w = opts.sampleWeights ? opts.sampleWeights[i] : 1;
    totalWeight += w;
    rowLogits(x, i, nFeatures, params, nClasses, logits);
    softmaxInto(logits, probs);
    loss -= w * Math.log(Math.max(probs[y[i]], 1e-300));
    probs[y[i]] -= 1; // dLoss/dlogits = p − onehot
    for (let c = 0; c < nClasses; c++) grad[biasOffset + c] += w * probs[c];
    for (let j = 0; j < nFeatures; j++) {
      const v = x[i * nFeatures + j];
      if (v === 0) continue;
      for (let c = 0; c < nClasses; c++) grad[j * nClasses + c] += w * v * probs[c];
    }
  }
  const norm = 1 / Math.max(totalWeight, 1e-12);
  loss *= norm;
  for (let k = 0; k < grad.length; k++) grad[k] *= norm;
  for (let k = 0; k < biasOffset; k++) {
    loss += 0.5 * l2 * params[k] * params[k];
    grad[k] += l2 * params[k];
  }
  return loss;
}

/** Fits standardiser → softmax regression with L-BFGS from a zero start (deterministic), optionally on x·P. */
export function trainSoftmaxRegression(
  raw: LabelledMatrix,
  opts: TrainOptions & { projection?: Float64Array },
): { model: SoftmaxModel; iterations: number; loss: number } {
  const data = opts.projection ? projectMatrix(raw, opts.projection) : raw;
  const standardizer = fitStandardizer(data);
  const z = standardize(data, standardizer);
  const nParams = (data.nFeatures + 1) * opts.nClasses;
  const result = minimizeLbfgs((p, g) => lossAndGradient(p, g, z, opts), new Float64Array(nParams), {
    maxIterations: opts.maxIterations ?? 500,
    onIteration: opts.onIteration,
  });
  const split = data.nFeatures * opts.nClasses;
  const fitted: SoftmaxModel = {
    nFeatures: data.nFeatures,
    nClasses: opts.nClasses,
    standardizer,
    weights: result.params.slice(0, split),
    bias: result.params.slice(split),
  };
  const model = opts.projection ? foldProjection(fitted, opts.projection, fitStandardizer(raw)) : fitted;
  return { model, iterations: result.iterations, loss: result.value };
}

/**
 * Rewrites a model fitted on u = x·P as a model on raw x with the raw standardiser (μ, σ):
 * ((xP − μP)·s)W + b = ((x − μ)/σ) · diag(σ)·P·diag(s)·W + b, since the projected mean is μP.
 */
export function foldProjection(fitted: SoftmaxModel, projection: Float64Array, rawStandardizer: Standardizer): SoftmaxModel {
  const { nFeatures: n, nClasses: k, standardizer: s, weights } = fitted;
  const folded = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const rawStd = 1 / rawStandardizer.invStd[i];
    for (let j = 0; j < n; j++) {
      const pij = projection[i * n + j];
      if (pij === 0) continue;
      const f = rawStd * pij * s.invStd[j];
      for (let c = 0; c < k; c++) folded[i * k + c] += f * weights[j * k + c];
    }
  }
  return { nFeatures: n, nClasses: k, standardizer: rawStandardizer, weights: folded, bias: fitted.bias };
}

/** u = x·P for one row. */
export function projectRow(x: ArrayLike<number>, projection: Float64Array, n: number): Float64Array {
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (v === 0) continue;
    for (let j = 0; j < n; j++) u[j] += v * projection[i * n + j];
  }
  return u;
}

/** Applies a projection to every row of a matrix. */
export function projectMatrix(data: LabelledMatrix, projection: Float64Array): LabelledMatrix {
  const n = data.nFeatures;
  const x = new Float64Array(data.x.length);
  for (let r = 0; r < data.nRows; r++) x.set(projectRow(data.x.subarray(r * n, (r + 1) * n), projection, n), r * n);
  return { ...data, x };
}

/** Class probabilities for one raw (unstandardised) feature vector: the reference forward pass. */
export function predictProba(model: SoftmaxModel, features: ArrayLike<number>): Float64Array {
  const { nFeatures, nClasses, standardizer, weights, bias } = model;
  const logits = Float64Array.from(bias);
  for (let j = 0; j < nFeatures; j++) {
    const z = (features[j] - standardizer.mean[j]) * standardizer.invStd[j];
    for (let c = 0; c < nClasses; c++) logits[c] += z * weights[j * nClasses + c];
  }
  const probs = new Float64Array(nClasses);
  softmaxInto(logits, probs);
  return probs;
}

/** Index of the largest value. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** Inverse-frequency weights normalised so the mean row weight is 1 ("balanced" class weighting). */
export function balancedClassWeights(y: Int32Array, nClasses: number): Float64Array {
  const counts = new Float64Array(nClasses);
  for (const label of y) counts[label]++;
  const present = counts.filter((c) => c > 0).length;
  const weights = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) weights[i] = y.length / (present * counts[y[i]]);
  return weights;
}
