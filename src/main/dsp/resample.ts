/**
 * Rational polyphase resampling with Kaiser-windowed-sinc anti-aliasing filters. The filters are
 * part of every resampled model feature: a different design (even an equiripple one with the same
 * edges and 10 % fewer taps) moves the bundled models' outputs by ~3e-4, so they stay as trained.
 *
 * The ratio L/M = toRate/fromRate is reduced by the gcd. As in scipy.signal.resample_poly, the
 * low-pass cutoff (−6 dB) is the Nyquist frequency of the slower rate; its transition band
 * (default 10 % of that Nyquist) is centred on it, so the response is flat to 0.95·Nyquist and
 * ≥ 80 dB down (default) from 1.05·Nyquist: aliases can only land in the top 5 % of the output
 * band, never below 0.95·Nyquist. Each stage's filter delay
 * is compensated (like scipy.signal.resample_poly): output sample m is at time m / toRate and a
 * signal of n samples gives ⌈n·L/M⌉ outputs.
 *
 * Large integer decimations (e.g. 256 kHz → 8 kHz, M = 32) run as a cascade: cheap ÷2 stages with
 * wide transition bands first, then one sharp final stage: far cheaper than one long filter.
 *
 * `Resampler` streams: push blocks of any size, then flush. Its output is identical, sample for
 * sample, to `resample` on the concatenated input (the one-shot is the streaming path).
 */
import { AppError } from '../../shared/errors.ts';
import { PolyphaseStage, designLowpass } from './polyphase.ts';

/** Filter quality options. */
export interface ResamplerOptions {
  /** Stopband attenuation in dB (default 80). */
  stopbandDb?: number;
  /** Width of the transition band, centred on the Nyquist frequency, as a fraction of it (default 0.1). */
  transition?: number;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

function concat(a: Float32Array, b: Float32Array): Float32Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Float32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** A streaming resampler from one integer rate to another. */
export class Resampler {
  readonly fromRate: number;
  readonly toRate: number;
  private readonly stages: PolyphaseStage[];

  constructor(fromRate: number, toRate: number, opts: ResamplerOptions = {}) {
    if (!Number.isInteger(fromRate) || !Number.isInteger(toRate) || fromRate < 1 || toRate < 1) {
      throw new AppError('BAD_REQUEST', `sample rates must be positive integers, got ${fromRate} → ${toRate}`);
    }
    const transition = opts.transition ?? 0.1;
    if (!(transition > 0 && transition < 1)) throw new AppError('BAD_REQUEST', `transition must be in (0, 1), got ${transition}`);
    this.fromRate = fromRate;
    this.toRate = toRate;
    this.stages = planStages(fromRate, toRate, opts.stopbandDb ?? 80, transition);
  }

  /** Resamples the next block; returns the output samples that are now complete. */
  push(block: Float32Array): Float32Array {
    let x = block;
    for (const stage of this.stages) x = stage.push(x);
    return this.stages.length === 0 ? Float32Array.from(block) : x;
  }

  /** Ends the stream: returns the remaining outputs (input past the end is taken as zero). */
  flush(): Float32Array {
    let carry: Float32Array = new Float32Array(0);
    for (const stage of this.stages) carry = concat(stage.push(carry), stage.flush());
    return carry;
  }
}

function planStages(fromRate: number, toRate: number, stopbandDb: number, transition: number): PolyphaseStage[] {
  if (fromRate === toRate) return [];
  const g = gcd(fromRate, toRate);
  const L = toRate / g;
  let M = fromRate / g;
  const nyquist = Math.min(fromRate, toRate) / 2;
  const passEdge = nyquist * (1 - transition / 2);
  const stages: PolyphaseStage[] = [];
  let rate = fromRate;
  // ÷2 half-band pre-stages: flat to the final pass edge, and whatever folds onto [0, passEdge]
  // (from above rate/2 − passEdge) is in their stopband.
  while (L === 1 && M % 2 === 0 && M > 2) {
    stages.push(new PolyphaseStage(1, 2, designLowpass(rate, rate / 4, rate / 2 - 2 * passEdge, 1, stopbandDb)));
    rate /= 2;
    M /= 2;
  }
  stages.push(new PolyphaseStage(L, M, designLowpass(rate * L, nyquist, nyquist * transition, L, stopbandDb)));
  return stages;
}

/** One-shot resampling of a whole signal. */
export function resample(x: Float32Array, fromRate: number, toRate: number, opts: ResamplerOptions = {}): Float32Array {
  const r = new Resampler(fromRate, toRate, opts);
  return concat(r.push(x), r.flush());
}

/** Number of output samples for n input samples: ⌈n·toRate/fromRate⌉. */
export function resampledLength(n: number, fromRate: number, toRate: number): number {
  const g = gcd(fromRate, toRate);
  return Math.ceil((n * (toRate / g)) / (fromRate / g));
}
