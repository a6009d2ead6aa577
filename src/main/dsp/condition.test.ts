import { describe, expect, it } from 'vitest';
import { DcBlocker, applyGainDb, selectChannels } from './condition.ts';
import { sine } from './test-signals.ts';

describe('DcBlocker', () => {
  it('removes a DC offset, keeps a 200 Hz tone, and streams continuously', () => {
    const fs = 8000;
    const x = sine(fs * 2, 200, fs, 0.1);
    for (let i = 0; i < x.length; i++) x[i] += 0.03;
    const whole = new DcBlocker(fs, 1, 5).process([Float32Array.from(x)])[0];
    const blocker = new DcBlocker(fs, 1, 5);
    const pieces = [x.slice(0, 1234), x.slice(1234, 9000), x.slice(9000)].map((p) => blocker.process([p])[0]);
    const streamed = Float32Array.from(pieces.flatMap((p) => Array.from(p)));
    expect(Array.from(streamed)).toEqual(Array.from(whole));
    const tail = whole.subarray(fs);
    const mean = tail.reduce((a, b) => a + b, 0) / tail.length;
    expect(Math.abs(mean)).toBeLessThan(1e-4);
    expect(Math.max(...tail)).toBeGreaterThan(0.099);
  });

  it('checks its corner frequency and channel count', () => {
    expect(() => new DcBlocker(8000, 1, 5000)).toThrow(/corner/);
    expect(() => new DcBlocker(8000, 2).process([new Float32Array(4)])).toThrow(/2 channels/);
  });
});

describe('gain and channel selection', () => {
  it('applies dB gain in place', () => {
    const [ch] = applyGainDb([Float32Array.from([1, -0.5])], 20);
    expect(Array.from(ch)).toEqual([10, -5]);
  });

  it('selects by index and names a missing channel', () => {
    const a = new Float32Array(1);
    const b = new Float32Array(1);
    expect(selectChannels([a, b], [1, 0])).toEqual([b, a]);
    expect(() => selectChannels([a], [3])).toThrow(/channel 3 requested but the audio has 1/);
  });
});
