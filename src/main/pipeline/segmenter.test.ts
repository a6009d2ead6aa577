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

  it('consecutive files: continuous across a boundary, a gap restarts windows, an overlap is trimmed', () => {
    const seg = new Segmenter({ segmentSeconds: 10, overlap: 0.5 });
    const file = (startS: number, seconds: number) => block(startS * SR, seconds * SR);
    // File 1 [0, 12) and file 2 [12, 30) are contiguous: windows straddle the boundary.
    const a = seg.push(file(0, 12));
    const b = seg.push(file(12, 18));
    expect([...a.windows, ...b.windows].map((w) => w.startTime / 1000)).toEqual([0, 5, 10, 15, 20]);
    expect(b.windows[1]!.channels[0]![0]).toBe(10 * SR); // window [10, 20) crosses the file boundary
    expect(b.gap).toBeUndefined();
    // File 3 starts at 100 s: a 70 s gap, reported once; windows restart at 100 s.
    const c = seg.push(file(100, 16));
    expect(c.gap).toEqual({ startTime: 30_000, endTime: 100_000 });
    expect(c.windows.map((w) => w.startTime / 1000)).toEqual([100, 105]);
    // File 4 starts at 110 s, 6 s before file 3 ended: the overlap is dropped, not analysed twice.
    const d = seg.push(file(110, 16));
    expect(d.overlap).toEqual({ startTime: 110_000, endTime: 116_000 });
    expect(d.gap).toBeUndefined();
    expect(d.windows.map((w) => w.startTime / 1000)).toEqual([110, 115]);
    expect(d.windows[1]!.channels[0]![0]).toBe(116 * SR - 1 * SR); // samples of file 3 up to 116 s, then file 4 from 116 s
    // A file wholly before the stream's end (newest-first ingest) restarts the stream there.
    const e = seg.push(file(40, 12));
    expect(e.gap).toEqual({ startTime: 126_000, endTime: 40_000 });
    expect(e.windows.map((w) => w.startTime / 1000)).toEqual([40]);
  });

  it('beginRecording: an overlapping file is trimmed over many blocks; a wholly earlier file restarts', () => {
    const seg = new Segmenter({ segmentSeconds: 10, overlap: 0 });
    seg.beginRecording(0, 20_000);
    expect(seg.push(block(0, 20 * SR)).windows).toHaveLength(2);
    seg.beginRecording(15_000, 35_000); // overlaps [15, 20) s, delivered in 1-s blocks
    const results = Array.from({ length: 20 }, (_, i) => seg.push(block((15 + i) * SR, SR)));
    expect(results.filter((r) => r.overlap)).toEqual([expect.objectContaining({ overlap: { startTime: 15_000, endTime: 20_000 } })]);
    expect(results.some((r) => r.gap)).toBe(false);
    expect(results.flatMap((r) => r.windows).map((w) => [w.startTime, w.channels[0]![0]])).toEqual([[20_000, 20 * SR]]);
    seg.beginRecording(0, 5000); // newest-first ingest: an older file
    expect(seg.push(block(0, 5 * SR)).gap).toEqual({ startTime: 35_000, endTime: 0 });
  });

  it('a short run before a gap gets one loop-padded window, like a short stream at flush', () => {
    const seg = new Segmenter({ segmentSeconds: 10, overlap: 0 });
    expect(seg.push(block(0, 4 * SR)).windows).toHaveLength(0);
    const after = seg.push(block(50 * SR, 4 * SR));
    expect(after.gap).toEqual({ startTime: 4000, endTime: 50_000 });
    expect(after.windows.map((w) => [w.startTime, w.padded])).toEqual([[0, true]]);
    expect(seg.flush().map((w) => [w.startTime, w.padded])).toEqual([[50_000, true]]);
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

  it('a sample-rate change restarts the stream: a short run before it is loop-padded, not dropped', () => {
    const seg = new Segmenter({ segmentSeconds: 10, overlap: 0 });
    expect(seg.push(block(0, 4 * SR)).windows).toHaveLength(0);
    // The next file continues in time (4 s) but at twice the rate: no gap, a new stream.
    const after = seg.push(block(8 * SR, 12 * 2 * SR, 1, 2 * SR));
    expect(after.gap).toBeUndefined();
    expect(after.windows.map((w) => [w.startTime, w.sampleRate, w.padded])).toEqual([[0, SR, true], [4000, 2 * SR, false]]);
    expect(after.windows[0]!.channels[0]!.subarray(4 * SR, 4 * SR + 3)).toEqual(Float32Array.from([0, 1, 2]));
    // Full windows before a rate change: the trailing partial one is dropped as at any gap; a gap is reported.
    const seg2 = new Segmenter({ segmentSeconds: 10, overlap: 0 });
    expect(seg2.push(block(0, 15 * SR)).windows).toHaveLength(1);
    const later = seg2.push(block(40 * 2 * SR, 10 * 2 * SR, 1, 2 * SR));
    expect(later.gap).toEqual({ startTime: 15_000, endTime: 40_000 });
    expect(later.windows.map((w) => [w.startTime, w.padded])).toEqual([[40_000, false]]);
  });

  it('tags each window with the recording its first sample came from', () => {
    const seg = new Segmenter({ segmentSeconds: 10, overlap: 0.5 });
    seg.beginRecording(0, 12_000, 1);
    const a = seg.push(block(0, 12 * SR)).windows;
    seg.beginRecording(10_000, 30_000, 2); // overlaps [10, 12) s: those samples stay recording 1's
    const b = Array.from({ length: 20 }, (_, i) => seg.push(block((10 + i) * SR, SR)).windows).flat();
    expect([...a, ...b].map((w) => [w.startTime / 1000, w.recordingId])).toEqual([[0, 1], [5, 1], [10, 1], [15, 2], [20, 2]]);
    seg.beginRecording(100_000, 103_000, 3);
    const c = seg.push(block(100 * SR, 3 * SR));
    expect(c.windows).toHaveLength(0);
    expect(seg.flush().map((w) => [w.startTime, w.padded, w.recordingId])).toEqual([[100_000, true, 3]]);
    // Without announced recordings, windows carry no id.
    expect(new Segmenter({ segmentSeconds: 1, overlap: 0 }).push(block(0, SR)).windows[0]).not.toHaveProperty('recordingId');
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
