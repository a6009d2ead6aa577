/**
 * The review view and exports in the browser (headless mode), as an analyst uses them: keyboard review
 * steps through the segments where a model contradicts the truth; File → Export (the header's Export
 * button runs the menu's command) saves a PNG of the view at a chosen size and scale with axes, colour
 * bar, metadata footer and PNG text chunks; a single plot exports at its own size; CSV and WAV download;
 * the live run is pinned on the Sessions page and opened in the review view.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTextChunks } from '../../src/renderer/lib/png-export.ts';
import type { ReviewTimeline } from '../../src/shared/sessions.ts';
import { startServe, tempDir, type ServeHandle } from '../helpers/serve-process.ts';
import { connectApi } from '../helpers/ws-client.ts';
import { launchChromium } from './browser.ts';

async function saved(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 45_000 }), click()]) as [Download, void];
  return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
}

/** Distinct colours in a rectangle of a decoded PNG (1 = blank). */
function coloursIn(png: PNG, x0: number, y0: number, w: number, h: number): number {
  const seen = new Set<number>();
  for (let y = y0; y < y0 + h; y++) {
    for (let x = x0; x < x0 + w; x++) {
      const i = (y * png.width + x) * 4;
      seen.add((png.data[i]! << 16) | (png.data[i + 1]! << 8) | png.data[i + 2]!);
    }
  }
  return seen.size;
}

const selected = (page: Page) => page.getByTestId('review-selected');

