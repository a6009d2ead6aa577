import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { VesselTrack } from '../../../shared/ais.ts';
import { diffTrack, diffTracks, spliceTrack } from './track-diff.ts';

const track = (mmsi: number, t: number[]): VesselTrack => ({ mmsi, vesselClass: 'C', t, lat: t.map((x) => x + 0.5), lon: t.map((x) => -x) });

/** What the worker holds after applying the delta to `old`. */
function applied(old: VesselTrack | undefined, next: VesselTrack): number[][] {
  const d = diffTrack(old, next);
  if (d === undefined) return [old!.t, old!.lat];
  const held = old && { t: Float64Array.from(old.t), lat: Float64Array.from(old.lat) };
  return [[...spliceTrack(held?.t, d, d.t)], [...spliceTrack(held?.lat, d, d.lat)]];
}

describe('diffTrack', () => {
  it('posts only the new points when a track slid forward', () => {
    const d = diffTrack(track(1, [0, 60, 120, 130]), track(1, [60, 120, 180, 190]))!;
    expect({ dropFront: d.dropFront, keep: d.keep, t: [...d.t] }).toEqual({ dropFront: 1, keep: 2, t: [180, 190] });
    expect(diffTrack(track(1, [0, 60]), track(1, [0, 60]))).toBeUndefined();
    expect(diffTrack(track(1, [0, 60]), { ...track(1, [0, 60]), vesselClass: 'A' })).toMatchObject({ keep: 2, vesselClass: 'A' });
  });

  it('the worker ends up holding exactly the new track (property)', () => {
    const times = fc.uniqueArray(fc.integer({ min: 0, max: 200 }), { maxLength: 40 }).map((a) => a.sort((x, y) => x - y));
    fc.assert(
      fc.property(times, times, (a, b) => {
        const next = track(1, b);
        expect(applied(track(1, a), next)).toEqual([next.t, next.lat]);
        expect(applied(undefined, next)).toEqual([next.t, next.lat]);
      }),
    );
  });
});

describe('diffTracks', () => {
  it('skips unchanged objects and lists the vessels gone', () => {
    const kept = track(1, [0, 60]);
    const sent = new Map([[1, kept], [2, track(2, [0])]]);
    const { deltas, removed } = diffTracks(sent, [kept, track(3, [5])]);
    expect(deltas.map((d) => d.mmsi)).toEqual([3]);
    expect(removed).toEqual([2]);
  });
});
