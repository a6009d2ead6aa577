import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FeatureSpec, LogMelFeature } from '../../shared/feature-spec.ts';
import { computeFeature, logMelSpectrogram } from './features.ts';
import { BASELINE_FEATURE, SEED_LOG_MEL } from './presets.ts';
import { referenceSignal } from './test-signals.ts';

/** Produced by test/fixtures/features/make_reference.py (numpy/scipy re-implementations of TF and librosa). */
interface Case {
  name: string;
  sampleRate: number;
  n: number;
  shape: number[];
  values: number[];
  image?: number[];
}
const reference = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../test/fixtures/features/reference.json'), 'utf8'),
) as { cases: Case[] };
const byName = (name: string) => reference.cases.find((c) => c.name === name)!;

const VARIANT: FeatureSpec = {
  kind: 'log-mel',
  stft: { nFft: 512, winLength: 400, hop: 160, window: 'hamming', periodic: false, center: false, padEnd: false, spectrum: 'power' },
  mel: { nMels: 40, fMin: 0, fMax: 4000, scale: 'htk', norm: 'slaney' },
  log: { kind: 'db', ref: 1, amin: 1e-10, topDb: 60 },
  pooling: 'none',
};
const CENTERED_SHORT: FeatureSpec = {
  kind: 'log-mel',
  stft: { nFft: 256, winLength: 200, hop: 64, window: 'hann', periodic: true, center: true, padEnd: false, spectrum: 'magnitude' },
  mel: { nMels: 16, fMin: 0, fMax: 4000, scale: 'slaney', norm: 'none' },
  log: { kind: 'ln', floor: 1e-6 },
  pooling: 'none',
};

function expectClose(actual: ArrayLike<number>, expected: number[], rel = 1e-4): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
    if (err > worst) [worst, at] = [err, i];
  }
  expect(worst, `worst relative error at ${at}: ${actual[at]} vs ${expected[at]}`).toBeLessThan(rel);
}

const MFCC: FeatureSpec = {
  kind: 'mfcc',
  stft: { nFft: 512, winLength: 512, hop: 128, window: 'hann', periodic: true, center: true, padEnd: false, spectrum: 'power' },
  mel: { nMels: 40, fMin: 0, fMax: 4000, scale: 'slaney', norm: 'slaney' },
  log: { kind: 'db', ref: 1, amin: 1e-10, topDb: 80 },
  nMfcc: 20,
  lifter: 22,
  pooling: 'none',
};
const SEED_MFCC_POOLED: FeatureSpec = { ...(SEED_LOG_MEL as LogMelFeature), kind: 'mfcc', nMfcc: 13, lifter: 0, pooling: 'mean-std' };

describe('log-mel against the numpy/scipy reference', () => {
  it.each([
    ['seed', SEED_LOG_MEL],
    ['variant', VARIANT],
    ['centered-short', CENTERED_SHORT],
    ['mfcc', MFCC],
    ['mfcc-ln-pooled', SEED_MFCC_POOLED],
  ] as const)('%s image', (name, spec) => {
    const c = byName(name);
    const out = computeFeature(spec, [referenceSignal(c.n, c.sampleRate)], {
      layout: 'channels-first',
      shape: [1, ...c.shape],
      sampleRate: c.sampleRate,
    });
    expectClose(out, c.values);
  });

  it('baseline: dB image and mean-std pooling', () => {
    const c = byName('baseline');
    const x = referenceSignal(c.n, c.sampleRate);
    if (BASELINE_FEATURE.kind !== 'log-mel') throw new Error('baseline is log-mel');
    expectClose(logMelSpectrogram(BASELINE_FEATURE, x, c.sampleRate).data, c.image!);
    expectClose(computeFeature(BASELINE_FEATURE, [x], { layout: 'flat', shape: [64], sampleRate: c.sampleRate }), c.values);
  });
});
