/**
 * Building blocks of the resampler: Kaiser-windowed-sinc low-pass design and one streaming
 * polyphase stage (upsample by L, filter, downsample by M, with the filter delay compensated).
 */
import { AppError } from '../../shared/errors.ts';
import { wasmHalfBand, wasmHalfBandAvailable, type InputCopier } from './halfband-wasm.ts';

const HALF_BAND_MIN_TAPS = 15;
const NO_SAMPLES = new Float32Array(0);

/** Zeroth-order modified Bessel function of the first kind (power series). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x / 2) ** 2;
  for (let k = 1; term > 1e-17 * sum; k++) {
    term *= q / (k * k);
    sum += term;
  }
  return sum;
}

/** Kaiser's β for a stopband attenuation in dB. */
export function kaiserBeta(attenuationDb: number): number {
  const a = attenuationDb;
  if (a > 50) return 0.1102 * (a - 8.7);
  if (a >= 21) return 0.5842 * (a - 21) ** 0.4 + 0.07886 * (a - 21);
  return 0;
}

/**
 * Linear-phase low-pass FIR (odd length) for sampling rate `fs`: −6 dB at `cutoffHz`, a transition
 * band `transitionHz` wide centred on it, at least `attenuationDb` down beyond, DC gain `gain`
 * (L for an interpolator). With the cutoff at exactly fs/4 it is a half-band filter: every
 * second tap is exactly zero and the length is 4K − 1, so both ends carry non-zero taps.
 */
export function designLowpass(fs: number, cutoffHz: number, transitionHz: number, gain: number, attenuationDb: number): Float64Array {
  if (!(cutoffHz > 0 && transitionHz > 0 && cutoffHz + transitionHz / 2 <= fs / 2 + 1e-9)) {
    throw new AppError('INTERNAL', `bad low-pass: cutoff ${cutoffHz} Hz, transition ${transitionHz} Hz at ${fs} Hz`);
  }
  const halfBand = 4 * cutoffHz === fs;
  // Kaiser's length formula is approximate (measured −79.6 dB for 80): design with 1 dB to spare.
  const a = attenuationDb + 1;
  let n = Math.ceil((a - 7.95) / (2.285 * ((2 * Math.PI * transitionHz) / fs))) + 1;
  if (n % 2 === 0) n++;
  if (halfBand && n % 4 === 1) n += 2;
  // Short half-bands are rounded up to 15 or 31 taps (4 or 8 non-zero pairs, a whole number of
  // SIMD lane groups): the extra taps cost almost nothing and only deepen the stopband.
  if (halfBand) n = n <= HALF_BAND_MIN_TAPS ? HALF_BAND_MIN_TAPS : n < 2 * HALF_BAND_MIN_TAPS + 1 ? 2 * HALF_BAND_MIN_TAPS + 1 : n;
  const beta = kaiserBeta(a);
  const scale = (2 * cutoffHz) / fs; // sinc argument scale
  const centre = (n - 1) / 2;
  const norm = besselI0(beta);
  const h = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const t = k - centre;
    if (halfBand && t !== 0 && t % 2 === 0) continue;
    const sinc = t === 0 ? 1 : Math.sin(Math.PI * scale * t) / (Math.PI * scale * t);
    const r = centre === 0 ? 0 : t / centre;
    h[k] = (gain * scale * sinc * besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r)))) / norm;
  }
  return h;
}

type Kernel = 'halfband' | 'halfband-wasm' | 'symmetric' | 'polyphase';

/**
 * Streaming rational resampling stage: y[m] = Σ_k h[k]·x↑L[m·M + d − k], d = (len(h) − 1)/2, so the
 * filter delay is compensated. Decimators (L = 1) fold the symmetric filter (half the multiplies);
 * ÷2 half-band filters also skip their zero taps and run in WebAssembly SIMD (halfband-wasm.ts)
 * where available. Every output is computed on its own, so any block split gives the same output.
 */
