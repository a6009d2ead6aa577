/**
 * Short-time Fourier transform following `StftSpec` (src/shared/feature-spec.ts).
 *
 * Framing, two conventions:
 *  - center = false (TensorFlow `tf.signal.stft`): frame t holds samples [t·hop, t·hop + winLength),
 *    windowed, then zero-padded to nFft. Without padEnd, frames = max(0, 1 + ⌊(n − winLength)/hop⌋);
 *    with padEnd (`tf.signal.frame(pad_end=True)`), frames = ⌈n / hop⌉ and missing samples are 0.
 *  - center = true (librosa `stft(center=True, pad_mode='reflect')`): the signal is reflect-padded by
 *    ⌊nFft/2⌋ on both sides, frames are nFft long, the window is centred in the frame at offset
 *    ⌊(nFft − winLength)/2⌋ (librosa `pad_center`), frames = 1 + ⌊n / hop⌋ (for even nFft).
 *    padEnd on top of center applies TF's rule to the padded signal: frames = ⌈(n + 2⌊nFft/2⌋)/hop⌉.
 * The placement of the window inside the FFT buffer only changes phases, never |X|.
 */
import { AppError } from '../../shared/errors.ts';
import type { StftSpec } from '../../shared/feature-spec.ts';
import { getRealFft } from './fft.ts';
import { makeWindow } from './window.ts';

/** Where frame t's windowed samples come from. */
export interface FramePlan {
  frames: number;
  /** Signal index of window sample 0 in frame t is t·hop − shift. */
  shift: number;
  /** Offset of the window inside the nFft buffer. */
  bufferOffset: number;
}

/** Checks the spec's internal consistency (throws MODEL_INVALID). */
export function validateStft(spec: StftSpec): void {
  if ((spec.nFft & (spec.nFft - 1)) !== 0) throw new AppError('MODEL_INVALID', `stft.nFft ${spec.nFft} is not a power of two`);
  if (spec.winLength > spec.nFft) {
    throw new AppError('MODEL_INVALID', `stft.winLength ${spec.winLength} exceeds nFft ${spec.nFft}`);
  }
}

export function planFrames(spec: StftSpec, n: number): FramePlan {
  validateStft(spec);
  const half = Math.floor(spec.nFft / 2);
  const frameLength = spec.center ? spec.nFft : spec.winLength;
  const length = spec.center ? n + 2 * half : n;
  let frames: number;
  if (spec.padEnd) frames = Math.ceil(length / spec.hop);
  else frames = length >= frameLength ? 1 + Math.floor((length - frameLength) / spec.hop) : 0;
  if (!spec.center) return { frames, shift: 0, bufferOffset: 0 };
  const lpad = Math.floor((spec.nFft - spec.winLength) / 2);
  return { frames, shift: half - lpad, bufferOffset: lpad };
}

/** Number of STFT frames for a signal of n samples. */
export function stftFrameCount(spec: StftSpec, n: number): number {
  return planFrames(spec, n).frames;
}

/** numpy 'reflect' padding index (edge sample not repeated), valid for any distance outside. */
function reflectIndex(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  let j = i % period;
  if (j < 0) j += period;
  return j < n ? j : period - j;
}

/** Sample i of the (padded) signal seen by the framer. */
export function sampleAt(x: Float32Array, i: number, spec: StftSpec): number {
  const n = x.length;
  if (i >= 0 && i < n) return x[i];
  if (!spec.center) return 0;
  const half = Math.floor(spec.nFft / 2);
  return i >= -half && i < n + half ? x[reflectIndex(i, n)] : 0;
}

// The per-frame loops live in their own small functions: inlined into the frame loop, V8 (Maglev)
// kept entering and leaving on-stack-replaced code and ran them ~3× slower.

/** buffer[at + j] = x[start + j]·window[j], the frame wholly inside the signal. */
function windowInto(buffer: Float64Array, at: number, x: Float32Array, start: number, window: Float64Array): void {
  for (let j = 0; j < window.length; j++) buffer[at + j] = x[start + j] * window[j];
}

/** The same at the signal's edges (zero or reflect padding). */
function windowPaddedInto(buffer: Float64Array, at: number, x: Float32Array, start: number, window: Float64Array, spec: StftSpec): void {
  for (let j = 0; j < window.length; j++) buffer[at + j] = sampleAt(x, start + j, spec) * window[j];
}

/**
 * Calls `onFrame(t, spectrum)` for each frame with |X| or |X|² (per `spec.spectrum`) in a reused
 * Float64Array of nFft/2 + 1 bins. Returns the number of frames.
 */
export function forEachStftFrame(
  spec: StftSpec,
  x: Float32Array,
  onFrame: (t: number, spectrum: Float64Array) => void,
): number {
  const plan = planFrames(spec, x.length);
  const fft = getRealFft(spec.nFft);
  const window = makeWindow(spec.window, spec.winLength, spec.periodic);
  const buffer = new Float64Array(spec.nFft);
  const spectrum = new Float64Array(fft.bins);
  const win = spec.winLength;
  for (let t = 0; t < plan.frames; t++) {
    const start = t * spec.hop - plan.shift;
    if (start >= 0 && start + win <= x.length) windowInto(buffer, plan.bufferOffset, x, start, window);
    else windowPaddedInto(buffer, plan.bufferOffset, x, start, window, spec);
    if (spec.spectrum === 'power') fft.power(buffer, spectrum);
    else fft.magnitude(buffer, spectrum);
    onFrame(t, spectrum);
  }
  return plan.frames;
}

/** The whole spectrogram, frames × (nFft/2 + 1), row-major (one frame after another). */
export function stft(spec: StftSpec, x: Float32Array): { frames: number; bins: number; data: Float32Array } {
  const bins = spec.nFft / 2 + 1;
  const data = new Float32Array(stftFrameCount(spec, x.length) * bins);
  const frames = forEachStftFrame(spec, x, (t, s) => data.set(s, t * bins));
  return { frames, bins, data };
}
