import { describe, expect, it } from 'vitest';
import { callsDisagreement, disagreement } from './disagreement.ts';

describe('callsDisagreement', () => {
  it('is undefined for one model and zero for identical calls', () => {
    expect(callsDisagreement([{ classes: ['A', 'B'], probs: [0.7, 0.3] }])).toBeUndefined();
    const same = callsDisagreement([{ classes: ['A', 'B'], probs: [0.7, 0.3] }, { classes: ['A', 'B'], probs: [0.7, 0.3] }])!;
    expect(same.disagreement).toBe(0);
    expect(same.jsd).toBeCloseTo(0, 12);
  });

  it('aligns different class lists on their union (missing classes count as 0)', () => {
    const d = callsDisagreement([
      { classes: ['A', 'E'], probs: [1, 0] },
      { classes: ['E', 'D', 'A'], probs: [1, 0, 0] },
    ])!;
    expect(d.classes).toEqual(['A', 'D', 'E']);
    expect(d.votes).toEqual([1, 0, 1]);
    expect(d.disagreement).toBe(0.5);
    // Two certain, opposite calls: JSD = H([.5,.5]) − 0 = 1 bit, its maximum for 2 models.
    expect(d.jsd).toBeCloseTo(1, 12);
    expect(d.jsdNorm).toBeCloseTo(1, 12);
  });

  it('matches the generic disagreement on aligned rows', () => {
    const rows = [[0.6, 0.3, 0.1], [0.2, 0.5, 0.3], [0.5, 0.25, 0.25]];
    const viaCalls = callsDisagreement(rows.map((probs) => ({ classes: ['A', 'B', 'C'], probs })))!;
    const { classes: _c, ...rest } = viaCalls;
    expect(rest).toEqual(disagreement(rows));
    expect(viaCalls.majority).toBe(0);
    expect(viaCalls.disagreement).toBeCloseTo(1 / 3, 12);
  });
});
