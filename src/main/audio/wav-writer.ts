/**
 * WAV writer: PCM 8/16/24/32, IEEE float 32/64, optional WAVE_FORMAT_EXTENSIBLE, RIFF or RF64.
 * Used for fixtures in tests and for exporting clips. Samples are clamped to [-1, 1) before
 * integer quantisation (rounding to nearest).
 */
import { writeFile } from 'node:fs/promises';
import { AppError } from '../../shared/errors.ts';

/** Sample encodings the writer produces. */
export type WavEncoding = 'pcm8' | 'pcm16' | 'pcm24' | 'pcm32' | 'float32' | 'float64';

/** Options for `encodeWav`. */
export interface WavWriteOptions {
  sampleRate: number;
  encoding: WavEncoding;
  /**
   * Write a 40-byte WAVE_FORMAT_EXTENSIBLE fmt chunk with a sub-format GUID. Default: as Microsoft
   * requires, when there are more than 2 channels or integer samples wider than 16 bits.
   */
  extensible?: boolean;
  /** Write an RF64 header with a ds64 chunk (sizes 0xFFFFFFFF in the 32-bit fields). */
  rf64?: boolean;
  /** Write a `fact` chunk (frame count), as float writers usually do. */
  fact?: boolean;
  /** Extra chunks inserted before `data` (e.g. odd-sized LIST chunks to test padding). */
  extraChunks?: { id: string; body: Uint8Array }[];
}

const BITS: Record<WavEncoding, number> = { pcm8: 8, pcm16: 16, pcm24: 24, pcm32: 32, float32: 32, float64: 64 };
const GUID_TAIL = [0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71];

function chunk(id: string, body: Uint8Array, sizeField?: number): Buffer {
  const head = Buffer.alloc(8);
  head.write(id, 0, 'latin1');
  head.writeUInt32LE(sizeField ?? body.length, 4);
  const pad = body.length & 1 ? Buffer.alloc(1) : Buffer.alloc(0);
  return Buffer.concat([head, body, pad]);
}

function fmtBody(opts: WavWriteOptions, channels: number): Buffer {
  const bits = BITS[opts.encoding];
  const tag = opts.encoding.startsWith('float') ? 3 : 1;
  const extensible = opts.extensible ?? (channels > 2 || (tag === 1 && bits > 16));
  const body = Buffer.alloc(extensible ? 40 : tag === 3 ? 18 : 16);
  body.writeUInt16LE(extensible ? 0xfffe : tag, 0);
  body.writeUInt16LE(channels, 2);
  body.writeUInt32LE(opts.sampleRate, 4);
  body.writeUInt32LE((opts.sampleRate * channels * bits) / 8, 8);
  body.writeUInt16LE((channels * bits) / 8, 12);
  body.writeUInt16LE(bits, 14);
  if (body.length >= 18) body.writeUInt16LE(body.length - 18, 16);
  if (extensible) {
    body.writeUInt16LE(bits, 18); // valid bits
    body.writeUInt32LE(0, 20); // channel mask: unassigned
    body.writeUInt16LE(tag, 24);
    Buffer.from(GUID_TAIL).copy(body, 26);
  }
  return body;
}

/** Interleaves and quantises the channels into the data chunk body. */
export function encodeSamples(channels: Float32Array[], encoding: WavEncoding): Buffer {
  const frames = channels[0]?.length ?? 0;
  const nch = channels.length;
  const bytes = BITS[encoding] / 8;
  const out = Buffer.alloc(frames * nch * bytes);
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < nch; c++) writeSample(out, (i * nch + c) * bytes, channels[c][i], encoding);
  }
  return out;
}

function quantise(v: number, fullScale: number): number {
  const clamped = Math.max(-1, Math.min(v, 1));
  return Math.max(-fullScale, Math.min(Math.round(clamped * fullScale), fullScale - 1));
}

function writeSample(out: Buffer, at: number, v: number, encoding: WavEncoding): void {
  switch (encoding) {
    case 'pcm8':
      out.writeUInt8(quantise(v, 128) + 128, at);
      return;
    case 'pcm16':
      out.writeInt16LE(quantise(v, 32768), at);
      return;
    case 'pcm24':
      out.writeIntLE(quantise(v, 8388608), at, 3);
      return;
    case 'pcm32':
      out.writeInt32LE(quantise(v, 2147483648), at);
      return;
    case 'float32':
      out.writeFloatLE(v, at);
      return;
    case 'float64':
      out.writeDoubleLE(v, at);
  }
}

/** Builds a complete WAV file in memory. */
export function encodeWav(channels: Float32Array[], opts: WavWriteOptions): Buffer {
  if (channels.length < 1 || channels.some((ch) => ch.length !== channels[0].length)) {
    throw new AppError('BAD_REQUEST', 'encodeWav needs at least one channel, all of the same length');
  }
  const data = encodeSamples(channels, opts.encoding);
  const frames = channels[0].length;
  const parts: Buffer[] = [];
  if (opts.rf64) parts.push(chunk('ds64', ds64Body(data.length, frames)));
  parts.push(chunk('fmt ', fmtBody(opts, channels.length)));
  if (opts.fact) parts.push(chunk('fact', uint32(frames)));
  for (const extra of opts.extraChunks ?? []) parts.push(chunk(extra.id, extra.body));
  parts.push(chunk('data', data, opts.rf64 ? 0xffffffff : undefined));
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(12);
  head.write(opts.rf64 ? 'RF64' : 'RIFF', 0, 'latin1');
  head.writeUInt32LE(opts.rf64 ? 0xffffffff : body.length + 4, 4);
  head.write('WAVE', 8, 'latin1');
  return Buffer.concat([head, body]);
}

function uint32(v: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(v, 0);
  return b;
}

function ds64Body(dataBytes: number, frames: number): Buffer {
  const b = Buffer.alloc(28);
  b.writeBigUInt64LE(BigInt(dataBytes + 36 + 8 + 28), 0); // RIFF size (approximate: readers ignore it)
  b.writeBigUInt64LE(BigInt(dataBytes), 8);
  b.writeBigUInt64LE(BigInt(frames), 16);
  b.writeUInt32LE(0, 24); // no table entries
  return b;
}

/** Encodes and writes a WAV file. */
export async function writeWav(path: string, channels: Float32Array[], opts: WavWriteOptions): Promise<void> {
  await writeFile(path, encodeWav(channels, opts));
}
