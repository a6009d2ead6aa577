/**
 * A stand-in for the server, enabled with `?mock=1`, for building and screenshotting the UI.
 *
 * It answers every invoke channel from synthetic state and pushes the live events the real
 * station would: spectrogram columns every 200 ms, a prediction batch every 3 s, status every
 * second. Stream time runs at wall-clock speed; a week of history is served as tiles.
 */
import type { Transport } from '../../shared/api.ts';
import { DISPLAY_FFT_SIZES } from '../../shared/spectrogram-display.ts';
import type { SpectrogramTilesRequest } from '../../shared/spectrogram-tiles.ts';
import type { ModelInfo, Prediction, SpectrogramColumns, StationStatus } from '../../shared/domain.ts';
import type { Result } from '../../shared/result.ts';
import { bytesToBase64 } from './base64.ts';
import { ALWAYS_OPEN, type ConnectionSource } from './connection.ts';
import {
  MOCK_BINS, MOCK_COLUMN_MS, MOCK_DB_CEIL, MOCK_DB_FLOOR, MOCK_FMAX_HZ, MOCK_SEGMENT_MS, MOCK_STATION_ID,
  mockModels, synthColumns, synthPrediction,
} from './mock-signals.ts';
import { createMockTiles, MOCK_HISTORY_MS, MOCK_NFFT } from './mock-tiles.ts';

export interface MockTransport extends Transport, ConnectionSource {
  stop(): void;
}

const ok = (value: unknown): Result<unknown> => ({ ok: true, value });
const notFound = (what: string): Result<unknown> => ({ ok: false, error: { code: 'NOT_FOUND', message: `${what} not found` } });

function columnsPayload(first: number, count: number): SpectrogramColumns {
  return {
    stationId: MOCK_STATION_ID,
    startTime: first * MOCK_COLUMN_MS,
    columnMs: MOCK_COLUMN_MS,
    bins: MOCK_BINS,
    columns: count,
    fMaxHz: MOCK_FMAX_HZ,
    dbFloor: MOCK_DB_FLOOR,
    dbCeil: MOCK_DB_CEIL,
    data: bytesToBase64(synthColumns(first, count)),
  };
}

/** Creates the mock and starts its timers. */
export function createMockTransport(now: () => number = Date.now): MockTransport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const startedAt = now();
  let models = mockModels(startedAt);
  let nextColumn = Math.floor(now() / MOCK_COLUMN_MS);
  let nextSegment = Math.floor(now() / MOCK_SEGMENT_MS);
  let predictionCount = 0;
  const tiles = createMockTiles(startedAt - MOCK_HISTORY_MS, () => nextColumn * MOCK_COLUMN_MS);
  // Kept and reported only: the synthetic columns do not depend on it.
  let nFft: number = MOCK_NFFT;

  const emit = (event: string, payload: unknown): void => {
    for (const l of listeners.get(event) ?? []) l(payload);
  };

  const predictionsFor = (segment: number): Prediction[] =>
    models.filter((m) => m.status === 'active').map((m) => synthPrediction(m, segment, MOCK_STATION_ID));

  const status = (): StationStatus => ({
    stationId: MOCK_STATION_ID,
    name: 'MARS demo — Monterey Bay',
    kind: 'demo',
    state: 'live',
    message: 'mock transport: synthetic data',
    lastAudioAt: nextColumn * MOCK_COLUMN_MS,
    lastSegmentAt: nextSegment * MOCK_SEGMENT_MS,
    segments: nextSegment - Math.floor(startedAt / MOCK_SEGMENT_MS) + 1200,
    predictions: predictionCount + 2400,
    speed: 1,
    errors: 0,
  });

  const tickColumns = (): void => {
    const target = Math.floor(now() / MOCK_COLUMN_MS);
    if (target <= nextColumn) return;
    emit('spectrogram:columns-added', columnsPayload(nextColumn, target - nextColumn));
    nextColumn = target;
  };

  const tickSegments = (): void => {
    const target = Math.floor(now() / MOCK_SEGMENT_MS);
    const batch: Prediction[] = [];
    for (; nextSegment < target; nextSegment++) batch.push(...predictionsFor(nextSegment));
    predictionCount += batch.length;
    if (batch.length > 0) emit('predictions:added', batch);
  };

  const setActive = (req: { id: string; version: string; active: boolean }): Result<unknown> => {
    const model = models.find((m) => m.id === req.id && m.version === req.version);
    if (!model) return notFound(`model ${req.id}@${req.version}`);
    const updated: ModelInfo = { ...model, status: req.active ? 'active' : 'inactive' };
    models = models.map((m) => (m === model ? updated : m));
    setTimeout(() => emit('models:changed', models), 0);
    return ok(updated);
  };

  const recentPredictions = (limit: number): Prediction[] => {
    const out: Prediction[] = [];
    for (let s = nextSegment - 1; out.length < limit && s > nextSegment - 1 - limit; s--) out.push(...predictionsFor(s));
    return out.slice(0, limit);
  };

  const handlers: Record<string, (payload: Record<string, unknown>) => Result<unknown>> = {
    'app:get-info': () => ok({ version: '0.1.0-mock', mode: 'headless', dataDir: '(mock)', startedAt }),
    'stations:list': () =>
      ok([{ id: MOCK_STATION_ID, name: status().name, kind: 'demo', lat: 36.712465, lon: -122.187548, depthM: 891, sampleRate: 8000, channels: 1 }]),
    'stations:status': () => ok([status()]),
    'models:list': () => ok(models),
    'models:set-active': (p) => setActive(p as { id: string; version: string; active: boolean }),
    'predictions:recent': (p) => ok(recentPredictions(Number(p.limit ?? 200))),
    'spectrogram:recent': (p) => {
      const count = Math.round((Number(p.seconds ?? 120) * 1000) / MOCK_COLUMN_MS);
      return ok(columnsPayload(nextColumn - count, count));
    },
    'spectrogram:tiles': (p) => ok(tiles(p as SpectrogramTilesRequest)),
    'spectrogram:fft-size': (p) => {
      if (typeof p.nFft === 'number') nFft = p.nFft;
      return ok({ stationId: MOCK_STATION_ID, nFft, hop: nFft / 2, choices: [...DISPLAY_FFT_SIZES] });
    },
  };

  const timers = [
    setInterval(tickColumns, 200),
    setInterval(tickSegments, 500),
    setInterval(() => emit('stations:status-changed', [status()]), 1000),
  ];
  setTimeout(
    () => emit('app:notice', { level: 'info', code: 'MOCK', message: 'Mock transport: all data on this page is synthetic.', at: now() }),
    800,
  );

  return {
    ...ALWAYS_OPEN,
    async invoke(channel, payload) {
      const handler = handlers[channel];
      if (!handler) return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `unknown channel ${channel}` } };
      await new Promise((r) => setTimeout(r, 30)); // a little latency, like the real thing
      return handler((payload ?? {}) as Record<string, unknown>);
    },
    subscribe(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => void set.delete(listener);
    },
    stop() {
      timers.forEach(clearInterval);
    },
  };
}
