import { describe, expect, it } from 'vitest';
import { reviewHash, reviewParams } from './review-route.ts';

describe('review route', () => {
  it('round-trips sessions and ranges, and ignores broken ranges', () => {
    expect(reviewParams(reviewHash({ session: 'demo-20250101T000000Z-abc' }))).toEqual({ session: 'demo-20250101T000000Z-abc' });
    expect(reviewParams(reviewHash({ station: 'st~1', from: 1000, to: 2000 }))).toEqual({ station: 'st~1', from: 1000, to: 2000 });
    expect(reviewParams('#/review?station=a&from=5&to=3')).toEqual({ station: 'a' });
    expect(reviewParams('#/review')).toEqual({});
    expect(reviewHash({})).toBe('#/review');
  });
});
