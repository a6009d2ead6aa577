/**
 * The model-card metrics of one model on one labelled set: accuracy, per-class F1, vessel-vs-no-vessel
 * balanced accuracy and expected calibration error.
 *
 * Multi-class models predict argmax p̄ over A–E. A multi-label model (one sigmoid per ship class A–D) is turned
 * into the same single decision — the most probable ship class when any reaches its threshold, else E (no ship) —
 * so its accuracy, F1 and vessel balanced accuracy compare directly with the others; its calibration is scored
 * per (window, class) as binary predictions, the quantity each sigmoid claims.
 */
import { classificationReport, type ClassificationReport } from '../baseline/metrics.ts';
import { CLASS_IDS } from '../recipes.ts';

const NO_SHIP = 4;
const BINS = 10;

/** One scored window: truth (class index 0–4 into A–E) and the model's mean probabilities in model order. */
export interface ScoredWindow {
  truth: number;
  probs: readonly number[];
}

export interface SetMetrics extends ClassificationReport {
  /** Expected calibration error, 10 equal-width confidence bins (top label; per class and window for multi-label). */
  ece: number;
}

/** Σ_b (n_b / N)·|accuracy_b − confidence_b| over equal-width confidence bins; NaN without rows. */
export function expectedCalibrationError(confidence: readonly number[], correct: readonly boolean[], bins = BINS): number {
  if (confidence.length === 0) return Number.NaN;
  const n = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  const hits = new Array<number>(bins).fill(0);
  confidence.forEach((c, i) => {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(c * bins)));
    n[b]++;
    conf[b] += c;
    if (correct[i]) hits[b]++;
  });
  return n.reduce((sum, count, b) => (count ? sum + Math.abs(hits[b] - conf[b]) / confidence.length : sum), 0);
}

function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** The single decision of a multi-label output over A–D: the most probable class at or above threshold, else E. */
export function multiLabelDecision(probs: readonly number[], threshold = 0.5): number {
  const best = argmax(probs);
  return probs[best] >= threshold ? best : NO_SHIP;
}

/** Metrics of a multi-class model (probabilities over A–E). */
export function multiClassMetrics(windows: readonly ScoredWindow[]): SetMetrics {
  const predicted = windows.map((w) => argmax(w.probs));
  const report = classificationReport(windows.map((w) => w.truth), predicted, [...CLASS_IDS], 'E');
  const confidence = windows.map((w) => Math.max(...w.probs));
  return { ...report, ece: expectedCalibrationError(confidence, predicted.map((p, i) => p === windows[i].truth)) };
}

/** Metrics of a multi-label model (probabilities over A–D) on single-label windows. */
export function multiLabelMetrics(windows: readonly ScoredWindow[], threshold = 0.5): SetMetrics {
  const predicted = windows.map((w) => multiLabelDecision(w.probs, threshold));
  const report = classificationReport(windows.map((w) => w.truth), predicted, [...CLASS_IDS], 'E');
  const confidence: number[] = [];
  const correct: boolean[] = [];
  for (const w of windows) {
    w.probs.forEach((p, k) => {
      confidence.push(Math.max(p, 1 - p));
      correct.push(p >= threshold === (w.truth === k));
    });
  }
  return { ...report, ece: expectedCalibrationError(confidence, correct) };
}

/** Dispatch on the task. */
export function setMetrics(task: 'multi-class' | 'multi-label', windows: readonly ScoredWindow[]): SetMetrics {
  return task === 'multi-class' ? multiClassMetrics(windows) : multiLabelMetrics(windows);
}

/** Per-class F1 of a multi-label model on multi-hot targets (null = target unknown, ignored). */
export function multiLabelClassF1(rows: readonly { probs: readonly number[]; targets: readonly (0 | 1 | null)[] }[], threshold = 0.5): number[] {
  const k = rows[0]?.targets.length ?? 0;
  return Array.from({ length: k }, (_, c) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const r of rows) {
      const t = r.targets[c];
      if (t === null) continue;
      const on = r.probs[c] >= threshold;
      if (on && t === 1) tp++;
      else if (on) fp++;
      else if (t === 1) fn++;
    }
    return tp + fp + fn ? (2 * tp) / (2 * tp + fp + fn) : Number.NaN;
  });
}
