/**
 * What happens when a live segment's features arrive: the segment is stored, every running model
 * of its window group predicts it, and each model's prediction is stored and pushed to the UI as
 * soon as that model answers — a slow or hung model never holds back the others' predictions.
 */
import type { ModelManifest } from '../../shared/model-manifest.ts';
import type { EventBus } from '../app/event-bus.ts';
import type { Logger } from '../app/logger.ts';
import type { InferenceService } from '../inference/inference-service.ts';
import type { Repositories } from '../storage/repositories.ts';
import { predictSegment } from './segment-inference.ts';
import type { SegmentMessage } from './station-protocol.ts';

export interface SegmentStoreDeps {
  repos: Pick<Repositories, 'segments' | 'predictions'>;
  inference: Pick<InferenceService, 'infer'>;
  bus: Pick<EventBus, 'emit'>;
  logger: Pick<Logger, 'warn'>;
}

/** Stores the segment and its predictions; returns the segment id. `onStored` counts stored predictions. */
export async function storeAndPredictSegment(
  d: SegmentStoreDeps,
  stationId: string,
  msg: SegmentMessage,
  models: readonly ModelManifest[],
  onStored: (count: number) => void = () => {},
): Promise<number> {
  const segmentId = d.repos.segments.ensure({
    stationId, recordingId: msg.recordingId, startTime: Math.round(msg.startTime), endTime: Math.round(msg.endTime),
    sampleRate: msg.sampleRate, padded: msg.padded,
  });
  const features = new Map(msg.features);
  await Promise.all(models.map(async (model) => {
    const { predictions, failures } = await predictSegment(
      segmentId, msg.groupKey, features, [model], (id, version, f, n) => d.inference.infer(id, version, f, n),
    );
    for (const f of failures) d.logger.warn(`model ${f.modelId} ${f.modelVersion}: ${f.message}`, { code: f.code });
    const stored = d.repos.predictions.insertMany(predictions);
    onStored(stored.length);
    if (stored.length) d.bus.emit('predictions:added', stored);
  }));
  return segmentId;
}
