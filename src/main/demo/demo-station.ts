/**
 * The embedded demo station: endless, deterministic 4-channel audio (pressure + x/y/z particle
 * velocity at 8 kHz) of ships passing the MARS sensor, with matching AIS and ground truth.
 *
 * Everything is a pure function of (seed, absolute time): traffic comes in 6-hour epochs aligned to UTC,
 * audio in fixed chunks on a sample grid counted from the Unix epoch (see frame-synth.ts). So any span
 * can be rendered in any order, in one piece or many, and comes out bit-identical; two stations with the
 * same seed agree. `startTime` only adds a "welcome" pass a few minutes after it, so a fresh demo shows
 * a ship soon.
 *
 * WAV scale (ship-noise.md §7.3): sample 1.0 ↔ DEMO_FULL_SCALE_DB dB re 1 µPa, so moderate ambient
 * (~97 dB) sits near −46 dBFS (−40 windy, −50 calm) and a fast merchant ship at ~1 km near −10 dBFS; a smooth soft limiter keeps
 * the rare louder pass from clipping.
 */
import { AppError } from '../../shared/errors.ts';
import { AmbientWeather, type AmbientConditions } from './ambient.ts';
import { AmbientVoice } from './ambient-voice.ts';
import type { AisReport } from './ais-report.ts';
import { shipAisReports } from './ais-sim.ts';
import { ClipMixer, QUIET_RADIUS_M, type RealClip } from './clips.ts';
import { FrameGrid } from './frame-synth.ts';
import { normalizeDeg } from './geo.ts';
import { significantWaveHeightM } from './propagation.ts';
import { generateScenario, isOnTrack, MARS_SENSOR, shipEnuAt, welcomePass, type Scenario, type SensorSite, type SimShip } from './scenario.ts';
import { ShipVoice } from './ship-voice.ts';
import { bandSnrDb } from './truth-snr.ts';

export { loadDemoClips, DEFAULT_DEMO_DIR, type RealClip } from './clips.ts';
export type { AisReport } from './ais-report.ts';

/** dB re 1 µPa that a WAV sample value of 1.0 represents. */
export const DEMO_FULL_SCALE_DB = 143;
/** Ships beyond this horizontal range are not rendered (below the distant-shipping floor, §6). */
export const MAX_ACOUSTIC_RANGE_M = 80_000;
const EPOCH_MS = 6 * 3_600_000;
/** Longest acoustic travel time considered (80 km / 1490 m/s ≈ 54 s), with margin. */
const TRAVEL_MARGIN_MS = 120_000;
const SOFT_KNEE = 0.5;

export interface DemoStationOptions {
  readonly seed?: number;
  readonly startTime?: number;
  readonly sensor?: SensorSite;
  readonly sampleRate?: number;
  /** 1–4: pressure, then x (east), y (north), z (up) velocity. */
  readonly channels?: number;
  readonly clips?: readonly RealClip[];
  /** A fixed scenario instead of the endless seeded traffic (tests, training data). */
  readonly scenario?: Scenario;
  /** Render ambient noise (default true; off isolates ships in tests). */
  readonly ambient?: boolean;
  /** Add the welcome pass after startTime (default true; ignored with a fixed scenario). */
  readonly welcomePass?: boolean;
}

export interface RenderedAudio {
  /** Time of the first sample (the request snapped to the sample grid). */
  readonly startTime: number;
  readonly sampleRate: number;
  /** One array per channel, full scale ±1. */
  readonly channels: Float32Array[];
}

/** A ship's ground truth at one instant. */
export interface ShipTruth {
  readonly mmsi: number;
  readonly classId: string;
  /** Horizontal great-circle range from the sensor, m (geometric, at the AIS time). */
  readonly rangeM: number;
  /** Bearing from the sensor to the ship, degrees true. */
  readonly bearingDeg: number;
  readonly name: string;
  readonly shipType: number;
  /** Best third-octave SNR (20 Hz–2 kHz) of the ship's continuum over ambient at the sensor, dB (−99 when not rendered). */
  readonly snrDb: number;
}

/** Where a real clip was mixed in. */
export interface ClipPlacement {
  readonly name: string;
  readonly startTime: number;
  readonly endTime: number;
}

