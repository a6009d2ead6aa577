/**
 * The map as a user sees it: `aiw serve` with the demo station at 10×, the Map page in Chromium shows
 * the Natural Earth coastline, the sensor with its range rings and moving vessels, and nothing is
 * fetched from anywhere but 127.0.0.1. Leaves a screenshot in $AIW_E2E_SHOTS (default: the temp dir).
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { distinctColours, openApp, type OpenApp } from './browser.ts';

describe('map page on the demo station', () => {
  let app: OpenApp;
  let page: Page;

  beforeAll(async () => {
    app = await openApp({
      serveArgs: ['--demo-speed', '10'],
      viewport: { width: 1400, height: 900 },
      // A wide range so the check does not depend on where the simulated ships happen to be.
      init: () => localStorage.setItem('aiw.map.rangeKm', '160'),
      hash: '#/map',
    });
    page = app.page;
  });

  afterAll(async () => {
    expect(await app?.close()).toBe(0);
  });

  it('draws the coastline from the bundled Natural Earth data', async () => {
    const land = page.locator('.leaflet-tile-pane path');
    await land.first().waitFor({ state: 'attached', timeout: 20_000 });
    const d = await land.first().getAttribute('d');
    expect((d ?? '').length).toBeGreaterThan(1000); // a real coastline, not an empty "M0 0"
  });

  it('shows the sensor and three range rings', async () => {
    await expect.poll(() => page.locator('.leaflet-overlay-pane path').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
  });

  it('shows moving vessels on the canvas and in the list', async () => {
    await page.getByTestId('vessel-row').first().waitFor({ state: 'visible', timeout: 30_000 });
    await expect.poll(async () => Number(await page.getByTestId('vessel-canvas').getAttribute('data-vessels')), { timeout: 10_000 }).toBeGreaterThan(0);
    // Tracks are drawn by a worker and shown as a bitmap: the layer reports how many points it drew.
    await expect.poll(async () => Number(await page.getByTestId('vessel-canvas').getAttribute('data-track-points')), { timeout: 40_000 }).toBeGreaterThan(1);
    const first = await page.getByTestId('vessel-row').first().innerText();
    expect(first).toMatch(/\d+(\.\d)? k?m/);
    const shots = process.env.AIW_E2E_SHOTS ?? join(tmpdir(), 'aiw-e2e-shots');
    mkdirSync(shots, { recursive: true });
    const png = await page.screenshot({ path: join(shots, 'map.png') });
    expect(distinctColours(png)).toBeGreaterThan(8);
  });

  it('opens a vessel card with range, bearing and CPA', async () => {
    await page.getByTestId('vessel-row').first().click();
    const card = page.getByTestId('vessel-card');
    await card.waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => card.innerText(), { timeout: 10_000 }).toMatch(/From sensor[\s\S]*km at \d+°/);
  });

  it('loads nothing from the network and logs no errors', () => {
    expect(app.offsiteRequests).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });
});
