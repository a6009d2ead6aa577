/**
 * The foundation's promise, checked the way a user sees it: `aiw serve` on a fresh
 * data folder with the demo station at 10×, opened in Chromium, shows a non-blank
 * spectrogram and live predictions, with the network never touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { distinctColours, openApp, type OpenApp } from './browser.ts';

describe('live view on the demo station', () => {
  let app: OpenApp;
  let page: Page;

  beforeAll(async () => {
    app = await openApp({ serveArgs: ['--demo-speed', '10'] });
    page = app.page;
  });

  afterAll(async () => {
    expect(await app?.close()).toBe(0);
  });

  it('shows a non-blank spectrogram within 20 s', async () => {
    const canvas = page.getByTestId('spectrogram');
    await canvas.waitFor({ state: 'visible', timeout: 20_000 });
    await expect.poll(async () => distinctColours(await canvas.screenshot()), { timeout: 20_000, interval: 500 }).toBeGreaterThan(8);
  });

  it('shows live prediction rows within 20 s', async () => {
    await page.getByTestId('prediction-row').first().waitFor({ state: 'visible', timeout: 20_000 });
    const text = await page.getByTestId('prediction-row').first().innerText();
    expect(text).toMatch(/baseline-logreg/);
    expect(text).toMatch(/\b[A-E]\b/);
  });

  it('shows the station status and loads nothing from the network', async () => {
    await expect.poll(() => page.getByTestId('station-status').innerText(), { timeout: 10_000 }).toMatch(/live|streaming/i);
    expect(app.offsiteRequests).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });
});
