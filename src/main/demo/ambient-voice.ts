/**
 * Ambient noise at the sensor (ship-noise.md §4), on the same frame grid as the ships.
 *
 * Pressure gets the full ambient PSD; each velocity channel (pressure-equivalent units) gets an
 * independent noise with a third of it, as for an isotropic noise field where the three components
 * share the energy equally. The level wanders by ~0.7 dB over seconds (swell, passing wave groups) and
 * sparse clicks ride on top (transients.ts): both measured in real ambient (docs/simulator-realism.md).
 */
import { AmbientSpectra, type AmbientWeather } from './ambient.ts';
import { FrameCache, type FrameGrid } from './frame-synth.ts';
import { Rng, SmoothNoise, seedOf } from './prng.ts';
import { AmbientTransients } from './transients.ts';

/** σ of the slow ambient level wander, dB, and its correlation time, s. */
const WANDER_DB = 0.7;
const WANDER_TAU_S = 1.5;

type Frame = readonly Float64Array[];

export class AmbientVoice {
  private readonly grid: FrameGrid;
  private readonly seed: number;
  private readonly weather: AmbientWeather;
  private readonly spectra: AmbientSpectra;
  private readonly frames = new FrameCache<Frame>();
  private readonly wander: SmoothNoise;
  private readonly transients: AmbientTransients;

  constructor(grid: FrameGrid, seed: number, weather: AmbientWeather) {
    this.grid = grid;
    this.seed = seed;
    this.weather = weather;
    this.spectra = new AmbientSpectra(grid.freqs);
    this.wander = new SmoothNoise(new Rng(seedOf(seed, 'ambient-wander')), WANDER_TAU_S, 6);
    this.transients = new AmbientTransients(seed);
  }

  /** Ambient power per bin at time t (PSD × bin scaling × sensor response), pressure channel. */
  binPowerAt(timeMs: number, out: Float64Array): Float64Array {
    this.spectra.psd(this.weather.conditionsAt(timeMs), out);
    const { grid } = this;
    for (let b = 0; b < out.length; b++) out[b] *= grid.psdToBinPower * grid.response[b];
    return out;
  }

  /** The quietest ambient this station can have (light wind, light traffic), µPa²/Hz with sensor response, per bin. */
  quietestPsd(): Float64Array {
    const out = this.spectra.psd({ windMs: 0.5, shipping: 0.2, rainDb: 0 }, new Float64Array(this.grid.freqs.length));
    for (let b = 0; b < out.length; b++) out[b] *= this.grid.response[b];
    return out;
  }

  /** Adds chunk j of ambient to the first `out.length` channels. */
  addChunk(j: number, out: Float64Array[]): void {
    const H = this.grid.hop;
    const prev = this.frames.get(j - 1, (k) => this.makeFrame(k));
    const cur = this.frames.get(j, (k) => this.makeFrame(k));
    for (let c = 0; c < out.length && c < 4; c++) {
      const o = out[c];
      const p = prev[c];
      const q = cur[c];
      for (let i = 0; i < H; i++) o[i] += p[H + i] + q[i];
    }
    const timeMs = (j * H * 1000) / this.grid.sampleRate;
    this.transients.addChunk(j, H, this.grid.sampleRate, this.rmsAt(timeMs), out);
  }

  /** Ambient RMS (µPa, pressure, with sensor response) at time t. */
  rmsAt(timeMs: number): number {
    const { grid } = this;
    const power = this.binPowerAt(timeMs, new Float64Array(grid.freqs.length));
    return Math.sqrt((power.reduce((s, p) => s + p, 0) * (grid.sampleRate / grid.size)) / grid.psdToBinPower);
  }

  private makeFrame(k: number): Frame {
    const { grid } = this;
    const timeMs = ((k + 1) * grid.hop * 1000) / grid.sampleRate;
    const power = this.binPowerAt(timeMs, new Float64Array(grid.freqs.length));
    const gain = 10 ** ((WANDER_DB * this.wander.value(timeMs / 1000)) / 20);
    const ampP = power.map((p) => Math.sqrt(p) * gain);
    const ampV = ampP.map((a) => a / Math.sqrt(3));
    const rng = new Rng(seedOf(this.seed, 'ambient', k));
    const frame = [0, 1, 2, 3].map(() => new Float64Array(grid.size));
    grid.synthPair(ampP, ampV, rng, frame[0], frame[1]);
    grid.synthPair(ampV, ampV, rng, frame[2], frame[3]);
    return frame;
  }
}