/** Verifies two segments with a class the baseline model did not call (the truth then contradicts it). */
async function correctTwoCalls(url: string): Promise<void> {
  const api = await connectApi(url);
  try {
    for (let tries = 0; ; tries++) {
      const t = (await api.invoke<ReviewTimeline>('review:timeline', { stationId: 'demo', from: Date.now() - 86_400_000, to: Date.now() + 86_400_000 })).value!;
      const baseline = t.models.find((m) => m.id === 'baseline-logreg');
      const called = baseline ? t.segments.ids.flatMap((id, i) => (baseline.predicted[i] === null ? [] : [{ id, call: baseline.classes[baseline.predicted[i]!]! }])) : [];
      if (called.length >= 4) {
        for (const c of [called[1]!, called[3]!]) {
          const wrong = ['A', 'B', 'C', 'D'].find((k) => k !== c.call)!;
          expect((await api.invoke('labels:verify', { segmentId: c.id, verdict: 'corrected', classes: [wrong] })).ok).toBe(true);
        }
        return;
      }
      if (tries > 120) throw new Error('no baseline predictions within a minute');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    api.close();
  }
}

describe('review view and exports', () => {
  let serve: ServeHandle;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    // One-minute cache files: the audio of a selected segment is on disk within a second or two.
    const config = join(tempDir('aiw-review-'), 'config.json');
    writeFileSync(config, JSON.stringify({ demo: { cacheFileSeconds: 60 } }));
    serve = await startServe(['--demo-speed', '60', '--config', config]);
    browser = await launchChromium();
    page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1500, height: 1100 } });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && !/favicon/.test(m.text()) && errors.push(m.text()));
    await page.goto(`${serve.url}#/review`);
    await page.getByTestId('review-lanes').waitFor({ timeout: 20_000 });
  });

  afterAll(async () => {
    const toasts = await page?.getByTestId('toast').allInnerTexts().catch(() => []);
    if (toasts?.length) process.stderr.write(`toasts: ${JSON.stringify(toasts)}\n`);
    await browser?.close();
    expect(await serve?.stop()).toBe(0);
  });

  it('steps through disagreements between a model and the truth with the keyboard', async () => {
    // AIS labels settle within a minute of demo time; two analyst corrections against the baseline's
    // calls make sure there are disagreements to step through whatever the machine's load.
    await correctTwoCalls(serve.url);
    await page.getByTestId('review-queue').locator('li').nth(1).waitFor({ timeout: 60_000 });
    await page.getByTestId('review-lanes').click({ position: { x: 5, y: 5 } }); // focus the page, nothing selected
    await page.keyboard.press('Escape');
    await page.keyboard.press('d');
    await expect.poll(() => selected(page).getAttribute('data-disagrees')).toBe('true');
    const first = Number(await selected(page).getAttribute('data-segment-id'));
    await page.keyboard.press('d');
    await expect.poll(async () => Number(await selected(page).getAttribute('data-segment-id'))).not.toBe(first);
    expect(await selected(page).getAttribute('data-disagrees')).toBe('true');
    const second = Number(await selected(page).getAttribute('data-segment-id'));
    expect(second).toBeGreaterThan(first);
    await page.keyboard.press('D');
    await expect.poll(async () => Number(await selected(page).getAttribute('data-segment-id'))).toBe(first);
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => Number(await selected(page).getAttribute('data-segment-id'))).toBeGreaterThan(first);
  });

  it('exports the view as PNG at a chosen size and scale from the menu command, with axes and metadata chunks', async () => {
    await page.getByTestId('export-menu').click(); // runs the menu's export:png command
    const dialog = page.getByTestId('export-dialog');
    await dialog.waitFor();
    await page.getByTestId('export-target').selectOption('view');
    await page.getByTestId('export-width').fill('900');
    await page.getByTestId('export-scale').selectOption('2');
    const { name, bytes } = await saved(page, () => page.getByTestId('export-png-save').click());
    expect(name).toMatch(/^view-demo-\d{8}T\d{6}Z\.png$/);
    const png = PNG.sync.read(bytes);
    expect(png.width).toBe((900 + 2 * 12) * 2);
    expect(png.height).toBeGreaterThan(600);
    const text = readTextChunks(new Uint8Array(bytes));
    expect(text).toMatchObject({ Station: 'demo', 'Station name': 'Demo station — Monterey Bay (simulated)', 'Mapping version': '1' });
    expect(text['Time range']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(text.Models).toContain('baseline-logreg@1.0.0');
    expect(text.Description).toMatch(/^Station: .*UTC\nModels: .*Class mapping version: 1\nExported /);
    const top = 24 + 52; // padding + title
    expect(coloursIn(png, 24 + (900 - 62 - 100) * 2, top + 40, 180, 300)).toBeGreaterThan(30); // the newest audio in the spectrogram
    expect(coloursIn(png, 24, top + 20, 80, 400)).toBeGreaterThan(3); // frequency axis labels
    expect(coloursIn(png, 24 + 900 * 2 - 110, top + 20, 100, 400)).toBeGreaterThan(20); // the colour bar
  });

  it('exports a single plot at its own size, and CSV and WAV of the selection', async () => {
    await page.getByTestId('export-target').selectOption('spectrogram');
    await page.getByTestId('export-width').fill('800');
    await page.getByTestId('export-height').fill('300');
    await page.getByTestId('export-scale').selectOption('1');
    const spectrogram = await saved(page, () => page.getByTestId('export-png-save').click());
    const png = PNG.sync.read(spectrogram.bytes);
    expect(png.width).toBe(800 + 24);
    expect(png.height).toBeGreaterThanOrEqual(12 + 26 + 300 + 12 + 3 * 16 + 12);
    expect(readTextChunks(new Uint8Array(spectrogram.bytes)).Title).toMatch(/^Spectrogram — /);
    const csv = await saved(page, () => page.getByTestId('export-csv-predictions').click());
    expect(csv.name).toMatch(/^predictions-demo-.*\.csv$/);
    expect(csv.bytes.toString('utf8').split('\n')[0]).toMatch(/^prediction_id,segment_id,station_id/);
    const labels = await saved(page, () => page.getByTestId('export-csv-labels').click());
    expect(labels.bytes.toString('utf8')).toMatch(/^segment_id,station_id,.*truth_classes\n\d+,demo,/);
    const wav = await saved(page, () => page.getByTestId('export-wav').click());
    expect(wav.bytes.toString('latin1', 0, 4)).toBe('RIFF');
    expect(wav.bytes.readUInt32LE(24)).toBe(8000); // the demo's rate, channel 0, the selected 30 s segment
    expect(wav.bytes.length).toBeGreaterThan(8000 * 2 * 29);
    await page.keyboard.press('Escape');
    await page.getByTestId('export-dialog').waitFor({ state: 'detached' });
  });

  it('lists the live run on the Sessions page, pins it and opens it in the review view', async () => {
    await page.goto(`${serve.url}#/sessions`);
    const row = page.getByTestId('session-row').first();
    await row.waitFor({ timeout: 20_000 });
    expect(await row.innerText()).toMatch(/run[\s\S]*demo[\s\S]*baseline-logreg@1\.0\.0[\s\S]*\d+ seg · \d+ pred/);
    await row.getByTestId('session-pin').click();
    await expect.poll(() => row.getByTestId('session-pin').getAttribute('aria-pressed')).toBe('true');
    await row.getByTestId('session-review').click();
    await page.getByTestId('review-page').waitFor();
    await expect.poll(() => page.getByTestId('follow-live').isDisabled()).toBe(true); // a session, not live
    await expect.poll(() => page.locator('.review-keys').innerText(), { timeout: 10_000 }).toMatch(/[1-9]\d* segments loaded/);
    expect(errors).toEqual([]);
  });
});
