/**
 * Mel scales and triangular mel filterbanks.
 *
 * scale 'htk' follows TensorFlow `tf.signal.linear_to_mel_weight_matrix` exactly (what the seed used):
 *   mel(f) = 1127·ln(1 + f/700); nMels + 2 edges equally spaced in mel between fMin and fMax;
 *   bin k has frequency k·sr/nFft; triangle weights are linear in MEL between the edges;
 *   the DC bin (k = 0) always gets weight 0. (TF computes in float32; we use float64.)
 * scale 'slaney' follows librosa `filters.mel(htk=False)`:
 *   mel(f) = 3f/200 below 1 kHz, 15 + 27·ln(f/1000)/ln 6.4 above; nMels + 2 edges equally spaced in
 *   mel, converted back to Hz; triangle weights are linear in HZ between the edges; DC included.
 * norm 'slaney' (librosa) multiplies triangle i by 2 / (f[i+2] − f[i]) in Hz (constant area);
 * norm 'none' leaves peaks at 1 (TensorFlow).
 */
import { AppError } from '../../shared/errors.ts';
import type { MelSpec } from '../../shared/feature-spec.ts';
import { melLnWasm } from './mel-wasm.ts';

/** A sparse filterbank: band b covers bins [start[b], start[b] + weights[b].length). */
export interface MelFilterbank {
  nMels: number;
  nBins: number;
  start: Int32Array;
  weights: Float64Array[];
  /** All bands' weights back to back (band b from offset[b]): one array for the hot loop. */
  packed: Float64Array;
  offset: Int32Array;
}

const SLANEY_F_SP = 200 / 3;
const SLANEY_MIN_LOG_HZ = 1000;
const SLANEY_MIN_LOG_MEL = SLANEY_MIN_LOG_HZ / SLANEY_F_SP;
const SLANEY_LOGSTEP = Math.log(6.4) / 27;

/** Hz → mel on the given scale. */
export function hzToMel(hz: number, scale: MelSpec['scale']): number {
  if (scale === 'htk') return 1127 * Math.log1p(hz / 700);
  if (hz < SLANEY_MIN_LOG_HZ) return hz / SLANEY_F_SP;
  return SLANEY_MIN_LOG_MEL + Math.log(hz / SLANEY_MIN_LOG_HZ) / SLANEY_LOGSTEP;
}

/** mel → Hz on the given scale. */
export function melToHz(mel: number, scale: MelSpec['scale']): number {
  if (scale === 'htk') return 700 * Math.expm1(mel / 1127);
  if (mel < SLANEY_MIN_LOG_MEL) return mel * SLANEY_F_SP;
  return SLANEY_MIN_LOG_HZ * Math.exp(SLANEY_LOGSTEP * (mel - SLANEY_MIN_LOG_MEL));
}

/** The nMels + 2 band edges (lower, centres…, upper) in the scale's own unit for weighting. */
function bandEdges(mel: MelSpec): { edges: Float64Array; hz: Float64Array } {
  const lo = hzToMel(mel.fMin, mel.scale);
  const hi = hzToMel(mel.fMax, mel.scale);
  const count = mel.nMels + 2;
  const step = (hi - lo) / (count - 1); // numpy.linspace arithmetic, last point exact
  const edgesMel = Float64Array.from({ length: count }, (_, i) => (i === count - 1 ? hi : lo + i * step));
  const hz = edgesMel.map((m) => melToHz(m, mel.scale));
  // TF interpolates on the mel axis, librosa on the Hz axis.
  return { edges: mel.scale === 'htk' ? edgesMel : hz, hz };
}

const cache = new Map<string, MelFilterbank>();

/** The (cached) filterbank for a mel spec at a sample rate and FFT size. */
export function melFilterbank(mel: MelSpec, sampleRate: number, nFft: number): MelFilterbank {
  const key = JSON.stringify([mel, sampleRate, nFft]);
  let fb = cache.get(key);
  if (!fb) {
    fb = buildFilterbank(mel, sampleRate, nFft);
    cache.set(key, fb);
  }
  return fb;
}

