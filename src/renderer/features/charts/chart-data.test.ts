import { describe, expect, it } from 'vitest';
import type { Prediction } from '../../../shared/domain.ts';
import { alignSeries, modelKeys, probabilityTimeline, uncertaintySeries } from './chart-data.ts';

let nextId = 1;
function prediction(modelId: string, segment: number, probs: number[], extra: Partial<Prediction['uncertainty']> = {}): Prediction {
  return {
    id: nextId++, segmentId: segment, stationId: 'demo', segmentStart: segment * 30_000, segmentEnd: segment * 30_000 + 30_000,
    modelId, modelVersion: '1.0.0', classes: ['A', 'B'], probs, predictedClass: probs[0]! >= probs[1]! ? 'A' : 'B',
    uncertainty: { entropy: 1, entropyNorm: 1, margin: 0, ...extra }, latencyMs: 1, createdAt: 0,
  };
}

describe('probabilityTimeline', () => {
  it('gives one line per class, and ±1 sd bands clamped to [0, 1] for MC models', () => {
    const ps = [
      prediction('mc', 2, [0.9, 0.1], { variance: [0.04, 0.04] }),
      prediction('mc', 1, [0.5, 0.5], { variance: [0.01, 0.01] }),
      prediction('det', 1, [0.2, 0.8]),
    ];
    const mc = probabilityTimeline(ps, 'mc@1.0.0');
    expect(mc.banded).toBe(true);
    expect(mc.classes).toEqual(['A', 'B']);
    expect(mc.data[0]).toEqual([45, 75]); // segment midpoints, seconds, time order
    expect(mc.data.slice(1, 4)).toEqual([[0.5, 0.9], [0.6, 1], [0.4, expect.closeTo(0.7, 12)]]);
    const det = probabilityTimeline(ps, 'det@1.0.0');
    expect(det.banded).toBe(false);
    expect(det.data).toEqual([[45], [0.2], [0.8]]);
  });

  it('breaks the lines where no segment covers the time (a point with nulls in the gap), not between adjacent segments', () => {
    const ps = [prediction('det', 1, [0.2, 0.8]), prediction('det', 2, [0.3, 0.7]), prediction('det', 5, [0.6, 0.4])];
    expect(probabilityTimeline(ps, 'det@1.0.0').data).toEqual([[45, 75, 120, 165], [0.2, 0.3, null, 0.6], [0.8, 0.7, null, 0.4]]);
  });
});

describe('uncertaintySeries', () => {
  const ps = [
    prediction('mc', 1, [0.6, 0.4], { epistemic: 0.1, aleatoric: 0.8 }),
    prediction('det', 1, [0.2, 0.8]),
    prediction('mc', 2, [0.7, 0.3], { epistemic: 0.2, aleatoric: 0.7 }),
    prediction('det', 3, [0.1, 0.9]),
  ];

  it('aligns one series per model; models without the metric are left out', () => {
    expect(uncertaintySeries(ps, 'epistemic')).toEqual({ labels: ['mc@1.0.0'], data: [[45, 75], [0.1, 0.2]], unit: 'bits' });
    const entropy = uncertaintySeries(ps, 'entropy');
    expect(entropy.labels).toEqual(['mc@1.0.0', 'det@1.0.0']);
    expect(entropy.data).toEqual([[45, 75, 105], [1, 1, null], [1, null, 1]]);
  });

  it('computes disagreement on segments two models predicted', () => {
    const d = uncertaintySeries(ps, 'disagreement');
    expect(d.data[0]).toEqual([45]);
    expect(d.data[1]).toEqual([0.5]); // one model votes A, the other B
    expect(d.data[2]![0]).toBeGreaterThan(0);
    expect(d.data[2]![0]).toBeLessThanOrEqual(1);
  });
});

describe('helpers', () => {
  it('lists models in order of appearance and aligns sparse series', () => {
    expect(modelKeys([prediction('b', 1, [1, 0]), prediction('a', 1, [1, 0]), prediction('b', 2, [1, 0])])).toEqual(['b@1.0.0', 'a@1.0.0']);
    expect(alignSeries([{ label: 's', points: [[2, 1]] }, { label: 't', points: [[1, 5]] }])).toEqual({ labels: ['s', 't'], data: [[1, 2], [null, 1], [5, null]] });
  });
});
