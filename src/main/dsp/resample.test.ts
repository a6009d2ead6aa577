import { describe, expect, it } from 'vitest';
import { Resampler, resample, resampledLength } from './resample.ts';
import { designLowpass } from './polyphase.ts';
import { getRealFft } from './fft.ts';
import { wasmHalfBandAvailable } from './halfband-wasm.ts';
import { sine, xorshiftNoise } from './test-signals.ts';

const RATES: [number, number][] = [
  [48000, 8000],
  [8000, 4000],
  [256000, 8000],
  [44100, 8000],
  [4000, 8000],
];

function rms(x: ArrayLike<number>, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += x[i] ** 2;
  return Math.sqrt(s / (to - from));
}

describe('resample accuracy', () => {
  it.each(RATES)('%i → %i keeps an in-band tone (error < 1e-4) and the length ⌈n·to/from⌉', (from, to) => {
    const n = Math.round(from * 0.5);
    const f = 0.3 * Math.min(from, to);
    const y = resample(sine(n, f, from, 0.7, 0.4), from, to);
    expect(y.length).toBe(resampledLength(n, from, to));
    const ref = sine(y.length, f, to, 0.7, 0.4);
    let err = 0;
    for (let i = 300; i < y.length - 300; i++) err = Math.max(err, Math.abs(y[i] - ref[i]));
    expect(err).toBeLessThan(1e-4);
  });

  it.each(RATES.filter(([a, b]) => a > b))('%i → %i suppresses an out-of-band tone by ≥ 75 dB', (from, to) => {
    const f = 0.5 * to * 1.2; // above the output Nyquist: would alias to 0.8·Nyquist
    const y = resample(sine(from, f, from), from, to);
    expect(20 * Math.log10(rms(y, 500, y.length - 500) / Math.SQRT1_2)).toBeLessThan(-75);
  });

  it('the final low-pass is ≥ 80 dB down beyond 1.05·Nyquist (8 kHz → 4 kHz filter)', () => {
    const h = designLowpass(8000, 2000, 200, 1, 80);
    const n = 8192;
    const padded = new Float64Array(n);
    padded.set(h);
    const p = new Float64Array(n / 2 + 1);
    getRealFft(n).power(padded, p);
    for (let k = Math.ceil((2100 / 8000) * n); k <= n / 2; k++) expect(10 * Math.log10(p[k])).toBeLessThan(-80);
    for (let k = 0; k <= Math.floor((1900 / 8000) * n); k++) expect(Math.abs(10 * Math.log10(p[k]))).toBeLessThan(0.01);
  });

  it('8 → 4 kHz (WebAssembly SIMD half-band) equals the direct-form FIR y[m] = Σ h[k]·x[2m + d − k]', () => {
    expect(wasmHalfBandAvailable()).toBe(true); // Node 24: the SIMD kernel is the path under test
    const h = designLowpass(8000, 2000, 200, 1, 80);
    const d = (h.length - 1) / 2;
    const x = Float32Array.from(xorshiftNoise(9000, 11));
    const y = resample(x, 8000, 4000);
    expect(y.length).toBe(4500);
    let worst = 0;
    for (let m = 0; m < y.length; m++) {
      let acc = 0;
      for (let k = 0; k < h.length; k++) {
        const i = 2 * m + d - k;
        if (i >= 0 && i < x.length) acc += h[k] * x[i];
      }
      worst = Math.max(worst, Math.abs(y[m] - acc));
    }
    expect(worst).toBeLessThan(1e-6);
  });

  it('identity when rates are equal; rejects non-integer rates', () => {
    const x = Float32Array.from([1, 2, 3]);
    expect(Array.from(resample(x, 8000, 8000))).toEqual([1, 2, 3]);
    expect(() => new Resampler(8000.5, 4000)).toThrow(/positive integers/);
  });
});

describe('streaming Resampler', () => {
  it.each(RATES)('%i → %i: any block split gives exactly the one-shot output', (from, to) => {
    const noise = xorshiftNoise(Math.round(from * 0.3), from);
    const x = Float32Array.from(noise);
    const oneShot = resample(x, from, to);
    const r = new Resampler(from, to);
    const parts: Float32Array[] = [];
    let at = 0;
    for (let k = 1; at < x.length; k++) {
      const size = (k * 7919) % 4001; // includes empty and tiny blocks
      parts.push(r.push(x.subarray(at, at + size)));
      at += size;
    }
    parts.push(r.flush());
    const streamed = Float32Array.from(parts.flatMap((p) => Array.from(p)));
    expect(streamed.length).toBe(oneShot.length);
    expect(streamed.every((v, i) => v === oneShot[i])).toBe(true);
  });

  it('refuses to be used after flush', () => {
    const r = new Resampler(8000, 4000);
    r.flush();
    expect(() => r.push(new Float32Array(10))).toThrow(/after flush/);
  });
});
