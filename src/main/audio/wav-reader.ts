/**
 * Streaming WAV / RF64 reader: a small header read, then the data chunk in blocks through a
 * FileHandle, so files of any size (> 4 GiB with RF64) are read in bounded memory.
 *
 * Non-finite float samples: by default the reader throws AUDIO_UNREADABLE naming the first bad
 * frame (a NaN would poison every feature it touches); pass `nonFinite: 'zero'` to replace them
 * with 0 and count them in `stats.nonFinite` instead.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { AppError, toAppError } from '../../shared/errors.ts';
import {
  collectBlocks,
  resolveFrameRange,
  type AudioFileInfo,
  type DecodedAudio,
  type ReadBlocksOptions,
} from './audio-info.ts';
import { parseWavHeader } from './wav-header.ts';
import { decodeInterleaved, type DecodeContext } from './pcm-decode.ts';

/** Opens a file for reading, turning fs errors into AUDIO_UNREADABLE. */
export async function openAudioFile(path: string): Promise<{ fh: FileHandle; size: number }> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    throw new AppError('AUDIO_UNREADABLE', `${path}: cannot open (${(err as Error).message})`, { cause: err });
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new AppError('AUDIO_UNREADABLE', `${path}: not a regular file`);
    return { fh, size: st.size };
  } catch (err) {
    await fh.close();
    throw toAppError(err, 'AUDIO_UNREADABLE');
  }
}

/** Reads a WAV/RF64 header: format, length, data position, truncation. */
export async function probeWav(path: string): Promise<AudioFileInfo> {
  const { fh, size } = await openAudioFile(path);
  try {
    return await parseWavHeader(fh, path, size);
  } finally {
    await fh.close();
  }
}

/** Yields per-channel Float32Array blocks of `blockFrames` frames over [startFrame, endFrame). */
export async function* readWavBlocks(path: string, opts: ReadBlocksOptions = {}): AsyncGenerator<Float32Array[]> {
  const { fh, size } = await openAudioFile(path);
  try {
    const info = await parseWavHeader(fh, path, size);
    yield* readDataBlocks(fh, info, opts);
  } finally {
    await fh.close();
  }
}

/** Block reader over an already parsed header; exported for readers that share a handle. */
export async function* readDataBlocks(
  fh: FileHandle,
  info: AudioFileInfo,
  opts: ReadBlocksOptions,
): AsyncGenerator<Float32Array[]> {
  const { start, end, blockFrames } = resolveFrameRange(info, opts);
  const frameBytes = (info.channels * info.bitsPerSample) / 8;
  // Two buffers: the next block is read while the current one is decoded and consumed.
  const buffers = [new Uint8Array(blockFrames * frameBytes), new Uint8Array(blockFrames * frameBytes)];
  const ctx: DecodeContext = { path: info.path, firstFrame: start, nonFinite: opts.nonFinite ?? 'error', stats: opts.stats };
  const readBlock = (buf: Uint8Array, frame: number) => {
    const frames = Math.min(blockFrames, end - frame);
    return readExactly(fh, buf, frames * frameBytes, info.dataOffset + frame * frameBytes, info.path);
  };
  let frame = start;
  let turn = 0;
  let pending = frame < end ? readBlock(buffers[turn], frame) : undefined;
  try {
    while (pending) {
      const bytes = await pending;
      const frames = bytes.length / frameBytes;
      const next = frame + frames;
      turn ^= 1;
      pending = next < end ? readBlock(buffers[turn], next) : undefined;
      ctx.firstFrame = frame;
      const block = decodeInterleaved(bytes, frames, info, ctx);
      frame = next;
      yield block;
    }
  } finally {
    // A consumer that stops early must not leave a read running on a handle about to close.
    await pending?.catch(() => undefined);
  }
}

async function readExactly(fh: FileHandle, buf: Uint8Array, len: number, pos: number, path: string): Promise<Uint8Array> {
  let got = 0;
  while (got < len) {
    const { bytesRead } = await fh.read(buf, got, len - got, pos + got);
    if (bytesRead === 0) {
      throw new AppError('AUDIO_TRUNCATED', `${path}: file ended at byte ${pos + got} while reading audio data`);
    }
    got += bytesRead;
  }
  return buf.subarray(0, len);
}

/** Reads a whole WAV file into memory (for short files: clips, tests). */
export async function readWavAll(path: string, opts: Omit<ReadBlocksOptions, 'blockFrames'> = {}): Promise<DecodedAudio> {
  const { fh, size } = await openAudioFile(path);
  try {
    const info = await parseWavHeader(fh, path, size);
    const { start, end } = resolveFrameRange(info, opts);
    const channels = await collectBlocks(readDataBlocks(fh, info, { ...opts, blockFrames: 1 << 18 }), info.channels, end - start);
    return { info, channels };
  } finally {
    await fh.close();
  }
}
