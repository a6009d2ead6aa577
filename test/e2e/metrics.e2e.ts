/**
 * The Metrics and Classes pages in Chromium over nine days of scored predictions of three models (the
 * metrics fixture, ending today): the seed's tables and daily charts draw, the drifting model is
 * flagged, the CSV downloads, a class change on the Classes page creates mapping version 2, and the
 * Metrics page re-scores "as of" either version; the page times a change of a choice step by step. Prints
 * how long the page took to render.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, tempDir, type ServeHandle } from '../helpers/serve-process.ts';
import { DAY, seedMetricsData } from '../integration/metrics-fixture.ts';
import { distinctColours, launchChromium } from './browser.ts';

describe('metrics and classes pages', () => {
  let serve: ServeHandle;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    const dir = tempDir('aiw-metrics-e2e-');
    seedMetricsData(dir, Math.floor(Date.now() / DAY) * DAY - 8 * DAY);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ demo: { enabled: false }, analyst: 'e2e analyst' }));
    serve = await startServe(['--config', join(dir, 'config.json')], 60_000, dir);
    browser = await launchChromium();
    page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1500, height: 2400 } });
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await page.goto(`${serve.url}#/models`);
    await page.evaluate(() => localStorage.setItem('aiw.metrics.window', JSON.stringify('30d')));
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    expect(await serve?.stop()).toBe(0);
  });

  it('shows the totals, the classification reports and the daily charts, and flags the drifting model', async () => {
    const start = Date.now();
    await page.goto(`${serve.url}#/metrics`);
    await page.reload();
    const rows = page.locator('[data-testid="metrics-totals"] tbody tr');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(3);
    await page.locator('.metrics-daily .uplot-host canvas').first().waitFor({ timeout: 10_000 });
    process.stderr.write(`metrics e2e: page rendered ${Date.now() - start} ms after navigation (cold server caches)\n`);
    const texts = await rows.allInnerTexts();
    expect(texts.find((t) => t.includes('mc5'))).toMatch(/drift/);
    expect(await page.getByTestId('metrics-report').locator('tbody tr').count()).toBeGreaterThan(15);
    const chart = await page.locator('.metrics-daily .chart-panel').first().screenshot();
    expect(distinctColours(chart)).toBeGreaterThan(8);
    await expect.poll(() => page.getByTestId('uncertainty-auroc').locator('tbody tr').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('confusion').innerText()).toMatch(/true/);
  }, 60_000);

  it('renders again from warm caches quickly, and exports the metrics as CSV', async () => {
    const start = Date.now();
    await page.reload();
    await expect.poll(() => page.locator('[data-testid="metrics-totals"] tbody tr').count(), { timeout: 30_000 }).toBe(3);
    await page.locator('.metrics-daily .uplot-host canvas').first().waitFor();
    process.stderr.write(`metrics e2e: page rendered ${Date.now() - start} ms after reload (warm server caches)\n`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('metrics-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^metrics_.*_20km_v1\.csv$/);
  }, 60_000);

  it('assigns a class on the Classes page (mapping v2), and the Metrics page scores as of either version', async () => {
    await page.goto(`${serve.url}#/classes`);
    await page.getByTestId('designation-filter').selectOption('all');
    const row = page.locator('[data-testid="designation-row"]', { hasText: /^90/ }).first();
    await row.locator('select').selectOption('A');
    await page.getByPlaceholder('note (why)').fill('other-type vessels here are tugs');
    await page.getByTestId('mapping-save').click();
    await expect.poll(() => page.getByTestId('mapping-history').innerText(), { timeout: 10_000 }).toMatch(/v2 .*e2e analyst.*other-type/s);
    await page.goto(`${serve.url}#/metrics`);
    const scored = async () => (await page.locator('[data-testid="metrics-totals"] tbody tr').first().locator('td').nth(10).innerText()).trim();
    await expect.poll(() => page.locator('[data-testid="metrics-totals"] tbody tr').count(), { timeout: 30_000 }).toBe(3);
    await page.getByTestId('metrics-mapping').selectOption('1');
    await expect.poll(() => page.locator('.panel-sub', { hasText: 'mapping v1' }).count(), { timeout: 20_000 }).toBe(1);
    const v1 = await scored();
    await page.getByTestId('metrics-mapping').selectOption('');
    await expect.poll(() => page.locator('.panel-sub', { hasText: 'mapping v2' }).count(), { timeout: 20_000 }).toBe(1);
    expect(Number(await scored())).toBeGreaterThan(Number(v1));
    expect(consoleErrors).toEqual([]);
  }, 90_000);

  it('times a change of a choice in the page, step by step (what the page bench reads)', async () => {
    const timing = page.getByTestId('metrics-timing');
    const before = await timing.getAttribute('data-received');
    await page.getByTestId('metrics-truth').selectOption('verified');
    const fresh = page.locator(`[data-testid="metrics-timing"]:not([data-received="${before}"])[data-input-to-painted]`);
    await fresh.waitFor({ timeout: 20_000 });
    const read = (name: string) => fresh.getAttribute(`data-${name}`).then((v) => (v === null ? Number.NaN : Number(v)));
    const steps = await Promise.all(['input-to-sent', 'sent-to-arrived', 'arrived-to-committed', 'committed-to-frame', 'frame-to-painted'].map(read));
    expect(steps.every((x) => Number.isFinite(x) && x >= 0)).toBe(true);
    // The steps follow each other: they add up to the whole (each rounded to 0.1 ms).
    expect(Math.abs(steps.reduce((a, b) => a + b, 0) - (await read('input-to-painted')))).toBeLessThan(0.3);
    expect(await timing.innerText()).toMatch(/computed in \d+ ms, drawn in \d+ ms/);
  }, 30_000);
});
