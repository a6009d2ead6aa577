/**
 * Cuts a span of a station's cached audio into one 16-bit WAV: the cache files overlapping the span
 * are read (only the frames needed), their samples placed at their UTC offsets, and what no file
 * covers (gaps, evicted files, files at another sample rate) is written as silence and counted.
 */
import { AppError } from '../../shared/errors.ts';
import { readAudioBlocks } from '../audio/audio-file.ts';
import { encodeWav } from '../audio/wav-writer.ts';
import type { CachedRecording } from '../storage/backfill-repo.ts';

/** Most samples (frames × channels) one cut may hold: 32 MB of 16-bit audio. */
export const MAX_CUT_SAMPLES = 16 * 1024 * 1024;

export interface WavCut {
  wav: Buffer;
  sampleRate: number;
  channels: number;
  durationMs: number;
  /** Milliseconds of the span no cached file covered (silence in the WAV). */
  missingMs: number;
}

/** Frames of [from, to) at `rate`. */
const framesOf = (ms: number, rate: number) => Math.round((ms * rate) / 1000);

/** Copies one recording's overlap with [from, to) into `out` (per selected channel); returns the frames copied. */
async function placeRecording(r: CachedRecording, from: number, to: number, picks: readonly number[], out: Float32Array[]): Promise<number> {
  const start = Math.max(from, r.startTime);
  const end = Math.min(to, r.startTime + r.durationMs);
  if (end <= start) return 0;
  let dest = framesOf(start - from, r.sampleRate);
  const startFrame = framesOf(start - r.startTime, r.sampleRate);
  const endFrame = startFrame + Math.min(framesOf(end - start, r.sampleRate), out[0]!.length - dest);
  let copied = 0;
  for await (const block of readAudioBlocks(r.path, { startFrame, endFrame, nonFinite: 'zero' })) {
    const n = block[0]?.length ?? 0;
    picks.forEach((ch, k) => out[k]!.set(block[ch]!.subarray(0, n), dest));
    dest += n;
    copied += n;
  }
  return copied;
}

/** The audio of [from, to) from `recordings` (oldest first) as a WAV of the `channels` asked for (default: channel 0). */
export async function cutWav(recordings: readonly CachedRecording[], from: number, to: number, channels?: readonly number[]): Promise<WavCut> {
  const first = recordings[0];
  if (!first) throw new AppError('NOT_FOUND', 'no cached audio in this range (the cache keeps the last hours only, unless the session is pinned)');
  const rate = first.sampleRate;
  const picks = channels ?? [0];
  const bad = picks.find((c) => c >= first.channels);
  if (bad !== undefined) throw new AppError('BAD_REQUEST', `channel ${bad} does not exist (the recording has ${first.channels})`);
  const frames = framesOf(to - from, rate);
  if (frames * picks.length > MAX_CUT_SAMPLES) {
    throw new AppError('BAD_REQUEST', `${picks.length} channels × ${((to - from) / 60_000).toFixed(1)} min is too much audio for one cut; choose fewer channels or a shorter span`);
  }
  const out = picks.map(() => new Float32Array(frames));
  let covered = 0;
  for (const r of recordings) {
    if (r.sampleRate !== rate || r.channels !== first.channels) continue;
    try {
      covered += await placeRecording(r, from, to, picks, out);
    } catch (err) {
      if ((err as AppError).code !== 'AUDIO_UNREADABLE') throw err; // a file evicted meanwhile: silence
    }
  }
  const durationMs = (frames * 1000) / rate;
  return {
    wav: encodeWav(out, { sampleRate: rate, encoding: 'pcm16' }), sampleRate: rate, channels: picks.length, durationMs,
    missingMs: Math.max(0, durationMs - (covered * 1000) / rate),
  };
}
