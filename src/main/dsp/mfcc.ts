/**
 * MFCCs from a log-mel image: orthonormal DCT-II over the bands (scipy `dct(type=2, norm='ortho')`,
 * as librosa `feature.mfcc` uses), the first nMfcc coefficients, then librosa's sinusoidal lifter.
 */
import { AppError } from '../../shared/errors.ts';
import type { LogMelImage } from './features.ts';

const dctCache = new Map<string, Float64Array>();

/** The nMfcc × nMels orthonormal DCT-II matrix, with the lifter folded into its rows. */
function dctMatrix(nMels: number, nMfcc: number, lifter: number): Float64Array {
  const key = `${nMels}/${nMfcc}/${lifter}`;
  let m = dctCache.get(key);
  if (m) return m;
  m = new Float64Array(nMfcc * nMels);
  for (let k = 0; k < nMfcc; k++) {
    const norm = Math.sqrt((k === 0 ? 1 : 2) / nMels);
    const lift = lifter > 0 ? 1 + (lifter / 2) * Math.sin((Math.PI * (k + 1)) / lifter) : 1;
    for (let b = 0; b < nMels; b++) m[k * nMels + b] = lift * norm * Math.cos((Math.PI * k * (2 * b + 1)) / (2 * nMels));
  }
  dctCache.set(key, m);
  return m;
}

/** frames × nMfcc coefficients (row-major) from a frames × nMels log-mel image. */
export function mfccFromLogMel(image: LogMelImage, nMfcc: number, lifter: number): LogMelImage {
  const { frames, bands } = image;
  if (nMfcc > bands) throw new AppError('MODEL_INVALID', `nMfcc ${nMfcc} exceeds the ${bands} mel bands it is computed from`);
  const dct = dctMatrix(bands, nMfcc, lifter);
  const out = new Float32Array(frames * nMfcc);
  for (let t = 0; t < frames; t++) {
    const row = t * bands;
    for (let k = 0; k < nMfcc; k++) {
      let acc = 0;
      const d = k * bands;
      for (let b = 0; b < bands; b++) acc += dct[d + b] * image.data[row + b];
      out[t * nMfcc + k] = acc;
    }
  }
  return { frames, bands: nMfcc, data: out };
}
