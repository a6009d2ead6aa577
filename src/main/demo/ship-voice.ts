/**
 * One ship as heard at the sensor (ship-noise.md §7.1):
 *
 *   p(t) = n_low(t) + n_high(t)·[1 + Σ m_k cos(2π(k·Z·Φ_s + φ_k)) + m_s cos(2πΦ_s + φ_s) + …] + Σ_j A_j cos(2π(o_j·Φ + φ_j))
 *
 * n_low/n_high are the machinery and cavitation parts of the continuum, synthesised per frame with the
 * propagation applied per FFT bin (spreading, Francois–Garrison absorption, Lloyd's mirror, aspect,
 * multipath fading). Tonals and the DEMON envelope are evaluated at the retarded time t − R(t)/c, which
 * gives both the travel time and the Doppler sweep through CPA (§2.5). The shaft phase Φ_s carries the
 * slow rpm jitter shared by all propeller and engine lines.
 *
 * Velocity channels (pressure-equivalent units ρc·v) are p × the direction cosines of the propagation
 * direction, from the ship towards the sensor (x east, y north, z up; arrivals travel downwards).
 */
import { FrameCache, responseAt, type FrameGrid } from './frame-synth.ts';
import { aspectDb, continuumDb, demonRangeFactor, NON_CAVITATING_HIGH_BAND_DB, type ToneLine } from './source.ts';
import { francoisGarrisonDbPerKm, grazingSin, lloydMirrorFactor, SOUND_SPEED_MS, spreadingLossDb } from './propagation.ts';
import { isOnTrack, shipEnuAt, type SensorSite, type SimShip } from './scenario.ts';
import { Rng, SmoothNoise, seedOf } from './prng.ts';
import { cosCycles, sinCycles } from './fast-math.ts';

export interface VoiceContext {
  readonly grid: FrameGrid;
  readonly seed: number;
  readonly sensor: SensorSite;
  /** Ships farther than this (horizontal) are not rendered. */
  readonly maxRangeM: number;
  /** RMS surface-wave height (m) at time t, for the mirror's coherence. */
  readonly sigmaHAt: (timeMs: number) => number;
  /**
   * Per-bin PSD (µPa²/Hz, with sensor response) 20 dB under the quietest possible ambient: a ship whose
   * received spectrum stays below it everywhere is inaudible and is not synthesised (saves the far ones).
   */
  readonly inaudiblePsd: Float64Array;
}

/** The ship–sensor geometry and derived gains at one instant (evaluated at the retarded time). */
export interface Geometry {
  readonly active: boolean;
  readonly horizontalM: number;
  readonly slantM: number;
  readonly sinTheta: number;
  readonly sigmaHM: number;
  /** Aspect + fading, dB. */
  readonly levelDb: number;
  readonly cx: number;
  readonly cy: number;
  readonly cz: number;
  readonly demonScale: number;
  /** Received amplitude of each tonal line (µPa), 0 when inactive. */
  readonly lineAmp: Float64Array;
}

interface NoiseFrame {
  readonly low: Float64Array;
  readonly high: Float64Array;
}

/** Phase is evaluated exactly every PHASE_STEP samples and interpolated linearly in between. */
const PHASE_STEP = 16;

export class ShipVoice {
  readonly ship: SimShip;
  private readonly ctx: VoiceContext;
  private readonly lines: readonly ToneLine[];
  private readonly lineAlpha: Float64Array;
  private readonly binBaseDb: Float64Array;
  private readonly binAlphaDbPerM: Float64Array;
  private readonly lowGain: Float64Array;
  private readonly highGain: Float64Array;
  private readonly shaftJitter: SmoothNoise;
  private readonly generatorJitter: SmoothNoise;
  private readonly fading: SmoothNoise;
  private readonly knots = new FrameCache<Geometry>();
  private readonly frames = new FrameCache<NoiseFrame | null>();
  private readonly shaftCyc: Float64Array;
  private readonly genCyc: Float64Array;
  private readonly buf: Float64Array;
  private readonly scratchPower: Float64Array;
  private readonly scratchLow: Float64Array;
  private readonly scratchHigh: Float64Array;

