/**
 * Types shared by the audio readers (WAV, FLAC) and their callers.
 */
import { AppError } from '../../shared/errors.ts';

/** What a probe learns about an audio file without decoding it. */
export interface AudioFileInfo {
  path: string;
  container: 'wav' | 'rf64' | 'flac';
  codec: 'pcm' | 'float';
  /** The WAV fmt chunk is WAVE_FORMAT_EXTENSIBLE (always false for FLAC). */
  extensible: boolean;
  bitsPerSample: number;
  channels: number;
  sampleRate: number;
  /** Frames (samples per channel) that can actually be read. */
  frames: number;
  durationS: number;
  /** Byte offset of the first sample (WAV data chunk body; FLAC first audio frame). */
  dataOffset: number;
  /** Bytes of sample data that are present in the file. */
  dataBytes: number;
  /** The header declares more data than the file holds (a cut-off copy): readable but flagged. */
  truncated: boolean;
  /** Frames the header declares, when `truncated`. */
  declaredFrames?: number;
}

/**
 * What to do with NaN / ±Infinity samples in float files: 'error' throws AUDIO_UNREADABLE naming
 * the first bad frame; 'zero' replaces them with 0 and counts them in `stats.nonFinite`.
 */
export type NonFinitePolicy = 'error' | 'zero';

/** Counters of non-finite samples replaced by `nonFinite: 'zero'`. */
export interface NonFiniteStats {
  nonFinite: number;
  /** Per channel, when present (filled in as channels are met). */
  nonFiniteByChannel?: number[];
}

/** Options for the streaming block readers. */
export interface ReadBlocksOptions {
  /** Frames per yielded block (the last block may be shorter). Default 65536. */
  blockFrames?: number;
  /** First frame to read (inclusive). Default 0. */
  startFrame?: number;
  /** Frame to stop before (exclusive). Default: end of file. */
  endFrame?: number;
  /** Default 'error'. */
  nonFinite?: NonFinitePolicy;
  /** Receives counters while reading: non-finite samples zeroed, in total and (when given) per channel. */
  stats?: NonFiniteStats;
}

export const DEFAULT_BLOCK_FRAMES = 65536;

/** The decoded samples of a whole (short) file. */
export interface DecodedAudio {
  info: AudioFileInfo;
  /** One array per channel, samples in [-1, 1). */
  channels: Float32Array[];
}

/** Clamps the requested [startFrame, endFrame) range to the file and validates the block size. */
export function resolveFrameRange(
  info: AudioFileInfo,
  opts: ReadBlocksOptions,
): { start: number; end: number; blockFrames: number } {
  const blockFrames = opts.blockFrames ?? DEFAULT_BLOCK_FRAMES;
  if (!Number.isInteger(blockFrames) || blockFrames < 1) {
    throw new AppError('BAD_REQUEST', `blockFrames must be a positive integer, got ${blockFrames}`);
  }
  const start = Math.min(Math.max(0, Math.floor(opts.startFrame ?? 0)), info.frames);
  const end = Math.min(Math.max(start, Math.floor(opts.endFrame ?? info.frames)), info.frames);
  return { start, end, blockFrames };
}

/** Collects every block of a block generator into one array per channel. */
export async function collectBlocks(
  blocks: AsyncIterable<Float32Array[]>,
  channels: number,
  frames: number,
): Promise<Float32Array[]> {
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  let at = 0;
  for await (const block of blocks) {
    for (let c = 0; c < channels; c++) out[c].set(block[c], at);
    at += block[0].length;
  }
  return at === frames ? out : out.map((ch) => ch.slice(0, at));
}
