/**
 * The display FFT size of a live station, through the real headless server: setting it changes
 * the bins and column length of the live columns at once (the station worker gets 'set-display'),
 * the tiles served come from a pyramid of that FFT size, and the choice outlives a restart.
 */
import { describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { SpectrogramColumns } from '../../src/shared/domain.ts';
import type { SpectrogramFftSize } from '../../src/shared/spectrogram-display.ts';
import type { SpectrogramTiles } from '../../src/shared/spectrogram-tiles.ts';
import { startServe, tempDir } from '../helpers/serve-process.ts';
import { connectApi, type ApiClient } from '../helpers/ws-client.ts';

const fftSize = (api: ApiClient, nFft?: number) => api.invoke<SpectrogramFftSize>('spectrogram:fft-size', { stationId: 'demo', ...(nFft ? { nFft } : {}) });
const columnsWith = (api: ApiClient, bins: number, since: number) =>
  api.waitFor<SpectrogramColumns>('spectrogram:columns-added', (c) => c.stationId === 'demo' && c.bins === bins, 20_000, since);

/** Tiles of the newest minute at one column per base column (level 0). */
async function newestTiles(api: ApiClient, columnMs: number): Promise<SpectrogramTiles> {
  const to = Date.now() + 60_000;
  const r = await api.invoke<SpectrogramTiles | null>('spectrogram:tiles', { stationId: 'demo', from: to - 120_000, to, pixels: Math.ceil(120_000 / columnMs) });
  expect(r.error).toBeUndefined();
  return r.value!;
}

describe('display FFT size', () => {
  it('changes the live columns and the tiles served, and is kept per station', async () => {
    const dataDir = tempDir('aiw-fft-');
    const serve = await startServe(['--demo-speed', '10'], 30_000, dataDir);
    try {
      const api = await connectApi(serve.url);
      expect((await fftSize(api)).value).toEqual({ stationId: 'demo', nFft: 1024, hop: 512, choices: [256, 512, 1024, 2048, 4096] });
      await columnsWith(api, 513, 0);

      const since = Date.now();
      expect((await fftSize(api, 256)).value).toMatchObject({ nFft: 256, hop: 128 });
      const small = await columnsWith(api, 129, since);
      expect(small).toMatchObject({ columnMs: 16, fMaxHz: 4000 });
      expect(Buffer.from(small.data, 'base64').length).toBe(small.columns * 129);
      const tiles = await newestTiles(api, 16);
      expect(tiles).toMatchObject({ nFft: 256, bins: 129, level: 0, columnMs: 16 });
      expect(tiles.tiles.length).toBeGreaterThan(0);
      expect(Buffer.from(tiles.tiles.at(-1)!.data, 'base64').length).toBe(256 * 129);
      const recent = await api.invoke<SpectrogramColumns>('spectrogram:recent', { stationId: 'demo', seconds: 5 });
      expect(recent.value!.bins).toBe(129); // the ring never joins columns of two FFT sizes

      expect((await fftSize(api, 300)).error?.code).toBe('BAD_REQUEST');
      expect((await api.invoke('spectrogram:fft-size', { stationId: 'nowhere', nFft: 512 })).error?.code).toBe('NOT_FOUND');
      api.close();
    } finally {
      expect(await serve.stop()).toBe(0);
    }

    const again = await startServe(['--demo-speed', '10'], 30_000, dataDir);
    try {
      const api = await connectApi(again.url);
      expect((await fftSize(api)).value!.nFft).toBe(256);
      await columnsWith(api, 129, 0);
      api.close();
    } finally {
      expect(await again.stop()).toBe(0);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
