/**
 * Fitting and evaluation steps on lists of examples: weighting, L2 selection on a validation split,
 * leave-one-group-out evaluation for the handful of real clips.
 */
import { classificationReport, type ClassificationReport } from './metrics.ts';
import { CLASS_LABELS, NO_SHIP_LABEL } from './labels.ts';
import {
  argmax,
  balancedClassWeights,
  predictProba,
  trainSoftmaxRegression,
  type LabelledMatrix,
  type SoftmaxModel,
} from './softmax-regression.ts';

/** The fields of an example that fitting and evaluation need. */
export interface LabelledFeatures {
  features: Float32Array;
  label: number;
  group: string;
}

export interface FitOptions {
  l2: number;
  /** Extra weight per row of real clips (group not starting with 'sim:'), on top of class balancing. */
  realWeight: number;
  projection?: Float64Array;
  maxIterations?: number;
}

export interface Prediction {
  truth: number;
  predicted: number;
  probs: Float64Array;
  group: string;
}

const N_CLASSES = CLASS_LABELS.length;

/** Stacks feature vectors into a Float64 design matrix. */
export function toMatrix(examples: readonly LabelledFeatures[]): LabelledMatrix {
  const nFeatures = examples[0]?.features.length ?? 0;
  const x = new Float64Array(examples.length * nFeatures);
  examples.forEach((e, i) => x.set(e.features, i * nFeatures));
  return { x, y: Int32Array.from(examples, (e) => e.label), nRows: examples.length, nFeatures };
}

/** Class-balanced row weights, with real-clip rows multiplied by `realWeight`. */
export function rowWeights(examples: readonly LabelledFeatures[], realWeight: number): Float64Array {
  const w = balancedClassWeights(Int32Array.from(examples, (e) => e.label), N_CLASSES);
  examples.forEach((e, i) => {
    if (!e.group.startsWith('sim:')) w[i] *= realWeight;
  });
  return w;
}

/** Fits the softmax regression on `examples`. */
export function fit(examples: readonly LabelledFeatures[], opts: FitOptions): { model: SoftmaxModel; iterations: number; loss: number } {
  return trainSoftmaxRegression(toMatrix(examples), {
    nClasses: N_CLASSES,
    l2: opts.l2,
    sampleWeights: rowWeights(examples, opts.realWeight),
    maxIterations: opts.maxIterations ?? 1000,
    ...(opts.projection ? { projection: opts.projection } : {}),
  });
}

/** Runs the TS forward pass over `examples`. */
export function predictAll(model: SoftmaxModel, examples: readonly LabelledFeatures[]): Prediction[] {
  return examples.map((e) => {
    const probs = predictProba(model, e.features);
    return { truth: e.label, predicted: argmax(probs), probs, group: e.group };
  });
}

/** Metrics of a list of predictions. */
export function report(predictions: readonly Prediction[]): ClassificationReport {
  return classificationReport(
    predictions.map((p) => p.truth),
    predictions.map((p) => p.predicted),
    [...CLASS_LABELS],
    NO_SHIP_LABEL,
  );
}

export interface L2Score {
  l2: number;
  /** Macro F1 of the out-of-fold predictions. */
  macroF1: number;
  accuracy: number;
}

/** Assigns each group to one of `folds` folds (groups in sorted order, round-robin): deterministic. */
export function groupFolds(examples: readonly LabelledFeatures[], folds: number): number[] {
  const groups = [...new Set(examples.map((e) => e.group))].sort();
  const foldOf = new Map(groups.map((g, i) => [g, i % folds]));
  return examples.map((e) => foldOf.get(e.group)!);
}

/**
 * Picks the L2 strength by grouped k-fold cross-validation (whole scenarios per fold): the macro F1 of
 * all out-of-fold predictions; ties go to the stronger penalty.
 */
export function selectL2(
  examples: readonly LabelledFeatures[],
  grid: readonly number[],
  base: Omit<FitOptions, 'l2'>,
  folds = 5,
): { best: number; scores: L2Score[] } {
  const fold = groupFolds(examples, folds);
  const scores = grid.map((l2) => {
    const predictions: Prediction[] = [];
    for (let k = 0; k < folds; k++) {
      const { model } = fit(examples.filter((_, i) => fold[i] !== k), { ...base, l2 });
      predictions.push(...predictAll(model, examples.filter((_, i) => fold[i] === k)));
    }
    const r = report(predictions);
    return { l2, macroF1: r.macroF1, accuracy: r.accuracy };
  });
  const best = scores.reduce((a, b) => (b.macroF1 > a.macroF1 + 1e-12 || (Math.abs(b.macroF1 - a.macroF1) <= 1e-12 && b.l2 > a.l2) ? b : a));
  return { best: best.l2, scores };
}

/**
 * Leave-one-group-out: for each group of `heldOut`, fits on `always` plus the other groups and predicts
 * that group. Used for the real clips, which are too few for a fixed split.
 */
export function leaveOneGroupOut(
  always: readonly LabelledFeatures[],
  heldOut: readonly LabelledFeatures[],
  opts: FitOptions,
): Prediction[] {
  const groups = [...new Set(heldOut.map((e) => e.group))];
  return groups.flatMap((g) => {
    const { model } = fit([...always, ...heldOut.filter((e) => e.group !== g)], opts);
    return predictAll(
      model,
      heldOut.filter((e) => e.group === g),
    );
  });
}
