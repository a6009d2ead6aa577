/**
 * The Metrics page for 30 days × 6 models in Chromium: a data folder with a month of labelled segments
 * and six models' predictions (src/main/metrics/bench.ts, fewer vessels: the page does not depend on
 * the AIS volume), served by `aiw serve`, opened in Debian's Chromium. The page reports how long the
 * server computed and how long drawing took (report arrival → next frame after the commit). Cold: the
 * page opened in a freshly started server (first start: the metrics store is built; later starts read
 * it), and the first change of a choice after a start; warm: later changes.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  /** The first change of a choice right after a (later) start. */
  coldClicks: Sample[];
  /** Per re-computation (the truth changed): server compute, drawing, click → drawn (from the bench), and the page's own marks. */
  samples: { computeMs: number; drawMs: number; totalMs: number; selectMs: number; steps: StepTimes }[];
}

/** The page's own measurement of one report (report-timing.ts), ms: the change event → request sent → reply parsed → React committed → next frame → painted. */
export interface StepTimes {
  inputToSent: number;
  sentToArrived: number;
  arrivedToCommitted: number;
  committedToFrame: number;
  frameToPainted: number;
  /** The whole, in the page: the change event → the frame with the new report painted. */
  inputToPainted: number;
}

/** The steps in the order they happen, with their names in the page's data attributes. */
export const STEPS: { key: keyof StepTimes; attribute: string; text: string }[] = [
  { key: 'inputToSent', attribute: 'data-input-to-sent', text: 'change event → request sent' },
  { key: 'sentToArrived', attribute: 'data-sent-to-arrived', text: 'sent → reply parsed (server, WebSocket)' },
  { key: 'arrivedToCommitted', attribute: 'data-arrived-to-committed', text: 'reply → React committed' },
  { key: 'committedToFrame', attribute: 'data-committed-to-frame', text: 'commit → next frame (charts)' },
  { key: 'frameToPainted', attribute: 'data-frame-to-painted', text: 'frame → painted (style, layout)' },
  { key: 'inputToPainted', attribute: 'data-input-to-painted', text: 'in the page: change event → painted' },
];

const CHROMIUM = process.env.AIW_CHROMIUM ?? '/usr/bin/chromium';

/** Median of numbers. */
export const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

type Sample = MetricsPageBench['samples'][number];

/** The little of the DOM the in-page check uses (the bench is type-checked without the DOM library). */
interface InPage { document: { querySelector(selector: string): { getAttribute(name: string): string | null; hasAttribute(name: string): boolean } | null } }

/**
 * Waits until the page painted a report other than `previous` (its arrival mark), checked every frame in
 * the page (a locator's waitFor polls at 100 ms and up to 1 s, which the totals would include; not "wait
 * for 'computing…' first": a fast answer can replace it before it is seen); its timing line and marks.
 */
async function nextReport(page: Page, previous: string | null): Promise<{ computeMs: number; drawMs: number; steps: StepTimes }> {
  await page.waitForFunction((before) => {
    const el = (globalThis as unknown as InPage).document.querySelector('[data-testid="metrics-timing"]');
    return el !== null && el.getAttribute('data-received') !== before && el.hasAttribute('data-frame-to-painted');
  }, previous, { polling: 'raf', timeout: 600_000 });
  const timing = page.getByTestId('metrics-timing');
  const m = /computed in (\d+) ms, drawn in (\d+) ms/.exec(await timing.innerText());
  const attributes = await timing.evaluate((el) => Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])));
  const steps = Object.fromEntries(STEPS.map((s) => [s.key, Number(attributes[s.attribute] ?? Number.NaN)])) as unknown as StepTimes;
  return { computeMs: Number(m?.[1]), drawMs: Number(m?.[2]), steps };
}

/** Changes the truth choice and times click → drawn (a new report: the timing line names when it arrived). */
async function changeTruth(page: Page, truth: string): Promise<Sample> {
  const before = await page.getByTestId('metrics-timing').getAttribute('data-received');
  const t0 = Date.now();
  await page.getByTestId('metrics-truth').selectOption(truth);
  const selectMs = Date.now() - t0;
  return { ...(await nextReport(page, before)), totalMs: Date.now() - t0, selectMs };
}

