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
import type { Uncertainty } from '../../shared/domain.ts';
import { checkedRows, entropyBits, meanOf, normalised } from '../../shared/disagreement.ts';

// The generic entropy and disagreement maths lives in src/shared so the renderer computes the same numbers.
export { argmax, disagreement, entropyBits, meanOf, mutualInformationBits, type Disagreement } from '../../shared/disagreement.ts';

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

/** Per-class population variance over rows. */
export function varianceOf(rows: readonly ArrayLike<number>[], mean: readonly number[]): number[] {
  const variance = new Array<number>(mean.length).fill(0);
  for (const row of rows) for (let k = 0; k < mean.length; k++) variance[k] += (row[k] - mean[k]) ** 2;
  return variance.map((v) => v / rows.length);
}

/** Summary of multi-class output: one deterministic pass or T ≥ 2 Monte-Carlo passes. */
export function summarizeMultiClass(passes: readonly ArrayLike<number>[]): PredictionSummary {
  const rows = checkedRows(passes).map(normalised);
  const probs = meanOf(rows);
  const k = probs.length;
  const entropy = entropyBits(probs);
  const uncertainty: UncertaintySummary = { entropy, entropyNorm: entropy / Math.log2(k), margin: topMargin(probs) };
  return withPassSpread(rows, probs, uncertainty, entropyBits);
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
  return withPassSpread(rows, probs, uncertainty, (row) => sum(row.map(bernoulliEntropyBits)));
}

/**
 * Adds what only several passes can tell: aleatoric = mean entropy of the single passes, epistemic =
 * total − aleatoric (the mutual information, clamped at 0 against rounding), per-class variance.
 * One pass returns the summary unchanged.
 */
function withPassSpread(
  rows: readonly number[][],
  probs: number[],
  uncertainty: UncertaintySummary,
  passEntropy: (row: number[]) => number,
): PredictionSummary {
  if (rows.length === 1) return { probs, uncertainty };
  const aleatoric = sum(rows.map(passEntropy)) / rows.length;
  return {
    probs,
    uncertainty: {
      ...uncertainty,
      aleatoric,
      epistemic: Math.max(0, uncertainty.entropy - aleatoric),
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

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}

function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
