import { describe, expect, it } from 'vitest';
import { buildManifest } from './manifest.ts';
import { renderModelCard, type CardInput } from './model-card.ts';
import type { Prediction } from './experiment.ts';

function predictions(pairs: [number, number][], group = 'sim:1'): Prediction[] {
  return pairs.map(([truth, predicted]) => {
    const probs = new Float64Array(5);
    probs[predicted] = 0.9;
    return { truth, predicted, probs, group };
  });
}

describe('renderModelCard', () => {
  it('fills the headline, tables and reproduction command from the run', () => {
    const sim = predictions([[0, 0], [1, 1], [4, 4], [3, 2]]);
    const clip = { path: '/x/a.wav', file: 'a.wav', label: 'E', sourceLabel: 'non-vessel/rain', corpus: 'sanctsound' as const };
    const card: CardInput = {
      seed: 7,
      scenarios: 12,
      workers: 2,
      machine: 'test machine',
      timings: { dataSeconds: 10, trainSeconds: 1, totalSeconds: 12, cpuSeconds: 20 },
      plan: { windowsPerScenario: 5, startTime: 0, spanMs: 12 * 3_600_000, windowMs: 30_000, randomCandidates: 40 },
      counts: { train: [1, 1, 1, 1, 1], test: [1, 1, 0, 1, 1], sanct: [0, 0, 0, 0, 1], deep: [0, 0, 0, 0, 0] },
      kinds: { natural: 8, cleared: 2 },
      truth: [{ classId: 'D', observations: 10, audibleMedianKm: 25, audibleP90Km: 60, audibleWithin5Km: 1, inaudibleP10Km: 30 }],
      l2: { best: 0.01, scores: [{ l2: 0.01, macroF1: 0.5, accuracy: 0.6 }] },
      iterations: 42,
      realWeight: 10,
      folds: 5,
      evaluations: {
        simTest: sim,
        simTestNatural: sim,
        realLoco: predictions([[4, 4]], 'sanctsound:a.wav'),
        realSimOnly: predictions([[4, 3]], 'sanctsound:a.wav'),
        deepShip: [],
        ablationRawLevelSimTest: sim,
        ablationRawLevelRealLoco: predictions([[4, 4]], 'sanctsound:a.wav'),
      },
      clips: { sanct: [clip], deep: [] },
      verification: { rows: 4, maxAbsDiff: 1e-7, onnxSha256: 'abc', onnxBytes: 2000 },
      manifest: buildManifest(),
    };
    const md = renderModelCard(card);
    expect(md).toContain('4 windows — accuracy **75.0 %**');
    expect(md).toContain('| **D** | 0 | 0 | 1 | 0 | 0 |');
    expect(md).toContain('| a.wav | non-vessel/rain | E | E | 0.90 | D |');
    expect(md).toContain('--seed 7 --out models/baseline-logreg --scenarios 12 --workers 2');
    expect(md).toContain('**λ = 0.01**');
    expect(md).toContain('Not available in this run.');
  });
});
