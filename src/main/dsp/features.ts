/**
 * Model input features from a `FeatureSpec`: log-mel images, MFCCs (both optionally pooled to
 * per-band mean and standard deviation) or raw waveforms, arranged in the manifest's layout.
 *
 * Log: 'ln' → ln(x + floor). 'db' → 10·log10(max(x, amin)) − 10·log10(max(ref, amin)) (librosa
 * `power_to_db`), then, with topDb, clipped below at (max − topDb) where max is taken over each
 * channel's whole image. Pooling 'mean-std': per band, mean then population standard deviation
 * (ddof = 0, as numpy) over frames: [mean bands…, std bands…] per channel.
 */
import { AppError } from '../../shared/errors.ts';
import type { FeatureSpec, LogMelFeature, LogSpec, MfccFeature } from '../../shared/feature-spec.ts';
import { mfccFromLogMel } from './mfcc.ts';
import type { InputSpec } from '../../shared/model-manifest.ts';
import { logMelWasm } from './logmel-wasm.ts';
import { applyMelFilterbank, applyMelFilterbankLn, melFilterbank } from './mel.ts';
import { forEachStftFrame, stftFrameCount } from './stft.ts';

/** Axis order of the produced tensor (see InputSpec.layout). */
export type FeatureLayout = InputSpec['layout'];

/** Where the feature goes: the model input's layout and shape, and the channels' sample rate. */
export interface FeatureTarget {
  layout: FeatureLayout;
  shape: readonly number[];
  /** Rate of the channels passed in (already the model's rate). */
  sampleRate: number;
}

/** A per-channel log-mel image: frames × bands, row-major (one frame after another). */
export interface LogMelImage {
  frames: number;
  bands: number;
  data: Float32Array;
}

/**
 * Log-mel spectrogram of one channel (an MFCC spec gives the log-mel image its DCT starts from):
 * in WebAssembly for the 'ln' log (logmel-wasm.ts), else frame by frame here.
 */
export function logMelSpectrogram(spec: LogMelFeature | MfccFeature, x: Float32Array, sampleRate: number): LogMelImage {
  const viaWasm = logMelWasm(spec, [x], sampleRate, 'channels-first');
  if (viaWasm) return viaWasm;
  const fb = melFilterbank(spec.mel, sampleRate, spec.stft.nFft);
  const bands = fb.nMels;
  const frames = stftFrameCount(spec.stft, x.length);
  const log = spec.log;
  if (log.kind === 'ln') {
    const data = new Float32Array(frames * bands);
    forEachStftFrame(spec.stft, x, (t, spectrum) => applyMelFilterbankLn(fb, spectrum, log.floor, data, t * bands));
    return { frames, bands, data };
  }
  const mel = new Float64Array(frames * bands);
  forEachStftFrame(spec.stft, x, (t, spectrum) => applyMelFilterbank(fb, spectrum, mel, t * bands));
  return { frames, bands, data: applyLog(log, mel) };
}

/** dB (librosa power_to_db) of a mel image; the 'ln' log is taken in applyMelFilterbankLn. */
function applyLog(log: Extract<LogSpec, { kind: 'db' }>, mel: Float64Array): Float32Array {
  const out = new Float32Array(mel.length);
  const offset = 10 * Math.log10(Math.max(log.ref, log.amin));
  let max = -Infinity;
  for (let i = 0; i < mel.length; i++) {
    const v = 10 * Math.log10(Math.max(mel[i], log.amin)) - offset;
    out[i] = v;
    if (v > max) max = v;
  }
  if (log.topDb !== undefined) {
    const lowest = max - log.topDb;
    for (let i = 0; i < out.length; i++) if (out[i] < lowest) out[i] = lowest;
  }
  return out;
}

/** Per band: mean over frames, then population standard deviation: [means…, stds…]. */
export function meanStdPool(image: LogMelImage): Float32Array {
  const { frames, bands, data } = image;
  if (frames === 0) throw new AppError('MODEL_INVALID', 'mean-std pooling needs at least one STFT frame; the segment is too short');
  const out = new Float32Array(2 * bands);
  for (let b = 0; b < bands; b++) {
    let sum = 0;
    for (let t = 0; t < frames; t++) sum += data[t * bands + b];
    const mean = sum / frames;
    let sq = 0;
    for (let t = 0; t < frames; t++) sq += (data[t * bands + b] - mean) ** 2;
    out[b] = mean;
    out[bands + b] = Math.sqrt(sq / frames);
  }
  return out;
}

