import { describe, expect, it } from 'vitest';
import { benchDsp } from './bench.ts';

describe('benchDsp', () => {
  it('returns positive figures for every measurement (small sizes)', async () => {
    const r = await benchDsp({ seedSeconds: 30, decimateSeconds: 10 });
    expect(Object.keys(r).sort()).toEqual([
      'decimate256kTo8k.mono.xRealtime',
      'seed4ch.bareFftSameFrames.xRealtime',
      'seed4ch.decode.xRealtime',
      'seed4ch.decodeOverBareFft.ratio',
      'seed4ch.logMel.xRealtime',
      'seed4ch.logMelOverBareFft.ratio',
      'seed4ch.pipeline.wallClock.xRealtime',
      'seed4ch.pipeline.xRealtime',
      'seed4ch.pipelineOverBareFft.ratio',
      'seed4ch.resample8kTo4k.xRealtime',
      'seed4ch.resampleOverBareFft.ratio',
    ]);
    for (const v of Object.values(r)) expect(v).toBeGreaterThan(0);
    expect(Object.values(r).every(Number.isFinite)).toBe(true);
  }, 30_000);
});