function buildFilterbank(mel: MelSpec, sampleRate: number, nFft: number): MelFilterbank {
  if (!(mel.fMin < mel.fMax) || mel.fMax > sampleRate / 2) {
    throw new AppError('MODEL_INVALID', `mel range ${mel.fMin}–${mel.fMax} Hz must satisfy fMin < fMax ≤ ${sampleRate / 2} Hz (Nyquist)`);
  }
  const nBins = nFft / 2 + 1;
  const { edges, hz } = bandEdges(mel);
  const binPosition = Float64Array.from({ length: nBins }, (_, k) => {
    const f = (k * sampleRate) / nFft;
    return mel.scale === 'htk' ? hzToMel(f, 'htk') : f;
  });
  const firstBin = mel.scale === 'htk' ? 1 : 0; // TF zeroes the DC row
  const start = new Int32Array(mel.nMels);
  const weights: Float64Array[] = [];
  for (let b = 0; b < mel.nMels; b++) {
    const [lower, centre, upper] = [edges[b], edges[b + 1], edges[b + 2]];
    const scale = mel.norm === 'slaney' ? 2 / (hz[b + 2] - hz[b]) : 1;
    const dense: number[] = [];
    let first = -1;
    for (let k = firstBin; k < nBins; k++) {
      const p = binPosition[k];
      const w = Math.max(0, Math.min((p - lower) / (centre - lower), (upper - p) / (upper - centre)));
      if (w > 0 && first < 0) first = k;
      if (first >= 0) dense.push(w * scale);
    }
    while (dense.length > 0 && dense[dense.length - 1] === 0) dense.pop();
    start[b] = Math.max(first, 0);
    weights.push(Float64Array.from(dense));
  }
  const offset = new Int32Array(mel.nMels + 1);
  weights.forEach((w, b) => (offset[b + 1] = offset[b] + w.length));
  const packed = new Float64Array(offset[mel.nMels]);
  weights.forEach((w, b) => packed.set(w, offset[b]));
  return { nMels: mel.nMels, nBins, start, weights, packed, offset };
}

/** out[offset + b] = Σ_k W[b][k]·spectrum[k] for every band b. */
export function applyMelFilterbank(fb: MelFilterbank, spectrum: Float64Array, out: Float64Array, offset = 0): void {
  const { packed, offset: from, start } = fb;
  for (let b = 0; b < fb.nMels; b++) {
    let acc = 0;
    for (let i = from[b], k = start[b]; i < from[b + 1]; i++, k++) acc += packed[i] * spectrum[k];
    out[offset + b] = acc;
  }
}

let melRow = new Float64Array(0);

/**
 * out[offset + b] = ln(Σ_k W[b][k]·spectrum[k] + floor): the seed's log-mel row without a whole
 * float64 image in between; in WebAssembly where it can run (mel-wasm.ts). In JS the sums and the
 * logs run as two loops: with Math.log inside the band loop V8 ran both ~1.8× slower.
 */
export function applyMelFilterbankLn(fb: MelFilterbank, spectrum: Float64Array, floor: number, out: Float32Array, offset: number): void {
  if (melLnWasm(fb, spectrum, floor, out, offset)) return;
  if (melRow.length < fb.nMels) melRow = new Float64Array(fb.nMels);
  const row = melRow;
  applyMelFilterbank(fb, spectrum, row);
  for (let b = 0; b < fb.nMels; b++) out[offset + b] = Math.log(row[b] + floor);
}

/** The dense nMels × nBins weight matrix (row-major), for tests and export. */
export function denseMelWeights(fb: MelFilterbank): Float64Array {
  const dense = new Float64Array(fb.nMels * fb.nBins);
  for (let b = 0; b < fb.nMels; b++) dense.set(fb.weights[b], b * fb.nBins + fb.start[b]);
  return dense;
}
