/**
 * The map's optional online tiles in Chromium: off by default (no tile requests), set in the Map page's
 * settings, applied after a reload (the page's CSP then allows exactly that host), and drawn from a
 * tile server on this machine; while the setting stays off, the policy keeps every remote image out.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { openApp, type OpenApp } from './browser.ts';

/** A tile server answering every path with one 256 px orange square, counting requests. */
async function tileServer(): Promise<{ origin: string; requests: string[]; server: Server }> {
  const png = new PNG({ width: 256, height: 256 });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([230, 120, 20, 255], i);
  const body = PNG.sync.write(png);
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/png' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as { port: number }).port}`, requests, server };
}

describe('map online tiles', () => {
  let app: OpenApp;
  let page: Page;
  let tiles: Awaited<ReturnType<typeof tileServer>>;

  beforeAll(async () => {
    tiles = await tileServer();
    app = await openApp({ serveArgs: ['--demo-speed', '10'], viewport: { width: 1400, height: 900 }, hash: '#/map' });
    page = app.page;
  });

  afterAll(async () => {
    tiles?.server.close();
    expect(await app?.close()).toBe(0);
  });

  it('requests no tile while the setting is off', async () => {
    await page.locator('.leaflet-tile-pane path').first().waitFor({ state: 'attached', timeout: 20_000 });
    expect(await page.locator('img.leaflet-tile').count()).toBe(0);
    expect(tiles.requests).toEqual([]);
  });

  it('loads tiles from the configured host after a reload, with no CSP error', async () => {
    await page.getByTestId('map-settings-toggle').click();
    await page.getByTestId('tile-url').fill(`${tiles.origin}/{z}/{x}/{y}.png`);
    await page.getByTestId('tile-save').click();
    await page.getByTestId('tile-saved').waitFor();
    expect(tiles.requests).toEqual([]); // the policy of this page load does not name the host yet
    await page.reload();
    await expect.poll(() => page.locator('img.leaflet-tile-loaded').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(tiles.requests.length).toBeGreaterThan(0);
    expect(tiles.requests.every((r) => /^\/\d+\/\d+\/\d+\.png$/.test(r))).toBe(true);
    expect(app.consoleErrors.filter((e) => /Content Security Policy/.test(e))).toEqual([]);
    expect(app.offsiteRequests).toEqual([]);
  });
});
