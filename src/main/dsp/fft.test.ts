import { describe, expect, it } from 'vitest';
import { RealFft, getRealFft } from './fft.ts';
import { xorshiftNoise } from './test-signals.ts';

function naiveDft(x: Float64Array): { re: number[]; im: number[] } {
  const n = x.length;
  const re: number[] = [];
  const im: number[] = [];
  for (let k = 0; k <= n / 2; k++) {
    let a = 0;
    let b = 0;
    for (let t = 0; t < n; t++) {
      a += x[t] * Math.cos((2 * Math.PI * k * t) / n);
      b -= x[t] * Math.sin((2 * Math.PI * k * t) / n);
    }
    re.push(a);
    im.push(b);
  }
  return { re, im };
}

describe('RealFft', () => {
  it.each([4, 8, 16, 64, 256, 1024])('matches a naive DFT on bins 0…n/2 (n = %i)', (n) => {
    const x = xorshiftNoise(n, 7 + n);
    const z = getRealFft(n).transform(x);
    const ref = naiveDft(x);
    for (let k = 0; k <= n / 2; k++) {
      expect(z[2 * k]).toBeCloseTo(ref.re[k], 9);
      expect(z[2 * k + 1]).toBeCloseTo(ref.im[k], 9);
    }
    const power = new Float64Array(n / 2 + 1);
    getRealFft(n).power(x, power);
    expect(power[n / 4]).toBeCloseTo(ref.re[n / 4] ** 2 + ref.im[n / 4] ** 2, 9);
  });

  it('satisfies Parseval: Σx² = (|X0|² + 2Σ|Xk|² + |Xn/2|²)/n', () => {
    const n = 1024;
    const x = xorshiftNoise(n, 99);
    const p = new Float64Array(n / 2 + 1);
    getRealFft(n).power(x, p);
    let spectral = p[0] + p[n / 2];
    for (let k = 1; k < n / 2; k++) spectral += 2 * p[k];
    expect(spectral / n).toBeCloseTo(x.reduce((a, v) => a + v * v, 0), 9);
  });

  it('caches plans and rejects sizes that are not powers of two', () => {
    expect(getRealFft(512)).toBe(getRealFft(512));
    expect(() => new RealFft(1000)).toThrow(/power of two/);
  });
});
