/**
 * FLAC reader: the header (STREAMINFO) is parsed here; audio frames are decoded by
 * @wasm-audio-decoders/flac (MIT, libFLAC compiled to WebAssembly, inlined in the package,
 * so it works offline and in a worker thread). The file is fed to it in chunks, so memory
 * stays bounded. There is no seek table support: a `startFrame` decodes and discards up to it.
 */
import type { FileHandle } from 'node:fs/promises';
import { FLACDecoder } from '@wasm-audio-decoders/flac';
import { AppError } from '../../shared/errors.ts';
import { resolveFrameRange, type AudioFileInfo, type ReadBlocksOptions } from './audio-info.ts';
import { openAudioFile } from './wav-reader.ts';
import { BlockAssembler } from './block-assembler.ts';

const FILE_CHUNK_BYTES = 256 * 1024;
const STREAMINFO = 0;

/** Reads a FLAC file's STREAMINFO (rate, channels, bits, total frames) without decoding audio. */
export async function probeFlac(path: string): Promise<AudioFileInfo> {
  const { fh, size } = await openAudioFile(path);
  try {
    return await parseFlacHeader(fh, path, size);
  } finally {
    await fh.close();
  }
}

async function readAt(fh: FileHandle, pos: number, len: number): Promise<Buffer> {
  const buf = Buffer.alloc(len);
  const { bytesRead } = await fh.read(buf, 0, len, pos);
  return buf.subarray(0, bytesRead);
}

async function parseFlacHeader(fh: FileHandle, path: string, size: number): Promise<AudioFileInfo> {
  const magic = await readAt(fh, 0, 4);
  if (magic.toString('latin1') !== 'fLaC') throw new AppError('AUDIO_UNREADABLE', `${path}: not a FLAC file`);
  let pos = 4;
  let info: AudioFileInfo | undefined;
  for (;;) {
    const head = await readAt(fh, pos, 4);
    if (head.length < 4) throw new AppError('AUDIO_TRUNCATED', `${path}: FLAC metadata ends before the first audio frame`);
    const isLast = (head[0] & 0x80) !== 0;
    const length = head.readUIntBE(1, 3);
    if ((head[0] & 0x7f) === STREAMINFO) info = parseStreamInfo(await readAt(fh, pos + 4, 34), path);
    pos += 4 + length;
    if (isLast) break;
  }
  if (!info) throw new AppError('AUDIO_UNREADABLE', `${path}: FLAC file without a STREAMINFO block`);
  const dataBytes = Math.max(0, size - pos);
  if (dataBytes === 0) throw new AppError('AUDIO_TRUNCATED', `${path}: FLAC file has no audio frames`);
  return { ...info, dataOffset: pos, dataBytes };
}

function parseStreamInfo(b: Buffer, path: string): AudioFileInfo {
  if (b.length < 34) throw new AppError('AUDIO_TRUNCATED', `${path}: STREAMINFO block is cut off`);
  // Bytes 10..17: sample rate (20 bits), channels − 1 (3), bits per sample − 1 (5), total samples (36).
  const sampleRate = (b[10] << 12) | (b[11] << 4) | (b[12] >> 4);
  const channels = ((b[12] >> 1) & 0x07) + 1;
  const bitsPerSample = (((b[12] & 0x01) << 4) | (b[13] >> 4)) + 1;
  const frames = (b[13] & 0x0f) * 2 ** 32 + b.readUInt32BE(14);
  if (sampleRate === 0) throw new AppError('AUDIO_UNREADABLE', `${path}: STREAMINFO sample rate is 0`);
  if (frames === 0) {
    throw new AppError('AUDIO_UNSUPPORTED', `${path}: FLAC STREAMINFO does not state the length (streamed FLAC)`);
  }
  return {
    path,
    container: 'flac',
    codec: 'pcm',
    extensible: false,
    bitsPerSample,
    channels,
    sampleRate,
    frames,
    durationS: frames / sampleRate,
    dataOffset: 0,
    dataBytes: 0,
    truncated: false,
  };
}

/** Yields per-channel Float32Array blocks of a FLAC file over [startFrame, endFrame). */
export async function* readFlacBlocks(path: string, opts: ReadBlocksOptions = {}): AsyncGenerator<Float32Array[]> {
  const { fh, size } = await openAudioFile(path);
  try {
    const info = await parseFlacHeader(fh, path, size);
    const { start, end, blockFrames } = resolveFrameRange(info, opts);
    const assembler = new BlockAssembler(info.channels, blockFrames, start, end);
    const decoder = new FLACDecoder();
    await decoder.ready;
    try {
      yield* decodeChunks(fh, size, decoder, assembler, path);
    } finally {
      decoder.free();
    }
    if (assembler.position < end) {
      throw new AppError('AUDIO_TRUNCATED', `${path}: decoded ${assembler.position} of ${info.frames} frames`);
    }
  } finally {
    await fh.close();
  }
}

async function* decodeChunks(
  fh: FileHandle,
  size: number,
  decoder: FLACDecoder,
  assembler: BlockAssembler,
  path: string,
): AsyncGenerator<Float32Array[]> {
  const buf = Buffer.alloc(FILE_CHUNK_BYTES);
  for (let pos = 0; pos < size && !assembler.done; pos += FILE_CHUNK_BYTES) {
    const { bytesRead } = await fh.read(buf, 0, FILE_CHUNK_BYTES, pos);
    const decoded = await decoder.decode(buf.subarray(0, bytesRead));
    throwOnDecodeErrors(decoded.errors, path);
    yield* assembler.push(rescale(decoded.channelData, decoded.samplesDecoded, decoded.bitDepth), decoded.samplesDecoded);
  }
  const tail = await decoder.flush();
  throwOnDecodeErrors(tail.errors, path);
  yield* assembler.push(rescale(tail.channelData, tail.samplesDecoded, tail.bitDepth), tail.samplesDecoded);
  yield* assembler.finish();
}

/**
 * The decoder divides by 2^(b−1) − 1; the WAV reader (like libsndfile and numpy users) divides by
 * 2^(b−1). Recover the integer and rescale so both readers give identical floats.
 */
function rescale(channels: Float32Array[], count: number, bitDepth: number): Float32Array[] {
  const decoderScale = 2 ** (bitDepth - 1) - 1;
  const ourScale = 1 / 2 ** (bitDepth - 1);
  for (const ch of channels) {
    for (let i = 0; i < count; i++) ch[i] = Math.round(ch[i] * decoderScale) * ourScale;
  }
  return channels;
}

function throwOnDecodeErrors(errors: { message: string; frameNumber?: number }[], path: string): void {
  if (errors.length === 0) return;
  const first = errors[0];
  throw new AppError('AUDIO_UNREADABLE', `${path}: FLAC decode error at frame ${first.frameNumber ?? '?'}: ${first.message}`);
}
