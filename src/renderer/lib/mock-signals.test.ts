import { describe, expect, it } from 'vitest';
import { MOCK_BINS, mockModels, synthColumn, synthColumns, synthPrediction } from './mock-signals.ts';

describe('mock signals', () => {
  it('is deterministic per column, so history and live data agree', () => {
    expect(synthColumn(12345)).toEqual(synthColumn(12345));
    const batch = synthColumns(100, 3);
    expect(batch).toHaveLength(3 * MOCK_BINS);
    expect(batch.subarray(MOCK_BINS, 2 * MOCK_BINS)).toEqual(synthColumn(101));
  });

  it('makes predictions whose probabilities sum to one with consistent uncertainty', () => {
    const [det, mc] = mockModels(0);
    const p = synthPrediction(mc, 42, 's');
    expect(p.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(p.uncertainty.entropyNorm).toBeGreaterThanOrEqual(0);
    expect(p.uncertainty.entropyNorm).toBeLessThanOrEqual(1);
    expect(p.uncertainty.epistemic! + p.uncertainty.aleatoric!).toBeCloseTo(p.uncertainty.entropy, 9);
    expect(synthPrediction(det, 42, 's').uncertainty.epistemic).toBeUndefined();
    expect(p.predictedClass).toBe(p.classes[p.probs.indexOf(Math.max(...p.probs))]);
  });
});
