import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { presenceOf, WindowIndex, type LocalFix, type PresenceOptions } from './presence.ts';

const OPTS: PresenceOptions = { maxGapMs: 600_000, staleMs: 600_000, assumedSpeedMps: 15, knownUntil: Number.POSITIVE_INFINITY };
const fix = (t: number, e: number, n: number, sog: number | null = 10, cog: number | null = 90): LocalFix => ({ t, e, n, sog, cog });

describe('presenceOf', () => {
  it('finds the closest approach of a straight leg inside a window, not only at reports', () => {
    // East-bound at n = 1000 m, crossing e = 0 at t = 50 s; reports at 0 and 100 s only.
    const track = [fix(0, -5000, 1000), fix(100_000, 5000, 1000)];
    const index = new WindowIndex([{ start: 40_000, end: 70_000 }, { start: 0, end: 30_000 }].sort((a, b) => a.start - b.start));
    const p = presenceOf(track, index, OPTS);
    const mid = p.get(1)!;
    expect(mid.minM).toBeCloseTo(1000, 6);
    expect(mid.closestAt).toBeCloseTo(50_000, 6);
    expect(mid.coveredMs).toBe(30_000);
    expect(mid.uncertainM).toBe(Infinity);
    expect(p.get(0)!.minM).toBeCloseTo(Math.hypot(2000, 1000), 6);
  });

  it('does not join reports further apart than maxGapMs, and bounds the unknown stretch by speed', () => {
    // 20 min between reports: nothing known in between; the vessel (10 kn) could have come 10 min × 5.14 m/s closer.
    const track = [fix(0, 20_000, 0, 10), fix(1_200_000, 20_000, 0, 10)];
    const index = new WindowIndex([{ start: 300_000, end: 330_000 }]);
    const p = presenceOf(track, index, OPTS).get(0)!;
    expect(p.minM).toBe(Infinity);
    expect(p.coveredMs).toBe(0);
    const speed = 10 * 1852 / 3600;
    expect(p.uncertainM).toBeCloseTo(20_000 - speed * 300, 6);
  });

  it('dead-reckons after the newest report only while its successor may still arrive', () => {
    const track = [fix(0, -1000, 500, 10, 90)];
    const index = new WindowIndex([{ start: 60_000, end: 90_000 }]);
    const provisional = presenceOf(track, index, { ...OPTS, knownUntil: 30_000 }).get(0)!;
    expect(provisional.coveredMs).toBe(30_000);
    expect(provisional.minM).toBeLessThan(1000);
    const final = presenceOf(track, index, { ...OPTS, knownUntil: 3_600_000 }).get(0)!;
    expect(final.coveredMs).toBe(0);
    expect(final.minM).toBe(Infinity);
  });

  it('covers a window exactly once however the legs split it (property)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 60_000 }), { minLength: 2, maxLength: 40 }), (steps) => {
      let t = 0;
      const track = steps.map((dt) => fix((t += dt), t / 100, 0));
      const span = { start: track[0].t, end: track.at(-1)!.t };
      const p = presenceOf(track, new WindowIndex([span]), OPTS).get(0)!;
      expect(p.coveredMs).toBe(span.end - span.start);
      expect(p.uncertainM).toBe(Infinity);
    }));
  });
});
