/**
 * Ship source model (ship-noise.md §1–§2): a broadband monopole source spectrum, propeller and machinery
 * tonals, cavitation and the DEMON amplitude modulation it carries, and shaft-rate jitter.
 *
 * Levels are dB re 1 µPa²/Hz @ 1 m (continuum) or dB re 1 µPa² @ 1 m (lines), monopole source levels
 * (MSL): the surface image is added by propagation.ts.
 */
import type { Rng } from './prng.ts';

/** JOMOPANS-ECHO class constants (§1.1). */
export interface JeParams {
  /** Class reference speed Vc, knots. */
  readonly vcKn: number;
  /** Damping D of the high-frequency branch (3; cruise 4). */
  readonly d: number;
  /** Cargo classes add the low-frequency hump below 100 Hz. */
  readonly cargo: boolean;
  /** Damping of the low-frequency hump (0.8 bulker/container, 1.0 tanker/vehicle carrier). */
  readonly dLf: number;
}

const JE_K = 191;
const JE_K_LF = 208;
const JE_L0_M = 91.44;
/** §1.1 caution: JE under-predicts small craft; floor the length term. */
const JE_MIN_LENGTH_M = 15;

/**
 * JOMOPANS-ECHO monopole source spectrum level (§1.1), dB re 1 µPa²/Hz @ 1 m. V/Vc is clamped to
 * 0.5–2 (the 60·log term overshoots far from Vc) and L floored at 15 m. The two cargo branches differ by
 * 1–2 dB at 100 Hz, so they are blended in dB over 80–125 Hz.
 */
export function jeSourceLevelDb(fHz: number, speedKn: number, lengthM: number, je: JeParams): number {
  const f = Math.max(fHz, 1);
  const ratio = Math.min(2, Math.max(0.5, speedKn / je.vcKn));
  const common = 60 * Math.log10(ratio) + 20 * Math.log10(Math.max(lengthM, JE_MIN_LENGTH_M) / JE_L0_M);
  const f1 = 480 / je.vcKn;
  const hf = JE_K - 20 * Math.log10(f1) - 10 * Math.log10((1 - f / f1) ** 2 + je.d ** 2);
  if (!je.cargo || f >= 125) return hf + common;
  const f1lf = 600 / je.vcKn;
  const lf = JE_K_LF - 40 * Math.log10(f1lf) + 10 * Math.log10(f) - 10 * Math.log10((1 - (f / f1lf) ** 2) ** 2 + je.dLf ** 2);
  const w = Math.min(1, Math.max(0, Math.log10(f / 80) / Math.log10(125 / 80)));
  return (1 - w) * lf + w * hf + common;
}

/** Cavitation onset (§2.3): a sigmoid in V/V_CIS, ~10 %→90 % over ±13 % around inception. */
export function cavitationFactor(speedKn: number, inceptionKn: number): number {
  return 1 / (1 + Math.exp(-(speedKn / inceptionKn - 1) / 0.06));
}

/** How much quieter the cavitation band is when the propeller does not cavitate (§2.3: +10–20 dB when on). */
export const NON_CAVITATING_HIGH_BAND_DB = -12;

export type LineKind = 'blade' | 'shaft' | 'firing' | 'genset' | 'electrical';

/** One tonal line. Its frequency is `order` × the rotation rate of its driver. */
export interface ToneLine {
  readonly kind: LineKind;
  /** Shaft lines wander with the shaft-rate jitter; generator lines are governor-steady (§2.5). */
  readonly driver: 'shaft' | 'generator';
  readonly order: number;
  /** Nominal frequency, Hz. */
  readonly freqHz: number;
  /** Line source level, dB re 1 µPa² @ 1 m. */
  readonly levelDb: number;
  /** Start phase, cycles. */
  readonly phase: number;
}

