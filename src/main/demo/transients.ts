/**
 * Ambient transients: sparse broadband clicks (snapping shrimp, fish, wave slap, hull creak) on top of the
 * Gaussian ambient. The realism check (docs/simulator-realism.md) found real ambient recordings impulsive
 * (excess kurtosis ~0.1–5 in 50–2000 Hz, median ~0.8; shrimp beds far more) and their 0.25 s band level
 * varying by ~0.6–1.2 dB, where Gaussian synthetic ambient had kurtosis 0 and ~0.2 dB. Clicks arrive at a
 * slowly varying rate (activity drifts over minutes, absent in some hours) from random directions, with
 * amplitudes of 8–18 dB over the ambient RMS. A pure function of (seed, chunk), like the rest of the demo.
 */
import { Rng, SmoothNoise, seedOf } from './prng.ts';

/** Mean click rate per second at median activity. */
const MEAN_RATE_HZ = 2;
const CLICK_SAMPLES = 24;
/** Click decay constant in samples (8 kHz: ~0.4 ms). */
const DECAY_SAMPLES = 3;

export class AmbientTransients {
  private readonly seed: number;
  private readonly activity: SmoothNoise;

  constructor(seed: number) {
    this.seed = seed;
    this.activity = new SmoothNoise(new Rng(seedOf(seed, 'transient-activity')), 300, 5);
  }

  /** Clicks per second at time t (s): log-normal around MEAN_RATE_HZ, zero in quiet spells. */
  rateAt(tS: number): number {
    const v = this.activity.value(tS);
    return v < -1 ? 0 : MEAN_RATE_HZ * Math.exp(0.8 * v);
  }

  /**
   * Adds the clicks of chunk j (hop samples starting at sample j·hop) to the channels of `out`: pressure,
   * then pressure × the direction cosines of the click's arrival. `rms` is the ambient RMS (full scale).
   */
  addChunk(j: number, hop: number, sampleRate: number, rms: number, out: Float64Array[]): void {
    const rng = new Rng(seedOf(this.seed, 'transients', j));
    const expected = (this.rateAt((j * hop) / sampleRate) * hop) / sampleRate;
    let count = 0;
    // Poisson draw by inversion (expected counts are a few per chunk).
    for (let p = Math.exp(-expected), cdf = p, u = rng.next(); u > cdf && count < 50; ) {
      count++;
      p *= expected / count;
      cdf += p;
    }
    for (let c = 0; c < count; c++) this.addClick(rng, hop, rms, out);
  }

  private addClick(rng: Rng, hop: number, rms: number, out: Float64Array[]): void {
    const at = rng.int(0, hop - 1);
    const amp = rms * 10 ** (rng.uniform(8, 18) / 20);
    const z = rng.uniform(-1, 1);
    const az = rng.uniform(0, 2 * Math.PI);
    const r = Math.sqrt(1 - z * z);
    const cosines = [1, r * Math.cos(az), r * Math.sin(az), z];
    for (let i = 0; i < CLICK_SAMPLES && at + i < hop; i++) {
      const v = amp * Math.exp(-i / DECAY_SAMPLES) * rng.normal();
      for (let ch = 0; ch < out.length && ch < 4; ch++) out[ch][at + i] += v * cosines[ch];
    }
  }
}
