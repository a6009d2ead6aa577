/**
 * Runs every applicable model on one segment's features and turns the outputs
 * into prediction records (model id + version, class ids, probabilities, uncertainty).
 *
 * Models run concurrently; one model failing on a segment costs only its own prediction.
 */
import type { Uncertainty } from '../../shared/domain.ts';
import { toAppError } from '../../shared/errors.ts';
import type { ModelManifest } from '../../shared/model-manifest.ts';
import type { NewPrediction } from '../storage/predictions-repo.ts';
import { featureRequestOf, windowKey } from './feature-plan.ts';
import type { FeatureResult } from './featurizer.ts';

export interface Infer {
  (id: string, version: string, features: Float32Array, n: number): Promise<{ probs: number[]; uncertainty: Uncertainty; latencyMs: number }[]>;
}

export interface ModelFailure {
  modelId: string;
  modelVersion: string;
  code: string;
  message: string;
}

export async function predictSegment(
  segmentId: number,
  groupKey: string,
  features: ReadonlyMap<string, FeatureResult>,
  models: readonly ModelManifest[],
  infer: Infer,
): Promise<{ predictions: NewPrediction[]; failures: ModelFailure[] }> {
  const failures: ModelFailure[] = [];
  const applicable = models.filter((m) => windowKey(m) === groupKey);
  const results = await Promise.all(
    applicable.map(async (m): Promise<NewPrediction | undefined> => {
      const feature = features.get(featureRequestOf(m).key);
      const fail = (code: string, message: string) => {
        failures.push({ modelId: m.id, modelVersion: m.version, code, message });
        return undefined;
      };
      if (!feature) return fail('INTERNAL', 'no features were computed for this model');
      if (!feature.ok) return fail(feature.code, feature.message);
      try {
        const [out] = await infer(m.id, m.version, feature.data, 1);
        return toPrediction(segmentId, m, out!);
      } catch (err) {
        const e = toAppError(err);
        return fail(e.code, e.message);
      }
    }),
  );
  return { predictions: results.filter((p): p is NewPrediction => p !== undefined), failures };
}

/** Class reported for a segment when a multi-label model finds no class above its threshold. */
export const NO_SHIP_CLASS = 'E';
const DEFAULT_LABEL_THRESHOLD = 0.5;

/**
 * The predicted class: the most probable class for multi-class models; for multi-label
 * models the most probable class among those at or above their threshold, and "no ship"
 * when none is (a multi-label model has no E output; its silence is the E call).
 */
export function predictedClassOf(m: ModelManifest, probs: readonly number[]): string {
  const classes = m.classes.map((c) => c.classId);
  let best = -1;
  probs.forEach((p, i) => {
    const passes = m.task === 'multi-class' || p >= (m.thresholds?.[classes[i]!] ?? DEFAULT_LABEL_THRESHOLD);
    if (passes && (best < 0 || p > probs[best]!)) best = i;
  });
  return best < 0 ? NO_SHIP_CLASS : classes[best]!;
}

export function toPrediction(
  segmentId: number,
  m: ModelManifest,
  out: { probs: number[]; uncertainty: Uncertainty; latencyMs: number },
): NewPrediction {
  return {
    segmentId, modelId: m.id, modelVersion: m.version, classes: m.classes.map((c) => c.classId), probs: out.probs,
    predictedClass: predictedClassOf(m, out.probs), uncertainty: out.uncertainty, latencyMs: out.latencyMs,
  };
}
