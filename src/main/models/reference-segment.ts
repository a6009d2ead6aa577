/**
 * The reference segment of deploy validation: a real recording (a large ship, SanctSound CI05,
 * bundled in resources/demo) cut to the model's segment length and featurised with the model's own
 * feature spec, through the same featurizer the live stations use. A model that cannot produce
 * sane output for it (NaN, a hang, an error) is refused before it ever sees live audio.
 */
import { join } from 'node:path';
import { AppError } from '../../shared/errors.ts';
import type { ModelManifest } from '../../shared/model-manifest.ts';
import { demoResourcesDir } from '../app/paths.ts';
import { readAudioAll } from '../audio/audio-file.ts';
import { featureRequestOf } from '../pipeline/feature-plan.ts';
import { featurize } from '../pipeline/featurizer.ts';
import { Segmenter, type Window } from '../pipeline/segmenter.ts';

/** The bundled clip used as the reference segment (10 s, 48 kHz, mono). */
export const REFERENCE_CLIP = 'SanctSound_CI05_03_largeship_20190925T135956Z.wav';

export const referenceClipPath = (): string => join(demoResourcesDir(), 'sanctsound', REFERENCE_CLIP);

const decoded = new Map<string, Promise<{ sampleRate: number; samples: Float32Array }>>();

async function decode(path: string): Promise<{ sampleRate: number; samples: Float32Array }> {
  const audio = await readAudioAll(path);
  return { sampleRate: audio.info.sampleRate, samples: audio.channels[0]! };
}

/**
 * One analysis window of the clip for this manifest: the clip's channel repeated on every channel
 * the model reads, loop-padded (as the segmenter pads short recordings) when the segment is longer.
 */
export function referenceWindow(manifest: ModelManifest, clip: { sampleRate: number; samples: Float32Array }): Window {
  const nChannels = Math.max(...manifest.input.channels) + 1;
  const segmenter = new Segmenter({ segmentSeconds: manifest.input.segmentSeconds, overlap: 0 });
  const channels = Array.from({ length: nChannels }, () => clip.samples);
  const [window] = [...segmenter.push({ startTime: 0, sampleRate: clip.sampleRate, channels }).windows, ...segmenter.flush()];
  if (!window) throw new AppError('INTERNAL', 'the reference clip produced no window');
  return window;
}

/** The model input for the reference segment, computed exactly as live features are. */
export async function referenceFeatures(manifest: ModelManifest, clipPath: string = referenceClipPath()): Promise<Float32Array> {
  let clip = decoded.get(clipPath);
  if (!clip) {
    clip = decode(clipPath);
    decoded.set(clipPath, clip);
    clip.catch(() => decoded.delete(clipPath));
  }
  const window = referenceWindow(manifest, await clip);
  try {
    return featurize(window, featureRequestOf(manifest));
  } catch (err) {
    throw new AppError('MODEL_INVALID', `reference segment: the feature spec cannot be computed: ${(err as Error).message}`, { cause: err });
  }
}
