import { describe, expect, it } from 'vitest';
import type { LogMelFeature, StftSpec } from '../../shared/feature-spec.ts';
import { logMelWasm, type ImageLayout } from './logmel-wasm.ts';
import { applyMelFilterbank, melFilterbank } from './mel.ts';
import { SEED_LOG_MEL } from './presets.ts';
import { forEachStftFrame } from './stft.ts';
import { referenceSignal, xorshiftNoise } from './test-signals.ts';

const SEED = SEED_LOG_MEL as LogMelFeature;

/** The JavaScript path, one channel: stft.ts frames (fft.js), mel.ts sums, Math.log: frames × bands. */
function jsLogMel(spec: LogMelFeature, x: Float32Array, sampleRate: number): Float64Array[] {
  const fb = melFilterbank(spec.mel, sampleRate, spec.stft.nFft);
  const rows: Float64Array[] = [];
  forEachStftFrame(spec.stft, x, (_, spectrum) => {
    const row = new Float64Array(fb.nMels);
    applyMelFilterbank(fb, spectrum, row);
    rows.push(row.map((v) => Math.log(v + (spec.log as { floor: number }).floor)));
  });
  return rows;
}

/** Checks every value of the kernel's image against the JavaScript path, in the given layout. */
function expectMatchesJs(spec: LogMelFeature, channels: Float32Array[], sampleRate: number, layout: ImageLayout): void {
  const got = logMelWasm(spec, channels, sampleRate, layout);
  expect(got).not.toBeNull();
  const C = channels.length;
  const want = channels.map((x) => jsLogMel(spec, x, sampleRate));
  const frames = want[0]!.length;
  const bands = spec.mel.nMels;
  expect([got!.frames, got!.bands, got!.data.length]).toEqual([frames, bands, C * frames * bands]);
  let worst = 0;
  for (let c = 0; c < C; c++) {
    for (let t = 0; t < frames; t++) {
      for (let b = 0; b < bands; b++) {
        const at = layout === 'channels-last' ? (t * bands + b) * C + c : (c * frames + t) * bands + b;
        worst = Math.max(worst, Math.abs(got!.data[at]! - want[c]![t]![b]!));
      }
    }
  }
  // ln values of order 1–20: float32 rounding is ~1e-6; a wrong bin or frame is off by far more.
  expect(worst).toBeLessThan(1e-5);
}

const channels = (count: number, n: number, sampleRate: number) =>
  Array.from({ length: count }, (_, c) => Float32Array.from(referenceSignal(n, sampleRate + c), (v, i) => v + 0.01 * c * Math.sin(i / (c + 1))));

describe('logMelWasm', () => {
  it('equals the JavaScript STFT + mel + ln path for the seed feature, 4 channels, both layouts', () => {
    const x = channels(4, 30 * 4000, 4000);
    expectMatchesJs(SEED, x, 4000, 'channels-last');
    expectMatchesJs(SEED, x, 4000, 'channels-first');
  });

  it('handles an odd channel count (the last channel alone in both lanes) and a single channel', () => {
    expectMatchesJs(SEED, channels(3, 20_000, 4000), 4000, 'channels-last');
    expectMatchesJs(SEED, channels(1, 20_000, 4000), 4000, 'channels-first');
  });

  it('follows centring (reflect padding), a window shorter than the FFT, power spectra and a Slaney filterbank with DC', () => {
    const stft: StftSpec = { nFft: 256, winLength: 200, hop: 64, window: 'hamming', periodic: false, center: true, padEnd: false, spectrum: 'power' };
    const spec: LogMelFeature = { ...SEED, stft, mel: { nMels: 24, fMin: 0, fMax: 4000, scale: 'slaney', norm: 'slaney' }, log: { kind: 'ln', floor: 1e-10 } };
    const noise = [Float32Array.from(xorshiftNoise(1000, 3)), Float32Array.from(xorshiftNoise(1000, 4))];
    expectMatchesJs(spec, noise, 8000, 'channels-last');
    expectMatchesJs(spec, [noise[0]!.subarray(0, 90)], 8000, 'channels-first'); // shorter than nFft: reflection beyond the signal
  });

  it('follows pad_end framing with a window as long as the FFT, and gives no frames for an empty signal', () => {
    const stft: StftSpec = { nFft: 64, winLength: 64, hop: 30, window: 'hann', periodic: true, center: false, padEnd: true, spectrum: 'magnitude' };
    const spec: LogMelFeature = { ...SEED, stft, mel: { nMels: 8, fMin: 50, fMax: 1000, scale: 'htk', norm: 'none' } };
    expectMatchesJs(spec, channels(2, 500, 2000), 2000, 'channels-first');
    expect(logMelWasm(spec, [new Float32Array(0)], 2000, 'channels-last')!.data.length).toBe(0);
  });

  it('runs FFT sizes whose count of radix-2 stages is even (no lone last stage) as well as odd ones', () => {
    for (const nFft of [16, 128, 512, 2048]) {
      const stft: StftSpec = { nFft, winLength: nFft, hop: nFft / 2, window: 'hann', periodic: true, center: false, padEnd: false, spectrum: 'magnitude' };
      expectMatchesJs({ ...SEED, stft, mel: { nMels: 6, fMin: 100, fMax: 3000, scale: 'htk', norm: 'none' } }, channels(2, 6000, 8000), 8000, 'channels-last');
    }
  });

  it('declines what it does not compute: a dB log, a floor below its logarithm, tiny FFTs', () => {
    const x = [new Float32Array(4000)];
    expect(logMelWasm({ ...SEED, log: { kind: 'db', ref: 1, amin: 1e-10 } }, x, 4000, 'channels-last')).toBeNull();
    expect(logMelWasm({ ...SEED, log: { kind: 'ln', floor: 1e-310 } }, x, 4000, 'channels-last')).toBeNull();
    const tiny: StftSpec = { ...SEED.stft, nFft: 8, winLength: 8, hop: 4 };
    expect(logMelWasm({ ...SEED, stft: tiny, mel: { ...SEED.mel, nMels: 2 } }, x, 4000, 'channels-last')).toBeNull();
  });
});
