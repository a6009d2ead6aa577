/**
 * Small seeded random sources for the demo station. Everything in the simulator is a pure function of
 * (seed, what, when): every frame, report and ship draws from a generator seeded by hashing those keys,
 * so any span can be rendered in any order and comes out identical. Never use Math.random here.
 */

/** lowbias32 integer hash (C. Wellons): good avalanche, two multiplies. */
export function hash32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a of a string, so text keys ('ambient', 'ais') can be mixed into seeds. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Combines keys (integers up to ±2^53, or strings) into one 32-bit seed. */
export function seedOf(...parts: ReadonlyArray<number | string>): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    if (typeof p === 'string') {
      h = hash32(h ^ hashString(p));
      continue;
    }
    const v = Math.floor(p);
    h = hash32(h ^ (v >>> 0));
    h = hash32(h ^ (Math.floor(v / 4294967296) >>> 0));
  }
  return h;
}

/** mulberry32 generator with the usual distributions. */
export class Rng {
  private state: number;
  private spare = Number.NaN;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform 32-bit unsigned integer. */
  nextU32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Integer uniform in [lo, hi] inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** Log-uniform in [lo, hi): equal odds per decade (CPA distances, speeds spanning ranges). */
  logUniform(lo: number, hi: number): number {
    return lo * Math.pow(hi / lo, this.next());
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal (Box–Muller, the second value kept for the next call). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = Number.NaN;
      return s;
    }
    const u1 = 1 - this.next();
    const r = Math.sqrt(-2 * Math.log(u1));
    const a = 2 * Math.PI * this.next();
    this.spare = r * Math.sin(a);
    return r * Math.cos(a);
  }

  /** Normal(mean, sd) clamped by redraw to [lo, hi] (falls back to clamping after 8 tries). */
  truncNormal(mean: number, sd: number, lo: number, hi: number): number {
    for (let i = 0; i < 8; i++) {
      const v = mean + sd * this.normal();
      if (v >= lo && v <= hi) return v;
    }
    return Math.min(hi, Math.max(lo, mean));
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by weight from [item, weight] pairs. */
  weighted<T>(pairs: ReadonlyArray<readonly [T, number]>): T {
    const total = pairs.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [item, w] of pairs) {
      x -= w;
      if (x < 0) return item;
    }
    return pairs[pairs.length - 1][0];
  }

  /** Uniform in a [lo, hi] tuple. */
  inRange(range: readonly [number, number]): number {
    return this.uniform(range[0], range[1]);
  }
}

/**
 * A smooth zero-mean, unit-variance random process: a sum of a few sinusoids with random frequencies
 * (around 1/(2π·τ) for correlation time τ) and phases. Unlike an OU process it has a closed-form value
 * and integral at any time, so shaft-rate jitter and the tonal phases it drives can be evaluated at any
 * instant without integrating from the start (needed for random-access rendering).
 */
export class SmoothNoise {
  private readonly freqs: number[];
  private readonly phases: number[];
  private readonly amp: number;

  constructor(rng: Rng, correlationTimeS: number, terms = 4) {
    const fc = 1 / (2 * Math.PI * correlationTimeS);
    this.freqs = Array.from({ length: terms }, () => fc * rng.uniform(0.35, 2.2));
    this.phases = Array.from({ length: terms }, () => rng.uniform(0, 2 * Math.PI));
    this.amp = Math.sqrt(2 / terms);
  }

  /** Value at t seconds (unit variance). */
  value(tS: number): number {
    let v = 0;
    for (let i = 0; i < this.freqs.length; i++) v += Math.cos(2 * Math.PI * this.freqs[i] * tS + this.phases[i]);
    return this.amp * v;
  }

  /** ∫₀ᵗ value dt up to a constant (exact). */
  integral(tS: number): number {
    let v = 0;
    for (let i = 0; i < this.freqs.length; i++) {
      const w = 2 * Math.PI * this.freqs[i];
      v += Math.sin(w * tS + this.phases[i]) / w;
    }
    return this.amp * v;
  }
}
