/**
 * Map interactivity with a busy picture: seeds 2,000 vessels × 24 h of AIS into a temporary data
 * folder, runs `aiw serve` on it (demo station at 1×, so the map is live), opens the Map page in
 * Chromium (playwright-core, Debian's /usr/bin/chromium) with 24 h tracks and a 160 km range, drags
 * the map in circles for N seconds and reports the frame rate from requestAnimationFrame, beside a
 * reference drag of the same map with a 10 km range and no tracks (same browser, server and load).
 *
 *   node bench/map-fps.ts [--seconds 30] [--vessels 2000] [--hours 24] [--keep] [--data-dir DIR (already seeded)]
 *
 * Goal (issue 6): 50+ fps while panning. Software rendering (--disable-gpu) on a shared 2-core
 * machine: the numbers are noisy, compare runs on the same machine.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { readFrameProbe, startFrameProbe, type FrameStats } from './frame-probe.ts';
import { rendererDir } from '../src/main/app/paths.ts';
import { launchChromium } from '../test/e2e/browser.ts';
import { REPO_ROOT, startServe, tempDir } from '../test/helpers/serve-process.ts';
import { seedMapData } from './map-seed.ts';

/** Options of one run. */
export interface MapFpsOptions {
  seconds: number;
  vessels: number;
  hours: number;
  keep?: boolean;
  /** An already seeded data folder to use (kept afterwards); its fixes run until 30 min after seeding. */
  dataDir?: string;
  log?: (line: string) => void;
}

/** Frame statistics of one drag. */
/** The busy map against a light reference drag in the same browser and server (machine load cancels out). */
export interface MapFpsResult {
  vessels: number;
  trackPoints: number;
  seedSeconds: number;
  busy: FrameStats;
  /** The same map with a 10 km range and no tracks (a few dozen vessels). */
  reference: FrameStats;
}

const CHROMIUM = process.env.AIW_CHROMIUM ?? '/usr/bin/chromium';

/** Why the benchmark cannot run here, or undefined when it can. */
export function mapFpsUnavailableReason(): string | undefined {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium, or set AIW_CHROMIUM)`;
  return undefined;
}

/** Waits until the map shows at least `vessels` vessels and `points` track points; returns the track points drawn. */
async function waitForPicture(page: Page, vessels: number, points: number): Promise<number> {
  const canvas = page.getByTestId('vessel-canvas');
  const deadline = Date.now() + 120_000;
  let shown = 0;
  let drawn = 0;
  while (Date.now() < deadline) {
    shown = Number((await canvas.getAttribute('data-vessels').catch(() => '0')) ?? 0);
    drawn = Number((await canvas.getAttribute('data-track-points').catch(() => '0')) ?? 0);
    if (shown >= vessels && drawn >= points) return drawn;
    await page.waitForTimeout(500);
  }
  throw new Error(`the map did not show ${vessels} vessels and ${points} track points within 120 s (it showed ${shown} and ${drawn})`);
}

/** Drags the map around a circle for `seconds`, one mouse move per ~16 ms; frame and long-task statistics. */
async function dragInCircles(page: Page, seconds: number): Promise<FrameStats> {
  const box = await page.locator('.map-canvas').boundingBox();
  if (box === null) throw new Error('no map on the page');
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await startFrameProbe(page);
  await page.mouse.move(cx + 150, cy);
  await page.mouse.down();
  const start = Date.now();
  for (let i = 0; Date.now() - start < seconds * 1000; i++) {
    const a = (i / 120) * 2 * Math.PI; // one circle every ~2 s
    await page.mouse.move(cx + 150 * Math.cos(a), cy + 150 * Math.sin(a));
    await page.waitForTimeout(14);
  }
  await page.mouse.up();
  return readFrameProbe(page);
}

/** Opens the Map page with a range and track history, waits for the picture, drags and measures. */
async function measure(browser: Browser, url: string, view: { rangeKm: number; historyMs: number; vessels: number; points: number }, seconds: number) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    await page.addInitScript((v) => {
      localStorage.setItem('aiw.map.rangeKm', String(v.rangeKm));
      localStorage.setItem('aiw.map.historyMs', String(v.historyMs));
    }, view);
    await page.goto(`${url}#/map`);
    const trackPoints = await waitForPicture(page, view.vessels, view.points);
    return { trackPoints, stats: await dragInCircles(page, seconds) };
  } finally {
    await page.close();
  }
}

