import { describe, expect, it } from 'vitest';
import { formatDuration, formatUtcDateTime, formatUtcRange, formatUtcTime, timeTicks } from './time-format.ts';

const T = Date.UTC(2024, 6, 9, 23, 59, 58, 400); // 2024-07-09 23:59:58.400 UTC

describe('UTC formatting', () => {
  it('formats times and dates in UTC regardless of the local zone', () => {
    expect(formatUtcTime(T)).toBe('23:59:58');
    expect(formatUtcDateTime(T)).toBe('2024-07-09 23:59:58');
    expect(formatUtcDateTime(0)).toBe('1970-01-01 00:00:00');
  });

  it('shows a range on one day as two clock times', () => {
    expect(formatUtcRange(Date.UTC(2024, 0, 1, 10, 0, 0), Date.UTC(2024, 0, 1, 10, 0, 30))).toBe('10:00:00–10:00:30');
    // A segment ending exactly at midnight still belongs to the day it started.
    expect(formatUtcRange(Date.UTC(2024, 0, 1, 23, 59, 30), Date.UTC(2024, 0, 2))).toBe('23:59:30–00:00:00');
  });

  it('adds the date when a range crosses midnight', () => {
    expect(formatUtcRange(T, T + 5000)).toBe('2024-07-09 23:59:58–00:00:03');
  });

  it('formats durations at a readable precision', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_400)).toBe('12.4 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatDuration(7_620_000)).toBe('2 h 07 min');
  });
});

describe('timeTicks', () => {
  it('picks a round step and aligns ticks to it', () => {
    const start = Date.UTC(2024, 0, 1, 12, 0, 3);
    const ticks = timeTicks(start, start + 120_000, 8);
    expect(ticks[0]).toBe(Date.UTC(2024, 0, 1, 12, 0, 15));
    expect(ticks[1] - ticks[0]).toBe(15_000);
    expect(ticks.length).toBeLessThanOrEqual(9);
    ticks.forEach((t) => expect(t % 15_000).toBe(0));
  });

  it('returns nothing for an empty span', () => {
    expect(timeTicks(10, 10, 5)).toEqual([]);
    expect(timeTicks(0, 1000, 0)).toEqual([]);
  });
});
