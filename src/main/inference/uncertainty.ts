/**
 * Uncertainty statistics for one segment's prediction(s). Pure functions, no I/O.
 *
 * Multi-class, T Monte-Carlo passes p_t over K classes, p̄ = mean_t p_t, H = Shannon entropy in bits:
 *   entropy     H[p̄]                      (predictive entropy, total uncertainty)
 *   entropyNorm H[p̄] / log2(K)            (0 … 1; the seed divided by log2(2 XOR 5) = log2(7), a bug)
 *   aleatoric   E_t H[p_t]                  (expected entropy)
 *   epistemic   H[p̄] − E_t H[p_t]          (mutual information between prediction and weights, ≥ 0)
 *   margin      top1(p̄) − top2(p̄)
 *   variance    Var_t p_t,k per class       (population variance; the seed's `var` summed these)
 *
 * Multi-label treats each class as an independent Bernoulli label (see summarizeMultiLabel).
 */
import { AppError } from '../../shared/errors.ts';
import type { Uncertainty } from '../../shared/domain.ts';

/** `uncertaintySchema` plus per-class detail the shared schema does not carry (extra keys are stripped there). */
export interface UncertaintySummary extends Uncertainty {
  /** Population variance of each class probability over the passes (MC models only). */
  variance?: number[];
  /** Multi-label only: Bernoulli entropy of each class's mean probability, bits. */
  labelEntropy?: number[];
}

/** Mean probabilities (manifest class order) and their uncertainty. */
export interface PredictionSummary {
  probs: number[];
  uncertainty: UncertaintySummary;
}

/** How much several models disagree on one segment. */
export interface Disagreement {
  /** Index of the class most models vote for (ties → the larger summed probability). */
  majority: number;
  /** Number of models voting for each class (argmax). */
  votes: number[];
  /** Fraction of models not voting the majority class: 0 … (M−1)/M. */
  disagreement: number;
  /** Generalised Jensen–Shannon divergence H[mean] − mean H, bits. */
  jsd: number;
  /** jsd / log2(min(M, K)), its upper bound: 0 … 1. */
  jsdNorm: number;
}

/** Shannon entropy −Σ p·log2 p in bits (0·log 0 = 0; no epsilon fudge). */
export function entropyBits(p: ArrayLike<number>): number {
  let h = 0;
  for (let k = 0; k < p.length; k++) {
    const v = p[k];
    if (v > 0) h -= v * Math.log2(v);
  }
  return h;
}

/** Entropy of a Bernoulli(p) variable in bits: 0 at p ∈ {0, 1}, 1 at p = 0.5. */
export function bernoulliEntropyBits(p: number): number {
  const q = clamp01(p);
  return entropyBits([q, 1 - q]);
}

/** Difference between the largest and second-largest value. */
export function topMargin(p: ArrayLike<number>): number {
  let first = -Infinity;
  let second = -Infinity;
  for (let k = 0; k < p.length; k++) {
    const v = p[k];
    if (v > first) [first, second] = [v, first];
    else if (v > second) second = v;
  }
  return first - second;
}

/** Index of the largest value (first on ties). */
export function argmax(p: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
  return best;
}

/** Per-class mean over rows. */
export function meanOf(rows: readonly ArrayLike<number>[]): number[] {
  const mean = new Array<number>(rows[0].length).fill(0);
  for (const row of rows) for (let k = 0; k < mean.length; k++) mean[k] += row[k];
  return mean.map((v) => v / rows.length);
}

/** Per-class population variance over rows. */
export function varianceOf(rows: readonly ArrayLike<number>[], mean: readonly number[]): number[] {
  const variance = new Array<number>(mean.length).fill(0);
  for (const row of rows) for (let k = 0; k < mean.length; k++) variance[k] += (row[k] - mean[k]) ** 2;
  return variance.map((v) => v / rows.length);
}

/**
 * H[mean] − mean H over the rows, in bits, without clamping. By Jensen's inequality it is ≥ 0
 * up to rounding; it is both the MC-dropout mutual information and the generalised JSD.
 */
export function mutualInformationBits(rows: readonly ArrayLike<number>[]): number {
  const expected = rows.reduce((sum, row) => sum + entropyBits(row), 0) / rows.length;
  return entropyBits(meanOf(rows)) - expected;
}

