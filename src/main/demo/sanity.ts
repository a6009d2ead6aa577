/**
 * Summary statistics that make simulator output and real recordings comparable (ship-noise.md §7.5):
 * spectral slope over 50–1000 Hz, the strongest tonal's prominence, and the DEMON modulation depth of
 * the 200–2000 Hz band. Level-independent, so uncalibrated clips can be compared with calibrated output.
 */
import FFT from 'fft.js';

export interface SpectralStats {
  /** Least-squares slope of the PSD (dB) against log10 f over 50–1000 Hz, dB/decade. */
  readonly slopeDbPerDecade: number;
  /** Largest excess of the PSD over its ±10 Hz running median in 10–1000 Hz, dB. */
  readonly tonalProminenceDb: number;
  readonly tonalHz: number;
  /** Strongest 0.5–50 Hz line of the band-passed power envelope relative to its mean, halved (≈ AM index m). */
  readonly modulationDepth: number;
  readonly modulationHz: number;
}

/** Computes the statistics for one channel of audio. */
export function spectralStats(samples: Float32Array | Float64Array, sampleRate: number): SpectralStats {
  const { psd, df } = welchPsd(samples, sampleRate);
  const tonal = tonalProminence(psd, df);
  const mod = modulation(samples, sampleRate);
  return { slopeDbPerDecade: slope(psd, df), tonalProminenceDb: tonal.db, tonalHz: tonal.hz, modulationDepth: mod.depth, modulationHz: mod.hz };
}

/** Welch PSD (Hann, 50 % overlap), bins of ~`resolutionHz` (coarser for short inputs). */
export function welchPsd(x: ArrayLike<number>, sampleRate: number, resolutionHz = 1): { psd: Float64Array; df: number } {
  let n = 2 ** Math.ceil(Math.log2(sampleRate / resolutionHz));
  while (n > x.length && n > 64) n /= 2;
  const fft = new FFT(n);
  const win = Float64Array.from({ length: n }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n));
  const winPower = win.reduce((s, w) => s + w * w, 0);
  const psd = new Float64Array(n / 2 + 1);
  const frame = new Float64Array(n);
  const out = new Float64Array(2 * n);
  let frames = 0;
  for (let start = 0; start + n <= x.length; start += n / 2, frames++) {
    for (let i = 0; i < n; i++) frame[i] = x[start + i] * win[i];
    fft.realTransform(out, frame);
    for (let b = 0; b <= n / 2; b++) psd[b] += (out[2 * b] ** 2 + out[2 * b + 1] ** 2) * (b === 0 || b === n / 2 ? 1 : 2);
  }
  const scale = 1 / (Math.max(frames, 1) * winPower * sampleRate);
  for (let b = 0; b < psd.length; b++) psd[b] *= scale;
  return { psd, df: sampleRate / n };
}

/** Slope over 24 log-spaced bands between 50 and 1000 Hz (equal weight per band, not per bin). */
function slope(psd: Float64Array, df: number): number {
  const xs: number[] = [];
  const ys: number[] = [];
  const bands = 24;
  for (let k = 0; k < bands; k++) {
    const lo = 50 * 20 ** (k / bands);
    const hi = 50 * 20 ** ((k + 1) / bands);
    let sum = 0;
    let count = 0;
    for (let b = Math.ceil(lo / df); b * df < hi && b < psd.length; b++, count++) sum += psd[b];
    if (count === 0 || sum <= 0) continue;
    xs.push(Math.log10(Math.sqrt(lo * hi)));
    ys.push(10 * Math.log10(sum / count));
  }
  const mx = xs.reduce((s, v) => s + v, 0) / xs.length;
  const my = ys.reduce((s, v) => s + v, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den > 0 ? num / den : 0;
}

function tonalProminence(psd: Float64Array, df: number): { db: number; hz: number } {
  const half = Math.max(2, Math.round(10 / df));
  let best = { db: 0, hz: 0 };
  for (let b = Math.ceil(10 / df); b * df <= 1000 && b < psd.length; b++) {
    const lo = Math.max(1, b - half);
    const neighbours = Array.from(psd.subarray(lo, Math.min(psd.length, b + half + 1))).sort((p, q) => p - q);
    const median = neighbours[neighbours.length >> 1];
    const db = 10 * Math.log10(psd[b] / median);
    if (median > 0 && db > best.db) best = { db, hz: b * df };
  }
  return best;
}

/** DEMON: band-pass 200–2000 Hz (FFT mask), square, average to 200 Hz, then find the strongest envelope line. */
function modulation(x: ArrayLike<number>, sampleRate: number): { depth: number; hz: number } {
  const n = 2 ** Math.ceil(Math.log2(x.length));
  const fft = new FFT(n);
  const input = new Float64Array(n);
  for (let i = 0; i < x.length; i++) input[i] = x[i];
  const spec = new Float64Array(2 * n);
  fft.realTransform(spec, input);
  fft.completeSpectrum(spec);
  const hiHz = Math.min(2000, 0.45 * sampleRate);
  for (let b = 0; b < n; b++) {
    const f = (Math.min(b, n - b) * sampleRate) / n;
    if (f < 200 || f > hiHz) spec[2 * b] = spec[2 * b + 1] = 0;
  }
  const bp = new Float64Array(2 * n);
  (fft as unknown as { inverseTransform(o: Float64Array, d: Float64Array): void }).inverseTransform(bp, spec);
  const step = Math.max(1, Math.round(sampleRate / 200));
  const env: number[] = [];
  for (let s = 0; s + step <= x.length; s += step) {
    let e = 0;
    for (let i = s; i < s + step; i++) e += bp[2 * i] ** 2;
    env.push(e / step);
  }
  return envelopeLine(env, sampleRate / step);
}

function envelopeLine(env: number[], rate: number): { depth: number; hz: number } {
  const mean = env.reduce((s, v) => s + v, 0) / env.length;
  if (!(mean > 0) || env.length < 16) return { depth: 0, hz: 0 };
  let best = { depth: 0, hz: 0 };
  const df = rate / env.length;
  for (let k = Math.max(1, Math.ceil(0.5 / df)); k * df <= 50 && k < env.length / 2; k++) {
    let re = 0;
    let im = 0;
    for (let i = 0; i < env.length; i++) {
      const a = (2 * Math.PI * k * i) / env.length;
      re += (env[i] - mean) * Math.cos(a);
      im -= (env[i] - mean) * Math.sin(a);
    }
    const amp = (2 * Math.hypot(re, im)) / env.length / mean;
    if (amp > best.depth) best = { depth: amp, hz: k * df };
  }
  return { depth: best.depth / 2, hz: best.hz };
}
