/**
 * Shapes the flat prediction history into what the live views show.
 */
import type { Prediction } from '../../../shared/domain.ts';

export interface SegmentGroup {
  readonly segmentId: number;
  readonly segmentStart: number;
  readonly segmentEnd: number;
  /** One per model, ordered by model id. */
  readonly predictions: readonly Prediction[];
}

const byModel = (a: Prediction, b: Prediction): number => a.modelId.localeCompare(b.modelId) || a.modelVersion.localeCompare(b.modelVersion);

/**
 * The newest `maxSegments` segments, newest first, each with its predictions.
 * `history` must be ordered by segment start (as the predictions store keeps it).
 */
export function latestSegments(history: readonly Prediction[], maxSegments: number): SegmentGroup[] {
  const groups = new Map<number, Prediction[]>();
  for (let i = history.length - 1; i >= 0; i--) {
    const p = history[i];
    const list = groups.get(p.segmentId);
    if (list) list.push(p);
    else if (groups.size < maxSegments) groups.set(p.segmentId, [p]);
    else break; // everything further back is older than the groups already full
  }
  return [...groups.values()]
    .map((preds) => ({
      segmentId: preds[0].segmentId,
      segmentStart: preds[0].segmentStart,
      segmentEnd: preds[0].segmentEnd,
      predictions: [...preds].sort(byModel),
    }))
    .sort((a, b) => b.segmentStart - a.segmentStart || b.segmentId - a.segmentId);
}

/** The newest prediction of each model (keyed "id@version"), ordered by model id. */
export function latestByModel(history: readonly Prediction[]): Prediction[] {
  const latest = new Map<string, Prediction>();
  for (let i = history.length - 1; i >= 0; i--) {
    const key = `${history[i].modelId}@${history[i].modelVersion}`;
    if (!latest.has(key)) latest.set(key, history[i]);
  }
  return [...latest.values()].sort(byModel);
}

/** The probability a prediction gives class `id` (undefined if the model lacks that class). */
export function probabilityOf(p: Prediction, id: string): number | undefined {
  const i = p.classes.indexOf(id);
  return i < 0 ? undefined : p.probs[i];
}
