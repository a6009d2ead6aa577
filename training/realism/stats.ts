/**
 * Realism statistics of one recording or simulator window, computed with the workstation's own DSP
 * (resampler, Welch PSD of src/main/demo/sanity.ts) after resampling to the demo station's 8 kHz, so real
 * clips at 22–48 kHz and simulator output are measured identically. Every statistic is level-independent
 * except `bandLevelDb` (real clips are not calibrated): slope, tonal structure, DEMON modulation and level
 * variability can be compared between uncalibrated clips and calibrated simulator output.
 */
import { resample } from '../../src/main/dsp/resample.ts';
import { spectralStats, welchPsd } from '../../src/main/demo/sanity.ts';

/** All statistics are measured at this rate (the demo station's). */
export const ANALYSIS_RATE = 8000;
/** Band of the spectral slope (dB/decade), and of the tonal search. */
export const SLOPE_BAND_HZ = [50, 1000] as const;
export const TONAL_BAND_HZ = [20, 1000] as const;
/** A line counts when its 1 Hz PSD bin stands this far above the ±10 Hz running median. */
export const TONAL_MIN_DB = 6;
/** Level statistics: 50–2000 Hz band level in frames of this length. */
const LEVEL_FRAME_S = 0.25;

export interface RealismStats {
  /** Least-squares slope of the PSD over 50–1000 Hz (24 log-spaced bands), dB/decade. */
  slopeDbPerDecade: number;
  /** Narrowband lines (local maxima ≥ 6 dB above the ±10 Hz median) in 20–1000 Hz. */
  tonalCount: number;
  /** Strongest line's excess over the running median, dB, and its frequency. */
  tonalProminenceDb: number;
  tonalHz: number;
  /** DEMON (200–2000 Hz envelope): strongest 0.5–50 Hz line as AM index m, its frequency, and its height over the envelope spectrum's median, dB. */
  modulationDepth: number;
  modulationHz: number;
  modulationSnrDb: number;
  /** Standard deviation of the 0.25 s band level (50–2000 Hz) over the window, dB. */
  levelStdDb: number;
  /** Excess kurtosis of the 50–2000 Hz band-passed samples (0 = Gaussian; impulsive sources ≫ 0). */
  kurtosis: number;
  /** Mean band level 50–2000 Hz, dB re full scale²/Hz·Hz (not comparable between uncalibrated clips). */
  bandLevelDb: number;
}

/** Resamples one channel to ANALYSIS_RATE and measures it. */
export function measure(samples: Float32Array, sampleRate: number): RealismStats {
  const x = sampleRate === ANALYSIS_RATE ? samples : resample(samples, sampleRate, ANALYSIS_RATE);
  const centred = removeMean(x);
  const base = spectralStats(centred, ANALYSIS_RATE);
  const { psd, df } = welchPsd(centred, ANALYSIS_RATE);
  const band = bandPass(centred, ANALYSIS_RATE, 50, 2000);
  return {
    slopeDbPerDecade: base.slopeDbPerDecade,
    tonalCount: countTonals(psd, df),
    tonalProminenceDb: base.tonalProminenceDb,
    tonalHz: base.tonalHz,
    modulationDepth: base.modulationDepth,
    modulationHz: base.modulationHz,
    modulationSnrDb: demonLineSnrDb(band, ANALYSIS_RATE),
    ...levelStats(band, ANALYSIS_RATE),
  };
}

function removeMean(x: Float32Array): Float64Array {
  let mean = 0;
  for (let i = 0; i < x.length; i++) mean += x[i];
  mean /= x.length;
  return Float64Array.from(x, (v) => v - mean);
}

/** Local maxima of the PSD that stand TONAL_MIN_DB above the ±10 Hz running median, at least 3 Hz apart. */
export function countTonals(psd: Float64Array, df: number): number {
  const half = Math.max(2, Math.round(10 / df));
  let count = 0;
  let last = -Infinity;
  for (let b = Math.ceil(TONAL_BAND_HZ[0] / df); b * df <= TONAL_BAND_HZ[1] && b + 1 < psd.length; b++) {
    if (psd[b] < psd[b - 1] || psd[b] < psd[b + 1]) continue;
    const around = Array.from(psd.subarray(Math.max(1, b - half), b + half + 1)).sort((p, q) => p - q);
    const median = around[around.length >> 1];
    if (median > 0 && 10 * Math.log10(psd[b] / median) >= TONAL_MIN_DB && (b - last) * df >= 3) {
      count++;
      last = b;
    }
  }
  return count;
}

