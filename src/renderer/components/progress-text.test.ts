import { describe, expect, it } from 'vitest';
import { formatTimeLeft, progressFraction, progressText } from './progress-text.ts';

describe('progressText', () => {
  it('shows counts, rate and time left while running', () => {
    expect(progressText({ done: 37, total: 160, rate: 12.14, etaMs: 130_000, unit: 'segments' })).toBe('37 / 160 segments · 12/s · 2 min 10 s left');
    expect(progressText({ done: 3, total: 10, rate: 0.45, etaMs: 15_400 })).toBe('3 / 10 · 0.5/s · 15 s left');
  });

  it('drops what is unknown or over', () => {
    expect(progressText({ done: 0, total: 10 })).toBe('0 / 10');
    expect(progressText({ done: 10, total: 10, rate: 2, etaMs: 0 })).toBe('10 / 10 · 2.0/s');
  });

  it('formats time left coarsely and clamps the fraction', () => {
    expect(formatTimeLeft(3_780_000)).toBe('1 h 3 min');
    expect(formatTimeLeft(-5)).toBe('0 s');
    expect(progressFraction(5, 0)).toBe(0);
    expect(progressFraction(12, 10)).toBe(1);
  });
});
