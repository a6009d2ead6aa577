/**
 * Analysis windows. Periodic ("DFT-even", the TensorFlow / librosa / scipy.signal.get_window
 * default) divides by N; symmetric (numpy.hanning, scipy sym=True) divides by N − 1.
 */
import { AppError } from '../../shared/errors.ts';

/** Window shapes the feature spec allows. */
export type WindowKind = 'hann' | 'hamming' | 'rect';

const cache = new Map<string, Float64Array>();

/** A cached window of `length` samples. Shared: never write into it. */
export function makeWindow(kind: WindowKind, length: number, periodic = true): Float64Array {
  const key = `${kind}/${length}/${periodic}`;
  let w = cache.get(key);
  if (!w) {
    w = computeWindow(kind, length, periodic);
    cache.set(key, w);
  }
  return w;
}

function computeWindow(kind: WindowKind, length: number, periodic: boolean): Float64Array {
  if (!Number.isInteger(length) || length < 1) throw new AppError('MODEL_INVALID', `window length must be ≥ 1, got ${length}`);
  const w = new Float64Array(length).fill(1);
  if (kind === 'rect' || length === 1) return w;
  // Generalised cosine window a − (1 − a)·cos(2πn/D): a = 0.5 (Hann), 0.54 (Hamming).
  const a = kind === 'hann' ? 0.5 : 0.54;
  const denominator = periodic ? length : length - 1;
  for (let n = 0; n < length; n++) w[n] = a - (1 - a) * Math.cos((2 * Math.PI * n) / denominator);
  return w;
}
