/**
 * The foundation's promise, checked the way a user sees it: `aiw serve` on a fresh
 * data folder with the demo station at 10×, opened in Chromium, shows a non-blank
 * spectrogram and live predictions, with the network never touched; the Live page is the review
 * timeline following now, paused by dragging, zooming, the "Follow live" toggle or `l`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { distinctColours, openApp, type OpenApp } from './browser.ts';

describe('live view on the demo station', () => {
  let app: OpenApp;
  let page: Page;

  const view = async () => {
    const el = page.getByTestId('review-page');
    return { following: await el.getAttribute('data-following'), from: Number(await el.getAttribute('data-from')), to: Number(await el.getAttribute('data-to')) };
  };
  const toggle = () => page.getByTestId('follow-live');

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

  it('is the review timeline following now: lanes with the truth, the map and the latest calls', async () => {
    await page.getByTestId('review-lanes').waitFor({ timeout: 20_000 });
    expect((await view()).following).toBe('true');
    expect(await toggle().getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('review-page').getAttribute('data-mode')).toBe('live');
    await page.getByTestId('latest-call').first().waitFor({ timeout: 20_000 });
    await page.getByTestId('review-map-time').waitFor({ timeout: 20_000 });
    const first = (await view()).to;
    await expect.poll(async () => (await view()).to, { timeout: 20_000 }).toBeGreaterThan(first); // scrolls with the audio
  });

  it('pauses when dragged and stays put while the audio goes on; the toggle jumps back to now', async () => {
    const box = (await page.getByTestId('spectrogram').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width / 2 + i * 20, box.y + box.height / 2);
    await page.mouse.up();
    await expect.poll(async () => (await view()).following).toBe('false');
    expect(await toggle().getAttribute('aria-pressed')).toBe('false');
    const paused = await view();
    await page.waitForTimeout(3000); // at 10× the station moves on by half a minute meanwhile
    expect(await view()).toEqual(paused);
    await toggle().click();
    await expect.poll(async () => (await view()).following).toBe('true');
    expect((await view()).to).toBeGreaterThan(paused.to); // now, not where it paused
  });

  it('pauses when zoomed, and l toggles following', async () => {
    const before = await view();
    const box = (await page.getByTestId('spectrogram').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -300);
    await expect.poll(async () => (await view()).following).toBe('false');
    const zoomed = await view();
    expect(zoomed.to - zoomed.from).toBeLessThan(before.to - before.from);
    await page.keyboard.press('l');
    await expect.poll(async () => (await view()).following).toBe('true');
    await page.keyboard.press('l');
    await expect.poll(async () => (await view()).following).toBe('false');
    expect(app.consoleErrors).toEqual([]);
  });
});
