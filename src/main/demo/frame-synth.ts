/**
 * Coloured-noise synthesis by weighted overlap-add (ship-noise.md §7.1).
 *
 * Time is cut into absolute chunks of H samples (chunk j = samples [jH, (j+1)H) counted from the Unix
 * epoch). Frame k spans [kH, kH + 2H) and is white Gaussian noise shaped in the frequency domain to the
 * PSD evaluated at its centre ("knot" k+1 at sample (k+1)H), then multiplied by a periodic sqrt-Hann
 * window. The squared windows of neighbouring frames sum to one, so the variance is stationary and a PSD
 * that changes from frame to frame cross-fades without clicks. Each frame's random numbers come from
 * seedOf(seed, stream, k), which makes every chunk a pure function of its index: any span renders the
 * same whether asked for in one piece or in many.
 */
import FFT from 'fft.js';
import type { Rng } from './prng.ts';
import { complexGaussian } from './fast-math.ts';

/** fft.js has an inverse transform the shared type stub does not declare (it divides by N). */
interface InverseFft {
  inverseTransform(out: Float64Array, data: Float64Array): void;
}

/** Sensor high-pass corner: keeps sub-5 Hz turbulence noise from dominating the broadband level. */
const HIGH_PASS_HZ = 5;

/** The shared frame grid: sizes, window, bin frequencies and FFT scratch space. */
export class FrameGrid {
  readonly sampleRate: number;
  /** Hop = chunk length, samples. */
  readonly hop: number;
  /** Frame length = 2 × hop = FFT size. */
  readonly size: number;
  readonly window: Float64Array;
  /** Frequencies of bins 0…hop (Nyquist), Hz. */
  readonly freqs: Float64Array;
  /** Power response of the sensor's high-pass at each bin. */
  readonly response: Float64Array;
  /** Converts a one-sided PSD (units²/Hz) to the squared bin amplitude the inverse FFT needs. */
  readonly psdToBinPower: number;
  private readonly fft: FFT;
  private readonly spectrum: Float64Array;
  private readonly signal: Float64Array;
  private readonly gauss = new Float64Array(2);

  constructor(sampleRate: number) {
    this.sampleRate = sampleRate;
    // ~0.25 s hops: fast enough for range and Lloyd's-mirror fringes to track a CPA, 2 Hz bins at 8 kHz.
    this.hop = 2 ** Math.round(Math.log2(sampleRate * 0.256));
    this.size = 2 * this.hop;
    this.window = Float64Array.from({ length: this.size }, (_, n) => Math.sin((Math.PI * n) / this.size));
    this.freqs = Float64Array.from({ length: this.hop + 1 }, (_, b) => (b * sampleRate) / this.size);
    this.response = this.freqs.map((f) => responseAt(f));
    this.psdToBinPower = (sampleRate * this.size) / 2;
    this.fft = new FFT(this.size);
    // fft.js indexes plain arrays; typed arrays work and are much faster.
    this.spectrum = new Float64Array(2 * this.size);
    this.signal = new Float64Array(2 * this.size);
  }

  /**
   * Synthesises two independent windowed noise frames in one complex inverse FFT: `ampA`/`ampB` are the
   * bin amplitudes (sqrt of PSD × psdToBinPower) for bins 0…hop; the real part of the result carries A
   * and the imaginary part B (both spectra Hermitian, packed as A + iB).
   */
  synthPair(ampA: Float64Array, ampB: Float64Array, rng: Rng, outA: Float64Array, outB: Float64Array): void {
    const n = this.size;
    const z = this.spectrum;
    const g = this.gauss;
    z.fill(0);
    for (let b = 1; b < this.hop; b++) {
      complexGaussian(rng.nextU32(), g);
      const ar = ampA[b] * g[0];
      const ai = ampA[b] * g[1];
      complexGaussian(rng.nextU32(), g);
      const br = ampB[b] * g[0];
      const bi = ampB[b] * g[1];
      z[2 * b] = ar - bi;
      z[2 * b + 1] = ai + br;
      z[2 * (n - b)] = ar + bi;
      z[2 * (n - b) + 1] = br - ai;
    }
    (this.fft as unknown as InverseFft).inverseTransform(this.signal, z);
    const s = this.signal;
    const w = this.window;
    for (let i = 0; i < n; i++) {
      outA[i] = s[2 * i] * w[i];
      outB[i] = s[2 * i + 1] * w[i];
    }
  }
}

/** Power response of a 2nd-order high-pass (−12 dB/octave in amplitude below the corner). */
export function responseAt(fHz: number): number {
  const x = (fHz / HIGH_PASS_HZ) ** 4;
  return x / (1 + x);
}

/** Two-entry cache for frames: a chunk needs frames j−1 and j, and the next chunk reuses frame j. */
export class FrameCache<T> {
  private readonly entries: Array<{ k: number; v: T }> = [];

  get(k: number, make: (k: number) => T): T {
    const hit = this.entries.find((e) => e.k === k);
    if (hit) return hit.v;
    const v = make(k);
    this.entries.push({ k, v });
    if (this.entries.length > 3) this.entries.shift();
    return v;
  }
}