/** Per-channel result as a flat array plus its own (per-channel) dimensions. */
interface ChannelTensor {
  data: Float32Array;
  dims: number[];
}

function channelTensor(spec: FeatureSpec, x: Float32Array, sampleRate: number): ChannelTensor {
  if (spec.kind === 'waveform') return { data: x, dims: [x.length] };
  const logMel = logMelSpectrogram(spec, x, sampleRate);
  const image = spec.kind === 'mfcc' ? mfccFromLogMel(logMel, spec.nMfcc, spec.lifter) : logMel;
  if (spec.pooling === 'mean-std') return { data: meanStdPool(image), dims: [2 * image.bands] };
  return { data: image.data, dims: [image.frames, image.bands] };
}

/** data[i·C + c] = src[i]; its own function so V8 compiles the loop whole (see forEachStftFrame). */
function interleaveInto(data: Float32Array, src: Float32Array, c: number, C: number): void {
  for (let i = 0; i < src.length; i++) data[i * C + c] = src[i];
}

function arrange(parts: ChannelTensor[], layout: FeatureLayout): { data: Float32Array; shape: number[] } {
  const C = parts.length;
  const per = parts[0].data.length;
  const data = new Float32Array(C * per);
  if (layout === 'channels-last') {
    for (let c = 0; c < C; c++) interleaveInto(data, parts[c].data, c, C);
    return { data, shape: [...parts[0].dims, C] };
  }
  parts.forEach((p, c) => data.set(p.data, c * per));
  return { data, shape: layout === 'flat' ? [C * per] : [C, ...parts[0].dims] };
}

/** An unpooled log-mel of all channels at once, written by the WebAssembly kernel in the target layout; null where it does not apply. */
function wholeLogMel(spec: FeatureSpec, channels: Float32Array[], target: FeatureTarget): { data: Float32Array; shape: number[] } | null {
  if (spec.kind !== 'log-mel' || spec.pooling !== 'none') return null;
  const C = channels.length;
  const images = logMelWasm(spec, channels, target.sampleRate, target.layout === 'channels-last' ? 'channels-last' : 'channels-first');
  if (!images) return null;
  const { data, frames, bands } = images;
  const shape = target.layout === 'channels-last' ? [frames, bands, C] : target.layout === 'flat' ? [data.length] : [C, frames, bands];
  return { data, shape };
}

const product = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);

/**
 * Computes the model input for `channels` (already selected and at the model's rate) and checks
 * that it fills `target.shape` exactly (MODEL_INVALID otherwise).
 */
export function computeFeature(spec: FeatureSpec, channels: Float32Array[], target: FeatureTarget): Float32Array {
  if (channels.length === 0) throw new AppError('BAD_REQUEST', 'computeFeature needs at least one channel');
  if (channels.some((ch) => ch.length !== channels[0].length)) {
    throw new AppError('BAD_REQUEST', `channels differ in length: ${channels.map((ch) => ch.length).join(', ')}`);
  }
  const { data, shape } = wholeLogMel(spec, channels, target) ?? arrange(channels.map((x) => channelTensor(spec, x, target.sampleRate)), target.layout);
  if (data.length !== product(target.shape)) {
    throw new AppError(
      'MODEL_INVALID',
      `${spec.kind} feature of ${channels.length} channel(s) × ${channels[0].length} samples at ${target.sampleRate} Hz ` +
        `gives ${data.length} values, shape [${shape.join(', ')}] (${target.layout}), ` +
        `but the model input shape [${target.shape.join(', ')}] holds ${product(target.shape)}`,
    );
  }
  return data;
}

/** The shape `computeFeature` produces for a segment, so manifests can be checked before use. */
export function featureShape(
  spec: FeatureSpec,
  sampleRate: number,
  segmentSeconds: number,
  nChannels: number,
  layout: FeatureLayout,
): number[] {
  const n = Math.round(segmentSeconds * sampleRate);
  let dims: number[];
  const bands = spec.kind === 'mfcc' ? spec.nMfcc : spec.kind === 'log-mel' ? spec.mel.nMels : 0;
  if (spec.kind === 'waveform') dims = [n];
  else if (spec.pooling === 'mean-std') dims = [2 * bands];
  else dims = [stftFrameCount(spec.stft, n), bands];
  if (layout === 'channels-last') return [...dims, nChannels];
  if (layout === 'flat') return [nChannels * product(dims)];
  return [nChannels, ...dims];
}
