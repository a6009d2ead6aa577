/**
 * Propagation from a ship to the sensor (ship-noise.md §3).
 *
 * The simulator uses MONOPOLE source levels (JOMOPANS-ECHO, §1.1), so the surface image is applied here
 * (Lloyd's mirror, §3.3) on top of spreading (§3.1) and absorption (§3.2). Defaults describe the MARS
 * site: a deep receiver on a slope (891 m), cylindrical-ish spreading beyond ~1.5 km.
 */

/** Nominal sound speed (m/s) used for travel time, wavenumbers and Doppler. */
export const SOUND_SPEED_MS = 1490;

export interface SpreadingParams {
  /** Range where spherical spreading gives way to the waveguide law (§3.1: 1–2 km deep). */
  readonly transitionM: number;
  /** Spreading exponent beyond the transition (§3.1: 15–17 deep, 10–15 shelf). */
  readonly n: number;
  /** Extra waveguide loss beyond the transition, dB/km (§3.1: 0 deep). */
  readonly betaDbPerKm: number;
}

export const DEEP_SITE_SPREADING: SpreadingParams = { transitionM: 1500, n: 16, betaDbPerKm: 0 };

/** Geometric spreading loss (dB) at slant range R (§3.1): 20·log R, then N·log(R/r_t) beyond r_t. */
export function spreadingLossDb(rangeM: number, p: SpreadingParams = DEEP_SITE_SPREADING): number {
  const r = Math.max(1, rangeM);
  if (r <= p.transitionM) return 20 * Math.log10(r);
  return 20 * Math.log10(p.transitionM) + p.n * Math.log10(r / p.transitionM) + p.betaDbPerKm * (r - p.transitionM) / 1000;
}

/** Thorp absorption, dB/km (§3.2, Jensen et al. form; f in Hz). */
export function thorpDbPerKm(fHz: number): number {
  const f2 = (fHz / 1000) ** 2;
  return 0.0033 + f2 * (0.11 / (1 + f2) + 44 / (4100 + f2) + 3.0e-4);
}

export interface SeawaterParams {
  readonly temperatureC: number;
  readonly salinityPsu: number;
  readonly depthM: number;
  readonly pH: number;
}

/** Mean water along a path from the surface to the MARS sensor (cold, slightly acidic at depth). */
export const MARS_WATER: SeawaterParams = { temperatureC: 6, salinityPsu: 34, depthM: 450, pH: 7.8 };

/** Francois–Garrison (1982) absorption, dB/km (§3.2; f in Hz). */
export function francoisGarrisonDbPerKm(fHz: number, w: SeawaterParams = MARS_WATER): number {
  const { temperatureC: T, salinityPsu: S, depthM: z, pH } = w;
  const f = fHz / 1000;
  const f2 = f * f;
  const c = 1412 + 3.21 * T + 1.19 * S + 0.0167 * z;
  const a1 = (8.86 / c) * 10 ** (0.78 * pH - 5);
  const f1 = 2.8 * Math.sqrt(S / 35) * 10 ** (4 - 1245 / (273 + T));
  const a2 = 21.44 * (S / c) * (1 + 0.025 * T);
  const p2 = 1 - 1.37e-4 * z + 6.2e-9 * z * z;
  const fm = (8.17 * 10 ** (8 - 1990 / (273 + T))) / (1 + 0.0018 * (S - 35));
  const p3 = 1 - 3.83e-5 * z + 4.9e-10 * z * z;
  const a3 =
    T <= 20
      ? 4.937e-4 - 2.59e-5 * T + 9.11e-7 * T * T - 1.5e-8 * T ** 3
      : 3.964e-4 - 1.146e-5 * T + 1.45e-7 * T * T - 6.5e-10 * T ** 3;
  return (a1 * f1 * f2) / (f2 + f1 * f1) + (a2 * p2 * fm * f2) / (f2 + fm * fm) + a3 * p3 * f2;
}

/**
 * Sine of the grazing angle of the direct path at the source (§3.3): geometric for a deep receiver near
 * CPA, clamped to θ_min at range, where refraction and the bottom set the angles instead.
 */
export function grazingSin(horizontalM: number, sensorDepthM: number, sourceDepthM: number, thetaMinDeg = 8): number {
  const dz = Math.max(1, sensorDepthM - sourceDepthM);
  const geometric = dz / Math.hypot(horizontalM, dz);
  return Math.max(geometric, Math.sin((thetaMinDeg * Math.PI) / 180));
}

/**
 * Lloyd's-mirror intensity factor (§3.3) for a source at depth d_s: |1 − μ·e^{iΔ}|² + (1 − μ²) with
 * Δ = 2k·d_s·sinθ and coherent reflection μ = exp(−2k²σ_h²sin²θ). The scattered (1 − μ²) part is given
 * back incoherently (He et al. 2020), so the factor tends to 2 (+3 dB) at high frequency and to the
 * dipole (2k·d_s·sinθ)² at low frequency, with the U-shaped "bathtub" nulls in between near CPA.
 *
 * A ship is not a point at one depth: propellers are metres across and the hull pitches. Averaging Δ
 * uniformly over ±`depthSpread` (relative) multiplies the interference term by sinc(ε·Δ), so the first
 * fringes stay sharp while high-order ones wash out to the incoherent +3 dB, as in real spectrograms.
 */
export function lloydMirrorFactor(fHz: number, sourceDepthM: number, sinTheta: number, sigmaHM: number, depthSpread = 0.12): number {
  const k = (2 * Math.PI * fHz) / SOUND_SPEED_MS;
  const ks = k * sinTheta;
  const mu = Math.exp(-2 * ks * ks * sigmaHM * sigmaHM);
  const delta = 2 * ks * sourceDepthM;
  const x = depthSpread * delta;
  const smear = x < 1e-6 ? 1 : Math.sin(x) / x;
  return Math.max(1e-4, 2 - 2 * mu * Math.cos(delta) * smear);
}

/** Significant wave height (m) of a fully developed sea for wind w (Pierson–Moskowitz, Hs ≈ 0.0214·w²). */
export function significantWaveHeightM(windMs: number): number {
  return 0.0214 * windMs * windMs;
}

/**
 * Transmission loss (dB, positive = loss) at one frequency: spreading + absorption − mirror gain.
 * Used for tonals and for the truth SNR; the synthesiser applies the same terms per FFT bin.
 */
export function transmissionLossDb(
  fHz: number,
  slantM: number,
  mirror: { sourceDepthM: number; sinTheta: number; sigmaHM: number },
  spreading: SpreadingParams = DEEP_SITE_SPREADING,
): number {
  const absorption = (francoisGarrisonDbPerKm(fHz) * slantM) / 1000;
  const g = lloydMirrorFactor(fHz, mirror.sourceDepthM, mirror.sinTheta, mirror.sigmaHM);
  return spreadingLossDb(slantM, spreading) + absorption - 10 * Math.log10(g);
}

/** Doppler factor f'/f = c/(c − v_r) for a source closing at v_r m/s (§2.5; the synth gets it from τ(t)). */
export function dopplerFactor(closingSpeedMs: number): number {
  return SOUND_SPEED_MS / (SOUND_SPEED_MS - closingSpeedMs);
}
