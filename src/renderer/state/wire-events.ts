/**
 * Connects the API's events to the stores, once, at start-up.
 *
 * High-rate events (predictions, spectrogram columns, status) are buffered and applied once
 * per animation frame; rare ones (models, notices) are applied as they come.
 */
import type { Api } from '../../shared/api.ts';
import type { Prediction, SpectrogramColumns, StationStatus } from '../../shared/domain.ts';
import { createFrameCoalescer, type FrameScheduler } from '../lib/frame-coalescer.ts';
import { useModelsStore } from './models-store.ts';
import { useNoticesStore } from './notices-store.ts';
import { usePredictionsStore } from './predictions-store.ts';
import { decodeColumns, publishSpectrogram } from './spectrogram-bus.ts';
import { useStationsStore } from './stations-store.ts';

/** Subscribes the stores to every event; returns the function that unsubscribes. */
export function wireEvents(api: Api, schedule?: FrameScheduler): () => void {
  const predictions = createFrameCoalescer<readonly Prediction[]>(
    (batches) => usePredictionsStore.getState().add(batches.flat()),
    schedule,
  );
  const columns = createFrameCoalescer<SpectrogramColumns>(
    (batches) => publishSpectrogram(batches.map(decodeColumns)),
    schedule,
  );
  // Status snapshots replace each other, so only the newest in a frame matters.
  const statuses = createFrameCoalescer<readonly StationStatus[]>(
    (batches) => useStationsStore.getState().setStatuses(batches[batches.length - 1]),
    schedule,
  );
  const unsubscribers = [
    api.on('predictions:added', (p) => predictions.push(p)),
    api.on('spectrogram:columns-added', (p) => columns.push(p)),
    api.on('stations:status-changed', (p) => statuses.push(p)),
    api.on('models:changed', (p) => useModelsStore.getState().setModels(p)),
    api.on('app:notice', (p) => useNoticesStore.getState().push(p)),
  ];
  return () => {
    unsubscribers.forEach((off) => off());
    [predictions, columns, statuses].forEach((c) => c.dispose());
  };
}