export class DemoStation {
  readonly seed: number;
  readonly startTime: number;
  readonly sensor: SensorSite;
  readonly sampleRate: number;
  readonly channels: number;
  private readonly grid: FrameGrid;
  private readonly weather: AmbientWeather;
  private readonly ambient: AmbientVoice | null;
  private readonly ambientVoice: AmbientVoice;
  private readonly clipMixer: ClipMixer;
  private readonly fixed: Scenario | undefined;
  private readonly welcome: SimShip | null;
  private readonly epochs = new Map<number, readonly SimShip[]>();
  /** Keyed by the ship object: two ships can never share a voice, and dropped epochs free theirs. */
  private readonly voices = new WeakMap<SimShip, ShipVoice>();
  private readonly chunks = new Map<number, Float32Array[]>();
  private readonly inaudiblePsd: Float64Array;

  constructor(opts: DemoStationOptions = {}) {
    this.seed = opts.seed ?? 1;
    this.startTime = opts.startTime ?? Date.now();
    this.sensor = opts.sensor ?? MARS_SENSOR;
    this.sampleRate = opts.sampleRate ?? 8000;
    this.channels = opts.channels ?? 4;
    if (!Number.isInteger(this.channels) || this.channels < 1 || this.channels > 4) {
      throw new AppError('BAD_REQUEST', `demo station channels must be 1–4, got ${this.channels}`);
    }
    if (!(this.sampleRate >= 1000 && this.sampleRate <= 192_000)) {
      throw new AppError('BAD_REQUEST', `demo station sample rate out of range: ${this.sampleRate}`);
    }
    this.grid = new FrameGrid(this.sampleRate);
    this.weather = new AmbientWeather(this.seed);
    this.ambientVoice = new AmbientVoice(this.grid, this.seed, this.weather);
    this.ambient = opts.ambient === false ? null : this.ambientVoice;
    this.inaudiblePsd = this.ambientVoice.quietestPsd().map((p) => p / 100);
    this.fixed = opts.scenario;
    this.welcome = !this.fixed && opts.welcomePass !== false ? welcomePass(this.seed, this.startTime) : null;
    this.clipMixer = new ClipMixer(opts.clips ?? [], {
      seed: this.seed,
      sampleRate: this.sampleRate,
      isQuiet: (from, to) => this.isQuiet(from, to),
      ambientRmsAt: (t) => this.ambientRmsAt(t),
    });
  }

  /** Deterministic audio for [fromMs, fromMs + durationMs), snapped to the sample grid. */
  render(fromMs: number, durationMs: number): RenderedAudio {
    const fs = this.sampleRate;
    const H = this.grid.hop;
    const n0 = Math.round((fromMs * fs) / 1000);
    const count = Math.max(0, Math.round((durationMs * fs) / 1000));
    const channels = Array.from({ length: this.channels }, () => new Float32Array(count));
    for (let j = Math.floor(n0 / H); j * H < n0 + count; j++) {
      const chunk = this.chunk(j);
      const from = Math.max(n0, j * H);
      const to = Math.min(n0 + count, (j + 1) * H);
      for (let c = 0; c < this.channels; c++) channels[c].set(chunk[c].subarray(from - j * H, to - j * H), from - n0);
    }
    return { startTime: (n0 * 1000) / fs, sampleRate: fs, channels };
  }

  /** Simulated AIS reports with time in [fromMs, toMs), sorted by time. */
  aisReports(fromMs: number, toMs: number): AisReport[] {
    const reports = this.shipsBetween(fromMs, toMs).flatMap((s) => shipAisReports(s, this.sensor, this.seed, fromMs, toMs));
    return reports.sort((a, b) => a.time - b.time || a.mmsi - b.mmsi);
  }

  /** Ships on their tracks at `timeMs`, with range, bearing and audibility. */
  truthAt(timeMs: number): ShipTruth[] {
    const ambient = this.ambientVoice.binPowerAt(timeMs, new Float64Array(this.grid.freqs.length));
    return this.shipsBetween(timeMs, timeMs)
      .filter((s) => isOnTrack(s, timeMs))
      .map((s) => {
        const p = shipEnuAt(s, timeMs);
        const g = this.voice(s).geometryAt(timeMs);
        const snrDb = g.active ? bandSnrDb(this.grid.freqs, this.voice(s).receivedBinPower(g, new Float64Array(ambient.length)), ambient) : -99;
        return {
          mmsi: s.mmsi,
          classId: s.classId,
          rangeM: Math.hypot(p.east, p.north),
          bearingDeg: normalizeDeg((Math.atan2(p.east, p.north) * 180) / Math.PI),
          name: s.name,
          shipType: s.shipType,
          snrDb,
        };
      });
  }

