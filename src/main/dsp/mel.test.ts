import { describe, expect, it } from 'vitest';
import type { MelSpec } from '../../shared/feature-spec.ts';
import { applyMelFilterbank, denseMelWeights, hzToMel, melFilterbank, melToHz } from './mel.ts';

const seedMel: MelSpec = { nMels: 128, fMin: 10, fMax: 2000, scale: 'htk', norm: 'none' };

describe('mel scales', () => {
  it('HTK: 1000 Hz ≈ 1000 mel; Slaney: linear below 1 kHz (15 mel at 1 kHz), log above', () => {
    expect(hzToMel(1000, 'htk')).toBeCloseTo(1000.0, 0);
    expect(hzToMel(1000, 'slaney')).toBeCloseTo(15, 12);
    expect(hzToMel(6400, 'slaney')).toBeCloseTo(42, 12);
    for (const f of [0, 37, 999.9, 1000, 3500]) {
      expect(melToHz(hzToMel(f, 'htk'), 'htk')).toBeCloseTo(f, 9);
      expect(melToHz(hzToMel(f, 'slaney'), 'slaney')).toBeCloseTo(f, 9);
    }
  });
});

describe('filterbanks', () => {
  it('seed (TF): 128 × 513, DC row zero, peaks ≤ 1, every band non-empty', () => {
    const fb = melFilterbank(seedMel, 4000, 1024);
    const w = denseMelWeights(fb);
    expect(fb.nBins).toBe(513);
    for (let b = 0; b < 128; b++) {
      expect(w[b * 513]).toBe(0);
      const row = w.subarray(b * 513, (b + 1) * 513);
      expect(Math.max(...row)).toBeGreaterThan(0);
      expect(Math.max(...row)).toBeLessThanOrEqual(1);
    }
  });

  it('a tone lands in the band whose centre is nearest to it', () => {
    const fs = 4000;
    const fb = melFilterbank(seedMel, fs, 1024);
    const edges = Array.from({ length: 130 }, (_, i) => melToHz(hzToMel(10, 'htk') + (i * (hzToMel(2000, 'htk') - hzToMel(10, 'htk'))) / 129, 'htk'));
    const spectrum = new Float64Array(513);
    const bin = 256; // 1000 Hz
    spectrum[bin] = 1;
    const out = new Float64Array(128);
    applyMelFilterbank(fb, spectrum, out);
    const best = out.indexOf(Math.max(...out));
    const centres = edges.slice(1, 129);
    const nearest = centres.reduce((bi, c, i) => (Math.abs(c - 1000) < Math.abs(centres[bi] - 1000) ? i : bi), 0);
    expect(best).toBe(nearest);
  });

  it('Slaney norm: each triangle has area ≈ 1 in Hz (sum of weights × bin width)', () => {
    const fs = 8000;
    const fb = melFilterbank({ nMels: 32, fMin: 20, fMax: 3800, scale: 'slaney', norm: 'slaney' }, fs, 2048);
    const binHz = fs / 2048;
    for (let b = 4; b < 32; b++) {
      const area = fb.weights[b].reduce((a, v) => a + v, 0) * binHz;
      expect(area).toBeGreaterThan(0.97);
      expect(area).toBeLessThan(1.03);
    }
  });

  it('rejects fMax above Nyquist', () => {
    expect(() => melFilterbank({ ...seedMel, fMax: 2500 }, 4000, 1024)).toThrow(/Nyquist/);
  });
});
