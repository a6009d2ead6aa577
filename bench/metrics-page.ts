/**
 * The Metrics page for 30 days × 6 models in Chromium: a data folder with a month of labelled segments
 * and six models' predictions (src/main/metrics/bench.ts, fewer vessels: the page does not depend on
 * the AIS volume), served by `aiw serve`, opened in Debian's Chromium. The page reports how long the
 * server computed and how long drawing took (report arrival → next frame after the commit). Cold: the
 * page opened in a freshly started server (first start: the metrics store is built; later starts read
 * it), and the first change of a choice after a start; warm: later changes.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBenchDb } from '../src/main/metrics/bench.ts';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../test/e2e/browser.ts';
import { startServe } from '../test/helpers/serve-process.ts';

export interface MetricsPageBench {
  models: number;
  predictions: number;
  /** Opening the page in a fresh `aiw serve` (navigation → tables and charts drawn): the very first start (the store is built then), and later starts. */
  firstStartMs: number;
  coldOpenMs: number[];
  /** The first change of a choice right after a (later) start, click → drawn. */
  coldClickMs: number[];
  /** Per re-computation (window, range or truth changed): server compute, drawing, and click → drawn. */
  samples: { computeMs: number; drawMs: number; totalMs: number }[];
}

const CHROMIUM = process.env.AIW_CHROMIUM ?? '/usr/bin/chromium';

/** Median of numbers. */
export const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

type Sample = MetricsPageBench['samples'][number];

/** Waits until the page says it drew a report; its timing line. */
async function drawn(page: Page): Promise<{ computeMs: number; drawMs: number }> {
  const timing = page.getByTestId('metrics-timing');
  await timing.filter({ hasText: /drawn in/ }).waitFor({ timeout: 600_000 });
  const m = /computed in (\d+) ms, drawn in (\d+) ms/.exec(await timing.innerText());
  return { computeMs: Number(m?.[1]), drawMs: Number(m?.[2]) };
}

/** Changes the truth choice and times click → drawn (a new report: the timing line names when it arrived). */
async function changeTruth(page: Page, truth: string): Promise<Sample> {
  const before = await page.getByTestId('metrics-timing').getAttribute('data-received');
  const t0 = Date.now();
  await page.getByTestId('metrics-truth').selectOption(truth);
  // Not "wait for 'computing…' first": a fast answer can replace it before it is seen.
  await page.locator(`[data-testid="metrics-timing"]:not([data-received="${before}"])`).filter({ hasText: /drawn in/ }).waitFor({ timeout: 600_000 });
  return { ...(await drawn(page)), totalMs: Date.now() - t0 };
}

/** Starts `aiw serve` on the folder and opens the Metrics page (30-day window); navigation → drawn. */
async function openFresh(browser: Browser, dir: string): Promise<{ page: Page; openMs: number; stop: () => Promise<unknown> }> {
  const serve = await startServe(['--config', join(dir, 'config.json')], 300_000, dir);
  const page = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
  await page.goto(`${serve.url}#/models`);
  await page.evaluate(() => localStorage.setItem('aiw.metrics.window', JSON.stringify('30d')));
  const t0 = Date.now();
  await page.goto(`${serve.url}#/metrics`);
  await drawn(page);
  return { page, openMs: Date.now() - t0, stop: async () => (await page.close(), await serve.stop()) };
}

export async function benchMetricsPage(days = 30, restarts = 2): Promise<MetricsPageBench | string> {
  if (!existsSync(CHROMIUM)) return `Chromium not found at ${CHROMIUM} (apt-get install chromium)`;
  const dir = mkdtempSync(join(tmpdir(), 'aiw-bench-page-'));
  try {
    const b = buildBenchDb(dir, days, 40);
    b.labels.init();
    await b.labels.runPass();
    b.db.close();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ demo: { enabled: false } }));
    const browser = await launchChromium();
    try {
      const first = await openFresh(browser, dir);
      await first.stop();
      const coldOpenMs: number[] = [];
      const coldClickMs: number[] = [];
      const samples: Sample[] = [];
      for (let r = 0; r < restarts; r++) {
        const fresh = await openFresh(browser, dir);
        coldOpenMs.push(fresh.openMs);
        coldClickMs.push((await changeTruth(fresh.page, 'verified')).totalMs);
        if (r === restarts - 1) for (const truth of ['ais', 'verified', 'ais', 'verified', 'ais', 'verified']) samples.push(await changeTruth(fresh.page, truth));
        await fresh.stop();
      }
      return { models: 6, predictions: b.predictions, firstStartMs: first.openMs, coldOpenMs, coldClickMs, samples };
    } finally {
      await browser.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
