/**
 * Turns one analysis window into every model input it is needed for:
 * channel selection → resampling to the model's rate → the manifest's feature.
 *
 * The same function serves the live worker, `aiw analyze` and `aiw features`,
 * so training and serving can never compute different inputs.
 */
import { AppError } from '../../shared/errors.ts';
import { computeFeature } from '../dsp/features.ts';
import { resample } from '../dsp/resample.ts';
import type { FeatureRequest } from './feature-plan.ts';
import type { Window } from './segmenter.ts';

export type FeatureResult = { ok: true; data: Float32Array } | { ok: false; code: string; message: string };

export function featurize(window: Window, request: FeatureRequest, cache = new Map<string, Float32Array>()): Float32Array {
  const channels = request.channels.map((index) => {
    const source = window.channels[index];
    if (!source) {
      throw new AppError('AUDIO_UNSUPPORTED', `model needs channel ${index} but the recording has ${window.channels.length}`);
    }
    const cacheKey = `${index}@${request.sampleRate}`;
    let converted = cache.get(cacheKey);
    if (!converted) {
      converted = window.sampleRate === request.sampleRate ? source : resample(source, window.sampleRate, request.sampleRate);
      cache.set(cacheKey, converted);
    }
    return converted;
  });
  return computeFeature(request.spec, channels, { layout: request.layout, shape: request.shape, sampleRate: request.sampleRate });
}

/** Computes every requested feature of a window; a failing feature is reported, not thrown. */
export function featurizeAll(window: Window, requests: readonly FeatureRequest[]): Map<string, FeatureResult> {
  const resampled = new Map<string, Float32Array>();
  const out = new Map<string, FeatureResult>();
  for (const request of requests) {
    try {
      out.set(request.key, { ok: true, data: featurize(window, request, resampled) });
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError('INTERNAL', String(err));
      out.set(request.key, { ok: false, code: e.code, message: e.message });
    }
  }
  return out;
}