  constructor(ship: SimShip, ctx: VoiceContext) {
    this.ship = ship;
    this.ctx = ctx;
    const { grid } = ctx;
    const a = ship.acoustics;
    this.lines = a.lines.filter((l) => l.freqHz < 0.45 * grid.sampleRate);
    this.lineAlpha = Float64Array.from(this.lines, (l) => francoisGarrisonDbPerKm(l.freqHz) / 1000);
    const nb = grid.freqs.length;
    this.binBaseDb = new Float64Array(nb);
    this.binAlphaDbPerM = new Float64Array(nb);
    this.lowGain = new Float64Array(nb);
    this.highGain = new Float64Array(nb);
    const cavDb = NON_CAVITATING_HIGH_BAND_DB * (1 - a.cavitation);
    for (let b = 0; b < nb; b++) {
      const f = grid.freqs[b];
      this.binBaseDb[b] = continuumDb(f, ship.speedKn, ship.lengthM, a) + 10 * Math.log10(grid.response[b] * grid.psdToBinPower);
      this.binAlphaDbPerM[b] = francoisGarrisonDbPerKm(f) / 1000;
      const h = 1 / (1 + (a.crossoverHz / Math.max(f, 1e-3)) ** 4);
      this.lowGain[b] = Math.sqrt(1 - h);
      this.highGain[b] = Math.sqrt(h) * 10 ** (cavDb / 20);
    }
    const rng = new Rng(seedOf(ctx.seed, 'voice', ship.mmsi, ship.cpaTime));
    this.shaftJitter = new SmoothNoise(rng, a.jitter.tauS);
    this.generatorJitter = new SmoothNoise(rng, 20);
    this.fading = new SmoothNoise(rng, rng.uniform(2, 20), 6);
    this.shaftCyc = new Float64Array(grid.hop + PHASE_STEP + 1);
    this.genCyc = new Float64Array(grid.hop + PHASE_STEP + 1);
    this.buf = new Float64Array(grid.hop);
    this.scratchPower = new Float64Array(nb);
    this.scratchLow = new Float64Array(nb);
    this.scratchHigh = new Float64Array(nb);
  }

  /** Geometry for sound arriving at the sensor at `timeMs` (emitted at the retarded time). */
  geometryAt(timeMs: number): Geometry {
    const { ship, ctx } = this;
    const dz = Math.max(1, ctx.sensor.depthM - ship.sourceDepthM);
    let tEmit = timeMs;
    for (let i = 0; i < 2; i++) {
      const p = shipEnuAt(ship, tEmit);
      tEmit = timeMs - (Math.hypot(p.east, p.north, dz) / SOUND_SPEED_MS) * 1000;
    }
    const p = shipEnuAt(ship, tEmit);
    const r = Math.max(1, Math.hypot(p.east, p.north));
    const slant = Math.hypot(r, dz);
    const active = isOnTrack(ship, tEmit) && r <= ctx.maxRangeM;
    const sinTheta = grazingSin(r, ctx.sensor.depthM, ship.sourceDepthM);
    const c = (ship.courseDeg * Math.PI) / 180;
    const cosFromBow = (-p.east * Math.sin(c) - p.north * Math.cos(c)) / r;
    // Multipath fading (§7.1): σ 1 dB near the sensor, 2 dB beyond 10 km (the realism check measured 0.4–3 dB of
    // 0.25 s level spread in 10 s of real ships at 1–2 km; 0.5 dB over tens of seconds gave 0.2–0.9).
    const fadeDb = (1 + Math.min(1, r / 10_000)) * this.fading.value(tEmit / 1000);
    const levelDb = aspectDb(ship.acoustics.bowSternDb, cosFromBow) + fadeDb;
    const cosEl = Math.sqrt(1 - sinTheta * sinTheta);
    const sigmaHM = ctx.sigmaHAt(timeMs);
    const g: Geometry = {
      active, horizontalM: r, slantM: slant, sinTheta, sigmaHM, levelDb,
      cx: (-p.east / r) * cosEl, cy: (-p.north / r) * cosEl, cz: -sinTheta,
      demonScale: active ? demonRangeFactor(slant) : 0,
      lineAmp: new Float64Array(this.lines.length),
    };
    if (active) this.fillLineAmps(g);
    return g;
  }

