/**
 * The Metrics page for 30 days × 6 models in Chromium: a data folder with a month of labelled segments
 * and six models' predictions (src/main/metrics/bench.ts, fewer vessels: the page does not depend on
 * the AIS volume), served by `aiw serve`, opened in Debian's Chromium. The page reports how long the
 * server computed and how long drawing took (report arrival → next frame after the commit).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBenchDb } from '../src/main/metrics/bench.ts';
import { launchChromium } from '../test/e2e/browser.ts';
import { startServe } from '../test/helpers/serve-process.ts';

export interface MetricsPageBench {
  models: number;
  predictions: number;
  /** Per re-computation (window, range or truth changed): server compute, drawing, and click → drawn. */
  samples: { computeMs: number; drawMs: number; totalMs: number }[];
}

const CHROMIUM = process.env.AIW_CHROMIUM ?? '/usr/bin/chromium';

/** Median of numbers. */
export const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

export async function benchMetricsPage(days = 30): Promise<MetricsPageBench | string> {
  if (!existsSync(CHROMIUM)) return `Chromium not found at ${CHROMIUM} (apt-get install chromium)`;
  const dir = mkdtempSync(join(tmpdir(), 'aiw-bench-page-'));
  try {
    const b = buildBenchDb(dir, days, 40);
    b.labels.init();
    await b.labels.runPass();
    b.db.close();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ demo: { enabled: false } }));
    const serve = await startServe(['--config', join(dir, 'config.json')], 120_000, dir);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
      await page.goto(`${serve.url}#/models`);
      await page.evaluate(() => localStorage.setItem('aiw.metrics.window', JSON.stringify('30d')));
      await page.goto(`${serve.url}#/metrics`);
      const timing = page.getByTestId('metrics-timing');
      const drawn = async () => {
        await timing.filter({ hasText: /drawn in/ }).waitFor({ timeout: 300_000 });
        const m = /computed in (\d+) ms, drawn in (\d+) ms/.exec(await timing.innerText());
        return { computeMs: Number(m?.[1]), drawMs: Number(m?.[2]) };
      };
      await drawn(); // the first request warms the server caches
      const samples: MetricsPageBench['samples'] = [];
      for (const truth of ['verified', 'ais', 'verified', 'ais', 'verified', 'ais']) {
        const t0 = Date.now();
        await page.getByTestId('metrics-truth').selectOption(truth);
        await timing.filter({ hasText: /computing/ }).waitFor({ timeout: 5000 }).catch(() => undefined);
        const s = await drawn();
        samples.push({ ...s, totalMs: Date.now() - t0 });
      }
      return { models: 6, predictions: b.predictions, samples };
    } finally {
      await browser.close();
      await serve.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
