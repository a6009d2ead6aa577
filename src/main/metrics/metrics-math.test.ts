import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ScoreOrder, splitAuroc, sweepAuroc } from './score-order.ts';
import { CalibrationTally } from './calibration.ts';
import { addMultiLabelRow, emptyTally, multiClassScores, multiLabelScores } from './classification.ts';
import { driftOf } from './drift.ts';
import { incompleteBeta, studentTCdf, welchOneSidedLess } from './stats.ts';

describe('multi-class scores', () => {
  it('matches hand-computed precision, recall, F1 and sklearn-style averages', () => {
    // rows true, columns predicted over A, B, C; C never occurs in truth nor predictions.
    const m = Int32Array.from([5, 1, 0, 2, 2, 0, 0, 0, 0]);
    const { overall, perClass } = multiClassScores(m, ['A', 'B', 'C']);
    expect(overall.accuracy).toBeCloseTo(7 / 10, 12);
    expect(perClass[0]).toMatchObject({ precision: 5 / 7, recall: 5 / 6, support: 6 });
    expect(perClass[2]).toMatchObject({ precision: null, recall: null, f1: null, support: 0 });
    const f1a = (2 * (5 / 7) * (5 / 6)) / (5 / 7 + 5 / 6);
    const f1b = (2 * (2 / 3) * 0.5) / (2 / 3 + 0.5);
    expect(overall.f1Macro).toBeCloseTo((f1a + f1b) / 2, 12); // C is absent from truth and predictions: not averaged
    expect(overall.f1Weighted).toBeCloseTo((f1a * 6 + f1b * 4) / 10, 12);
    expect(overall.f1Micro).toBeCloseTo(0.7, 12);
  });

  it('says "undefined" (null), never NaN, without data', () => {
    const { overall } = multiClassScores(new Int32Array(4), ['A', 'B']);
    expect(overall).toMatchObject({ accuracy: null, f1Macro: null, f1Weighted: null, support: 0 });
  });
});

describe('multi-label scores', () => {
  it('counts exact matches, per-class counts and the samples F1', () => {
    const t = emptyTally(3);
    addMultiLabelRow(t, 0b011, 0b011);
    addMultiLabelRow(t, 0b001, 0b011);
    addMultiLabelRow(t, 0b100, 0b001);
    const s = multiLabelScores(t, ['A', 'B', 'C']);
    expect(s.overall.accuracy).toBeCloseTo(1 / 3, 12);
    expect(t.counts).toEqual([{ tp: 2, fp: 1, fn: 0 }, { tp: 1, fp: 1, fn: 0 }, { tp: 0, fp: 0, fn: 1 }]);
    expect(s.samplesF1).toBeCloseTo((1 + 2 / 3 + 0) / 3, 12);
  });
});

/** AUROC through the cached order and the sweep, as the metrics compute it. */
function auroc(scores: number[], err: number[]): number | null {
  const score = Float64Array.from(scores);
  return sweepAuroc(new ScoreOrder().of(score, score.length), score, Int8Array.from(err));
}

