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

export function toPrediction(
  segmentId: number,
  m: ModelManifest,
  out: { probs: number[]; uncertainty: Uncertainty; latencyMs: number },
): NewPrediction {
  const classes = m.classes.map((c) => c.classId);
  let best = 0;
  out.probs.forEach((p, i) => {
    if (p > out.probs[best]!) best = i;
  });
  return {
    segmentId, modelId: m.id, modelVersion: m.version, classes, probs: out.probs,
    predictedClass: classes[best]!, uncertainty: out.uncertainty, latencyMs: out.latencyMs,
  };
}
