import { describe, expect, it } from 'vitest';
import { applyMelFilterbank, melFilterbank } from './mel.ts';
import { melLnWasm } from './mel-wasm.ts';
import { xorshiftNoise } from './test-signals.ts';

describe('melLnWasm', () => {
  it('equals ln(mel sum + floor) by Math.log to float32 precision, over 24 decades of level', () => {
    const fb = melFilterbank({ nMels: 128, fMin: 10, fMax: 2000, scale: 'htk', norm: 'none' }, 4000, 1024);
    const noise = xorshiftNoise(513, 5);
    const spectrum = Float64Array.from(noise, (v, k) => (v + 0.5) * 10 ** (12 - (24 * k) / 512));
    const out = new Float32Array(130);
    expect(melLnWasm(fb, spectrum, 1e-6, out, 2)).toBe(true);
    const sums = new Float64Array(128);
    applyMelFilterbank(fb, spectrum, sums);
    for (let b = 0; b < 128; b++) expect(out[2 + b]).toBe(Math.fround(Math.log(sums[b]! + 1e-6)));
  });

  it('declines floors too small for its logarithm (the JavaScript path takes them)', () => {
    const fb = melFilterbank({ nMels: 4, fMin: 10, fMax: 2000, scale: 'htk', norm: 'none' }, 4000, 64);
    expect(melLnWasm(fb, new Float64Array(33), 1e-310, new Float32Array(4), 0)).toBe(false);
  });
});
