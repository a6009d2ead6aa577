/**
 * Recent predictions per station, bounded, newest last.
 *
 * Fed by `predictions:recent` (initial and after reconnects) and by frame-coalesced
 * `predictions:added` batches; both may overlap, so merging de-duplicates by prediction id.
 */
import { create } from 'zustand';
import type { Prediction } from '../../shared/domain.ts';

/** How many predictions per station the renderer keeps (older ones drop off). */
export const MAX_PREDICTIONS_PER_STATION = 2000;

const bySegmentThenModel = (a: Prediction, b: Prediction): number =>
  a.segmentStart - b.segmentStart || a.modelId.localeCompare(b.modelId) || a.modelVersion.localeCompare(b.modelVersion);

/**
 * Merges `incoming` into `existing` (both for one station): de-duplicated by id (the newer
 * copy wins), ordered by segment start then model, trimmed to the newest `max`.
 */
export function mergePredictions(existing: readonly Prediction[], incoming: readonly Prediction[], max: number): Prediction[] {
  if (incoming.length === 0) return existing.slice(-max);
  const byId = new Map<number, Prediction>();
  for (const p of existing) byId.set(p.id, p);
  for (const p of incoming) byId.set(p.id, p);
  const merged = [...byId.values()].sort(bySegmentThenModel);
  return merged.length > max ? merged.slice(merged.length - max) : merged;
}

/** Splits a mixed batch by station id. */
export function groupByStation(predictions: readonly Prediction[]): Map<string, Prediction[]> {
  const groups = new Map<string, Prediction[]>();
  for (const p of predictions) {
    const list = groups.get(p.stationId);
    if (list) list.push(p);
    else groups.set(p.stationId, [p]);
  }
  return groups;
}

interface PredictionsState {
  readonly byStation: Readonly<Record<string, readonly Prediction[]>>;
  /** Adds a batch (any stations) in one store update. */
  add(predictions: readonly Prediction[]): void;
}

export const usePredictionsStore = create<PredictionsState>()((set) => ({
  byStation: {},
  add: (predictions) =>
    set((state) => {
      if (predictions.length === 0) return state;
      const byStation = { ...state.byStation };
      for (const [stationId, batch] of groupByStation(predictions)) {
        byStation[stationId] = mergePredictions(byStation[stationId] ?? [], batch, MAX_PREDICTIONS_PER_STATION);
      }
      return { byStation };
    }),
}));

const EMPTY: readonly Prediction[] = [];

/** The predictions of one station (a stable empty array when there are none). */
export function usePredictions(stationId: string | undefined): readonly Prediction[] {
  return usePredictionsStore((s) => (stationId ? s.byStation[stationId] : undefined) ?? EMPTY);
}
