/**
 * Groups the active models by window shape and feature, so a segment is cut once per
 * (length, overlap) and each distinct feature is computed once, however many models share it.
 */
import { featureKey, type FeatureSpec } from '../../shared/feature-spec.ts';
import type { InputSpec, ModelManifest } from '../../shared/model-manifest.ts';

export interface FeatureRequest {
  readonly key: string;
  readonly spec: FeatureSpec;
  readonly sampleRate: number;
  readonly channels: readonly number[];
  readonly layout: InputSpec['layout'];
  readonly shape: readonly number[];
}

export interface WindowGroup {
  readonly key: string;
  readonly segmentSeconds: number;
  readonly overlap: number;
  readonly features: readonly FeatureRequest[];
}

/** The feature a manifest asks for, keyed so identical requests collapse. */
export function featureRequestOf(manifest: ModelManifest): FeatureRequest {
  const { input } = manifest;
  const key = `${featureKey(input.feature, input.sampleRate, input.channels)}|${input.layout}|${input.shape.join('x')}`;
  return { key, spec: input.feature, sampleRate: input.sampleRate, channels: input.channels, layout: input.layout, shape: input.shape };
}

export function windowKey(manifest: ModelManifest): string {
  return `${manifest.input.segmentSeconds}s/${manifest.input.overlap}`;
}

export function planFeatures(manifests: readonly ModelManifest[]): WindowGroup[] {
  const groups = new Map<string, { segmentSeconds: number; overlap: number; features: Map<string, FeatureRequest> }>();
  for (const m of manifests) {
    const key = windowKey(m);
    const group = groups.get(key) ?? { segmentSeconds: m.input.segmentSeconds, overlap: m.input.overlap, features: new Map() };
    const request = featureRequestOf(m);
    group.features.set(request.key, request);
    groups.set(key, group);
  }
  return [...groups].map(([key, g]) => ({ key, segmentSeconds: g.segmentSeconds, overlap: g.overlap, features: [...g.features.values()] }));
}
