/**
 * The Models page and the live charts as an analyst uses them in the browser: a zip picked in the
 * file dialog is uploaded, validated and deployed; a zip bomb is refused with the reason; the new MC
 * model's probability timeline and uncertainty chart draw, and a chart exports as PNG.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type ServeHandle } from '../helpers/serve-process.ts';
import { buildZip } from '../helpers/zip-writer.ts';
import { distinctColours, launchChromium } from './browser.ts';

const TORCH = join(import.meta.dirname, '../fixtures/model-packages/torch-mc-cnn');

describe('models page and live charts', () => {
  let serve: ServeHandle;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    serve = await startServe(['--demo-speed', '20']);
    browser = await launchChromium();
    page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1500, height: 1800 } });
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await page.goto(`${serve.url}#/models`);
  });

  afterAll(async () => {
    await browser?.close();
    expect(await serve?.stop()).toBe(0);
  });

  it('deploys a zip chosen in the file picker, with the validation report', async () => {
    const zip = buildZip(['model.json', 'model.onnx', 'MODEL_CARD.md'].map((f) => ({ name: `torch-mc-cnn/${f}`, data: readFileSync(join(TORCH, f)) })));
    await page.getByTestId('deploy-zip-input').setInputFiles({ name: 'torch-mc-cnn.zip', mimeType: 'application/zip', buffer: zip });
    await expect.poll(() => page.getByTestId('deploy-ok').innerText().catch(() => ''), { timeout: 30_000 }).toMatch(/Deployed torch-mc-cnn v1\.0\.0 \(active\)/);
    await page.locator('[data-testid="model-row"][data-model-id="torch-mc-cnn"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.getByTestId('audit-list').innerText(), { timeout: 10_000 }).toMatch(/deployed\s+torch-mc-cnn/);
  });

  it('refuses a zip bomb with the reason', async () => {
    const bomb = buildZip([{ name: 'model.onnx', data: Buffer.alloc(4 * 1024 * 1024) }]);
    await page.getByTestId('deploy-zip-input').setInputFiles({ name: 'bomb.zip', mimeType: 'application/zip', buffer: bomb });
    await expect.poll(() => page.getByTestId('deploy-refused').innerText().catch(() => ''), { timeout: 20_000 }).toMatch(/looks like a zip bomb/);
  });

  it('draws the MC model\'s probability timeline and uncertainty, and exports a chart as PNG', async () => {
    await page.goto(`${serve.url}#/live`);
    const timelineModel = page.getByTestId('timeline-model');
    await expect.poll(async () => (await timelineModel.locator('option').allInnerTexts()).join(','), { timeout: 30_000 }).toMatch(/torch-mc-cnn@1\.0\.0/);
    await timelineModel.selectOption('torch-mc-cnn@1.0.0');
    await page.getByTestId('uncertainty-metric').selectOption('epistemic');
    const charts = page.getByTestId('uplot-chart');
    await expect.poll(() => charts.count(), { timeout: 20_000 }).toBe(2);
    for (const chart of await charts.all()) {
      await expect.poll(async () => distinctColours(await chart.locator('canvas').screenshot()), { timeout: 20_000 }).toBeGreaterThan(4);
    }
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('chart-png').first().click()]);
    expect(download.suggestedFilename()).toMatch(/^probabilities-torch-mc-cnn@1\.0\.0-\d{8}T\d{6}Z\.png$/);
    expect(consoleErrors).toEqual([]);
  });
});
