import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backoffDelay } from './backoff.ts';

describe('backoffDelay', () => {
  it('doubles up to the cap, with jitter in the upper half', () => {
    const opts = { baseMs: 1000, maxMs: 60_000 };
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, opts, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, opts, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffDelay(50, opts, () => 1)).toBe(60_000);
  });

  it('always stays within [cap/2, cap] and never exceeds the maximum', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, r) => {
      const d = backoffDelay(attempt, { baseMs: 200, maxMs: 30_000 }, () => r);
      const cap = Math.min(30_000, 200 * 2 ** attempt);
      return d >= cap / 2 && d <= cap && d <= 30_000;
    }));
  });
});
