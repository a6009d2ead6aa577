/**
 * Ambient noise at the sensor (ship-noise.md §4), on the same frame grid as the ships.
 *
 * Pressure gets the full ambient PSD; each velocity channel (pressure-equivalent units) gets an
 * independent noise with a third of it, as for an isotropic noise field where the three components
 * share the energy equally.
 */
import { AmbientSpectra, type AmbientWeather } from './ambient.ts';
import { FrameCache, type FrameGrid } from './frame-synth.ts';
import { Rng, seedOf } from './prng.ts';

type Frame = readonly Float64Array[];

export class AmbientVoice {
  private readonly grid: FrameGrid;
  private readonly seed: number;
  private readonly weather: AmbientWeather;
  private readonly spectra: AmbientSpectra;
  private readonly frames = new FrameCache<Frame>();

  constructor(grid: FrameGrid, seed: number, weather: AmbientWeather) {
    this.grid = grid;
    this.seed = seed;
    this.weather = weather;
    this.spectra = new AmbientSpectra(grid.freqs);
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
  }

  private makeFrame(k: number): Frame {
    const { grid } = this;
    const power = this.binPowerAt(((k + 1) * grid.hop * 1000) / grid.sampleRate, new Float64Array(grid.freqs.length));
    const ampP = power.map(Math.sqrt);
    const ampV = ampP.map((a) => a / Math.sqrt(3));
    const rng = new Rng(seedOf(this.seed, 'ambient', k));
    const frame = [0, 1, 2, 3].map(() => new Float64Array(grid.size));
    grid.synthPair(ampP, ampV, rng, frame[0], frame[1]);
    grid.synthPair(ampV, ampV, rng, frame[2], frame[3]);
    return frame;
  }
}
