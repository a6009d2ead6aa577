/**
 * Real FFT on top of fft.js (radix-4, the fastest pure-JS FFT measured on this machine), with one
 * cached plan per size. Plans own scratch buffers: use them from one thread at a time (each worker
 * thread has its own module instance, so this holds naturally).
 */
import FFT from 'fft.js';
import { AppError } from '../../shared/errors.ts';

/** A real-input FFT of one power-of-two size, returning the n/2 + 1 non-negative-frequency bins. */
export class RealFft {
  readonly size: number;
  readonly bins: number;
  private readonly fft: FFT;
  private readonly out: Float64Array;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 2 || (size & (size - 1)) !== 0) {
      throw new AppError('MODEL_INVALID', `FFT size must be a power of two ≥ 2, got ${size}`);
    }
    this.size = size;
    this.bins = size / 2 + 1;
    this.fft = new FFT(size);
    this.out = new Float64Array(2 * size);
  }

  /** Complex spectrum, interleaved re/im; only bins 0 … n/2 (indices 0 … n+1) are valid. Reused buffer. */
  transform(input: Float64Array): Float64Array {
    this.fft.realTransform(this.out, input);
    return this.out;
  }

  /** |X[k]|² for k = 0 … n/2 into `out`. */
  power(input: Float64Array, out: Float64Array): void {
    const z = this.transform(input);
    for (let k = 0; k < this.bins; k++) {
      const re = z[2 * k];
      const im = z[2 * k + 1];
      out[k] = re * re + im * im;
    }
  }

  /** |X[k]| for k = 0 … n/2 into `out`. */
  magnitude(input: Float64Array, out: Float64Array): void {
    this.power(input, out);
    for (let k = 0; k < this.bins; k++) out[k] = Math.sqrt(out[k]);
  }
}

const plans = new Map<number, RealFft>();

/** The cached plan for a size. */
export function getRealFft(size: number): RealFft {
  let plan = plans.get(size);
  if (!plan) {
    plan = new RealFft(size);
    plans.set(size, plan);
  }
  return plan;
}
