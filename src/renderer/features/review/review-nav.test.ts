import { describe, expect, it } from 'vitest';
import type { ReviewTimeline } from '../../../shared/sessions.ts';
import { disagrees, nextOf, reviewQueue, segmentAt, step, truthClasses } from './review-nav.ts';

/** Six 30 s segments; model "a" calls A,A,E,D,A,-; the truth is A, E, E, ambiguous, (verified C), unlabelled. */
function sampleTimeline(): ReviewTimeline {
  const starts = [0, 30, 60, 90, 120, 150].map((s) => s * 1000);
  return {
    stationId: 's', from: 0, to: 180_000, queryMs: 1,
    segments: { ids: [11, 12, 13, 14, 15, 16], starts, ends: starts.map((s) => s + 30_000) },
    models: [{
      key: 'a@1', id: 'a', version: '1', classes: ['A', 'D', 'E'],
      predicted: [0, 0, 2, 1, 0, null], prob: [0.9, 0.8, 0.6, 0.5, 0.95, null], uncertainty: [0.1, 0.3, 0.8, 0.9, 0.2, null], epistemic: [null, null, null, null, null, null],
    }],
    truth: {
      rangeKm: 10, status: ['single', 'background', 'background', 'ambiguous', 'single', null], classes: [['A'], ['E'], ['E'], [], ['A'], []],
      final: [true, true, true, true, true, false], mappingVersions: [1],
    },
    verifications: [null, null, null, null, { verdict: 'corrected', classes: ['C'], analyst: 'ana', at: 1 }, null],
    gaps: [], audio: [{ start: 0, end: 180_000 }],
  };
}

describe('review navigation', () => {
  const t = sampleTimeline();
  const m = t.models[0]!;

  it('takes the truth from the verification first, then the AIS label', () => {
    expect([0, 1, 3, 4, 5].map((i) => truthClasses(t, i))).toEqual([['A'], ['E'], null, ['C'], null]);
    expect([0, 1, 2, 3, 4, 5].map((i) => disagrees(t, m, i))).toEqual([false, true, false, null, true, null]);
  });

  it('steps through segments, disagreements and uncertain segments both ways', () => {
    expect(nextOf(t, 'segment', undefined, 1)).toBe(0);
    expect(nextOf(t, 'segment', 5, 1)).toBeUndefined();
    expect(nextOf(t, 'disagreement', undefined, 1)).toBe(1);
    expect(nextOf(t, 'disagreement', 1, 1)).toBe(4);
    expect(nextOf(t, 'disagreement', 4, 1)).toBeUndefined();
    expect(nextOf(t, 'disagreement', 4, -1)).toBe(1);
    expect(nextOf(t, 'uncertain', 0, 1)).toBe(2);
    expect(nextOf(t, 'uncertain', 2, 1)).toBe(3);
    expect(step(3, undefined, -1)).toBe(2);
  });

  it('orders the review queue by uncertainty or by confident disagreement', () => {
    expect(reviewQueue(t, 'uncertainty').map((q) => q.segmentId)).toEqual([14, 13, 12, 15, 11]);
    expect(reviewQueue(t, 'disagreement').map((q) => [q.segmentId, q.disagreeing])).toEqual([[15, ['a@1']], [12, ['a@1']]]);
  });

  it('finds the segment at a time', () => {
    expect([0, 29_999, 30_000, 175_000, 999_999].map((x) => segmentAt(t, x))).toEqual([0, 0, 1, 5, 5]);
    expect(segmentAt(t, -5)).toBe(0);
  });
});