/** DEMON modulation of the cavitation band (§2.4); indices at short range, before range decorrelation. */
export interface DemonParams {
  /** Indices at 1×, 2×, 3× blade rate. */
  readonly blade: readonly [number, number, number];
  readonly shaft: number;
  /** Small craft: exhaust modulation at the engine firing rate (second family, §2.4). */
  readonly engine: number;
  /** Start phases (cycles) for blade k=1..3, shaft, engine. */
  readonly phases: readonly number[];
}

/** Everything the synthesiser needs to voice one ship. */
export interface ShipAcoustics {
  readonly je: JeParams;
  /** Per-ship random effects (§1.5): level offset, tilt about 100 Hz, stern-minus-bow difference. */
  readonly slOffsetDb: number;
  readonly tiltDbPerDecade: number;
  /**
   * Cavitation lift of the band above ~100 Hz, dB per decade (§2.3: +10–20 dB at f > 100 Hz when cavitating).
   * The realism check (docs/simulator-realism.md) measured real ships at 1–2 km 8–12 dB/decade flatter over
   * 50–1000 Hz than the bare JE shape, so cavitating ships get this lift.
   */
  readonly cavitationTiltDbPerDecade: number;
  readonly bowSternDb: number;
  readonly shaftRpm: number;
  readonly blades: number;
  readonly bladeRateHz: number;
  /** Engine firing frequency as a multiple of shaft rate (geared or direct drive). */
  readonly firingOrder: number;
  /** Generator crank rate, Hz (the generator-driven lines are multiples of it). */
  readonly generatorRateHz: number;
  /** 0…1 how fully the propeller cavitates at this speed. */
  readonly cavitation: number;
  /** Crossover between the unmodulated machinery band and the modulated cavitation band (§2.4, §7.1). */
  readonly crossoverHz: number;
  readonly demon: DemonParams;
  /** Shaft-rate jitter (§2.5): relative σ and correlation time. */
  readonly jitter: { readonly sigma: number; readonly tauS: number };
  readonly lines: readonly ToneLine[];
}

/** Continuum source PSD of a ship at f, dB re 1 µPa²/Hz @ 1 m, including its random offset and tilt. */
export function continuumDb(
  fHz: number, speedKn: number, lengthM: number, a: Pick<ShipAcoustics, 'je' | 'slOffsetDb' | 'tiltDbPerDecade' | 'cavitationTiltDbPerDecade'>,
): number {
  const f = Math.max(fHz, 1);
  // log10(1 + f/100): ~0 below 30 Hz, one decade of lift per decade above ~200 Hz (a smooth knee, no kink).
  const lift = a.cavitationTiltDbPerDecade * Math.log10(1 + f / 100);
  return jeSourceLevelDb(f, speedKn, lengthM, a.je) + a.slOffsetDb + a.tiltDbPerDecade * Math.log10(f / 100) + lift;
}

/** Horizontal aspect (§1.5): ΔL(φ) = −(Δ_bs/2)·cos φ, φ = 0 when the sensor is dead ahead. */
export function aspectDb(bowSternDb: number, cosFromBow: number): number {
  return -(bowSternDb / 2) * cosFromBow;
}

/** Propulsion facts a line set is built from (§2.1–§2.2). */
export interface PropulsionSpec {
  readonly shaftRateHz: number;
  readonly blades: number;
  readonly firingOrder: number;
  readonly generatorRateHz: number;
  /** Generator firing order relative to its crank (N_cyl/2 for a four-stroke). */
  readonly generatorFiringOrder: number;
  readonly gridHz: 50 | 60;
  /** Blade-rate line above the continuum in a 1 Hz bin: 10–20 dB large ships (§2.2); 6–14 dB small (§2.2 says 3–10, real SanctSound small boats showed 17–24 dB lines). */
  readonly lineBoostDb: readonly [number, number];
  /** Continuum source PSD at f (dB/Hz) for line levels. */
  readonly continuumDb: (fHz: number) => number;
  /** Highest line frequency to generate (keep below 0.45·fs, §7.2). */
  readonly maxHz: number;
}

