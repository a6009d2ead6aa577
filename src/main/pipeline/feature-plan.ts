/**
 * Groups the active models by window shape and feature, so a segment is cut once per
 * (length, overlap) and each distinct feature is computed once, however many models share it.
 */
import { featureKey, type Conditioning, type FeatureSpec } from '../../shared/feature-spec.ts';
import { toAppError } from '../../shared/errors.ts';
import type { InputSpec, ModelManifest } from '../../shared/model-manifest.ts';
import { resolveChannels } from './featurizer.ts';

export interface FeatureRequest {
  readonly key: string;
  readonly spec: FeatureSpec;
  readonly sampleRate: number;
  readonly channels: readonly number[];
  readonly layout: InputSpec['layout'];
  readonly shape: readonly number[];
  readonly conditioning?: Conditioning;
  /** Set when the model's named channels are not in the station's layout (every segment fails with it). */
  readonly channelError?: string;
}

export interface WindowGroup {
  readonly key: string;
  readonly segmentSeconds: number;
  readonly overlap: number;
  readonly features: readonly FeatureRequest[];
}

/** The feature a manifest asks for, keyed so identical requests collapse; named channels resolve against `channelLayout`. */
export function featureRequestOf(manifest: ModelManifest, channelLayout?: readonly string[]): FeatureRequest {
  const { input } = manifest;
  let channels: readonly number[] = input.channels;
  let channelError: string | undefined;
  try {
    channels = resolveChannels(input, channelLayout);
  } catch (err) {
    channelError = toAppError(err).message;
  }
  // The key depends on the manifest only (not on the layout), so segment-inference finds it again.
  const extras = [input.channelNames, input.conditioning].map((v) => (v ? `|${JSON.stringify(v)}` : '')).join('');
  const key = `${featureKey(input.feature, input.sampleRate, input.channels)}|${input.layout}|${input.shape.join('x')}${extras}`;
  return {
    key, spec: input.feature, sampleRate: input.sampleRate, channels, layout: input.layout, shape: input.shape,
    conditioning: input.conditioning, channelError,
  };
}

export function windowKey(manifest: ModelManifest): string {
  return `${manifest.input.segmentSeconds}s/${manifest.input.overlap}`;
}

export function planFeatures(manifests: readonly ModelManifest[], channelLayout?: readonly string[]): WindowGroup[] {
  const groups = new Map<string, { segmentSeconds: number; overlap: number; features: Map<string, FeatureRequest> }>();
  for (const m of manifests) {
    const key = windowKey(m);
    const group = groups.get(key) ?? { segmentSeconds: m.input.segmentSeconds, overlap: m.input.overlap, features: new Map() };
    const request = featureRequestOf(m, channelLayout);
    group.features.set(request.key, request);
    groups.set(key, group);
  }
  return [...groups].map(([key, g]) => ({ key, segmentSeconds: g.segmentSeconds, overlap: g.overlap, features: [...g.features.values()] }));
}
