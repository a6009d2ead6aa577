/**
 * The spectrogram beyond the live strip, as an analyst uses it: a 15-minute window drawn from the
 * tile pyramid, dragged back in time (history), zoomed with the wheel, re-coloured on a log axis
 * with a chosen dB range, the cursor readout, and back to live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServe, type ServeHandle } from '../helpers/serve-process.ts';
import { distinctColours, launchChromium } from './browser.ts';

type Stats = { frames: number; drawMs: number };

/** Colours in the right quarter of the plot area (inside the axes and colour bar: the newest audio). */
async function plotColours(page: Page): Promise<number> {
  const box = (await page.getByTestId('spectrogram').boundingBox())!;
  const right = box.x + box.width - 62; // PLOT_MARGINS.right
  const width = (box.width - 46 - 62) / 4;
  const clip = { x: right - width, y: box.y + 18 + 4, width: width - 2, height: box.height - 18 - 22 - 8 };
  return distinctColours(await page.screenshot({ clip }));
}
const stats = (page: Page) => page.evaluate(() => (globalThis as unknown as { __aiwSpectrogramStats: () => Promise<Stats> }).__aiwSpectrogramStats());

describe('spectrogram history', () => {
  let serve: ServeHandle;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    serve = await startServe(['--demo-speed', '30']);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && !/favicon/.test(m.text()) && pageErrors.push(m.text()));
    await page.goto(serve.url);
    await page.getByTestId('spectrogram').waitFor({ state: 'visible', timeout: 20_000 });
  });

  afterAll(async () => {
    await browser?.close();
    expect(await serve?.stop()).toBe(0);
  });

  it('draws a 15-minute window from tiles and pans back in time by dragging', async () => {
    const canvas = page.getByTestId('spectrogram');
    await expect.poll(() => plotColours(page), { timeout: 20_000, interval: 500 }).toBeGreaterThan(8);
    await page.getByTestId('window-select').selectOption('900000');
    await expect.poll(() => plotColours(page), { timeout: 20_000, interval: 500 }).toBeGreaterThan(8);
    const box = (await canvas.boundingBox())!;
    const before = await stats(page);
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++) await page.mouse.move(box.x + box.width * 0.5 + i * 10, box.y + box.height * 0.5);
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('follow-live').getAttribute('aria-pressed')).toBe('false');
    expect((await stats(page)).frames).toBeGreaterThan(before.frames);
    // In history only tiles are drawn (not the live ring): the audio from before is there.
    await expect.poll(() => plotColours(page), { timeout: 10_000, interval: 500 }).toBeGreaterThan(8);
    await page.mouse.wheel(0, -300); // zoom in about the cursor
    await expect.poll(() => page.getByTestId('window-select').inputValue()).not.toBe('900000');
  });

  it('re-colours on a log axis over a chosen dB range and reads out the cursor', async () => {
    const canvas = page.getByTestId('spectrogram');
    await page.getByTestId('scale-select').selectOption('log');
    const inputs = page.locator('.spectrogram-controls input');
    await inputs.nth(0).fill('-100');
    await inputs.nth(1).fill('-45');
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.4);
    await expect.poll(() => plotColours(page), { timeout: 10_000, interval: 500 }).toBeGreaterThan(8);
    await page.getByTestId('follow-live').click();
    await expect.poll(() => page.getByTestId('follow-live').getAttribute('aria-pressed')).toBe('true');
    expect(pageErrors).toEqual([]);
  });
});
