import { describe, expect, it } from 'vitest';
import { benchAisIngest } from './bench-ingest.ts';

describe('benchAisIngest', () => {
  it('decodes and stores a small run and reports a rate (no timing assertion)', async () => {
    const r = await benchAisIngest({ repeat: 2, gpsdecode: false });
    expect(r.sentences).toBe(1596);
    expect(r.positionsStored).toBeGreaterThan(1400);
    expect(r.sentencesPerSecond).toBeGreaterThan(0);
    expect(r.ratioVsGpsdecode).toBeUndefined();
  });
});
