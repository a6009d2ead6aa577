/**
 * Frame-rate probing of a page in Chromium for the interactive benchmarks: a requestAnimationFrame
 * counter and a long-task observer installed in the page, read back as frame statistics
 * (frameStats of bench/map-fps.ts).
 */
import type { Page } from 'playwright-core';
import { frameStats, type FrameStats } from './map-fps.ts';

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
