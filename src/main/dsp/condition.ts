/**
 * Signal conditioning before features: DC removal, gain, channel selection.
 */
import { AppError } from '../../shared/errors.ts';

/**
 * One-pole DC-blocking high-pass, y[n] = x[n] − x[n−1] + R·y[n−1] with R = exp(−2π·fc/fs):
 * zero gain at DC, −3 dB near fc, ~unity above. Keeps state per channel, so consecutive blocks
 * filter exactly as one long signal. (DeepShip files carry a ~3 % FS DC offset.)
 */
export class DcBlocker {
  private readonly r: number;
  private readonly lastX: Float64Array;
  private readonly lastY: Float64Array;
  private started = false;

  constructor(sampleRate: number, channels: number, cornerHz = 5) {
    if (!(cornerHz > 0 && cornerHz < sampleRate / 2)) {
      throw new AppError('BAD_REQUEST', `DC-blocker corner ${cornerHz} Hz must be in (0, ${sampleRate / 2}) Hz`);
    }
    this.r = Math.exp((-2 * Math.PI * cornerHz) / sampleRate);
    this.lastX = new Float64Array(channels);
    this.lastY = new Float64Array(channels);
  }

  /**
   * Filters one block per channel in place and returns it. The filter starts from the first
   * sample (as if the signal had always been at that level) so a DC offset does not ring.
   */
  process(block: Float32Array[]): Float32Array[] {
    if (block.length !== this.lastX.length) {
      throw new AppError('BAD_REQUEST', `DC blocker set up for ${this.lastX.length} channels, got ${block.length}`);
    }
    if (!this.started && block[0]?.length) {
      block.forEach((ch, c) => (this.lastX[c] = ch[0]));
      this.started = true;
    }
    const r = this.r;
    for (let c = 0; c < block.length; c++) {
      const x = block[c];
      let px = this.lastX[c];
      let py = this.lastY[c];
      for (let i = 0; i < x.length; i++) {
        const v = x[i];
        py = v - px + r * py;
        px = v;
        x[i] = py;
      }
      this.lastX[c] = px;
      this.lastY[c] = py;
    }
    return block;
  }
}

/** Multiplies every channel by 10^(db/20) in place. */
export function applyGainDb(channels: Float32Array[], db: number): Float32Array[] {
  if (db === 0) return channels;
  const g = 10 ** (db / 20);
  for (const ch of channels) for (let i = 0; i < ch.length; i++) ch[i] *= g;
  return channels;
}

/** Picks channels by index (no copy); AUDIO_UNSUPPORTED names a missing one. */
export function selectChannels(channels: readonly Float32Array[], indices: readonly number[]): Float32Array[] {
  return indices.map((i) => {
    const ch = channels[i];
    if (!ch) throw new AppError('AUDIO_UNSUPPORTED', `channel ${i} requested but the audio has ${channels.length} channel(s)`);
    return ch;
  });
}