export class PolyphaseStage {
  private readonly L: number;
  private readonly M: number;
  private readonly h: Float64Array;
  private readonly taps: number;
  private readonly delay: number;
  private readonly kernel: Kernel;
  /** phases[p][i] = h[p + (taps − 1 − i)·L]: reversed so the dot product runs forward in x. */
  private readonly phases: Float64Array[];
  /** Half-band: h at offsets ±1, ±3, … from the centre. */
  private readonly oddTaps: Float64Array;
  private readonly oddTaps32: Float32Array;
  private buf: Float32Array;
  private off = 0;
  private len: number;
  /** Absolute input index of buf[off]. */
  private bufStart: number;
  private inCount = 0;
  private outIndex = 0;
  private flushed = false;

  constructor(L: number, M: number, h: Float64Array) {
    this.L = L;
    this.M = M;
    this.h = h;
    this.taps = Math.ceil(h.length / L);
    this.delay = (h.length - 1) / 2;
    this.phases = L > 1 ? splitPhases(h, L, this.taps) : [];
    this.oddTaps = Float64Array.from({ length: Math.floor((this.delay + 1) / 2) }, (_, i) => h[this.delay + 2 * i + 1]);
    this.oddTaps32 = Float32Array.from(this.oddTaps);
    const halfBand = L === 1 && M === 2 && isHalfBand(h);
    this.kernel = L > 1 ? 'polyphase' : !halfBand ? 'symmetric' : wasmHalfBandAvailable() ? 'halfband-wasm' : 'halfband';
    // Taps − 1 zeros stand for the input before time 0.
    this.len = this.taps - 1;
    this.bufStart = -this.len;
    this.buf = new Float32Array(Math.max(1024, 4 * this.taps));
  }

  /** Adds input; returns every output whose inputs are all known. */
  push(x: Float32Array): Float32Array {
    if (this.flushed) throw new AppError('INTERNAL', 'resampler stage used after flush');
    const end = Math.max(this.outIndex, Math.ceil(((this.inCount + x.length) * this.L - this.delay) / this.M));
    if (this.kernel === 'halfband-wasm') return this.pushHalfBandWasm(x, end);
    this.append(x);
    this.inCount += x.length;
    return this.produce(end);
  }

  /**
   * The SIMD half-band reads the new block straight from `x` (the kernel copies its input into
   * WebAssembly memory anyway): only the history the next outputs need is kept in buf, instead of
   * first copying every block into buf.
   */
  private pushHalfBandWasm(x: Float32Array, end: number): Float32Array {
    const xStart = this.bufStart + this.len;
    const out = new Float32Array(end - this.outIndex);
    wasmHalfBand(out, this.inputCopier(x), this.outIndex, this.h[this.delay], this.oddTaps32);
    this.inCount += x.length;
    this.outIndex = end;
    const keepFrom = Math.floor((end * this.M + this.delay) / this.L) - (this.taps - 1);
    const skip = Math.max(0, Math.min(x.length, keepFrom - xStart));
    this.discardBefore(keepFrom);
    if (skip > 0) this.bufStart = xStart + skip; // all of buf dropped (discardBefore stops at its end)
    this.append(x.subarray(skip));
    return out;
  }

  /** Produces the remaining ⌈n·L/M⌉ − (outputs so far) samples, padding the input with zeros. */
  flush(): Float32Array {
    this.flushed = true;
    const total = Math.ceil((this.inCount * this.L) / this.M);
    if (total <= this.outIndex) return new Float32Array(0);
    const lastQ = Math.floor(((total - 1) * this.M + this.delay) / this.L);
    const have = this.bufStart + this.len;
    if (lastQ >= have) this.append(new Float32Array(lastQ - have + 1));
    return this.produce(total);
  }

  private produce(end: number): Float32Array {
    const out = new Float32Array(end - this.outIndex);
    const at = this.off - this.bufStart; // array index of absolute input index 0
    if (this.kernel === 'halfband-wasm') wasmHalfBand(out, this.inputCopier(), this.outIndex, this.h[this.delay], this.oddTaps32);
    else if (this.kernel === 'halfband') halfBandKernel(out, this.buf, at, this.outIndex, this.h[this.delay], this.oddTaps);
    else if (this.kernel === 'symmetric') symmetricKernel(out, this.buf, at, this.outIndex, this.M, this.h);
    else polyphaseKernel(out, this.buf, at - (this.taps - 1), this.outIndex, this);
    this.outIndex = end;
    this.discardBefore(Math.floor((end * this.M + this.delay) / this.L) - (this.taps - 1));
    return out;
  }

