/**
 * Renders a recorded simulated window again — same seed, same start, same ships left out — as the 4-channel,
 * 8-kHz float WAV the demo station would have streamed, so `aiw analyze` can recompute a card's simulated numbers
 * from audio files. The demo station is a pure function of (seed, time, ships), so the audio is bit-identical to
 * what the dataset step featurised.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeWav } from '../../src/main/audio/wav-writer.ts';
import { demoSimSource } from '../baseline/dataset.ts';
import { SEGMENT_SECONDS } from '../recipes.ts';

export interface SimWindowRef {
  seed: number;
  start: number;
  removed: readonly number[];
}

/** `sim-<seed>-<YYYYMMDDTHHMMSSZ>.wav`: the start time is in the name, so the pipeline reads it from there. */
export function simWindowFileName(w: SimWindowRef): string {
  const stamp = new Date(w.start).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  return `sim-${w.seed}-${stamp}.wav`;
}

/** The window's audio: 4 channels (pressure, x, y, z) at the demo's 8 kHz. */
export function renderSimWindow(w: SimWindowRef): { sampleRate: number; channels: Float32Array[] } {
  const audio = demoSimSource(w.seed, 4).render(w.start, SEGMENT_SECONDS * 1000, new Set(w.removed));
  return { sampleRate: audio.sampleRate, channels: audio.channels };
}

/** Writes the window as a 32-bit float WAV in `dir`; returns its path. */
export async function writeSimWindow(dir: string, w: SimWindowRef): Promise<string> {
  const audio = renderSimWindow(w);
  const path = join(dir, simWindowFileName(w));
  await writeFile(path, encodeWav(audio.channels, { sampleRate: audio.sampleRate, encoding: 'float32' }));
  return path;
}
