import { describe, expect, it } from 'vitest';
import type { ModelMetrics } from '../../../shared/metrics.ts';
import { confusionMax, fmt, hourTick, pct, reliabilityColumns, seriesColumns, windowRange } from './metrics-format.ts';

const model = (id: string, daily: [number, number | null][]): ModelMetrics => ({
  modelId: id, modelVersion: '1.0.0', daily: daily.map(([t, accuracy]) => ({ t, accuracy, precisionWeighted: null, recallWeighted: null, f1Weighted: null, support: 1 })),
  calibration: { bins: [{ lo: 0.5, hi: 0.6, count: 2, meanConfidence: 0.55, accuracy: 0.5 }, { lo: 0.6, hi: 0.7, count: 0, meanConfidence: null, accuracy: null }], ece: 0.05, n: 2 },
}) as unknown as ModelMetrics;

describe('metrics page helpers', () => {
  it('formats undefined values as a dash', () => {
    expect(fmt(0.81234)).toBe('0.812');
    expect(fmt(null)).toBe('—');
    expect(pct(0.5)).toBe('50.0 %');
  });

  it('ticks an hourly axis with the date at midnight and the time otherwise', () => {
    expect(hourTick(Date.UTC(2024, 0, 5) / 1000)).toBe('2024-01-05');
    expect(hourTick(Date.UTC(2024, 0, 5, 6) / 1000)).toBe('06:00');
  });

  it('windows end at the end of the current UTC day and span whole days', () => {
    const now = Date.UTC(2024, 4, 10, 13, 5);
    expect(windowRange('7d', now)).toEqual({ from: Date.UTC(2024, 4, 4), to: Date.UTC(2024, 4, 11) });
    expect(windowRange('1d', Date.UTC(2024, 4, 10))).toEqual({ from: Date.UTC(2024, 4, 10), to: Date.UTC(2024, 4, 11) });
  });

  it('aligns daily series of several models on one time axis (seconds), null where a model has no day', () => {
    const d0 = Date.UTC(2024, 0, 1);
    const d1 = d0 + 86_400_000;
    const { labels, data } = seriesColumns([model('a', [[d0, 0.5], [d1, 0.6]]), model('b', [[d1, 0.9]])], (m) => m.daily, 'accuracy');
    expect(labels).toEqual(['a@1.0.0', 'b@1.0.0']);
    expect(data).toEqual([[d0 / 1000, d1 / 1000], [0.5, 0.6], [null, 0.9]]);
  });

  it('keeps only non-empty calibration bins', () => {
    expect(reliabilityColumns(model('a', []))).toEqual([[0.55], [0.5], [0.55], [0.55]]);
    expect(confusionMax([[1, 7], [3, 2]])).toBe(7);
  });
});
