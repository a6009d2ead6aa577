/**
 * Classification scores from counts, with scikit-learn's conventions (so an independent recomputation
 * with sklearn agrees to rounding): undefined precision/recall count as 0 inside averages
 * (zero_division=0); multi-class macro/weighted averages run over the classes present in the truth or
 * the predictions (sklearn's labels=None); multi-label averages run over every class of the model.
 * Per-class values that are undefined are reported as null.
 */
import type { ClassScore, Scores } from '../../shared/metrics.ts';

/** Per-class counts: true positives, false positives, false negatives (support = tp + fn). */
export interface ClassCounts {
  tp: number;
  fp: number;
  fn: number;
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

/** Precision, recall, F1 and support of one class; undefined parts are null. */
export function classScore(classId: string, c: ClassCounts): ClassScore {
  const precision = ratio(c.tp, c.tp + c.fp);
  const recall = ratio(c.tp, c.tp + c.fn);
  const p = precision ?? 0;
  const r = recall ?? 0;
  const f1 = precision === null && recall === null ? null : p + r > 0 ? (2 * p * r) / (p + r) : 0;
  return { classId, precision, recall, f1, support: c.tp + c.fn };
}

/** Macro, weighted and micro averages over `counts` (the classes to average over), plus accuracy. */
export function averageScores(classes: readonly string[], counts: readonly ClassCounts[], accuracy: number | null, samples: number): Scores {
  const scores = counts.map((c, i) => classScore(classes[i], c));
  const zero = (v: number | null) => v ?? 0;
  const n = scores.length;
  const support = scores.reduce((s, c) => s + c.support, 0);
  const macro = (k: 'precision' | 'recall' | 'f1') => (n > 0 ? scores.reduce((s, c) => s + zero(c[k]), 0) / n : null);
  const weighted = (k: 'precision' | 'recall' | 'f1') => (support > 0 ? scores.reduce((s, c) => s + zero(c[k]) * c.support, 0) / support : null);
  const tp = counts.reduce((s, c) => s + c.tp, 0);
  const fp = counts.reduce((s, c) => s + c.fp, 0);
  const fn = counts.reduce((s, c) => s + c.fn, 0);
  const micro = classScore('micro', { tp, fp, fn });
  return {
    accuracy,
    precisionMacro: macro('precision'), recallMacro: macro('recall'), f1Macro: macro('f1'),
    precisionWeighted: weighted('precision'), recallWeighted: weighted('recall'), f1Weighted: weighted('f1'),
    precisionMicro: micro.precision === null ? (n > 0 ? 0 : null) : micro.precision,
    recallMicro: micro.recall === null ? (n > 0 ? 0 : null) : micro.recall,
    f1Micro: micro.f1 === null ? (n > 0 ? 0 : null) : micro.f1,
    support: samples,
  };
}

/** A k × k confusion matrix (rows true, columns predicted) as a flat row-major array. */
export type Confusion = Int32Array | Float64Array;

/** Per-class counts of a multi-class confusion matrix. */
export function countsOfConfusion(m: Confusion, k: number): ClassCounts[] {
  return Array.from({ length: k }, (_, c) => {
    let row = 0;
    let col = 0;
    for (let j = 0; j < k; j++) {
      row += m[c * k + j];
      col += m[j * k + c];
    }
    const tp = m[c * k + c];
    return { tp, fp: col - tp, fn: row - tp };
  });
}

/** Multi-class scores of a confusion matrix over `classes` (sklearn labels=None for the averages). */
export function multiClassScores(m: Confusion, classes: readonly string[]): { overall: Scores; perClass: ClassScore[] } {
  const k = classes.length;
  const counts = countsOfConfusion(m, k);
  let n = 0;
  let correct = 0;
  for (let c = 0; c < k; c++) {
    correct += m[c * k + c];
    for (let j = 0; j < k; j++) n += m[c * k + j];
  }
  const present = counts.map((c, i) => ({ c, i })).filter(({ c }) => c.tp + c.fn + c.fp > 0);
  const overall = averageScores(present.map((p) => classes[p.i]), present.map((p) => p.c), n > 0 ? correct / n : null, n);
  return { overall, perClass: counts.map((c, i) => classScore(classes[i], c)) };
}

/** Per-class counts and exact-match tally of a multi-label evaluation. */
export interface MultiLabelTally {
  counts: ClassCounts[];
  /** Rows whose predicted set equals the true set. */
  exact: number;
  rows: number;
  /** Sum over rows of the per-row F1 (sklearn's samples average, zero_division=0). */
  samplesF1: number;
}

/** An empty tally over k classes. */
export function emptyTally(k: number): MultiLabelTally {
  return { counts: Array.from({ length: k }, () => ({ tp: 0, fp: 0, fn: 0 })), exact: 0, rows: 0, samplesF1: 0 };
}

/** Adds (sign 1) or removes (sign −1) one row: `truth` and `pred` are bit masks over the model's classes (bit i = class i). */
export function addMultiLabelRow(t: MultiLabelTally, truth: number, pred: number, sign = 1): void {
  let tp = 0;
  let size = 0;
  t.counts.forEach((c, i) => {
    const inT = (truth >> i) & 1;
    const inP = (pred >> i) & 1;
    if (inT && inP) c.tp += sign;
    else if (inP) c.fp += sign;
    else if (inT) c.fn += sign;
    tp += inT & inP;
    size += inT + inP;
  });
  t.rows += sign;
  if (truth === pred) t.exact += sign;
  if (size > 0) t.samplesF1 += (sign * 2 * tp) / size;
}

/** Adds every count of `from` into `into`. */
export function mergeTally(into: MultiLabelTally, from: MultiLabelTally): void {
  from.counts.forEach((c, i) => {
    into.counts[i].tp += c.tp;
    into.counts[i].fp += c.fp;
    into.counts[i].fn += c.fn;
  });
  into.rows += from.rows;
  into.exact += from.exact;
  into.samplesF1 += from.samplesF1;
}

/** Multi-label scores over every class of the model. */
export function multiLabelScores(t: MultiLabelTally, classes: readonly string[]): { overall: Scores; perClass: ClassScore[]; samplesF1: number | null } {
  const overall = averageScores(classes, t.counts, t.rows > 0 ? t.exact / t.rows : null, t.rows);
  return { overall, perClass: t.counts.map((c, i) => classScore(classes[i], c)), samplesF1: t.rows > 0 ? t.samplesF1 / t.rows : null };
}
