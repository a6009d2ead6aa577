/**
 * Streaming spectrogram for the live view: Hann-windowed frames of nFft samples every hop
 * samples (no centring: column t starts at sample t·hop of the stream), continuous across pushes.
 *
 * Level: dB of (2·|X[k]| / Σw)², so a full-scale (amplitude 1) sine on a bin centre reads 0 dB;
 * floored at −200 dB.
 */
import { AppError } from '../../shared/errors.ts';
import { getRealFft } from './fft.ts';
import { makeWindow } from './window.ts';

/** Display spectrogram settings. */
export interface DisplaySpectrogramOptions {
  sampleRate: number;
  nFft?: number;
  hop?: number;
  /** Channel used when `push` is given all channels. */
  channel?: number;
}

/** Columns produced by one push: `db` is columns × bins, column-major, lowest frequency first. */
export interface SpectrogramColumns {
  columns: number;
  bins: number;
  db: Float32Array;
}

const FLOOR_POWER = 1e-20;

/** Stateful column producer; see the module comment for levels. */
export class DisplaySpectrogram {
  readonly sampleRate: number;
  readonly nFft: number;
  readonly hop: number;
  readonly channel: number;
  readonly bins: number;
  private pending: Float32Array;
  private pendingLength = 0;
  private readonly frame: Float64Array;
  private readonly power: Float64Array;
  private readonly scale: number;

  constructor(opts: DisplaySpectrogramOptions) {
    this.sampleRate = opts.sampleRate;
    this.nFft = opts.nFft ?? 1024;
    this.hop = opts.hop ?? 512;
    this.channel = opts.channel ?? 0;
    if (!(this.hop >= 1 && this.hop <= this.nFft)) throw new AppError('BAD_REQUEST', `hop ${this.hop} must be in 1…nFft`);
    this.bins = this.nFft / 2 + 1;
    getRealFft(this.nFft); // validates the size
    const sumW = makeWindow('hann', this.nFft, true).reduce((a, b) => a + b, 0);
    this.scale = (2 / sumW) ** 2;
    this.pending = new Float32Array(2 * this.nFft);
    this.frame = new Float64Array(this.nFft);
    this.power = new Float64Array(this.bins);
  }

  /** Seconds between the starts of consecutive columns. */
  get columnSeconds(): number {
    return this.hop / this.sampleRate;
  }

  /** Adds samples (one channel, or all channels of which `channel` is used); returns the new columns. */
  push(samples: Float32Array | readonly Float32Array[]): SpectrogramColumns {
    const x = samples instanceof Float32Array ? samples : samples[this.channel];
    if (!x) throw new AppError('AUDIO_UNSUPPORTED', `display channel ${this.channel} is not in the audio`);
    this.append(x);
    const columns = this.pendingLength >= this.nFft ? Math.floor((this.pendingLength - this.nFft) / this.hop) + 1 : 0;
    const db = new Float32Array(columns * this.bins);
    for (let c = 0; c < columns; c++) this.column(c * this.hop, db, c * this.bins);
    const consumed = columns * this.hop;
    this.pending.copyWithin(0, consumed, this.pendingLength);
    this.pendingLength -= consumed;
    return { columns, bins: this.bins, db };
  }

  private column(start: number, out: Float32Array, at: number): void {
    const w = makeWindow('hann', this.nFft, true);
    for (let i = 0; i < this.nFft; i++) this.frame[i] = this.pending[start + i] * w[i];
    getRealFft(this.nFft).power(this.frame, this.power);
    for (let k = 0; k < this.bins; k++) out[at + k] = 10 * Math.log10(Math.max(this.power[k] * this.scale, FLOOR_POWER));
  }

  private append(x: Float32Array): void {
    const need = this.pendingLength + x.length;
    if (need > this.pending.length) {
      const bigger = new Float32Array(Math.max(need, 2 * this.pending.length));
      bigger.set(this.pending.subarray(0, this.pendingLength));
      this.pending = bigger;
    }
    this.pending.set(x, this.pendingLength);
    this.pendingLength = need;
  }
}

/**
 * dB → bytes for the wire (see spectrogramColumnsSchema): byte b stands for
 * floor + b/255·(ceil − floor); values outside are clamped.
 */
export function quantizeDb(db: Float32Array, floor: number, ceil: number): Uint8Array {
  if (!(ceil > floor)) throw new AppError('BAD_REQUEST', `dB range ${floor}…${ceil} is empty`);
  const out = new Uint8Array(db.length);
  const k = 255 / (ceil - floor);
  for (let i = 0; i < db.length; i++) {
    const b = Math.round((db[i] - floor) * k);
    out[i] = b < 0 ? 0 : b > 255 ? 255 : b;
  }
  return out;
}
