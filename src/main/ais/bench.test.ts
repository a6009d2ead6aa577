import { describe, expect, it } from 'vitest';
import { benchAis } from './bench.ts';

describe('benchAis', () => {
  it('measures a positive decode rate on a small run', async () => {
    const result = await benchAis({ repeat: 2, gpsdecode: false });
    expect(result.sentences).toBeGreaterThan(1500);
    expect(result.messages).toBeGreaterThan(1500);
    expect(result.sentencesPerSecond).toBeGreaterThan(0);
    expect(result.gpsdecode).toBeUndefined();
  });
});