/** Seeds, serves, opens the map, drags and measures. */
export async function benchMapFps(o: MapFpsOptions): Promise<MapFpsResult> {
  const log = o.log ?? (() => undefined);
  if (!existsSync(join(rendererDir(), 'index.html'))) {
    log('building the renderer (npm run build:web)…');
    execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: 'inherit' });
  }
  const dataDir = o.dataDir ?? tempDir('aiw-bench-map-');
  const seedStart = performance.now();
  if (o.dataDir === undefined) {
    const fixes = seedMapData(dataDir, { vessels: o.vessels, hours: o.hours, aheadMinutes: 30, radiusKm: 70 });
    log(`seeded ${fixes} fixes (${o.vessels} vessels × ${o.hours} h) in ${((performance.now() - seedStart) / 1000).toFixed(1)} s into ${dataDir}`);
  }
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const serve = await startServe(['--demo-speed', '1'], 60_000, dataDir);
  const browser = await launchChromium();
  try {
    log(`reference: 10 km range, no tracks; dragging for ${o.seconds} s…`);
    const reference = await measure(browser, serve.url, { rangeKm: 10, historyMs: 0, vessels: 1, points: 0 }, o.seconds);
    log(`busy: 160 km range, ${o.hours} h tracks; waiting for the picture, then dragging for ${o.seconds} s…`);
    const busy = await measure(browser, serve.url, { rangeKm: 160, historyMs: o.hours * 3_600_000, vessels: Math.floor(o.vessels * 0.95), points: o.vessels * 10 }, o.seconds);
    return { vessels: o.vessels, trackPoints: busy.trackPoints, seedSeconds, busy: busy.stats, reference: reference.stats };
  } finally {
    await browser.close();
    await serve.stop();
    if (!o.keep && o.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { seconds: { type: 'string', default: '30' }, vessels: { type: 'string', default: '2000' }, hours: { type: 'string', default: '24' }, keep: { type: 'boolean', default: false }, 'data-dir': { type: 'string' } },
  });
  const reason = mapFpsUnavailableReason();
  if (reason) {
    process.stdout.write(`skipped: ${reason}\n`);
    return;
  }
  const r = await benchMapFps({
    seconds: Number(values.seconds), vessels: Number(values.vessels), hours: Number(values.hours), keep: values.keep, dataDir: values['data-dir'],
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const f = (n: number) => n.toFixed(1);
  const line = (label: string, x: FrameStats) =>
    process.stdout.write(`${label.padEnd(34)} fps avg ${f(x.fpsAvg)}  p50 ${f(x.fpsP50)}  p95 ${f(x.fpsP95)}  max frame ${f(x.maxFrameMs)} ms, ` +
      `${x.longFrames} frames > 50 ms, ${x.longTasks} long tasks (${f(x.longTaskMs)} ms)\n`);
  process.stdout.write(`map drag for ${f(r.busy.seconds)} s, Chromium --disable-gpu, load average ${loadavg()[0]!.toFixed(1)}\n`);
  line(`${r.vessels} vessels, ${r.trackPoints} track points`, r.busy);
  line('reference: 10 km, no tracks', r.reference);
  process.stdout.write(`ratio busy / reference fps avg: ${(r.busy.fpsAvg / r.reference.fpsAvg).toFixed(2)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    process.stderr.write(`map-fps failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  });
}
