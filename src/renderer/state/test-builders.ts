/**
 * Builders for renderer unit tests (not shipped: only test files import this).
 */
import type { Prediction } from '../../shared/domain.ts';

/** A prediction with sensible defaults; override what the test is about. */
export function aPrediction(overrides: Partial<Prediction> = {}): Prediction {
  const segmentId = overrides.segmentId ?? 1;
  return {
    id: segmentId * 10,
    segmentId,
    stationId: 'st',
    segmentStart: segmentId * 3000,
    segmentEnd: segmentId * 3000 + 3000,
    modelId: 'm',
    modelVersion: '1',
    classes: ['A', 'B', 'C', 'D', 'E'],
    probs: [0.7, 0.1, 0.1, 0.05, 0.05],
    predictedClass: 'A',
    uncertainty: { entropy: 1.2, entropyNorm: 0.52, margin: 0.6 },
    latencyMs: 3,
    createdAt: 0,
    ...overrides,
  };
}
