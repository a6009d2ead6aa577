import { describe, expect, it } from 'vitest';
import { TILE_COLUMNS, tileSpanMs } from '../../shared/tile-geometry.ts';
import { base64ToBytes } from './base64.ts';
import { MOCK_BINS, MOCK_COLUMN_MS, MOCK_STATION_ID, synthColumn } from './mock-signals.ts';
import { createMockTiles, MOCK_HISTORY_MS } from './mock-tiles.ts';
import { createMockTransport } from './mock-transport.ts';

const NOW = 1_700_000_012_345; // not on a tile boundary
const SPAN = tileSpanMs(MOCK_COLUMN_MS, 0);

describe('mock spectrogram tiles', () => {
  const tiles = createMockTiles(NOW - MOCK_HISTORY_MS, () => NOW);

  it('serves level-0 tiles of the synthetic columns, the newest one open and cut at now', () => {
    const answer = tiles({ stationId: MOCK_STATION_ID, from: NOW - 2 * SPAN, to: NOW, pixels: 2 * TILE_COLUMNS })!;
    expect(answer.level).toBe(0);
    expect(answer.bins).toBe(MOCK_BINS);
    const [first, , last] = answer.tiles;
    expect(answer.tiles.length).toBe(3); // now is not on a tile boundary
    expect(first!.complete).toBe(true);
    expect(first!.columns).toBe(TILE_COLUMNS);
    const firstBase = first!.index * TILE_COLUMNS;
    expect(base64ToBytes(first!.data).subarray(5 * MOCK_BINS, 6 * MOCK_BINS)).toEqual(synthColumn(firstBase + 5));
    expect(last!.complete).toBe(false);
    expect(last!.columns).toBe(Math.ceil((NOW - last!.startTime) / MOCK_COLUMN_MS));
  });

  it('zooms out to a coarse level over a week, has nothing before its history, and skips tiles the client holds', () => {
    const week = tiles({ stationId: MOCK_STATION_ID, from: NOW - MOCK_HISTORY_MS, to: NOW, pixels: 300 })!;
    expect(week.level).toBe(14); // 20 160 base columns per pixel → 2^14
    expect(week.tiles.reduce((s, t) => s + t.columns, 0)).toBeGreaterThanOrEqual(300);
    const before = tiles({ stationId: MOCK_STATION_ID, from: NOW - 30 * 86_400_000, to: NOW - 20 * 86_400_000, pixels: 500 })!;
    expect(before.tiles).toEqual([]);
    const known = week.tiles.filter((t) => t.complete).map((t) => t.index);
    const again = tiles({ stationId: MOCK_STATION_ID, from: NOW - MOCK_HISTORY_MS, to: NOW, pixels: 300, known: { level: week.level, indices: known } })!;
    expect(again.tiles.map((t) => t.complete)).toEqual([false]);
    expect(tiles({ stationId: 'elsewhere', from: 0, to: 1, pixels: 1 })).toBeNull();
  });

  it('is answered by the mock transport, with the FFT size channel', async () => {
    const transport = createMockTransport(() => NOW);
    try {
      const r = await transport.invoke('spectrogram:tiles', { stationId: MOCK_STATION_ID, from: NOW - 3_600_000, to: NOW, pixels: 100 });
      expect(r.ok && (r.value as { tiles: unknown[] }).tiles.length).toBeGreaterThan(0);
      const set = await transport.invoke('spectrogram:fft-size', { stationId: MOCK_STATION_ID, nFft: 2048 });
      expect(set.ok && set.value).toMatchObject({ nFft: 2048, hop: 1024 });
    } finally {
      transport.stop();
    }
  });
});
