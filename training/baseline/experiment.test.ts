import { describe, expect, it } from 'vitest';
import { createRng } from './prng.ts';
import { groupFolds, leaveOneGroupOut, rowWeights, selectL2, type LabelledFeatures } from './experiment.ts';

/** Five classes separated along their own axis of an 8-D feature, grouped into "scenarios". */
function examples(nGroups: number, perGroup: number, seed: number, prefix = 'sim'): LabelledFeatures[] {
  const rng = createRng(seed);
  const out: LabelledFeatures[] = [];
  for (let g = 0; g < nGroups; g++) {
    for (let k = 0; k < perGroup; k++) {
      const label = (g + k) % 5;
      const features = Float32Array.from({ length: 8 }, (_, j) => (j === label ? 2 : 0) + rng() - 0.5);
      out.push({ features, label, group: `${prefix}:${g}` });
    }
  }
  return out;
}

describe('groupFolds', () => {
  it('keeps every group within one fold', () => {
    const ex = examples(7, 4, 1);
    const folds = groupFolds(ex, 3);
    const foldOfGroup = new Map<string, number>();
    ex.forEach((e, i) => {
      expect(foldOfGroup.get(e.group) ?? folds[i]).toBe(folds[i]);
      foldOfGroup.set(e.group, folds[i]);
    });
    expect(new Set(folds)).toEqual(new Set([0, 1, 2]));
  });
});

describe('rowWeights', () => {
  it('multiplies only real-clip rows', () => {
    const ex = [...examples(1, 5, 1), ...examples(1, 5, 2, 'sanctsound')];
    const w = rowWeights(ex, 10);
    expect(w[5] / w[0]).toBeCloseTo(10, 12);
  });
});

describe('selectL2', () => {
  it('returns the grid value with the best out-of-fold macro F1, ties going to the stronger penalty', () => {
    const { best, scores } = selectL2(examples(10, 10, 3), [1e-3, 1e-2, 100], { realWeight: 1 }, 5);
    expect(scores.map((s) => s.l2)).toEqual([1e-3, 1e-2, 100]);
    const top = Math.max(...scores.map((s) => s.macroF1));
    expect(top).toBeGreaterThan(0.9);
    const winners = scores.filter((s) => s.macroF1 === top).map((s) => s.l2);
    expect(best).toBe(Math.max(...winners));
  });
});

describe('leaveOneGroupOut', () => {
  it('predicts each held-out group once with a model that did not see it', () => {
    const always = examples(10, 10, 4);
    const held = examples(3, 2, 5, 'sanctsound');
    const predictions = leaveOneGroupOut(always, held, { l2: 1e-3, realWeight: 1 });
    expect(predictions.map((p) => p.group)).toEqual(held.map((e) => e.group));
    expect(predictions.filter((p) => p.predicted === p.truth).length).toBeGreaterThanOrEqual(5);
  });
});
