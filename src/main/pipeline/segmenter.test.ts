import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Segmenter, type AudioBlock } from './segmenter.ts';

const SR = 100;
/** A ramp so every sample's value is its absolute sample index: windows can be checked exactly. */
function block(startSample: number, n: number, channels = 1, sr = SR): AudioBlock {
  return {
    startTime: (startSample * 1000) / sr,
    sampleRate: sr,
    channels: Array.from({ length: channels }, (_, c) => Float32Array.from({ length: n }, (_, i) => startSample + i + c * 1e6)),
  };
}

describe('Segmenter', () => {
  it('emits 30 s windows every 22.5 s (25 % overlap) continuous across blocks', () => {
    const seg = new Segmenter({ segmentSeconds: 30, overlap: 0.25 });
    const windows = [];
    for (let s = 0; s < 100 * SR; s += 7 * SR) windows.push(...seg.push(block(s, 7 * SR, 2)).windows);
    // 105 s of audio: windows start at 0, 22.5, 45, 67.5 (ends 97.5); the next would end at 120.
    expect(windows.map((w) => w.startTime)).toEqual([0, 22500, 45000, 67500]);
    for (const w of windows) {
      expect(w.endTime - w.startTime).toBe(30000);
      expect(w.channels[0]![0]).toBe((w.startTime / 1000) * SR);
      expect(w.channels[0]![w.channels[0]!.length - 1]).toBe((w.startTime / 1000) * SR + 30 * SR - 1);
      expect(w.channels[1]![0]).toBe((w.startTime / 1000) * SR + 1e6);
    }
  });

  it('reports a gap, drops the partial window before it and restarts after it', () => {
    const seg = new Segmenter({ segmentSeconds: 10, overlap: 0 });
    expect(seg.push(block(0, 15 * SR)).windows).toHaveLength(1);
    const after = seg.push(block(60 * SR, 25 * SR));
    expect(after.gap).toEqual({ startTime: 15000, endTime: 60000 });
    expect(after.windows.map((w) => w.startTime)).toEqual([60000, 70000]);
  });

  it('loop-pads a clip shorter than one window into exactly one padded window', () => {
    const seg = new Segmenter({ segmentSeconds: 30, overlap: 0.25 });
    expect(seg.push(block(0, 4 * SR)).windows).toHaveLength(0);
    const [w, ...rest] = seg.flush();
    expect(rest).toHaveLength(0);
    expect(w!.padded).toBe(true);
    expect(w!.channels[0]!.length).toBe(30 * SR);
    expect(w!.channels[0]![4 * SR]).toBe(0);
    expect(w!.channels[0]![4 * SR + 5]).toBe(5);
  });

  it('drops a trailing partial window after full ones', () => {
    const seg = new Segmenter({ segmentSeconds: 10, overlap: 0 });
    expect(seg.push(block(0, 25 * SR)).windows).toHaveLength(2);
    expect(seg.flush()).toHaveLength(0);
  });

  it('gives the same windows whatever the block sizes (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 30 }), (sizes) => {
        const seg = new Segmenter({ segmentSeconds: 3, overlap: 0.5 });
        let pos = 0;
        const starts: number[] = [];
        for (const n of sizes) {
          for (const w of seg.push(block(pos, n)).windows) {
            starts.push(w.startTime);
            expect(w.channels[0]![0]).toBe((w.startTime / 1000) * SR);
          }
          pos += n;
        }
        const expected = [];
        for (let s = 0; s + 300 <= pos; s += 150) expected.push((s * 1000) / SR);
        expect(starts).toEqual(expected);
      }),
    );
  });
});
