/**
 * The review view with a 24-hour session (issue 8): seeds a day of one station — 30 s segments every
 * 22.5 s, 6 models, labels at 6 ranges, AIS, a full tile pyramid (src/main/sessions/bench.ts) — runs
 * `aiw serve` on it, opens `#/review?session=…` in Chromium and measures the time to the first screen
 * (timeline lanes loaded and spectrogram tiles drawn), then the frame rate while dragging the
 * spectrogram back and forth (pan) and while scrolling the wheel (zoom). Reference: the same in a
 * 1-hour range of the same station (same browser, server and load).
 *
 *   node bench/review-fps.ts [--seconds 10] [--hours 24] [--keep]
 *
 * Goals: first screen < 2 s; 50+ fps while panning and zooming. Software rendering (--disable-gpu) on
 * a shared machine: the numbers are noisy, compare with the reference of the same run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { rendererDir } from '../src/main/app/paths.ts';
import { seedSessionData } from '../src/main/sessions/bench.ts';
import { launchChromium } from '../test/e2e/browser.ts';
import { REPO_ROOT, startServe, tempDir } from '../test/helpers/serve-process.ts';
import { readFrameProbe, startFrameProbe } from './frame-probe.ts';
import type { FrameStats } from './frame-probe.ts';

/** One opening of the review view and its interaction. */
export interface ReviewRun {
  segments: number;
  firstScreenMs: number;
  pan: FrameStats;
  zoom: FrameStats;
  /** Frames the spectrogram worker drew and its mean drawing time while panning. */
  spectrogramFrames: number;
  spectrogramDrawMs: number;
  consoleErrors: string[];
}

export interface ReviewFpsResult {
  hours: number;
  seedSeconds: number;
  day: ReviewRun;
  reference: ReviewRun;
}

type Stats = { frames: number; drawMs: number; tileBatches: number };
const spectrogramStats = (page: Page) => page.evaluate(() => (globalThis as unknown as { __aiwSpectrogramStats?: () => Promise<Stats> }).__aiwSpectrogramStats?.() ?? { frames: 0, drawMs: 0, tileBatches: 0 });

/** Loads the page and waits until the lanes hold segments and the spectrogram has drawn tiles; ms from navigation. */
async function openFirstScreen(page: Page, url: string): Promise<number> {
  const t0 = Date.now();
  await page.goto(url);
  // Runs in the page (the bench is typed for Node, hence the cast of the page's document).
  type Doc = { document: { querySelector(s: string): { textContent: string | null } | null } };
  await page.waitForFunction(
    () => /[1-9]\d* segments loaded/.test((globalThis as unknown as Doc).document.querySelector('.review-keys')?.textContent ?? ''),
    undefined, { timeout: 60_000, polling: 'raf' },
  );
  for (;;) {
    const s = await spectrogramStats(page);
    if (s.tileBatches > 0 && s.frames > 1) break;
    if (Date.now() - t0 > 60_000) throw new Error('no spectrogram tiles within 60 s');
    await page.waitForTimeout(10);
  }
  return Date.now() - t0;
}