describe('auroc', () => {
  it('is the Mann–Whitney probability with ties counting one half', () => {
    expect(auroc([0.9, 0.8, 0.3, 0.1], [1, 1, 0, 0])).toBe(1);
    expect(auroc([0.5, 0.5], [1, 0])).toBe(0.5);
    expect(auroc([1, 2, 3], [1, 1, 1])).toBeNull();
  });

  it('keeps its order when rows are appended, and skips rows outside the subset', () => {
    const score = Float64Array.from([0.3, 0.9, 0.1, 0.5, 0.7, 0.2]);
    const order = new ScoreOrder();
    expect(Array.from(order.of(score, 3))).toEqual([2, 0, 1]);
    expect(Array.from(order.of(score, 6))).toEqual([2, 5, 0, 3, 4, 1]);
    expect(sweepAuroc(order.of(score, 6), score, Int8Array.from([0, 1, -1, -1, 1, 0]))).toBe(1);
    expect(sweepAuroc(order.of(score, 6), Float64Array.from([0.3, Number.NaN, 0.1, 0.5, 0.7, 0.2]), Int8Array.from([0, 1, 0, 0, 1, 0]))).toBeNaN();
    expect(splitAuroc(Float64Array.from([0.3, Number.NaN, 0.1, 0.5, 0.7, 0.2]), Int8Array.from([0, 1, 0, 0, 1, 0]))).toBeNaN();
    expect(splitAuroc(Float64Array.from([0.3, Number.NaN, 0.1]), Int8Array.from([0, -1, 1]))).toBe(0);
  });

  it('agrees with the O(n²) pair count (property)', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.boolean()), { minLength: 2, maxLength: 60 }), (pairs) => {
      const scores = pairs.map((p) => p[0]);
      const err = pairs.map((p) => (p[1] ? 1 : 0));
      let sum = 0;
      let n = 0;
      for (let i = 0; i < pairs.length; i++) for (let j = 0; j < pairs.length; j++) {
        if (err[i] && !err[j]) {
          n++;
          sum += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
        }
      }
      const a = auroc(scores, err);
      if (n === 0) expect(a).toBeNull();
      else expect(a).toBeCloseTo(sum / n, 12);
      expect(splitAuroc(Float64Array.from(scores), Int8Array.from(err))).toBe(a); // exactly the same number
      const subset = Int8Array.from(err, (e, i) => (i % 3 === 2 ? -1 : e));
      expect(splitAuroc(Float64Array.from(scores), subset)).toBe(sweepAuroc(new ScoreOrder().of(Float64Array.from(scores), scores.length), Float64Array.from(scores), subset));
    }));
  });
});

describe('calibration', () => {
  it('bins by floor(10 p) and weighs the gaps by bin size', () => {
    const c = new CalibrationTally();
    c.add(0.95, true);
    c.add(0.95, false);
    c.add(1, true);
    c.add(0.25, false);
    const r = c.result();
    expect(r.bins[9]).toMatchObject({ count: 3, accuracy: 2 / 3 });
    expect(r.bins[9].meanConfidence).toBeCloseTo((0.95 + 0.95 + 1) / 3, 12);
    expect(r.ece).toBeCloseTo((3 / 4) * Math.abs(2 / 3 - 2.9 / 3) + (1 / 4) * 0.25, 12);
  });
});

describe('statistics', () => {
  it('Student t and the incomplete beta match reference values', () => {
    expect(incompleteBeta(0.5, 2, 3)).toBeCloseTo(0.6875, 12);
    expect(studentTCdf(0, 7)).toBeCloseTo(0.5, 12);
    expect(studentTCdf(-2.015048, 5)).toBeCloseTo(0.05, 6); // t(0.05; 5)
    expect(studentTCdf(1.959964, 1e6)).toBeCloseTo(0.975, 5);
  });

  it('Welch one-sided: a clear drop has a small p', () => {
    const { p } = welchOneSidedLess([0.5, 0.52, 0.48], [0.8, 0.82, 0.79, 0.81]);
    expect(p).toBeLessThan(0.001);
  });

  it('drift needs enough days and a real drop', () => {
    const day = (accuracy: number, support = 50) => ({ accuracy, support });
    expect(driftOf([day(0.8), day(0.8), day(0.8)]).warning).toBe(false);
    const steady = driftOf([0.8, 0.82, 0.79, 0.81, 0.8, 0.79].map((a) => day(a)));
    expect(steady).toMatchObject({ warning: false, baselineDays: 3, recentDays: 3 });
    const drop = driftOf([0.8, 0.82, 0.79, 0.81, 0.5, 0.52, 0.48].map((a) => day(a)));
    expect(drop.warning).toBe(true);
    expect(driftOf([0.8, 0.82, 0.79, 0.81, 0.5, 0.52, 0.48].map((a) => day(a, 5))).warning).toBe(false);
  });
});
