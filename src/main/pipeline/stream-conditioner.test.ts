import { describe, expect, it } from 'vitest';
import { streamConditionerFor } from './stream-conditioner.ts';

const SR = 1000;
const dc = (startTime: number, n: number, level = 0.5, sampleRate = SR) => ({
  startTime, sampleRate, channels: [new Float32Array(n).fill(level), new Float32Array(n).fill(-level)],
});
const mean = (x: Float32Array) => x.reduce((s, v) => s + v, 0) / x.length;

describe('StreamConditioner', () => {
  it('is absent when the conditioning changes nothing', () => {
    expect(streamConditionerFor(undefined)).toBeUndefined();
    expect(streamConditionerFor({ gainDb: 0 })).toBeUndefined();
  });

  it('applies the gain to every channel of a copy', () => {
    const input = dc(0, 10);
    const out = streamConditionerFor({ gainDb: 20 })!.process(input);
    expect(out.channels[0]![3]).toBeCloseTo(5, 5);
    expect(out.channels[1]![3]).toBeCloseTo(-5, 5);
    expect(input.channels[0]![3]).toBe(0.5);
  });

  it('removes DC across blocks, carrying the filter state, and starts afresh after a gap', () => {
    const c = streamConditionerFor({ highPassHz: 5, gainDb: 0 })!;
    // A DC step at the second block: the filter, continued from the first block, rings down over it.
    const first = c.process(dc(0, 1000, 0));
    const step = c.process(dc(1000, 1000, 0.5));
    expect(mean(first.channels[0]!)).toBe(0);
    expect(step.channels[0]![0]).toBeCloseTo(0.5, 3);
    expect(Math.abs(step.channels[0]![999]!)).toBeLessThan(0.01);
    // After a gap the filter restarts from the new level (no step, no ringing); joined, the same block steps.
    const afterGap = c.process(dc(10_000, 100, -0.3));
    expect(Math.max(...afterGap.channels[0]!.map(Math.abs))).toBe(0);
    expect(c.process(dc(10_100, 100, 0.2)).channels[0]![0]).toBeCloseTo(0.5, 3);
  });
});