/** Drags the spectrogram left and right (one mouse move per ~16 ms) for `seconds`. */
async function pan(page: Page, seconds: number): Promise<FrameStats> {
  const box = (await page.getByTestId('spectrogram').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await startFrameProbe(page);
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  const start = Date.now();
  for (let i = 0; Date.now() - start < seconds * 1000; i++) {
    await page.mouse.move(cx + 200 * Math.sin((i / 60) * Math.PI), cy); // back and forth every ~2 s
    await page.waitForTimeout(14);
  }
  await page.mouse.up();
  return readFrameProbe(page);
}

/** Scrolls the wheel over the spectrogram, in then out, for `seconds`. */
async function zoom(page: Page, seconds: number): Promise<FrameStats> {
  const box = (await page.getByTestId('spectrogram').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await startFrameProbe(page);
  const start = Date.now();
  for (let i = 0; Date.now() - start < seconds * 1000; i++) {
    await page.mouse.wheel(0, Math.floor(i / 30) % 2 === 0 ? -60 : 60); // half a second in, half out
    await page.waitForTimeout(14);
  }
  return readFrameProbe(page);
}

async function run(browser: Browser, url: string, seconds: number): Promise<ReviewRun> {
  const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && !/favicon/.test(m.text()) && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  try {
    const firstScreenMs = await openFirstScreen(page, url);
    const segments = Number(/(\d+) segments loaded/.exec((await page.locator('.review-keys').textContent()) ?? '')?.[1] ?? 0);
    const before = await spectrogramStats(page);
    const panStats = await pan(page, seconds);
    const after = await spectrogramStats(page);
    const zoomStats = await zoom(page, seconds);
    const frames = after.frames - before.frames;
    return { segments, firstScreenMs, pan: panStats, zoom: zoomStats, spectrogramFrames: frames, spectrogramDrawMs: (after.drawMs - before.drawMs) / Math.max(1, frames), consoleErrors };
  } finally {
    await page.close();
  }
}

function ensureRenderer(log: (line: string) => void): void {
  if (existsSync(join(rendererDir(), 'index.html'))) return;
  log('building the renderer (vite build)…');
  execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: 'inherit' });
}

/** Seeds, serves, opens the day's session and a 1-hour reference range, measures both. */
export async function benchReviewFps(o: { seconds: number; hours: number; keep?: boolean; log?: (line: string) => void }): Promise<ReviewFpsResult> {
  const log = o.log ?? (() => undefined);
  ensureRenderer(log);
  const dataDir = tempDir('aiw-bench-review-');
  const s0 = performance.now();
  const seeded = seedSessionData(dataDir, o.hours);
  const seedSeconds = (performance.now() - s0) / 1000;
  log(`seeded ${seeded.segments} segments (${o.hours} h) in ${seedSeconds.toFixed(1)} s into ${dataDir}`);
  const serve = await startServe(['--demo-speed', '1'], 60_000, dataDir);
  const browser = await launchChromium();
  try {
    const referenceUrl = `${serve.url}#/review?station=bench&from=${seeded.from}&to=${seeded.from + 3_600_000}`;
    log('warming up (the first load also compiles the renderer and starts the server\'s workers)…');
    await run(browser, referenceUrl, 1);
    log('reference: a 1-hour range…');
    const reference = await run(browser, referenceUrl, o.seconds);
    log(`the ${o.hours}-hour session…`);
    const day = await run(browser, `${serve.url}#/review?session=${seeded.sessionId}`, o.seconds);
    return { hours: o.hours, seedSeconds, day, reference };
  } finally {
    await browser.close();
    await serve.stop();
    if (!o.keep) rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, hours: { type: 'string', default: '24' }, keep: { type: 'boolean', default: false } } });
  const r = await benchReviewFps({ seconds: Number(values.seconds), hours: Number(values.hours), keep: values.keep, log: (l) => process.stderr.write(`${l}\n`) });
  const f = (n: number) => n.toFixed(1);
  const fps = (x: FrameStats) => `avg ${f(x.fpsAvg)}, p50 ${f(x.fpsP50)}, p95 ${f(x.fpsP95)} fps, ${x.longFrames} frames > 50 ms, ${x.longTasks} long tasks (${f(x.longTaskMs)} ms)`;
  process.stdout.write(`review view, Chromium --disable-gpu, load average ${loadavg()[0]!.toFixed(1)}\n`);
  for (const [label, x] of [[`${r.hours} h session`, r.day], ['reference: 1 h range', r.reference]] as const) {
    process.stdout.write(`${label}: ${x.segments} segments, first screen ${x.firstScreenMs} ms\n  pan  ${fps(x.pan)}\n  zoom ${fps(x.zoom)}\n`);
    process.stdout.write(`  spectrogram worker: ${x.spectrogramFrames} frames while panning, ${f(x.spectrogramDrawMs)} ms each${x.consoleErrors.length ? `; console errors: ${x.consoleErrors.join(' | ')}` : ''}\n`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    process.stderr.write(`review-fps failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  });
}
