import { beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../shared/api.ts';
import { bytesToBase64 } from '../lib/base64.ts';
import type { SpectrogramColumns } from '../../shared/domain.ts';
import { usePredictionsStore } from './predictions-store.ts';
import { subscribeSpectrogram, type DecodedColumns } from './spectrogram-bus.ts';
import { useStationsStore } from './stations-store.ts';
import { aPrediction } from './test-builders.ts';
import { wireEvents } from './wire-events.ts';

function fakeApi() {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const api = createApi({
    invoke: async () => ({ ok: true, value: null }),
    subscribe: (event, l) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(l);
      return () => listeners.get(event)!.delete(l);
    },
  });
  const emit = (event: string, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
  return { api, emit, listenerCount: () => [...listeners.values()].reduce((n, s) => n + s.size, 0) };
}

function frames() {
  const queue: Array<() => void> = [];
  return { schedule: (cb: () => void) => void queue.push(cb), run: () => queue.splice(0).forEach((cb) => cb()) };
}

const columns = (startTime: number, bytes: number[]): SpectrogramColumns => ({
  stationId: 'st', startTime, columnMs: 100, bins: 2, columns: bytes.length / 2, fMaxHz: 4000, dbFloor: 0, dbCeil: 100,
  data: bytesToBase64(new Uint8Array(bytes)),
});

describe('wireEvents', () => {
  beforeEach(() => usePredictionsStore.setState({ byStation: {} }));

  it('applies many prediction events as one store update per frame', () => {
    const { api, emit } = fakeApi();
    const f = frames();
    const off = wireEvents(api, f.schedule);
    let updates = 0;
    const unsub = usePredictionsStore.subscribe(() => updates++);
    for (let i = 0; i < 20; i++) emit('predictions:added', [aPrediction({ id: i, segmentId: i })]);
    expect(updates).toBe(0);
    f.run();
    expect(updates).toBe(1);
    expect(usePredictionsStore.getState().byStation.st).toHaveLength(20);
    unsub();
    off();
  });

  it('decodes spectrogram batches and publishes them together once per frame', () => {
    const { api, emit } = fakeApi();
    const f = frames();
    const off = wireEvents(api, f.schedule);
    const received: DecodedColumns[][] = [];
    const unsub = subscribeSpectrogram((b) => received.push(b));
    emit('spectrogram:columns-added', columns(0, [1, 2, 3, 4]));
    emit('spectrogram:columns-added', columns(200, [5, 6]));
    f.run();
    expect(received).toHaveLength(1);
    expect(received[0].map((b) => [b.startTime, b.columns, Array.from(b.bytes)])).toEqual([
      [0, 2, [1, 2, 3, 4]],
      [200, 1, [5, 6]],
    ]);
    unsub();
    off();
  });

  it('keeps only the newest status snapshot of a frame and unsubscribes everything on teardown', () => {
    const { api, emit, listenerCount } = fakeApi();
    const f = frames();
    const off = wireEvents(api, f.schedule);
    const status = (name: string) => [{ stationId: 's1', name, kind: 'demo', state: 'live', message: '', segments: 0, predictions: 0, speed: 1, errors: 0 }];
    emit('stations:status-changed', status('old'));
    emit('stations:status-changed', status('new'));
    f.run();
    expect(useStationsStore.getState().statuses[0].name).toBe('new');
    expect(useStationsStore.getState().selectedId).toBe('s1');
    off();
    expect(listenerCount()).toBe(0);
  });
});
