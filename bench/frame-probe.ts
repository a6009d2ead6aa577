/**
 * Frame-rate probing of a page in Chromium for the interactive benchmarks: a requestAnimationFrame
 * counter and a long-task observer installed in the page, read back as frame statistics
 * (fps average and percentiles, stalls).
 */
import type { Page } from 'playwright-core';

export interface FrameStats {
  frames: number;
  seconds: number;
  fpsAvg: number;
  /** Frame rate at the median frame interval. */
  fpsP50: number;
  /** Frame rate at the 95th-percentile frame interval (the slow frames). */
  fpsP95: number;
  maxFrameMs: number;
  /** Frames longer than 50 ms (visible stalls). */
  longFrames: number;
  /** Main-thread tasks over 50 ms (PerformanceObserver "longtask"): what the page itself blocked. */
  longTasks: number;
  longTaskMs: number;
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;

/** Frame statistics from frame timestamps (ms). */
export function frameStats(stamps: readonly number[]): Omit<FrameStats, 'longTasks' | 'longTaskMs'> {
  const intervals = stamps.slice(1).map((t, i) => t - stamps[i]);
  const sorted = [...intervals].sort((a, b) => a - b);
  const seconds = ((stamps.at(-1) ?? 0) - (stamps[0] ?? 0)) / 1000;
  return {
    frames: intervals.length, seconds, fpsAvg: intervals.length / seconds,
    fpsP50: 1000 / percentile(sorted, 0.5), fpsP95: 1000 / percentile(sorted, 0.95),
    maxFrameMs: sorted.at(-1) ?? Number.NaN, longFrames: intervals.filter((d) => d > 50).length,
  };
}

/** Starts counting frames and long tasks in the page (replacing an earlier probe's data). */
export async function startFrameProbe(page: Page): Promise<void> {
  // Runs in the page (the bench is typed for Node, hence the cast of the page's globals).
  await page.evaluate(() => {
    type Entry = { duration: number };
    const w = globalThis as unknown as {
      __frames: number[]; __longTasks: number[]; __probing?: boolean; requestAnimationFrame(cb: (t: number) => void): number;
      PerformanceObserver: new (cb: (list: { getEntries(): Entry[] }) => void) => { observe(o: { type: string }): void };
    };
    w.__frames = [];
    w.__longTasks = [];
    if (w.__probing) return;
    w.__probing = true;
    new w.PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask' });
    const tick = (t: number) => {
      w.__frames.push(t);
      w.requestAnimationFrame(tick);
    };
    w.requestAnimationFrame(tick);
  });
}

/** Frame and long-task statistics since startFrameProbe. */
export async function readFrameProbe(page: Page): Promise<FrameStats> {
  const { frames, longTasks } = await page.evaluate(() => {
    const w = globalThis as unknown as { __frames: number[]; __longTasks: number[] };
    return { frames: w.__frames.slice(), longTasks: w.__longTasks.slice() };
  });
  return { ...frameStats(frames), longTasks: longTasks.length, longTaskMs: longTasks.reduce((a, b) => a + b, 0) };
}
