import { beforeEach, describe, expect, it } from 'vitest';
import { mergePredictions, usePredictionsStore } from './predictions-store.ts';
import { aPrediction } from './test-builders.ts';

describe('mergePredictions', () => {
  it('orders by segment then model and de-duplicates by id (newer copy wins)', () => {
    const existing = [aPrediction({ id: 1, segmentId: 2, modelId: 'b' }), aPrediction({ id: 2, segmentId: 1 })];
    const incoming = [aPrediction({ id: 1, segmentId: 2, modelId: 'b', predictedClass: 'D' }), aPrediction({ id: 3, segmentId: 2, modelId: 'a' })];
    const merged = mergePredictions(existing, incoming, 10);
    expect(merged.map((p) => p.id)).toEqual([2, 3, 1]);
    expect(merged[2].predictedClass).toBe('D');
  });

  it('keeps only the newest `max`', () => {
    const incoming = Array.from({ length: 30 }, (_, i) => aPrediction({ id: i, segmentId: i }));
    expect(mergePredictions([], incoming, 25).map((p) => p.id)).toEqual(Array.from({ length: 25 }, (_, i) => i + 5));
  });
});

describe('predictions store', () => {
  beforeEach(() => usePredictionsStore.setState({ byStation: {} }));

  it('splits a mixed batch by station in one update', () => {
    let updates = 0;
    const off = usePredictionsStore.subscribe(() => updates++);
    usePredictionsStore.getState().add([aPrediction({ id: 1, stationId: 'x' }), aPrediction({ id: 2, stationId: 'y' })]);
    off();
    expect(updates).toBe(1);
    expect(Object.keys(usePredictionsStore.getState().byStation).sort()).toEqual(['x', 'y']);
  });

  it('bounds history to 2000 per station', () => {
    const many = Array.from({ length: 2100 }, (_, i) => aPrediction({ id: i, segmentId: i }));
    usePredictionsStore.getState().add(many);
    const kept = usePredictionsStore.getState().byStation.st;
    expect(kept).toHaveLength(2000);
    expect(kept[0].id).toBe(100);
  });
});