/** Summary of multi-class output: one deterministic pass or T ≥ 2 Monte-Carlo passes. */
export function summarizeMultiClass(passes: readonly ArrayLike<number>[]): PredictionSummary {
  const rows = checkedRows(passes).map(normalised);
  const probs = meanOf(rows);
  const k = probs.length;
  const entropy = entropyBits(probs);
  const uncertainty: UncertaintySummary = { entropy, entropyNorm: entropy / Math.log2(k), margin: topMargin(probs) };
  if (rows.length === 1) return { probs, uncertainty };
  const aleatoric = rows.reduce((sum, row) => sum + entropyBits(row), 0) / rows.length;
  return {
    probs,
    uncertainty: {
      ...uncertainty,
      aleatoric,
      epistemic: Math.max(0, entropy - aleatoric),
      passes: rows.length,
      variance: varianceOf(rows, probs),
    },
  };
}

/**
 * Summary of multi-label output (independent sigmoid per class).
 *
 * entropy is the SUM of the per-class Bernoulli entropies — the entropy of the whole label
 * vector under independence — so entropyNorm = entropy / K (K bits is its maximum).
 * aleatoric/epistemic are the same sums of expected entropy and mutual information.
 * margin is the distance of the least decided class from its threshold, min_k |p̄_k − t_k|
 * (top1 − top2 means nothing when several labels may be on at once).
 */
export function summarizeMultiLabel(passes: readonly ArrayLike<number>[], thresholds?: readonly number[]): PredictionSummary {
  const rows = checkedRows(passes).map((row) => Array.from(row, clamp01));
  const probs = meanOf(rows);
  const labelEntropy = probs.map(bernoulliEntropyBits);
  const entropy = sum(labelEntropy);
  const margin = Math.min(...probs.map((p, k) => Math.abs(p - (thresholds?.[k] ?? 0.5))));
  const uncertainty: UncertaintySummary = { entropy, entropyNorm: entropy / probs.length, margin, labelEntropy };
  if (rows.length === 1) return { probs, uncertainty };
  const aleatoric = sum(rows.map((row) => sum(row.map(bernoulliEntropyBits)))) / rows.length;
  return {
    probs,
    uncertainty: {
      ...uncertainty,
      aleatoric,
      epistemic: Math.max(0, entropy - aleatoric),
      passes: rows.length,
      variance: varianceOf(rows, probs),
    },
  };
}

/** Dispatches on the manifest's task. */
export function summarize(
  task: 'multi-class' | 'multi-label',
  passes: readonly ArrayLike<number>[],
  thresholds?: readonly number[],
): PredictionSummary {
  return task === 'multi-class' ? summarizeMultiClass(passes) : summarizeMultiLabel(passes, thresholds);
}

/** Disagreement between several models' class distributions for one segment (same class order). */
export function disagreement(predictions: readonly ArrayLike<number>[]): Disagreement {
  const rows = checkedRows(predictions).map(normalised);
  const k = rows[0].length;
  const votes = new Array<number>(k).fill(0);
  for (const row of rows) votes[argmax(row)]++;
  const mean = meanOf(rows);
  const majority = votes.reduce((best, v, i) => (v > votes[best] || (v === votes[best] && mean[i] > mean[best]) ? i : best), 0);
  const jsd = rows.length < 2 ? 0 : Math.max(0, mutualInformationBits(rows));
  return {
    majority,
    votes,
    disagreement: 1 - votes[majority] / rows.length,
    jsd,
    jsdNorm: rows.length < 2 ? 0 : jsd / Math.log2(Math.min(rows.length, k)),
  };
}

function checkedRows(rows: readonly ArrayLike<number>[]): readonly ArrayLike<number>[] {
  if (rows.length === 0) throw new AppError('BAD_REQUEST', 'no predictions to summarise');
  const k = rows[0].length;
  if (k < 2) throw new AppError('BAD_REQUEST', `need at least 2 classes, got ${k}`);
  for (const row of rows) {
    if (row.length !== k) throw new AppError('BAD_REQUEST', `rows differ in length: ${row.length} vs ${k}`);
    for (let i = 0; i < k; i++) {
      if (!Number.isFinite(row[i])) throw new AppError('MODEL_FAILED', `model returned ${row[i]}`);
    }
  }
  return rows;
}

/** Clamps tiny negative rounding to 0 and rescales to sum 1 (float32 softmax sums to 1 ± 1e-7). */
function normalised(row: ArrayLike<number>): number[] {
  const clean = Array.from(row, (v) => Math.max(0, v));
  const total = sum(clean);
  if (!(total > 0)) throw new AppError('MODEL_FAILED', 'class probabilities sum to 0');
  return clean.map((v) => v / total);
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}

function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
