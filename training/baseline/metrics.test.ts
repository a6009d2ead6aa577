import { describe, expect, it } from 'vitest';
import { classificationReport, confusionMatrix, vesselBalancedAccuracy } from './metrics.ts';

const LABELS = ['A', 'B', 'C', 'D', 'E'];

describe('classificationReport', () => {
  it('computes accuracy, per-class P/R/F1 and macro F1 by hand', () => {
    // truth:    A A B B D E E E
    // predicted A B B B E E E A
    const truth = [0, 0, 1, 1, 3, 4, 4, 4];
    const pred = [0, 1, 1, 1, 4, 4, 4, 0];
    const r = classificationReport(truth, pred, LABELS, 'E');
    expect(r.accuracy).toBeCloseTo(5 / 8, 12);
    expect(r.confusion[0]).toEqual([1, 1, 0, 0, 0]);
    const a = r.perClass[0];
    expect(a.precision).toBeCloseTo(0.5, 12);
    expect(a.recall).toBeCloseTo(0.5, 12);
    const b = r.perClass[1];
    expect(b.precision).toBeCloseTo(2 / 3, 12);
    expect(b.recall).toBe(1);
    expect(b.f1).toBeCloseTo(0.8, 12);
    expect(r.perClass[3].f1).toBe(0);
    // C never occurs in truth or predictions, so macro F1 averages A, B, D, E only.
    const e = (2 * (2 / 3) * (2 / 3)) / (4 / 3);
    expect(r.macroF1).toBeCloseTo((0.5 + 0.8 + 0 + e) / 4, 12);
    // vessel recall: A,A,B,B,D → 4/5 predicted as vessel; empty recall 2/3.
    expect(r.vesselBalancedAccuracy).toBeCloseTo((4 / 5 + 2 / 3) / 2, 12);
  });

  it('treats confusions among vessel classes as vessel hits', () => {
    const cm = confusionMatrix([0, 1, 2, 3, 4], [3, 2, 1, 0, 4], 5);
    expect(vesselBalancedAccuracy(cm, 4)).toBe(1);
  });

  it('returns NaN balanced accuracy when there are no empty rows', () => {
    const cm = confusionMatrix([0, 1], [0, 1], 5);
    expect(vesselBalancedAccuracy(cm, 4)).toBeNaN();
  });
});
