import { describe, expect, it } from 'vitest';
import { MIN_WINDOW_MS, panView, wheelFactor, zoomView } from './spectrogram-navigation.ts';

describe('spectrogram navigation', () => {
  it('zooming while live keeps the right edge live; in history the time under the cursor stays put', () => {
    expect(zoomView({ windowMs: 60_000, endTime: undefined }, 2, 0.3, 1e6)).toEqual({ windowMs: 120_000, endTime: undefined });
    const v = zoomView({ windowMs: 100_000, endTime: 500_000 }, 0.5, 0.25, 1e9);
    // The cursor time 400 000 + 25 000 = 425 000 ms stays at a quarter of the width.
    expect(v.windowMs).toBe(50_000);
    expect(v.endTime! - v.windowMs + 0.25 * v.windowMs).toBe(425_000);
    expect(zoomView({ windowMs: 20_000, endTime: 500_000 }, 0.1, 0.5, 1e9).windowMs).toBe(MIN_WINDOW_MS);
  });

  it('dragging right goes back in time, and past the newest audio returns to live', () => {
    expect(panView({ windowMs: 60_000, endTime: undefined }, 100, 600, 1_000_000)).toEqual({ windowMs: 60_000, endTime: 990_000 });
    expect(panView({ windowMs: 60_000, endTime: 990_000 }, -200, 600, 1_000_000)).toEqual({ windowMs: 60_000, endTime: undefined });
  });

  it('wheel notches zoom smoothly and are bounded', () => {
    expect(wheelFactor(100)).toBeCloseTo(1.1618, 3);
    expect(wheelFactor(-100) * wheelFactor(100)).toBeCloseTo(1, 12);
    expect(wheelFactor(1e6)).toBe(wheelFactor(500));
  });
});
