/**
 * The statistics the drift warning needs: Welch's two-sample t-test (one-sided), with the Student t
 * distribution function from the regularised incomplete beta function (continued fraction, as in
 * Numerical Recipes §6.4).
 */

/** ln Γ(x) (Lanczos, g = 7). */
function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let a = c[0];
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta function. */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    for (const aa of [(m * (b - m) * x) / ((a + m2 - 1) * (a + m2)), (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1))]) {
      d = 1 + aa * d;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = 1 + aa / c;
      if (Math.abs(c) < tiny) c = tiny;
      h *= d * c;
    }
    if (Math.abs(d * c - 1) < 1e-15) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(a, b, x)) / a : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const variance = (xs: readonly number[], m: number) => xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);

/** Welch's t-test of H1: mean(recent) < mean(baseline). Needs ≥ 2 values on each side. */
export function welchOneSidedLess(recent: readonly number[], baseline: readonly number[]): { t: number; df: number; p: number } {
  const m1 = mean(recent);
  const m2 = mean(baseline);
  const v1 = variance(recent, m1) / recent.length;
  const v2 = variance(baseline, m2) / baseline.length;
  const se = Math.sqrt(v1 + v2);
  if (se === 0) return { t: m1 < m2 ? -Infinity : m1 > m2 ? Infinity : 0, df: recent.length + baseline.length - 2, p: m1 < m2 ? 0 : m1 > m2 ? 1 : 0.5 };
  const t = (m1 - m2) / se;
  const df = (v1 + v2) ** 2 / (v1 ** 2 / (recent.length - 1) + v2 ** 2 / (baseline.length - 1));
  return { t, df, p: studentTCdf(t, df) };
}
