/**
 * Ambient noise (ship-noise.md §4): wind/sea-state noise, distant shipping, turbulence, thermal, optional
 * rain. Spectral densities are dB re 1 µPa²/Hz; components add in power.
 *
 * The station's conditions drift slowly and deterministically with absolute time: wind follows a
 * log-normal random process (median ~6 m/s, hours of correlation, §7.4), distant shipping a 0.25–0.75
 * activity index, and rain showers occur in ~6 % of hours with 30 s onset ramps (§4.4, §7.4).
 */
import { Rng, SmoothNoise, seedOf } from './prng.ts';

/** Coates (1989) / Stojanovic turbulence term (§4.2). */
export function turbulenceDb(fHz: number): number {
  return 17 - 30 * Math.log10(fHz / 1000);
}

/** Coates distant-shipping term for activity s ∈ [0, 1] (§4.2). */
export function coatesShippingDb(fHz: number, s: number): number {
  const f = fHz / 1000;
  return 40 + 20 * (s - 0.5) + 26 * Math.log10(f) - 60 * Math.log10(f + 0.03);
}

/** Coates wind term for wind speed w m/s (§4.2). */
export function coatesWindDb(fHz: number, windMs: number): number {
  const f = fHz / 1000;
  return 50 + 7.5 * Math.sqrt(windMs) + 20 * Math.log10(f) - 40 * Math.log10(f + 0.4);
}

/** Thermal noise (§4.2). */
export function thermalDb(fHz: number): number {
  return -15 + 20 * Math.log10(fHz / 1000);
}

/** Knudsen-type wind noise (§4.2): 43/61/66/70 dB at 1 kHz for 0/5/10/15 m/s. */
export function knudsenWindDb(fHz: number, windMs: number): number {
  const f = fHz / 1000;
  const w = windMs ** 0.75;
  return 44 + 28 * Math.log10(1 + w) + 19 * Math.log10(f) - 18 * Math.log10(f * f + (2.78 + 0.14 * w) ** -2);
}

/**
 * Rain (§4.4): roughly white at `levelDb` above 1 kHz (Sadowski: 63–82 dB/Hz), rolling off below it so
 * that it never masks the shipping band.
 */
export function rainDb(fHz: number, levelDb: number): number {
  return levelDb - 10 * Math.log10(1 + (1000 / fHz) ** 2);
}

/** Sum of dB levels in power. */
function powerSumDb(...levels: number[]): number {
  return 10 * Math.log10(levels.reduce((s, l) => s + 10 ** (l / 10), 0));
}

export interface AmbientConditions {
  readonly windMs: number;
  /** Coates shipping activity 0…1. */
  readonly shipping: number;
  /** Rain level above 1 kHz (dB re 1 µPa²/Hz), 0 = no rain. */
  readonly rainDb: number;
}

/** Total ambient PSD in dB re 1 µPa²/Hz (Coates totals, §4.2 table, plus rain). */
export function ambientDb(fHz: number, c: AmbientConditions): number {
  const parts = [turbulenceDb(fHz), coatesShippingDb(fHz, c.shipping), coatesWindDb(fHz, c.windMs), thermalDb(fHz)];
  if (c.rainDb > 0) parts.push(rainDb(fHz, c.rainDb));
  return powerSumDb(...parts);
}

/**
 * Per-frequency-grid ambient spectra. Each Coates term separates into a fixed spectral shape times a
 * condition-dependent factor, so a frame's PSD is four multiply-adds per bin (no logs at render time).
 */
export class AmbientSpectra {
  private readonly fixed: Float64Array;
  private readonly shipping: Float64Array;
  private readonly wind: Float64Array;
  private readonly rain: Float64Array;

  constructor(freqsHz: Float64Array) {
    const n = freqsHz.length;
    this.fixed = new Float64Array(n);
    this.shipping = new Float64Array(n);
    this.wind = new Float64Array(n);
    this.rain = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const f = Math.max(freqsHz[i], 0.5);
      this.fixed[i] = 10 ** (turbulenceDb(f) / 10) + 10 ** (thermalDb(f) / 10);
      this.shipping[i] = 10 ** (coatesShippingDb(f, 0.5) / 10);
      this.wind[i] = 10 ** (coatesWindDb(f, 0) / 10);
      this.rain[i] = 10 ** (rainDb(f, 0) / 10);
    }
  }

  /** Writes the PSD (µPa²/Hz, linear) for the given conditions into `out`. */
  psd(c: AmbientConditions, out: Float64Array): Float64Array {
    const ks = 10 ** (2 * (c.shipping - 0.5));
    const kw = 10 ** (0.75 * Math.sqrt(c.windMs));
    const kr = c.rainDb > 0 ? 10 ** (c.rainDb / 10) : 0;
    for (let i = 0; i < out.length; i++) {
      out[i] = this.fixed[i] + ks * this.shipping[i] + kw * this.wind[i] + kr * this.rain[i];
    }
    return out;
  }
}

const HOUR_MS = 3_600_000;
const RAIN_RAMP_MS = 30_000;

interface RainShower {
  readonly start: number;
  readonly end: number;
  readonly levelDb: number;
}

/** The station's weather: a deterministic function of (seed, absolute time). */
export class AmbientWeather {
  private readonly seed: number;
  private readonly wind: SmoothNoise;
  private readonly traffic: SmoothNoise;
  private readonly medianWindMs: number;

  constructor(seed: number) {
    this.seed = seed;
    const rng = new Rng(seedOf(seed, 'weather'));
    this.medianWindMs = rng.uniform(4.5, 7.5);
    // Correlation times of hours: weather fronts, not gusts (gusts average out in a 30 s window).
    this.wind = new SmoothNoise(rng, 4 * 3600, 5);
    this.traffic = new SmoothNoise(rng, 8 * 3600, 4);
  }

  /** Conditions at absolute time t (epoch ms). */
  conditionsAt(timeMs: number): AmbientConditions {
    const tS = timeMs / 1000;
    const windMs = Math.min(15, Math.max(0.5, this.medianWindMs * Math.exp(0.45 * this.wind.value(tS))));
    // Busy coast (Monterey Bay lanes): the realism check found real ambient ~10 dB/decade steeper over 50–1000 Hz
    // than a 0.5 activity gave, i.e. more distant-shipping energy at the low end.
    const shipping = Math.min(1, Math.max(0.35, 0.7 + 0.15 * this.traffic.value(tS)));
    return { windMs, shipping, rainDb: this.rainAt(timeMs) };
  }

  /** Rain level (dB/Hz above 1 kHz) at time t, 0 when dry; showers ramp in and out over 30 s. */
  rainAt(timeMs: number): number {
    const hour = Math.floor(timeMs / HOUR_MS);
    let level = 0;
    for (let h = hour - 1; h <= hour; h++) {
      const shower = this.showerInHour(h);
      if (!shower || timeMs < shower.start || timeMs > shower.end) continue;
      const ramp = Math.min(1, (timeMs - shower.start) / RAIN_RAMP_MS, (shower.end - timeMs) / RAIN_RAMP_MS);
      level = Math.max(level, shower.levelDb + 10 * Math.log10(Math.max(ramp, 1e-6)));
    }
    return Math.max(0, level);
  }

  private showerInHour(hour: number): RainShower | null {
    const rng = new Rng(seedOf(this.seed, 'rain', hour));
    if (!rng.chance(0.06)) return null;
    const start = hour * HOUR_MS + rng.uniform(0, HOUR_MS);
    return { start, end: start + rng.uniform(5, 45) * 60_000, levelDb: rng.uniform(60, 76) };
  }
}