  /** Every ship whose track overlaps [fromMs, toMs]. */
  shipsBetween(fromMs: number, toMs: number): SimShip[] {
    const candidates = this.fixed ? this.fixed.ships : this.epochShips(fromMs, toMs);
    return candidates.filter((s) => s.trackEnd >= fromMs && s.trackStart <= toMs);
  }

  /** Real (non-vessel) clips mixed into the audio in [fromMs, toMs). */
  clipEvents(fromMs: number, toMs: number): ClipPlacement[] {
    const fs = this.sampleRate;
    return this.clipMixer.eventsBetween(fromMs, toMs).map((e) => ({
      name: this.clipMixer.clipName(e.clip),
      startTime: (e.startSample * 1000) / fs,
      endTime: ((e.startSample + e.length) * 1000) / fs,
    }));
  }

  /** The weather driving the ambient noise at `timeMs`. */
  conditionsAt(timeMs: number): AmbientConditions {
    return this.weather.conditionsAt(timeMs);
  }

  private epochShips(fromMs: number, toMs: number): SimShip[] {
    const ships: SimShip[] = this.welcome ? [this.welcome] : [];
    for (let e = Math.floor(fromMs / EPOCH_MS) - 1; e <= Math.floor(toMs / EPOCH_MS) + 1; e++) {
      let epoch = this.epochs.get(e);
      if (!epoch) {
        epoch = generateScenario({ seed: this.seed, startTime: e * EPOCH_MS, durationMs: EPOCH_MS, sensor: this.sensor }).ships;
        if (this.epochs.size > 16) this.epochs.clear();
        this.epochs.set(e, epoch);
      }
      ships.push(...epoch);
    }
    return ships;
  }

  private voice(ship: SimShip): ShipVoice {
    let v = this.voices.get(ship);
    if (!v) {
      v = new ShipVoice(ship, {
        grid: this.grid,
        seed: this.seed,
        sensor: this.sensor,
        maxRangeM: MAX_ACOUSTIC_RANGE_M,
        sigmaHAt: (t) => significantWaveHeightM(this.weather.conditionsAt(t).windMs) / 4,
        inaudiblePsd: this.inaudiblePsd,
      });
      this.voices.set(ship, v);
    }
    return v;
  }

  private chunk(j: number): Float32Array[] {
    const hit = this.chunks.get(j);
    if (hit) return hit;
    const chunk = this.computeChunk(j);
    this.chunks.set(j, chunk);
    if (this.chunks.size > 4) this.chunks.delete(this.chunks.keys().next().value as number);
    return chunk;
  }

  private computeChunk(j: number): Float32Array[] {
    const H = this.grid.hop;
    const acc = Array.from({ length: this.channels }, () => new Float64Array(H));
    this.ambient?.addChunk(j, acc);
    const t0 = (j * H * 1000) / this.sampleRate;
    const t1 = ((j + 1) * H * 1000) / this.sampleRate;
    for (const ship of this.shipsBetween(t0 - TRAVEL_MARGIN_MS, t1)) this.voice(ship).addChunk(j, acc);
    this.clipMixer.addSpan(j * H, acc);
    const scale = 10 ** (-DEMO_FULL_SCALE_DB / 20);
    return acc.map((ch) => {
      const out = new Float32Array(H);
      for (let i = 0; i < H; i++) out[i] = softLimit(ch[i] * scale);
      return out;
    });
  }

  /** No ship within QUIET_RADIUS_M at any time in [fromMs, toMs] (checked every 15 s and at the ends). */
  private isQuiet(fromMs: number, toMs: number): boolean {
    const ships = this.shipsBetween(fromMs, toMs);
    for (let t = fromMs; ; t = Math.min(toMs, t + 15_000)) {
      for (const s of ships) {
        if (!isOnTrack(s, t)) continue;
        const p = shipEnuAt(s, t);
        if (Math.hypot(p.east, p.north) < QUIET_RADIUS_M) return false;
      }
      if (t >= toMs) return true;
    }
  }

  private ambientRmsAt(timeMs: number): number {
    return this.ambientVoice.rmsAt(timeMs);
  }
}

/** Identity below the knee (−6 dBFS), then a rational curve with continuous slope that approaches ±1 but never reaches it. */
export function softLimit(x: number): number {
  const a = Math.abs(x);
  if (a <= SOFT_KNEE) return x;
  const u = (a - SOFT_KNEE) / (1 - SOFT_KNEE);
  const y = SOFT_KNEE + (1 - SOFT_KNEE) * (u / (1 + u));
  return x < 0 ? -y : y;
}
