import { describe, expect, it } from 'vitest';
import type { StftSpec } from '../../shared/feature-spec.ts';
import { stft, stftFrameCount } from './stft.ts';
import { sine } from './test-signals.ts';

const base: StftSpec = { nFft: 1024, winLength: 1000, hop: 750, window: 'hann', periodic: true, center: false, padEnd: true, spectrum: 'magnitude' };

describe('frame counts', () => {
  it('TF pad_end: ⌈n/hop⌉ (seed: 160 frames per 30 s at 4 kHz)', () => {
    expect(stftFrameCount(base, 120000)).toBe(160);
    expect(stftFrameCount(base, 120001)).toBe(161);
    expect(stftFrameCount(base, 1)).toBe(1);
    expect(stftFrameCount(base, 0)).toBe(0);
  });

  it('TF without pad_end: 1 + ⌊(n − winLength)/hop⌋, 0 when shorter than a frame', () => {
    const spec = { ...base, padEnd: false };
    expect(stftFrameCount(spec, 120000)).toBe(159);
    expect(stftFrameCount(spec, 1000)).toBe(1);
    expect(stftFrameCount(spec, 999)).toBe(0);
  });

  it('librosa centring: 1 + ⌊n/hop⌋', () => {
    const spec = { ...base, center: true, padEnd: false, nFft: 2048, winLength: 2048, hop: 1024 };
    expect(stftFrameCount(spec, 240000)).toBe(235);
    expect(stftFrameCount(spec, 1023)).toBe(1);
  });
});

describe('spectra', () => {
  it('a tone on bin 128 peaks there with |X| = A·Σw/2 (Hann, periodic)', () => {
    const fs = 4000;
    const spec = { ...base, winLength: 1024 };
    const { frames, bins, data } = stft(spec, sine(8192, (128 * fs) / 1024, fs, 0.8));
    for (let t = 0; t < frames - 1; t++) {
      const row = data.subarray(t * bins, (t + 1) * bins);
      const peak = row.indexOf(Math.max(...row));
      expect(peak).toBe(128);
      expect(row[128]).toBeCloseTo((0.8 * 512) / 2, 2);
    }
  });

  it('power is magnitude squared, and the zero-padded tail frame is quieter', () => {
    const x = sine(4000, 500, 4000);
    const mag = stft(base, x);
    const pow = stft({ ...base, spectrum: 'power' }, x);
    expect(pow.data[2 * mag.bins + 128] / mag.data[2 * mag.bins + 128] ** 2).toBeCloseTo(1, 6);
    expect(mag.frames).toBe(6);
    const last = mag.data.subarray(5 * mag.bins, 6 * mag.bins);
    expect(Math.max(...last)).toBeLessThan(Math.max(...mag.data.subarray(0, mag.bins)));
  });

  it('centred frames see a reflection, not silence, at the start', () => {
    const spec = { ...base, center: true, padEnd: false };
    // A cosine is even about sample 0, so its reflection continues it exactly.
    const { data, bins } = stft(spec, sine(4000, 1000, 4000, 1, Math.PI / 2));
    expect(data[256]).toBeCloseTo(250, 0); // frame 0 is centred on sample 0 and sees a full-length tone
    expect(bins).toBe(513);
  });

  it('rejects winLength > nFft', () => {
    expect(() => stftFrameCount({ ...base, winLength: 2000 }, 10)).toThrow(/exceeds nFft/);
  });
});
