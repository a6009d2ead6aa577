/**
 * The display spectrogram tile pyramid of a live station, through the real headless server:
 * the demo station's columns become tiles on disk (cache/tiles) indexed in SQLite, any range is
 * answered at the zoom level its pixel count needs, and the tiles outlive a restart.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SpectrogramTiles } from '../../src/shared/spectrogram-tiles.ts';
import { startServe, tempDir } from '../helpers/serve-process.ts';
import { connectApi, type ApiClient } from '../helpers/ws-client.ts';

async function tilesOf(api: ApiClient, req: Record<string, unknown>): Promise<SpectrogramTiles> {
  const r = await api.invoke<SpectrogramTiles | null>('spectrogram:tiles', { stationId: 'demo', ...req });
  expect(r.error).toBeUndefined();
  return r.value!;
}

/** Polls until the demo pyramid has saved level-0 tiles (its extent) covering at least `ms`. */
async function waitForExtent(api: ApiClient, ms: number): Promise<{ start: number; end: number }> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const r = await api.invoke<SpectrogramTiles | null>('spectrogram:tiles', { stationId: 'demo', from: 0, to: Date.now() + 86_400_000, pixels: 100 });
    const extent = r.value?.extent;
    if (extent && extent.end - extent.start >= ms) return extent;
    if (Date.now() > deadline) throw new Error(`no ${ms} ms of saved tiles within 60 s (extent ${JSON.stringify(extent)})`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('spectrogram tiles of the demo station', () => {
  it('serves fine and coarse levels from the live pyramid, and from disk after a restart', async () => {
    const dataDir = tempDir('aiw-tiles-');
    const serve = await startServe(['--demo-speed', '30'], 30_000, dataDir);
    let extent: { start: number; end: number };
    let fineBefore: SpectrogramTiles;
    try {
      const api = await connectApi(serve.url);
      extent = await waitForExtent(api, 120_000);
      const span = extent.end - extent.start;
      fineBefore = await tilesOf(api, { from: extent.start, to: extent.end, pixels: Math.ceil(span / 64) });
      expect(fineBefore).toMatchObject({ level: 0, bins: 513, nFft: 1024, fMaxHz: 4000, tileColumns: 256, columnMs: 64 });
      expect(fineBefore.tiles.length).toBeGreaterThanOrEqual(7);
      const first = fineBefore.tiles[0]!;
      expect(Buffer.from(first.data, 'base64').length).toBe(256 * 513);
      expect(first.columns).toBeGreaterThan(0);
      const levels = Buffer.from(fineBefore.tiles[1]!.data, 'base64');
      const mean = levels.reduce((a, b) => a + b, 0) / levels.length;
      expect(mean).toBeGreaterThan(20); // real levels of the demo's ocean, not an empty tile
      expect(fineBefore.tiles[1]!.columns).toBe(256);
      const coarse = await tilesOf(api, { from: extent.start, to: extent.end, pixels: 100 });
      expect(coarse.level).toBeGreaterThanOrEqual(4);
      expect(coarse.tiles.length).toBeLessThanOrEqual(2);
      const bad = await api.invoke('spectrogram:tiles', { stationId: 'demo', from: 10, to: 5, pixels: 10 });
      expect(bad.error?.code).toBe('BAD_REQUEST');
      api.close();
    } finally {
      expect(await serve.stop()).toBe(0);
    }
    const pyramidDirs = readdirSync(join(dataDir, 'cache', 'tiles'));
    expect(pyramidDirs.length).toBe(1);
    expect(existsSync(join(dataDir, 'cache', 'tiles', pyramidDirs[0]!, 'L0'))).toBe(true);

    const again = await startServe(['--demo-speed', '1'], 30_000, dataDir);
    try {
      const api = await connectApi(again.url);
      const old = await tilesOf(api, { from: extent.start, to: extent.end, pixels: Math.ceil((extent.end - extent.start) / 64) });
      // Everything seen before the restart is served again from disk, byte for byte for the complete tiles.
      // (The tile still open at the end of the range is saved at shutdown, so it may now appear too.)
      const byIndex = new Map(old.tiles.map((t) => [t.index, t]));
      for (const t of fineBefore.tiles) {
        expect(byIndex.has(t.index)).toBe(true);
        if (t.complete) expect(byIndex.get(t.index)!.data).toBe(t.data);
      }
      expect(old.tiles.length - fineBefore.tiles.length).toBeLessThanOrEqual(1);
      api.close();
    } finally {
      expect(await again.stop()).toBe(0);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
