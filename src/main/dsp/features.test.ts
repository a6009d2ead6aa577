import { describe, expect, it } from 'vitest';
import type { FeatureSpec, LogMelFeature } from '../../shared/feature-spec.ts';
import { computeFeature, featureShape, logMelSpectrogram, meanStdPool } from './features.ts';
import { BASELINE_FEATURE, SEED_LOG_MEL } from './presets.ts';
import { hzToMel } from './mel.ts';
import { sine } from './test-signals.ts';

const seed = SEED_LOG_MEL as LogMelFeature;
const small: LogMelFeature = {
  kind: 'log-mel',
  stft: { nFft: 64, winLength: 64, hop: 32, window: 'hann', periodic: true, center: false, padEnd: false, spectrum: 'power' },
  mel: { nMels: 4, fMin: 0, fMax: 4000, scale: 'htk', norm: 'none' },
  log: { kind: 'db', ref: 1, amin: 1e-10 },
  pooling: 'none',
};

describe('featureShape', () => {
  it('seed: 160 × 128 per 30-s channel, in each layout', () => {
    expect(featureShape(SEED_LOG_MEL, 4000, 30, 1, 'channels-last')).toEqual([160, 128, 1]);
    expect(featureShape(SEED_LOG_MEL, 4000, 30, 4, 'channels-last')).toEqual([160, 128, 4]);
    expect(featureShape(SEED_LOG_MEL, 4000, 30, 4, 'channels-first')).toEqual([4, 160, 128]);
    expect(featureShape(SEED_LOG_MEL, 4000, 30, 2, 'flat')).toEqual([2 * 160 * 128]);
  });

  it('mfcc: frames × nMfcc, or 2·nMfcc pooled', () => {
    const mfcc: FeatureSpec = { ...seed, kind: 'mfcc', nMfcc: 20, lifter: 0 };
    expect(featureShape(mfcc, 4000, 30, 1, 'channels-last')).toEqual([160, 20, 1]);
    expect(featureShape({ ...mfcc, pooling: 'mean-std' }, 4000, 30, 2, 'flat')).toEqual([80]);
    const out = computeFeature(mfcc, [sine(120000, 500, 4000)], { layout: 'channels-first', shape: [1, 160, 20], sampleRate: 4000 });
    expect(out.length).toBe(3200);
    expect(() => computeFeature({ ...mfcc, nMfcc: 129 }, [sine(4000, 500, 4000)], { layout: 'flat', shape: [1], sampleRate: 4000 })).toThrow(
      /nMfcc 129 exceeds the 128 mel bands/,
    );
  });

  it('baseline: 64 values per channel; waveform: the samples', () => {
    expect(featureShape(BASELINE_FEATURE, 8000, 30, 1, 'flat')).toEqual([64]);
    expect(featureShape(BASELINE_FEATURE, 8000, 30, 2, 'channels-first')).toEqual([2, 64]);
    expect(featureShape({ kind: 'waveform' }, 8000, 2.5, 3, 'channels-last')).toEqual([20000, 3]);
  });
});

describe('computeFeature', () => {
  it('a 1 kHz tone brightens the mel band containing 1 kHz (seed spec)', () => {
    const image = logMelSpectrogram(seed, sine(120000, 1000, 4000, 0.5), 4000);
    expect([image.frames, image.bands]).toEqual([160, 128]);
    const step = (hzToMel(2000, 'htk') - hzToMel(10, 'htk')) / 129;
    const expected = Math.round((hzToMel(1000, 'htk') - hzToMel(10, 'htk')) / step) - 1;
    const row = image.data.subarray(80 * 128, 81 * 128);
    expect(row.indexOf(Math.max(...row))).toBe(expected);
  });

  it('silence gives ln(floor) everywhere', () => {
    const out = computeFeature(seed, [new Float32Array(120000)], { layout: 'channels-last', shape: [160, 128, 1], sampleRate: 4000 });
    expect(out.every((v) => Math.abs(v - Math.log(1e-6)) < 1e-6)).toBe(true);
  });

  it('layouts: channels-first stacks channels, channels-last interleaves them, flat = channels-first', () => {
    const a = sine(256, 500, 8000);
    const b = sine(256, 2500, 8000, 0.1);
    const ia = logMelSpectrogram(small, a, 8000).data;
    const ib = logMelSpectrogram(small, b, 8000).data;
    const T = 7;
    const F = 4;
    const first = computeFeature(small, [a, b], { layout: 'channels-first', shape: [2, T, F], sampleRate: 8000 });
    const last = computeFeature(small, [a, b], { layout: 'channels-last', shape: [T, F, 2], sampleRate: 8000 });
    const flat = computeFeature(small, [a, b], { layout: 'flat', shape: [2 * T * F], sampleRate: 8000 });
    expect(Array.from(first)).toEqual([...ia, ...ib]);
    expect(Array.from(flat)).toEqual(Array.from(first));
    for (let i = 0; i < T * F; i++) expect([last[2 * i], last[2 * i + 1]]).toEqual([ia[i], ib[i]]);
  });

  it('mean-std pooling: per band mean then population std, per channel', () => {
    const pooled = meanStdPool({ frames: 3, bands: 2, data: Float32Array.from([1, 10, 2, 10, 3, 10]) });
    expect(Array.from(pooled)).toEqual([2, 10, Math.fround(Math.sqrt(2 / 3)), 0]);
    const spec: FeatureSpec = { ...small, pooling: 'mean-std' };
    const out = computeFeature(spec, [sine(256, 500, 8000), sine(256, 500, 8000)], { layout: 'channels-first', shape: [2, 8], sampleRate: 8000 });
    expect(Array.from(out.subarray(0, 8))).toEqual(Array.from(out.subarray(8)));
  });

  it('dB with topDb clips to max − topDb', () => {
    const spec: LogMelFeature = { ...small, log: { kind: 'db', ref: 1, amin: 1e-10, topDb: 20 } };
    const { data } = logMelSpectrogram(spec, sine(256, 500, 8000), 8000);
    const max = Math.max(...data);
    expect(Math.min(...data)).toBeCloseTo(max - 20, 4);
  });

  it('waveform feature arranges raw samples', () => {
    const out = computeFeature({ kind: 'waveform' }, [Float32Array.from([1, 2]), Float32Array.from([3, 4])], {
      layout: 'channels-last',
      shape: [2, 2],
      sampleRate: 8000,
    });
    expect(Array.from(out)).toEqual([1, 3, 2, 4]);
  });

  it('throws MODEL_INVALID naming both sizes when the shape does not match', () => {
    const run = () => computeFeature(seed, [new Float32Array(120000)], { layout: 'channels-last', shape: [161, 128, 1], sampleRate: 4000 });
    expect(run).toThrow(expect.objectContaining({ code: 'MODEL_INVALID' }));
    expect(run).toThrow(/gives 20480 values, shape \[160, 128, 1\] \(channels-last\), but the model input shape \[161, 128, 1\] holds 20608/);
  });

  it('rejects channels of different lengths', () => {
    expect(() => computeFeature(seed, [new Float32Array(10), new Float32Array(11)], { layout: 'flat', shape: [1], sampleRate: 4000 })).toThrow(
      /differ in length/,
    );
  });
});
