/**
 * The foundation's promise, checked the way a user sees it: `aiw serve` on a fresh
 * data folder with the demo station at 10×, opened in Chromium, shows a non-blank
 * spectrogram and live predictions, with the network never touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServe, type ServeHandle } from '../helpers/serve-process.ts';
import { distinctColours, launchChromium } from './browser.ts';

describe('live view on the demo station', () => {
  let serve: ServeHandle;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  const offsiteRequests: string[] = [];

  beforeAll(async () => {
    serve = await startServe(['--demo-speed', '10']);
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('request', (r) => {
      if (!r.url().startsWith('http://127.0.0.1') && !r.url().startsWith('ws://127.0.0.1') &&
          !r.url().startsWith('data:') && !r.url().startsWith('blob:')) offsiteRequests.push(r.url());
    });
    await page.goto(serve.url);
  });

  afterAll(async () => {
    await browser?.close();
    expect(await serve?.stop()).toBe(0);
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
    expect(offsiteRequests).toEqual([]);
    expect(consoleErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