/** Builds the tonal lines of one ship (§2.2 line levels; harmonics decay 2–4 dB each, ±4 dB scatter). */
export function buildToneLines(rng: Rng, p: PropulsionSpec): ToneLine[] {
  const lines: ToneLine[] = [];
  const add = (kind: LineKind, driver: ToneLine['driver'], order: number, rate: number, levelDb: number) => {
    const freqHz = order * rate;
    if (freqHz < 1 || freqHz > p.maxHz) return;
    lines.push({ kind, driver, order, freqHz, levelDb, phase: rng.next() });
  };
  const bladeHz = p.blades * p.shaftRateHz;
  const blade1 = p.continuumDb(bladeHz) + rng.inRange(p.lineBoostDb);
  const decay = rng.uniform(2, 4);
  for (let k = 1; k <= 8; k++) add('blade', 'shaft', k * p.blades, p.shaftRateHz, blade1 - decay * (k - 1) + rng.uniform(-4, 4));
  const shaft1 = blade1 - rng.uniform(5, 15);
  for (let k = 1; k <= 2; k++) add('shaft', 'shaft', k, p.shaftRateHz, shaft1 - 4 * (k - 1));
  const firingHz = p.firingOrder * p.shaftRateHz;
  // Engine lines reach up to 40 × the firing rate (§2.2); the realism check found real ships with 3–13 lines in
  // 20–1000 Hz, so firing harmonics are followed further (each relative to the continuum at its own frequency).
  const firingBoost = rng.uniform(5, 15) - (p.lineBoostDb[1] < 12 ? 4 : 0);
  for (let k = 1; k <= 8; k++) {
    add('firing', 'shaft', k * p.firingOrder, p.shaftRateHz, p.continuumDb(k * firingHz) + firingBoost - 1.5 * (k - 1) + rng.uniform(-3, 3));
  }
  const g = p.generatorRateHz;
  if (g <= 0) return lines;
  add('genset', 'generator', 1, g, p.continuumDb(g) + rng.uniform(0, 8));
  for (let k = 1; k <= 4; k++) {
    const order = k * p.generatorFiringOrder;
    add('genset', 'generator', order, g, p.continuumDb(g * order) + rng.uniform(4, 12) - 2 * (k - 1));
  }
  for (let k = 1; k <= 4; k++) add('electrical', 'generator', (k * p.gridHz) / g, g, p.continuumDb(k * p.gridHz) + rng.uniform(3, 10));
  return lines;
}

/**
 * DEMON indices (§2.4): total m = 0.2–0.6 for a cavitating ship at short range, split over blade
 * harmonics 1 : 0.3–0.7 : 0.1–0.4, shaft 0.1–0.3 × blade; scaled down when not cavitating. The sum of
 * indices stays < 0.95 so the modulation envelope never goes negative.
 */
export function buildDemon(rng: Rng, cavitation: number, smallCraft: boolean): DemonParams {
  const total = rng.uniform(0.2, 0.6) * (0.08 + 0.92 * cavitation);
  const w = [1, rng.uniform(0.3, 0.7), rng.uniform(0.1, 0.4)];
  const wShaft = rng.uniform(0.1, 0.3);
  const wEngine = smallCraft ? rng.uniform(0.3, 0.8) : 0;
  const sum = w[0] + w[1] + w[2] + wShaft + wEngine;
  const k = Math.min(total, 0.9) / sum;
  return {
    blade: [w[0] * k, w[1] * k, w[2] * k],
    shaft: wShaft * k,
    engine: wEngine * k,
    phases: Array.from({ length: 5 }, () => rng.next()),
  };
}

/** Loss of DEMON modulation depth with range: multipath decorrelates the envelope (§2.4: 0.2–0.6 → 0.05–0.2). */
export function demonRangeFactor(slantM: number): number {
  return 0.25 + 0.75 / (1 + (slantM / 6000) ** 2);
}
