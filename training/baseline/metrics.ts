/**
 * Classification metrics for the model card: confusion matrix, per-class P/R/F1, macro F1 and
 * vessel-vs-no-vessel balanced accuracy.
 */

export interface ClassScore {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** Number of true rows of this class. */
  support: number;
}

export interface ClassificationReport {
  labels: string[];
  /** confusion[t][p] = rows with true class t predicted as p. */
  confusion: number[][];
  accuracy: number;
  /** Mean F1 over classes that occur in the truth or the predictions (sklearn convention). */
  macroF1: number;
  perClass: ClassScore[];
  /** Mean of vessel recall and no-vessel recall, treating every class but `noShipLabel` as "vessel". */
  vesselBalancedAccuracy: number;
  total: number;
}

/** Counts truth × prediction pairs. */
export function confusionMatrix(truth: ArrayLike<number>, predicted: ArrayLike<number>, nClasses: number): number[][] {
  const cm = Array.from({ length: nClasses }, () => new Array<number>(nClasses).fill(0));
  for (let i = 0; i < truth.length; i++) cm[truth[i]][predicted[i]]++;
  return cm;
}

function ratio(num: number, den: number): number {
  return den > 0 ? num / den : 0;
}

function classScores(cm: number[][], labels: string[]): ClassScore[] {
  return labels.map((label, c) => {
    const tp = cm[c][c];
    const support = cm[c].reduce((a, b) => a + b, 0);
    const predicted = cm.reduce((a, row) => a + row[c], 0);
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, support);
    return { label, precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  });
}

/** Balanced accuracy of the binary question "is any vessel present?"; NaN when one side has no rows. */
export function vesselBalancedAccuracy(cm: number[][], noShipIndex: number): number {
  let vesselTotal = 0;
  let vesselHit = 0;
  let emptyTotal = 0;
  let emptyHit = 0;
  for (let t = 0; t < cm.length; t++) {
    for (let p = 0; p < cm.length; p++) {
      if (t === noShipIndex) {
        emptyTotal += cm[t][p];
        if (p === noShipIndex) emptyHit += cm[t][p];
      } else {
        vesselTotal += cm[t][p];
        if (p !== noShipIndex) vesselHit += cm[t][p];
      }
    }
  }
  if (vesselTotal === 0 || emptyTotal === 0) return Number.NaN;
  return (vesselHit / vesselTotal + emptyHit / emptyTotal) / 2;
}

/** Full report from class indices; `labels[i]` names class index i. */
export function classificationReport(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  labels: string[],
  noShipLabel: string,
): ClassificationReport {
  const cm = confusionMatrix(truth, predicted, labels.length);
  const perClass = classScores(cm, labels);
  const total = truth.length;
  const correct = cm.reduce((a, row, i) => a + row[i], 0);
  const active = perClass.filter((s, c) => s.support > 0 || cm.some((row) => row[c] > 0));
  const macroF1 = ratio(
    active.reduce((a, s) => a + s.f1, 0),
    active.length,
  );
  return {
    labels,
    confusion: cm,
    accuracy: ratio(correct, total),
    macroF1,
    perClass,
    vesselBalancedAccuracy: vesselBalancedAccuracy(cm, labels.indexOf(noShipLabel)),
    total,
  };
}
