import { describe, expect, it } from 'vitest';
import { DisplaySpectrogram, quantizeDb } from './display-spectrogram.ts';
import { sine, xorshiftNoise } from './test-signals.ts';

describe('DisplaySpectrogram', () => {
  it('a full-scale sine on a bin centre reads 0 dB in that bin', () => {
    const spec = new DisplaySpectrogram({ sampleRate: 8000 });
    const out = spec.push(sine(8000, 1000, 8000)); // bin 128 of 1024
    expect(out.bins).toBe(513);
    expect(out.columns).toBe(Math.floor((8000 - 1024) / 512) + 1);
    const col = out.db.subarray(3 * 513, 4 * 513);
    expect(col.indexOf(Math.max(...col))).toBe(128);
    expect(col[128]).toBeCloseTo(0, 3);
    expect(col[300]).toBeLessThan(-100);
  });

  it('gives the same columns however the stream is cut', () => {
    const x = Float32Array.from(xorshiftNoise(20000, 3));
    const whole = new DisplaySpectrogram({ sampleRate: 8000, nFft: 256, hop: 100 }).push(x);
    const s = new DisplaySpectrogram({ sampleRate: 8000, nFft: 256, hop: 100 });
    const parts = [1, 250, 7, 5000, 14742].reduce<{ at: number; dbs: number[] }>(
      (acc, size) => {
        const r = s.push(x.subarray(acc.at, acc.at + size));
        return { at: acc.at + size, dbs: [...acc.dbs, ...r.db] };
      },
      { at: 0, dbs: [] },
    );
    expect(parts.dbs.length).toBe(whole.db.length);
    expect(parts.dbs.every((v, i) => v === whole.db[i])).toBe(true);
  });

  it('takes the configured channel from multi-channel input', () => {
    const s = new DisplaySpectrogram({ sampleRate: 8000, nFft: 256, hop: 256, channel: 1 });
    const out = s.push([new Float32Array(256), sine(256, 1000, 8000)]);
    expect(Math.max(...out.db)).toBeGreaterThan(-10);
  });
});

describe('quantizeDb', () => {
  it('maps floor…ceil to 0…255 with clamping', () => {
    const q = quantizeDb(Float32Array.from([-130, -120, -60, -20, 0]), -120, -20);
    expect(Array.from(q)).toEqual([0, 0, 153, 255, 255]);
  });
});