  /** Generic polyphase dot products (L > 1). */
  polyphaseAt(buf: Float32Array, base: number, m: number): number {
    const j = m * this.M + this.delay;
    const q = Math.floor(j / this.L);
    const h = this.phases[j - q * this.L];
    const taps = this.taps;
    let acc = 0;
    for (let k = 0, i = base + q; k < taps; k++, i++) acc += h[k] * buf[i];
    return acc;
  }

  /**
   * Copies absolute input indices out of buf and then out of `tail` (input not yet appended: the
   * samples right after buf), zeros past both.
   */
  private inputCopier(tail: Float32Array = NO_SAMPLES): InputCopier {
    const { buf, off, bufStart } = this;
    const tailStart = bufStart + this.len;
    return (dst, at, first, count) => {
      const fromBuf = Math.max(0, Math.min(count, tailStart - first));
      dst.set(buf.subarray(off + first - bufStart, off + first - bufStart + fromBuf), at);
      const tailFrom = first + fromBuf - tailStart;
      const fromTail = Math.max(0, Math.min(count - fromBuf, tail.length - tailFrom));
      dst.set(tail.subarray(tailFrom, tailFrom + fromTail), at + fromBuf);
      dst.fill(0, at + fromBuf + fromTail, at + count);
    };
  }

  private discardBefore(absIndex: number): void {
    const drop = Math.min(this.len, absIndex - this.bufStart);
    if (drop <= 0) return;
    this.off += drop;
    this.len -= drop;
    this.bufStart += drop;
  }

  private append(x: Float32Array): void {
    if (this.off + this.len + x.length > this.buf.length) {
      if (this.len + x.length <= this.buf.length) {
        this.buf.copyWithin(0, this.off, this.off + this.len);
      } else {
        const bigger = new Float32Array(Math.max(2 * this.buf.length, this.len + x.length));
        bigger.set(this.buf.subarray(this.off, this.off + this.len));
        this.buf = bigger;
      }
      this.off = 0;
    }
    this.buf.set(x, this.off + this.len);
    this.len += x.length;
  }
}

function isHalfBand(h: Float64Array): boolean {
  const d = (h.length - 1) / 2;
  for (let t = 2; t <= d; t += 2) if (h[d + t] !== 0 || h[d - t] !== 0) return false;
  return true;
}

function splitPhases(h: Float64Array, L: number, taps: number): Float64Array[] {
  return Array.from({ length: L }, (_, p) => {
    const phase = new Float64Array(taps);
    for (let i = 0; i < taps; i++) phase[taps - 1 - i] = p + i * L < h.length ? h[p + i * L] : 0;
    return phase;
  });
}

/** y[m] = c·x[2m] + Σ_i g_i·(x[2m − (2i+1)] + x[2m + 2i + 1]) (the fallback where WebAssembly is unavailable). */
function halfBandKernel(out: Float32Array, buf: Float32Array, at: number, m0: number, centre: number, g: Float64Array): void {
  const K = g.length;
  for (let o = 0, j = at + 2 * m0; o < out.length; o++, j += 2) {
    let acc = centre * buf[j];
    for (let i = 0; i < K; i++) acc += g[i] * (buf[j - 2 * i - 1] + buf[j + 2 * i + 1]);
    out[o] = acc;
  }
}

/** Symmetric FIR decimation: y[m] = h[d]·x[mM] + Σ_t h[d + t]·(x[mM − t] + x[mM + t]). */
function symmetricKernel(out: Float32Array, buf: Float32Array, at: number, m0: number, M: number, h: Float64Array): void {
  const d = (h.length - 1) / 2;
  for (let o = 0, j = at + m0 * M; o < out.length; o++, j += M) {
    let acc = h[d] * buf[j];
    for (let t = 1; t <= d; t++) acc += h[d + t] * (buf[j - t] + buf[j + t]);
    out[o] = acc;
  }
}

function polyphaseKernel(out: Float32Array, buf: Float32Array, base: number, m0: number, stage: PolyphaseStage): void {
  for (let o = 0; o < out.length; o++) out[o] = stage.polyphaseAt(buf, base, m0 + o);
}
