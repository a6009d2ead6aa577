/**
 * Reliability diagram and expected calibration error: 10 equal-width confidence bins over [0, 1]
 * (bin = min(floor(10·p), 9)); ECE = Σ_b (n_b / N)·|accuracy_b − mean confidence_b|.
 */
import type { Calibration } from '../../shared/metrics.ts';

export const CALIBRATION_BINS = 10;

/** Accumulates (confidence, outcome) pairs into bins. */
export class CalibrationTally {
  readonly count = new Float64Array(CALIBRATION_BINS);
  readonly confidence = new Float64Array(CALIBRATION_BINS);
  readonly hits = new Float64Array(CALIBRATION_BINS);

  /** `outcome`: the prediction was right (multi-class) or the class was present (multi-label); sign −1 removes. */
  add(p: number, outcome: boolean, sign = 1): void {
    const b = Math.min(Math.floor(p * CALIBRATION_BINS), CALIBRATION_BINS - 1);
    this.count[b] += sign;
    this.confidence[b] += sign * p;
    if (outcome) this.hits[b] += sign;
  }

  /** Adds another tally's bins into this one. */
  merge(other: CalibrationTally): void {
    for (let b = 0; b < CALIBRATION_BINS; b++) {
      this.count[b] += other.count[b];
      this.confidence[b] += other.confidence[b];
      this.hits[b] += other.hits[b];
    }
  }

  result(): Calibration {
    const n = this.count.reduce((s, c) => s + c, 0);
    let ece = 0;
    const bins = Array.from(this.count, (c, b) => {
      const meanConfidence = c > 0 ? this.confidence[b] / c : null;
      const accuracy = c > 0 ? this.hits[b] / c : null;
      if (c > 0) ece += (c / n) * Math.abs(accuracy! - meanConfidence!);
      return { lo: b / CALIBRATION_BINS, hi: (b + 1) / CALIBRATION_BINS, count: c, meanConfidence, accuracy };
    });
    return { bins, ece: n > 0 ? ece : null, n };
  }
}
