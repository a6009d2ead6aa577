/**
 * Reads recordings one after another as timed audio blocks, so a caller can treat a list of
 * files as one stream (a station's) or as separate streams (`aiw analyze`). A file that cannot
 * be read ends with a `failed` event naming the reason and the frames already delivered; the
 * next file follows. A truncated file (header declares more than is present) delivers its
 * complete frames, then fails with AUDIO_TRUNCATED, so it is listed as failed with its reason
 * while the audio it does hold is still used. Memory stays bounded: blocks stream from disk.
 */
import { AppError, toAppError } from '../../shared/errors.ts';
import type { RecordingTimeSettings } from '../../shared/signal-settings.ts';
import { probeAudio, readAudioBlocks } from './audio-file.ts';
import type { AudioFileInfo } from './audio-info.ts';
import { DEFAULT_RECORDING_TIME, resolveStartTime, type StartTimeSource } from './start-time.ts';

/** A block of audio with its absolute start time (epoch ms). */
export interface TimedBlock {
  readonly startTime: number;
  readonly sampleRate: number;
  readonly channels: Float32Array[];
}

export type RecordingEvent =
  | { readonly type: 'start'; readonly path: string; readonly info: AudioFileInfo; readonly startTime: number; readonly source: StartTimeSource }
  | { readonly type: 'block'; readonly path: string; readonly block: TimedBlock }
  | { readonly type: 'end'; readonly path: string; readonly frames: number }
  | { readonly type: 'failed'; readonly path: string; readonly error: AppError; readonly frames: number };

export interface RecordingStreamOptions {
  readonly time?: RecordingTimeSettings;
  /** Frames per block (default: one second of audio). */
  readonly blockSeconds?: number;
}

/** Yields start, blocks and end (or failed) for each path in turn. */
export async function* readRecordings(paths: readonly string[], opts: RecordingStreamOptions = {}): AsyncGenerator<RecordingEvent> {
  for (const path of paths) yield* readRecording(path, opts);
}

async function* readRecording(path: string, opts: RecordingStreamOptions): AsyncGenerator<RecordingEvent> {
  let frames = 0;
  try {
    const info = await probeAudio(path);
    const start = await resolveStartTime(path, info.durationS, opts.time ?? DEFAULT_RECORDING_TIME);
    yield { type: 'start', path, info, startTime: start.time, source: start.source };
    const blockFrames = Math.max(1, Math.round(info.sampleRate * (opts.blockSeconds ?? 1)));
    for await (const channels of readAudioBlocks(path, { blockFrames })) {
      const block = { startTime: start.time + (frames * 1000) / info.sampleRate, sampleRate: info.sampleRate, channels };
      frames += channels[0]!.length;
      yield { type: 'block', path, block };
    }
    if (info.truncated) throw truncatedError(info);
    yield { type: 'end', path, frames };
  } catch (err) {
    yield { type: 'failed', path, error: toAppError(err, 'AUDIO_UNREADABLE'), frames };
  }
}

function truncatedError(info: AudioFileInfo): AppError {
  const declared = info.declaredFrames === undefined ? 'more' : `${info.declaredFrames}`;
  return new AppError(
    'AUDIO_TRUNCATED',
    `${info.path}: truncated: the header declares ${declared} frames, the file holds ${info.frames} (${info.durationS.toFixed(3)} s)`,
  );
}

/** The message of a per-file error without the path prefix the readers put in front. */
export function reasonWithoutPath(path: string, message: string): string {
  return message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message;
}
