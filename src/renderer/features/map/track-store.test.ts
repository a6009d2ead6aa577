import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { VesselTrack } from '../../../shared/ais.ts';
import { continueTrack, firstAfter, TrackStore } from './track-store.ts';

const track = (mmsi: number, t: number[], vesselClass: VesselTrack['vesselClass'] = 'D'): VesselTrack => ({
  mmsi, vesselClass, t, lat: t.map((x) => x / 1000), lon: t.map((x) => -x / 1000),
});

describe('firstAfter', () => {
  it('finds the first element greater than t (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 })), fc.integer({ min: -1, max: 51 }), (raw, t) => {
        const ts = [...raw].sort((a, b) => a - b);
        const i = firstAfter(ts, t);
        expect(ts.slice(0, i).every((x) => x <= t)).toBe(true);
        expect(ts.slice(i).every((x) => x > t)).toBe(true);
      }),
    );
  });
});

describe('continueTrack', () => {
  it('keeps the points up to `since`, drops the old tail and appends the new points', () => {
    const old = track(1, [0, 6, 12, 14]); // 14: the moving tail of the last fetch
    const merged = continueTrack(old, track(1, [18, 19], 'A'), 13);
    expect(merged.t).toEqual([0, 6, 12, 18, 19]);
    expect(merged.lat).toEqual([0, 0.006, 0.012, 0.018, 0.019]);
    expect(merged.vesselClass).toBe('A');
  });

  it('never duplicates a point the old track already has, and returns the same object when nothing changed', () => {
    const old = track(1, [0, 6, 8]);
    const merged = continueTrack(old, track(1, [8, 12]), 10);
    expect(merged.t).toEqual([0, 6, 8, 12]);
    expect(continueTrack(old, track(1, []), 10)).toBe(old);
  });
});

describe('TrackStore', () => {
  it('continues tracks, drops vessels that left, reports newcomers and trims the window', () => {
    const store = new TrackStore();
    store.replace([track(1, [0, 60, 120, 130]), track(2, [0, 60])]);
    const newcomers = store.merge([track(1, [180, 190]), track(3, [185])], 125);
    expect(newcomers).toEqual([3]);
    expect(store.list().map((t) => t.mmsi)).toEqual([1]);
    store.add([track(3, [100, 185])]);
    store.trim(100);
    expect(store.list().map((t) => [t.mmsi, t.t])).toEqual([[1, [120, 180, 190]], [3, [100, 185]]]);
    store.trim(1000);
    expect(store.size).toBe(0);
  });

  it('an incremental update equals a full fetch of the later window (server thins on absolute minutes)', () => {
    // Minute rows 0..99 (first fix 5 s into each minute); the server keeps minutes divisible by `step` plus the newest.
    const serve = (from: number, to: number, step: number, since?: number): VesselTrack => {
      const ts: number[] = [];
      for (let m = Math.floor(from / 60); m <= Math.floor(to / 60) && m < 100; m++) {
        const t = m * 60 + 5;
        if (m % step === 0 && t <= to && (since === undefined || t > since)) ts.push(t);
      }
      const newest = Math.min(99, Math.floor(to / 60)) * 60 + 5;
      if (ts.at(-1) !== newest && newest <= to && (since === undefined || newest > since)) ts.push(newest);
      return track(7, ts);
    };
    fc.assert(
      fc.property(fc.integer({ min: 600, max: 5000 }), fc.integer({ min: 15, max: 300 }), fc.integer({ min: 1, max: 6 }), (to, advance, step) => {
        const history = 1800;
        const store = new TrackStore();
        store.replace([serve(to - history, to, step)]);
        const since = to - 120;
        const later = to + advance;
        store.merge([serve(later - history, later, step, since)], since);
        store.trim(later - history);
        const expected = serve(later - history, later, step).t.filter((t) => t >= later - history);
        expect(store.list()[0]?.t ?? []).toEqual(expected);
      }),
    );
  });
});
