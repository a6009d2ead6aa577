/**
 * The Stations page's form against a real `aiw serve`: a station saved with settings the form does
 * not show (trust on first use, expected sample rate, behind warning, agent socket) keeps them when
 * it is edited and saved from the form; the form's own signal-chain fields (start-time sidecar, gap
 * tolerance, conditioning) are saved, and an out-of-range value is refused with the schema's reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RemoteStationEntry } from '../../src/shared/station-config.ts';
import { connectApi } from '../helpers/ws-client.ts';
import { openApp, type OpenApp } from './browser.ts';

const STATION = {
  id: 'pier', name: 'Pier', host: '127.0.0.1', port: 1, user: 'aiw', auth: { method: 'agent', socket: '/run/agent.sock' },
  remoteRoot: '/data', lat: 36.6, lon: -121.9, trustOnFirstUse: true, sampleRate: 96_000, behindWarningS: 60,
  timePattern: { regex: '(?<y>\\d{4})(?<mo>\\d\\d)(?<d>\\d\\d)' }, channelLayout: ['pressure', 'x'], enabled: false,
};

describe('Stations form', () => {
  let app: OpenApp;
  beforeAll(async () => {
    app = await openApp({ viewport: { width: 1400, height: 1200 }, hash: '#/stations' });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it('saves sidecar, gap tolerance and conditioning, and keeps every setting it does not show', async () => {
    const api = await connectApi(app.serve.url);
    try {
      expect((await api.invoke('stations:save-remote', { config: STATION })).ok).toBe(true);
      const { page } = app;
      await page.reload();
      await page.getByTestId('station-edit').click();
      await page.getByTestId('station-form-sidecar').selectOption('none');
      await page.getByTestId('station-form-highPassHz').fill('5');
      await page.getByTestId('station-form-gainDb').fill('-6');
      await page.getByTestId('station-form-gapToleranceMs').fill('70000');
      await page.getByTestId('station-form-save').click();
      await expect.poll(() => page.getByTestId('station-form-errors').textContent()).toMatch(/gapToleranceMs/);
      await page.getByTestId('station-form-gapToleranceMs').fill('10000');
      await page.getByTestId('station-form-save').click();
      await page.getByTestId('station-editor').waitFor({ state: 'detached' });

      const entries = (await api.invoke<RemoteStationEntry[]>('stations:remote-configs', {})).value!;
      expect(entries.find((e) => e.config.id === 'pier')?.config).toMatchObject({
        ...STATION, sidecar: 'none', gapToleranceMs: 10_000, conditioning: { highPassHz: 5, gainDb: -6 },
      });
      await expect.poll(() => page.getByTestId('station-config-signal').textContent()).toMatch(/sidecar none · gap tolerance 10000 ms · high-pass 5 Hz, gain -6 dB/);
      expect(app.consoleErrors).toEqual([]);
    } finally {
      api.close();
    }
  });
});
