import { describe, expect, it } from 'vitest';
import { aPrediction } from '../../state/test-builders.ts';
import { latestByModel, latestSegments, probabilityOf } from './prediction-groups.ts';

const history = [1, 2, 3, 4].flatMap((seg) => [
  aPrediction({ id: seg * 10 + 1, segmentId: seg, modelId: 'b' }),
  aPrediction({ id: seg * 10 + 2, segmentId: seg, modelId: 'a' }),
]);

describe('latestSegments', () => {
  it('returns the newest segments first, models sorted within each', () => {
    const groups = latestSegments(history, 2);
    expect(groups.map((g) => g.segmentId)).toEqual([4, 3]);
    expect(groups[0].predictions.map((p) => p.modelId)).toEqual(['a', 'b']);
    expect(groups[0]).toMatchObject({ segmentStart: 12_000, segmentEnd: 15_000 });
  });

  it('copes with fewer segments than asked for and with an empty history', () => {
    expect(latestSegments(history, 10)).toHaveLength(4);
    expect(latestSegments([], 10)).toEqual([]);
  });
});

describe('latestByModel', () => {
  it('keeps the newest prediction per model', () => {
    expect(latestByModel(history).map((p) => [p.modelId, p.segmentId])).toEqual([
      ['a', 4],
      ['b', 4],
    ]);
  });
});

describe('probabilityOf', () => {
  it('looks the class up by id, not position', () => {
    const p = aPrediction({ classes: ['E', 'A'], probs: [0.25, 0.75] });
    expect(probabilityOf(p, 'A')).toBe(0.75);
    expect(probabilityOf(p, 'C')).toBeUndefined();
  });
});
