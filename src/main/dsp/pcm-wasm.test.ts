import { describe, expect, it } from 'vitest';
import { decodePcm16Wasm } from './pcm-wasm.ts';
import { xorshiftNoise } from './test-signals.ts';

describe('decodePcm16Wasm', () => {
  it.each([
    [1, 7],
    [2, 40_001],
    [3, 33],
    [4, 70_003], // more than two kernel chunks, not a multiple of 4
  ])('%i channel(s), %i frames: exactly sample / 32768 per channel, extremes included', (channels, frames) => {
    const noise = xorshiftNoise(frames * channels, 31 + channels);
    const src = Int16Array.from(noise, (v) => Math.round(v * 32767));
    src[0] = -32768;
    src[src.length - 1] = 32767;
    const out = Array.from({ length: channels }, () => new Float32Array(frames));
    expect(decodePcm16Wasm(src, out)).toBe(true);
    for (let c = 0; c < channels; c++) {
      for (let i = 0; i < frames; i++) {
        if (out[c]![i] !== src[i * channels + c]! / 32768) throw new Error(`channel ${c}, frame ${i}: ${out[c]![i]} ≠ ${src[i * channels + c]! / 32768}`);
      }
    }
    expect(out[0]![0]).toBe(-1);
  });

  it('declines five or more channels (the JavaScript loop decodes those)', () => {
    expect(decodePcm16Wasm(new Int16Array(10), Array.from({ length: 5 }, () => new Float32Array(2)))).toBe(false);
  });
});
