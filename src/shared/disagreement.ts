/**
 * Entropy helpers and the disagreement between several models on one segment. Pure maths, shared
 * by main (src/main/inference/uncertainty.ts, the `predictions:disagreement` channel) and the
 * renderer's live uncertainty chart, so both compute exactly the same numbers.
 */
import { AppError } from './errors.ts';

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

/**
 * H[mean] − mean H over the rows, in bits, without clamping. By Jensen's inequality it is ≥ 0
 * up to rounding; it is both the MC-dropout mutual information and the generalised JSD.
 */
export function mutualInformationBits(rows: readonly ArrayLike<number>[]): number {
  const expected = rows.reduce((sum, row) => sum + entropyBits(row), 0) / rows.length;
  return entropyBits(meanOf(rows)) - expected;
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

/** Rows must be non-empty, of equal length ≥ 2 and finite; throws AppError otherwise. */
export function checkedRows(rows: readonly ArrayLike<number>[]): readonly ArrayLike<number>[] {
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
export function normalised(row: ArrayLike<number>): number[] {
  const clean = Array.from(row, (v) => Math.max(0, v));
  const total = clean.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new AppError('MODEL_FAILED', 'class probabilities sum to 0');
  return clean.map((v) => v / total);
}

/** One model's multi-class call on a segment, in workstation class ids. */
export interface ModelCall {
  readonly classes: readonly string[];
  readonly probs: readonly number[];
}

/**
 * Disagreement of several models' calls on one segment, aligned on the union of their class ids
 * (a class a model does not know counts as probability 0 for it). Undefined for fewer than 2 calls.
 */
export function callsDisagreement(calls: readonly ModelCall[]): (Disagreement & { classes: string[] }) | undefined {
  if (calls.length < 2) return undefined;
  const classes = [...new Set(calls.flatMap((c) => c.classes))].sort();
  const rows = calls.map((c) => classes.map((id) => c.probs[c.classes.indexOf(id)] ?? 0));
  return { ...disagreement(rows), classes };
}