/** Starts `aiw serve` on the folder and opens the Metrics page (30-day window); navigation → drawn. */
async function openFresh(browser: Browser, dir: string): Promise<{ page: Page; openMs: number; stop: () => Promise<unknown> }> {
  const serve = await startServe(['--config', join(dir, 'config.json')], 300_000, dir);
  const page = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
  await page.goto(`${serve.url}#/models`);
  await page.evaluate(() => localStorage.setItem('aiw.metrics.window', JSON.stringify('30d')));
  const t0 = Date.now();
  await page.goto(`${serve.url}#/metrics`);
  await nextReport(page, null);
  return { page, openMs: Date.now() - t0, stop: async () => (await page.close(), await serve.stop()) };
}

/** A data folder with a month of labelled predictions; `predictions` counts them. */
async function buildFolder(dir: string, days: number): Promise<number> {
  const b = buildBenchDb(dir, days, 40);
  b.labels.init();
  await b.labels.runPass();
  b.db.close();
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ demo: { enabled: false } }));
  writeFileSync(join(dir, 'bench-predictions.txt'), String(b.predictions));
  return b.predictions;
}

/**
 * AIW_BENCH_METRICS_DIR names a folder kept between runs (built on the first, reused later: for
 * iterating on the page without the two-minute build; its "first start" is then not the first).
 */
export async function benchMetricsPage(days = 30, restarts = 2): Promise<MetricsPageBench | string> {
  if (!existsSync(CHROMIUM)) return `Chromium not found at ${CHROMIUM} (apt-get install chromium)`;
  const keep = process.env.AIW_BENCH_METRICS_DIR;
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'aiw-bench-page-'));
  if (keep) mkdirSync(keep, { recursive: true });
  try {
    const built = keep && existsSync(join(dir, 'bench-predictions.txt'));
    const predictions = built ? Number(readFileSync(join(dir, 'bench-predictions.txt'), 'utf8')) : await buildFolder(dir, days);
    const browser = await launchChromium();
    try {
      const first = await openFresh(browser, dir);
      await first.stop();
      const coldOpenMs: number[] = [];
      const coldClicks: Sample[] = [];
      const samples: Sample[] = [];
      for (let r = 0; r < restarts; r++) {
        const fresh = await openFresh(browser, dir);
        coldOpenMs.push(fresh.openMs);
        coldClicks.push(await changeTruth(fresh.page, 'verified'));
        if (r === restarts - 1) for (const truth of ['ais', 'verified', 'ais', 'verified', 'ais', 'verified']) samples.push(await changeTruth(fresh.page, truth));
        await fresh.stop();
      }
      return { models: 6, predictions, firstStartMs: first.openMs, coldOpenMs, coldClicks, samples };
    } finally {
      await browser.close();
    }
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

const fmt0 = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '—');
const span = (xs: number[]) => `${fmt0(Math.min(...xs))}–${fmt0(Math.max(...xs))} ms`;
const medianOf = (samples: readonly Sample[], pick: (s: Sample) => number) => `${fmt0(median(samples.map(pick)))} ms (${span(samples.map(pick))})`;

/** The bench's lines (label, value) for the page's numbers: totals, the page's own breakdown, cold figures. */
export function metricsPageLines(page: MetricsPageBench): [string, string][] {
  const warm = page.samples;
  return [
    [`Metrics page in Chromium, ${page.predictions} predictions`, `median of ${warm.length} (range): server ${fmt0(median(warm.map((x) => x.computeMs)))} ms + reply → painted ${fmt0(median(warm.map((x) => x.drawMs)))} ms`],
    ['  warm, in the page: change → painted (goal < 200 ms)', medianOf(warm, (x) => x.steps.inputToPainted)],
    ['  warm, from the bench: selectOption → seen painted', medianOf(warm, (x) => x.totalMs)],
    ['    of which selectOption itself (Playwright)', medianOf(warm, (x) => x.selectMs)],
    ...STEPS.slice(0, -1).map((s): [string, string] => [`    ${s.text}`, medianOf(warm, (x) => x.steps[s.key])]),
    ['  cold: open the page in a fresh server (store built)', span(page.coldOpenMs)],
    ['  cold: first change after a start, in the page', span(page.coldClicks.map((x) => x.steps.inputToPainted))],
    ['  cold: first change after a start, from the bench', span(page.coldClicks.map((x) => x.totalMs))],
    ['  first start on the folder (store built if new)', `${fmt0(page.firstStartMs)} ms`],
  ];
}