/** Brick-wall FFT band-pass (zero-padded to a power of two; the pad is cut off again). */
export function bandPass(x: Float64Array, rate: number, loHz: number, hiHz: number): Float64Array {
  const n = 2 ** Math.ceil(Math.log2(x.length));
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  re.set(x);
  fftInPlace(re, im, false);
  for (let b = 0; b < n; b++) {
    const f = (Math.min(b, n - b) * rate) / n;
    if (f < loHz || f > hiHz) re[b] = im[b] = 0;
  }
  fftInPlace(re, im, true);
  return re.slice(0, x.length);
}

/** Iterative radix-2 complex FFT (inverse scaled by 1/n). */
function fftInPlace(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = ((inverse ? 2 : -2) * Math.PI) / len;
    for (let i = 0; i < n; i += len) {
      for (let k = 0; k < len / 2; k++) {
        const c = Math.cos(ang * k);
        const s = Math.sin(ang * k);
        const a = i + k;
        const b = a + len / 2;
        const tr = re[b] * c - im[b] * s;
        const ti = re[b] * s + im[b] * c;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
      }
    }
  }
  if (!inverse) return;
  for (let i = 0; i < n; i++) {
    re[i] /= n;
    im[i] /= n;
  }
}

/** Power envelope of a band-passed signal averaged to 200 Hz. */
function envelope(band: Float64Array, rate: number): Float64Array {
  const step = Math.max(1, Math.round(rate / 200));
  const env = new Float64Array(Math.floor(band.length / step));
  for (let k = 0; k < env.length; k++) {
    let e = 0;
    for (let i = k * step; i < (k + 1) * step; i++) e += band[i] ** 2;
    env[k] = e / step;
  }
  return env;
}

/** Height of the strongest 0.5–50 Hz envelope-spectrum line over the median of that range, dB (presence of a DEMON line). */
export function demonLineSnrDb(band: Float64Array, rate: number): number {
  const env = envelope(band, rate);
  const mean = env.reduce((s, v) => s + v, 0) / env.length;
  const re = Float64Array.from(env, (v) => v - mean);
  const n = 2 ** Math.floor(Math.log2(re.length));
  const r = re.slice(0, n);
  const i = new Float64Array(n);
  fftInPlace(r, i, false);
  const df = 200 / n;
  const mags: number[] = [];
  for (let k = Math.ceil(0.5 / df); k * df <= 50 && k < n / 2; k++) mags.push(r[k] ** 2 + i[k] ** 2);
  if (mags.length < 8) return 0;
  const sorted = [...mags].sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1];
  return median > 0 ? 10 * Math.log10(sorted[sorted.length - 1] / median) : 0;
}

function levelStats(band: Float64Array, rate: number): Pick<RealismStats, 'levelStdDb' | 'kurtosis' | 'bandLevelDb'> {
  const frame = Math.round(LEVEL_FRAME_S * rate);
  const levels: number[] = [];
  for (let s = 0; s + frame <= band.length; s += frame) {
    let e = 0;
    for (let i = s; i < s + frame; i++) e += band[i] ** 2;
    levels.push(10 * Math.log10(e / frame + 1e-30));
  }
  const mean = levels.reduce((s, v) => s + v, 0) / levels.length;
  const std = Math.sqrt(levels.reduce((s, v) => s + (v - mean) ** 2, 0) / levels.length);
  let m2 = 0;
  let m4 = 0;
  for (const v of band) {
    m2 += v * v;
    m4 += v ** 4;
  }
  m2 /= band.length;
  m4 /= band.length;
  return { levelStdDb: std, kurtosis: m2 > 0 ? m4 / (m2 * m2) - 3 : 0, bandLevelDb: 10 * Math.log10(m2 + 1e-30) };
}
