/**
 * Interleaved PCM / IEEE-float bytes → one Float32Array per channel, scaled to [-1, 1).
 *
 * The byte buffer must start at offset 0 of its ArrayBuffer, so 16/32/64-bit samples can be read
 * through typed-array views without copying (the host is little-endian, as WAV is).
 */
import { endianness } from 'node:os';
import { AppError } from '../../shared/errors.ts';
import type { NonFinitePolicy, NonFiniteStats } from './audio-info.ts';
import { decodePcm16Wasm } from '../dsp/pcm-wasm.ts';

if (endianness() !== 'LE') throw new AppError('INTERNAL', 'the WAV reader needs a little-endian host');

/** How samples are stored: codec plus bits per sample. */
export interface SampleFormat {
  codec: 'pcm' | 'float';
  bitsPerSample: number;
  channels: number;
}

/** Where decoding happens in the file, so errors can name the frame. */
export interface DecodeContext {
  path: string;
  firstFrame: number;
  nonFinite: NonFinitePolicy;
  stats?: NonFiniteStats;
}

type Source = ArrayLike<number>;

/** Decodes `frames` interleaved frames from `bytes` (offset 0 of its ArrayBuffer). */
export function decodeInterleaved(bytes: Uint8Array, frames: number, fmt: SampleFormat, ctx: DecodeContext): Float32Array[] {
  if (bytes.byteOffset !== 0) throw new AppError('INTERNAL', 'decodeInterleaved needs an unshifted buffer');
  const n = frames * fmt.channels;
  const out = uninitialisedPlanes(fmt.channels, frames);
  const buf = bytes.buffer;
  if (fmt.codec === 'float') {
    const src = fmt.bitsPerSample === 32 ? new Float32Array(buf, 0, n) : new Float64Array(buf, 0, n);
    deinterleave(src, out, 1);
    checkFinite(out, ctx);
    return out;
  }
  switch (fmt.bitsPerSample) {
    case 8:
      deinterleaveUnsigned8(bytes, out);
      break;
    case 16:
      if (!decodePcm16Wasm(new Int16Array(buf, 0, n), out)) deinterleave16(new Int16Array(buf, 0, n), out);
      break;
    case 24:
      deinterleave24(bytes, out);
      break;
    default:
      deinterleave(new Int32Array(buf, 0, n), out, 1 / 2147483648);
  }
  return out;
}

/**
 * `channels` Float32Arrays of `frames` samples over one uninitialised buffer: every sample is
 * written by the decoders below, so the zero fill of `new Float32Array` (a second pass over
 * megabytes per block) is skipped.
 */
function uninitialisedPlanes(channels: number, frames: number): Float32Array[] {
  const { buffer } = Buffer.allocUnsafeSlow(4 * channels * frames);
  return Array.from({ length: channels }, (_, c) => new Float32Array(buffer, 4 * c * frames, frames));
}

function deinterleave(src: Source, out: Float32Array[], scale: number): void {
  const channels = out.length;
  const frames = out[0].length;
  if (channels === 1) {
    const dst = out[0];
    for (let i = 0; i < frames; i++) dst[i] = src[i] * scale;
    return;
  }
  for (let c = 0; c < channels; c++) {
    const dst = out[c];
    for (let i = 0, j = c; i < frames; i++, j += channels) dst[i] = src[j] * scale;
  }
}

/**
 * 16-bit PCM where the WebAssembly kernel cannot run (over 4 channels): a loop that only ever sees
 * Int16Array is compiled for it (the shared `deinterleave` sees four array types, ~1.6× slower).
 */
function deinterleave16(src: Int16Array, out: Float32Array[]): void {
  const channels = out.length;
  const frames = out[0].length;
  for (let c = 0; c < channels; c++) {
    const dst = out[c];
    for (let i = 0, j = c; i < frames; i++, j += channels) dst[i] = src[j] * (1 / 32768);
  }
}

function deinterleaveUnsigned8(bytes: Uint8Array, out: Float32Array[]): void {
  const channels = out.length;
  for (let c = 0; c < channels; c++) {
    const dst = out[c];
    for (let i = 0, j = c; i < dst.length; i++, j += channels) dst[i] = (bytes[j] - 128) / 128;
  }
}

function deinterleave24(bytes: Uint8Array, out: Float32Array[]): void {
  const channels = out.length;
  const stride = 3 * channels;
  for (let c = 0; c < channels; c++) {
    const dst = out[c];
    for (let i = 0, j = 3 * c; i < dst.length; i++, j += stride) {
      // Put the 24 bits in the top of an int32 so the sign comes for free, then scale by 2^-31.
      const v = (bytes[j] << 8) | (bytes[j + 1] << 16) | (bytes[j + 2] << 24);
      dst[i] = v / 2147483648;
    }
  }
}

function checkFinite(out: Float32Array[], ctx: DecodeContext): void {
  for (let c = 0; c < out.length; c++) {
    const ch = out[c];
    for (let i = 0; i < ch.length; i++) {
      const v = ch[i];
      if (v - v === 0) continue; // false only for NaN and ±Infinity
      if (ctx.nonFinite === 'error') {
        throw new AppError(
          'AUDIO_UNREADABLE',
          `${ctx.path}: non-finite sample (${v}) at frame ${ctx.firstFrame + i}, channel ${c}`,
        );
      }
      ch[i] = 0;
      countNonFinite(ctx.stats, c);
    }
  }
}

function countNonFinite(stats: NonFiniteStats | undefined, channel: number): void {
  if (!stats) return;
  stats.nonFinite++;
  const byChannel = stats.nonFiniteByChannel;
  if (byChannel) byChannel[channel] = (byChannel[channel] ?? 0) + 1;
}