  private fillLineAmps(g: Geometry): void {
    const spread = spreadingLossDb(g.slantM);
    const { grid, inaudiblePsd } = this.ctx;
    const df = grid.sampleRate / grid.size;
    for (let l = 0; l < this.lines.length; l++) {
      const line = this.lines[l];
      const db = line.levelDb + g.levelDb - spread - this.lineAlpha[l] * g.slantM;
      const gain = lloydMirrorFactor(line.freqHz, this.ship.sourceDepthM, g.sinTheta, g.sigmaHM) * responseAt(line.freqHz);
      const power = 10 ** (db / 10) * gain;
      // A line more than 10 dB under the quietest ambient in 1 Hz is invisible even at 0.25 Hz resolution.
      g.lineAmp[l] = power > 10 * inaudiblePsd[Math.round(line.freqHz / df)] ? Math.sqrt(2 * power) : 0;
    }
  }

  /** Received continuum power per bin (PSD × the grid's bin scaling × sensor response) into `out`. */
  receivedBinPower(g: Geometry, out: Float64Array): Float64Array {
    const spread = spreadingLossDb(g.slantM);
    const freqs = this.ctx.grid.freqs;
    for (let b = 0; b < out.length; b++) {
      const db = this.binBaseDb[b] + g.levelDb - spread - this.binAlphaDbPerM[b] * g.slantM;
      out[b] = g.active ? 10 ** (db / 10) * lloydMirrorFactor(freqs[b], this.ship.sourceDepthM, g.sinTheta, g.sigmaHM) : 0;
    }
    return out;
  }

  private knot(q: number): Geometry {
    const { grid } = this.ctx;
    return this.knots.get(q, () => this.geometryAt((q * grid.hop * 1000) / grid.sampleRate));
  }

  private frame(k: number): NoiseFrame | null {
    return this.frames.get(k, () => this.makeFrame(k));
  }

  private makeFrame(k: number): NoiseFrame | null {
    const g = this.knot(k + 1);
    if (!g.active) return null;
    const { grid, inaudiblePsd } = this.ctx;
    const power = this.receivedBinPower(g, this.scratchPower);
    if (!power.some((p, b) => p > inaudiblePsd[b] * grid.psdToBinPower)) return null;
    const ampLow = this.scratchLow;
    const ampHigh = this.scratchHigh;
    for (let b = 0; b < power.length; b++) {
      const amp = Math.sqrt(power[b]);
      ampLow[b] = amp * this.lowGain[b];
      ampHigh[b] = amp * this.highGain[b];
    }
    const frame = { low: new Float64Array(grid.size), high: new Float64Array(grid.size) };
    grid.synthPair(ampLow, ampHigh, new Rng(seedOf(this.ctx.seed, 'ship', this.ship.mmsi, k)), frame.low, frame.high);
    return frame;
  }

  /** Adds this ship's contribution to chunk j (channels of hop samples, pressure first). */
  addChunk(j: number, out: Float64Array[]): void {
    const a = this.knot(j);
    const b = this.knot(j + 1);
    if (!a.active && !b.active) return;
    const silent = (g: Geometry) => g.lineAmp.every((x) => x === 0);
    if (!this.frame(j - 1) && !this.frame(j) && silent(a) && silent(b)) return;
    this.fillPhases(j, a.slantM, b.slantM);
    this.fillNoise(j, a, b);
    this.addLines(a, b);
    this.spread(a, b, out);
  }

  /** Shaft and generator phase (cycles) at the retarded time of each sample of chunk j. */
  private fillPhases(j: number, slantA: number, slantB: number): void {
    const { grid } = this.ctx;
    const H = grid.hop;
    const a = this.ship.acoustics;
    const sigma = a.jitter.sigma;
    const t0 = (j * H * 1000) / grid.sampleRate - this.ship.cpaTime;
    for (let i = 0; i <= H; i += PHASE_STEP) {
      const slant = slantA + ((slantB - slantA) * i) / H;
      const t = (t0 + (i * 1000) / grid.sampleRate) / 1000 - slant / SOUND_SPEED_MS;
      this.shaftCyc[i] = (a.shaftRpm / 60) * (t + sigma * this.shaftJitter.integral(t));
      this.genCyc[i] = a.generatorRateHz * (t + 0.001 * this.generatorJitter.integral(t));
    }
    for (let i = 0; i < H; i += PHASE_STEP) {
      const s0 = this.shaftCyc[i];
      const ds = (this.shaftCyc[i + PHASE_STEP] - s0) / PHASE_STEP;
      const g0 = this.genCyc[i];
      const dg = (this.genCyc[i + PHASE_STEP] - g0) / PHASE_STEP;
      for (let m = 1; m < PHASE_STEP; m++) {
        this.shaftCyc[i + m] = s0 + ds * m;
        this.genCyc[i + m] = g0 + dg * m;
      }
    }
  }

