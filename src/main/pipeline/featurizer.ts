/**
 * Turns one analysis window into every model input it is needed for:
 * channel selection → conditioning (DC-blocking high-pass, gain) → resampling to the model's
 * rate → the manifest's feature.
 *
 * The same function serves the live worker, `aiw analyze` and `aiw features`,
 * so training and serving can never compute different inputs.
 */
import { AppError } from '../../shared/errors.ts';
import type { Conditioning } from '../../shared/feature-spec.ts';
import { DcBlocker, applyGainDb } from '../dsp/condition.ts';
import { computeFeature } from '../dsp/features.ts';
import { resample } from '../dsp/resample.ts';
import type { FeatureRequest } from './feature-plan.ts';
import type { Window } from './segmenter.ts';

export type FeatureResult = { ok: true; data: Float32Array } | { ok: false; code: string; message: string };

/** Source channel indices for a model input: by name against the station's layout when both exist. */
export function resolveChannels(
  input: { channels: readonly number[]; channelNames?: readonly string[] },
  channelLayout?: readonly string[],
): number[] {
  if (!input.channelNames || !channelLayout) return [...input.channels];
  return input.channelNames.map((name) => {
    const index = channelLayout.indexOf(name);
    if (index < 0) {
      throw new AppError('AUDIO_UNSUPPORTED', `model needs channel "${name}" but the station's channels are ${channelLayout.join(', ')}`);
    }
    return index;
  });
}

/** A copy of `x` with the conditioning applied (or `x` itself when there is none). */
export function conditionChannel(x: Float32Array, sampleRate: number, conditioning: Conditioning | undefined): Float32Array {
  if (!conditioning || (conditioning.highPassHz === undefined && conditioning.gainDb === 0)) return x;
  const y = Float32Array.from(x);
  // A fresh filter per window starts from the window's first sample, so it never rings (see DcBlocker).
  if (conditioning.highPassHz !== undefined) new DcBlocker(sampleRate, 1, conditioning.highPassHz).process([y]);
  applyGainDb([y], conditioning.gainDb);
  return y;
}

export function featurize(window: Window, request: FeatureRequest, cache = new Map<string, Float32Array>()): Float32Array {
  if (request.channelError) throw new AppError('AUDIO_UNSUPPORTED', request.channelError);
  const conditioningKey = JSON.stringify(request.conditioning ?? null);
  const needed = Math.max(...request.channels) + 1;
  if (needed > window.channels.length) {
    // Indices are 0-based: say it in channel counts, as `aiw info` does.
    const has = window.channels.length;
    throw new AppError('AUDIO_UNSUPPORTED', `model needs ${needed} channels (input.channels ${request.channels.join(', ')}, 0 = first) but the recording has ${has} channel${has === 1 ? '' : 's'}`);
  }
  const channels = request.channels.map((index) => {
    const source = window.channels[index]!;
    const cacheKey = `${index}@${request.sampleRate}/${conditioningKey}`;
    let converted = cache.get(cacheKey);
    if (!converted) {
      const conditioned = conditionChannel(source, window.sampleRate, request.conditioning);
      converted = window.sampleRate === request.sampleRate ? conditioned : resample(conditioned, window.sampleRate, request.sampleRate);
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
