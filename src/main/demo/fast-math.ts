/**
 * Table-driven maths for the synthesiser's inner loops: the cosine of a phase in cycles (4096-point
 * table, linear interpolation, accurate to ~3e-7 ≈ −130 dB) and a Rayleigh variate from 16 random bits,
 * each several times faster than Math.cos / Math.log.
 */
const SIZE = 4096;
const TABLE = Float64Array.from({ length: SIZE + 1 }, (_, i) => Math.cos((2 * Math.PI * i) / SIZE));

/** cos(2π·x) for x in cycles (any magnitude). */
export function cosCycles(x: number): number {
  const p = (x - Math.floor(x)) * SIZE;
  const i = p | 0;
  const a = TABLE[i];
  return a + (p - i) * (TABLE[i + 1] - a);
}

/** sin(2π·x) for x in cycles. */
export function sinCycles(x: number): number {
  return cosCycles(x - 0.25);
}

const RAYLEIGH_SIZE = 65536;
/** Inverse CDF of the unit-power Rayleigh law, r = sqrt(−ln(1 − u)), at u = (i + 0.5)/65536. */
const RAYLEIGH = Float64Array.from({ length: RAYLEIGH_SIZE }, (_, i) => Math.sqrt(-Math.log(1 - (i + 0.5) / RAYLEIGH_SIZE)));

/**
 * A complex Gaussian (E|z|² = 1) from one 32-bit random word: the high 16 bits pick the Rayleigh
 * magnitude, the low 16 bits the phase. Writes [re, im] into out.
 */
export function complexGaussian(word: number, out: Float64Array): void {
  const r = RAYLEIGH[word >>> 16];
  const phase = (word & 0xffff) / 65536;
  out[0] = r * cosCycles(phase);
  out[1] = r * cosCycles(phase - 0.25);
}