  /** Overlap-added noise with the DEMON envelope on the cavitation band. */
  private fillNoise(j: number, a: Geometry, b: Geometry): void {
    const H = this.ctx.grid.hop;
    const prev = this.frame(j - 1);
    const cur = this.frame(j);
    const d = this.ship.acoustics.demon;
    const Z = this.ship.acoustics.blades;
    const fo = this.ship.acoustics.firingOrder;
    const ph = d.phases;
    const depth = Math.max(a.demonScale, b.demonScale) * (d.blade[0] + d.blade[1] + d.blade[2] + d.shaft + d.engine);
    for (let i = 0; i < H; i++) {
      const low = (prev ? prev.low[H + i] : 0) + (cur ? cur.low[i] : 0);
      const high = (prev ? prev.high[H + i] : 0) + (cur ? cur.high[i] : 0);
      this.buf[i] = low + high;
    }
    // Below 1 % the envelope is invisible in any DEMON spectrum: skip the per-sample cosines.
    if (depth < 0.01) return;
    for (let i = 0; i < H; i++) {
      const high = (prev ? prev.high[H + i] : 0) + (cur ? cur.high[i] : 0);
      const c = this.shaftCyc[i];
      const scale = a.demonScale + ((b.demonScale - a.demonScale) * i) / H;
      const env =
        d.blade[0] * cosCycles(Z * c + ph[0]) +
        d.blade[1] * cosCycles(2 * Z * c + ph[1]) +
        d.blade[2] * cosCycles(3 * Z * c + ph[2]) +
        d.shaft * cosCycles(c + ph[3]) +
        (d.engine > 0 ? d.engine * cosCycles(fo * c + ph[4]) : 0);
      this.buf[i] += high * scale * env;
    }
  }

  /**
   * Adds the tonal lines. The phase is linear over each PHASE_STEP segment, so a phasor is rotated
   * sample by sample instead of evaluating a cosine per sample.
   */
  private addLines(a: Geometry, b: Geometry): void {
    const H = this.ctx.grid.hop;
    const buf = this.buf;
    for (let l = 0; l < this.lines.length; l++) {
      const a0 = a.lineAmp[l];
      const da = (b.lineAmp[l] - a0) / H;
      if (a0 === 0 && da === 0) continue;
      const line = this.lines[l];
      const cyc = line.driver === 'shaft' ? this.shaftCyc : this.genCyc;
      const order = line.order;
      for (let i = 0; i < H; i += PHASE_STEP) {
        const x0 = order * cyc[i] + line.phase;
        const dx = (order * (cyc[i + PHASE_STEP] - cyc[i])) / PHASE_STEP;
        let c = cosCycles(x0);
        let s = sinCycles(x0);
        const cd = cosCycles(dx);
        const sd = sinCycles(dx);
        for (let m = 0; m < PHASE_STEP; m++) {
          buf[i + m] += (a0 + da * (i + m)) * c;
          const cn = c * cd - s * sd;
          s = s * cd + c * sd;
          c = cn;
        }
      }
    }
  }

  /** Pressure to channel 0, pressure × direction cosines to the velocity channels. */
  private spread(a: Geometry, b: Geometry, out: Float64Array[]): void {
    const H = this.ctx.grid.hop;
    const p = this.buf;
    const ch0 = out[0];
    for (let i = 0; i < H; i++) ch0[i] += p[i];
    const cosA = [a.cx, a.cy, a.cz];
    const cosB = [b.cx, b.cy, b.cz];
    for (let c = 1; c < out.length && c <= 3; c++) {
      const ch = out[c];
      const c0 = cosA[c - 1];
      const dc = (cosB[c - 1] - c0) / H;
      for (let i = 0; i < H; i++) ch[i] += p[i] * (c0 + dc * i);
    }
  }
}
