import { describe, expect, it } from 'vitest';
import { expectedCalibrationError, multiClassMetrics, multiLabelClassF1, multiLabelDecision, multiLabelMetrics } from './metrics.ts';

describe('expectedCalibrationError', () => {
  it('is zero for a calibrated model and the confidence gap otherwise', () => {
    // 10 windows at confidence 0.8, 8 right: calibrated.
    expect(expectedCalibrationError(new Array(10).fill(0.8), [...new Array(8).fill(true), false, false])).toBeCloseTo(0, 12);
    // Always sure (0.95) and right half the time: gap 0.45.
    expect(expectedCalibrationError([0.95, 0.95, 0.95, 0.95], [true, false, true, false])).toBeCloseTo(0.45, 12);
    // Two bins weighted by their share: |1 − 0.9|·½ + |0 − 0.3|·½ = 0.2.
    expect(expectedCalibrationError([0.9, 0.3], [true, false])).toBeCloseTo(0.2, 12);
    expect(expectedCalibrationError([], [])).toBeNaN();
  });
});

describe('multi-class metrics', () => {
  it('scores argmax decisions, vessel balanced accuracy and ECE', () => {
    const m = multiClassMetrics([
      { truth: 0, probs: [0.7, 0.1, 0.1, 0.05, 0.05] },
      { truth: 3, probs: [0.6, 0.1, 0.1, 0.1, 0.1] },
      { truth: 4, probs: [0.1, 0.1, 0.1, 0.1, 0.6] },
      { truth: 4, probs: [0.1, 0.1, 0.5, 0.2, 0.1] },
    ]);
    expect(m.accuracy).toBe(0.5);
    expect(m.vesselBalancedAccuracy).toBe(0.75); // vessels 2/2, no-ship 1/2
    expect(m.perClass[0]!.f1).toBeCloseTo(2 / 3, 12);
    // bins: 0.7 right, 0.6 wrong, 0.6 right (same bin), 0.5 wrong → (|1−.7| + |1−1.2| + |0−.5|)/4
    expect(m.ece).toBeCloseTo((0.3 + 0.2 + 0.5) / 4, 12);
  });
});

describe('multi-label decision and metrics', () => {
  it('names the most probable ship class at or above threshold, else E', () => {
    expect(multiLabelDecision([0.2, 0.7, 0.9, 0.1])).toBe(2);
    expect(multiLabelDecision([0.2, 0.4, 0.49, 0.1])).toBe(4);
    expect(multiLabelDecision([0.2, 0.4, 0.5, 0.1])).toBe(2);
  });

  it('scores single decisions and per-sigmoid calibration', () => {
    const m = multiLabelMetrics([
      { truth: 1, probs: [0.1, 0.9, 0.1, 0.1] },
      { truth: 4, probs: [0.1, 0.1, 0.1, 0.1] },
    ]);
    expect(m.accuracy).toBe(1);
    expect(m.vesselBalancedAccuracy).toBe(1);
    expect(m.ece).toBeCloseTo(0.1, 12); // eight sigmoids at confidence 0.9, all right
  });

  it('computes per-class F1 on multi-hot targets, ignoring unknown ones', () => {
    const f1 = multiLabelClassF1([
      { probs: [0.9, 0.2], targets: [1, 0] },
      { probs: [0.8, 0.7], targets: [0, null] },
      { probs: [0.1, 0.6], targets: [1, 1] },
    ]);
    expect(f1[0]).toBeCloseTo(0.5, 12); // tp 1, fp 1, fn 1
    expect(f1[1]).toBe(1);
  });
});
