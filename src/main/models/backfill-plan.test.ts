import { describe, expect, it } from 'vitest';
import { audioRuns, planWindows, windowCount } from './backfill-plan.ts';

const MIN = 60_000;
const file = (startMin: number, minutes: number, path = `f${startMin}`) => ({ path, startTime: startMin * MIN, durationMs: minutes * MIN });
const BASELINE = { segmentSeconds: 30, overlap: 0.25 }; // 30 s windows every 22.5 s

describe('audioRuns', () => {
  it('joins back-to-back files (within 50 ms) and splits at gaps', () => {
    const runs = audioRuns([file(10, 10), { path: 'b', startTime: 20 * MIN + 30, durationMs: 10 * MIN }, file(40, 10), file(0, 10)]);
    expect(runs.map((r) => [r.startTime / MIN, Math.round(r.endTime / MIN), r.files.length])).toEqual([[0, 30, 3], [40, 50, 1]]);
  });
});

describe('planWindows', () => {
  it('counts every whole window of a run inside the range', () => {
    const plan = planWindows(audioRuns([file(0, 10)]), BASELINE, 0, 10 * MIN);
    // (600 − 30) / 22.5 = 25.33 → 26 windows starting at 0, 22.5, … 562.5 s
    expect(plan).toEqual([expect.objectContaining({ first: 0, count: 26, segmentMs: 30_000, hopMs: 22_500 })]);
  });

  it('lays windows on the grid of the live segments (the anchor) and keeps them inside the range', () => {
    const anchor = 7_000 + 100 * 22_500; // some live segment start far away
    const [w] = planWindows(audioRuns([file(0, 10)]), BASELINE, MIN, 3 * MIN, anchor);
    expect(Math.abs((w!.first - anchor) % 22_500)).toBe(0);
    expect(w!.first).toBeGreaterThanOrEqual(MIN - 1);
    expect(w!.first - 22_500).toBeLessThan(MIN);
    expect(w!.first + (w!.count - 1) * 22_500 + 30_000).toBeLessThanOrEqual(3 * MIN + 1);
    expect(w!.first + w!.count * 22_500 + 30_000).toBeGreaterThan(3 * MIN);
  });

  it('covers no window across a gap, and nothing for a range shorter than a segment', () => {
    const runs = audioRuns([file(0, 1), file(2, 1)]);
    const plan = planWindows(runs, BASELINE, 0, 3 * MIN);
    expect(plan.map((w) => w.count)).toEqual([2, 2]);
    expect(windowCount(planWindows(runs, BASELINE, 0, 20_000))).toBe(0);
  });

  it('tolerates the millisecond rounding of stored segment times', () => {
    const [w] = planWindows(audioRuns([file(0, 10)]), BASELINE, 0, 10 * MIN, 22_501);
    expect(w!.first).toBe(1);
    expect(w!.count).toBe(26);
  });
});
