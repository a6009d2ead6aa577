import { describe, expect, it } from 'vitest';
import { coverageOf, silences } from './coverage.ts';

const MIN = 60_000;

describe('coverage', () => {
  const times = [0, 5 * MIN, 9 * MIN, 30 * MIN, 35 * MIN, 40 * MIN];
  const range = { from: -10 * MIN, to: 60 * MIN };

  it('lists silences longer than the gap, including from the start of the read range', () => {
    expect(silences(times, 0, 40 * MIN, 10 * MIN)).toEqual([[9 * MIN, 30 * MIN]]);
    expect(silences(times, -11 * MIN, 40 * MIN, 10 * MIN)).toEqual([[-11 * MIN, 0], [9 * MIN, 30 * MIN]]);
  });

  it('is fresh with reports all along, stale across a silence, none far from any report', () => {
    const windows = [
      { start: 1 * MIN, end: 1.5 * MIN },
      { start: 20 * MIN, end: 20.5 * MIN },
      { start: 36 * MIN, end: 36.5 * MIN },
    ];
    expect(coverageOf(windows, times, range, 10 * MIN, 60 * MIN)).toEqual(['fresh', 'stale', 'fresh']);
    expect(coverageOf([{ start: 48 * MIN, end: 48.5 * MIN }], times, range, 10 * MIN, 60 * MIN)).toEqual(['stale']);
    expect(coverageOf([{ start: 51 * MIN, end: 51.5 * MIN }], times, range, 10 * MIN, 70 * MIN)).toEqual(['none']);
  });

  it('counts the silence after the newest report only up to the AIS data time (provisional)', () => {
    const windows = [{ start: 41 * MIN, end: 41.5 * MIN }];
    expect(coverageOf(windows, times, range, 10 * MIN, 42 * MIN)).toEqual(['fresh']);
    expect(coverageOf(windows, times, range, 10 * MIN, 51 * MIN)).toEqual(['stale']);
    expect(coverageOf([{ start: 45 * MIN, end: 45.5 * MIN }], times, range, 10 * MIN, 44 * MIN)).toEqual(['stale']);
  });
});
