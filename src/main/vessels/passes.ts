/**
 * When a vessel was within a range of the sensor: exact circle crossings on the straight segments
 * between consecutive reports (reports further apart than `maxGapMs` are not joined: the vessel is
 * unknown in between, but each such report still counts for the instant it was made).
 */
import { segmentInCircle, toLocal } from './cpa.ts';
import type { TrackFix } from './interpolate.ts';

/** One stay of a vessel within range. */
export interface Pass {
  start: number;
  end: number;
  /** Smallest distance to the sensor during the stay (m) and when. */
  closestM: number;
  closestAt: number;
}

/** Options of `passesWithin`. */
export interface PassOptions {
  /** Only this window is considered (default: the whole track). */
  t0?: number;
  t1?: number;
  /** Reports further apart are not joined by a straight line (default 10 min). */
  maxGapMs?: number;
}

/** Stays of the vessel within `rangeM` of `sensor`, in time order, merged where they touch. */
export function passesWithin(track: readonly TrackFix[], sensor: { lat: number; lon: number }, rangeM: number, options: PassOptions = {}): Pass[] {
  const { t0 = -Infinity, t1 = Infinity, maxGapMs = 600_000 } = options;
  const passes: Pass[] = [];
  const add = (start: number, end: number, closestM: number, closestAt: number) => {
    if (end < t0 || start > t1) return;
    const s = Math.max(start, t0);
    const e = Math.min(end, t1);
    const last = passes.at(-1);
    if (last !== undefined && s <= last.end) {
      last.end = Math.max(last.end, e);
      if (closestM < last.closestM) Object.assign(last, { closestM, closestAt });
    } else passes.push({ start: s, end: e, closestM, closestAt });
  };
  const local = track.map((f) => toLocal(sensor, f));
  for (let i = 0; i < track.length; i++) {
    const a = track[i];
    const b = track[i + 1];
    if (b === undefined || b.time - a.time > maxGapMs || b.time === a.time) {
      const d = Math.hypot(local[i].e, local[i].n);
      if (d <= rangeM) add(a.time, a.time, d, a.time);
      continue;
    }
    const { inside, closest } = segmentInCircle(local[i], local[i + 1], rangeM);
    if (inside === null) continue;
    const at = (s: number) => a.time + s * (b.time - a.time);
    const c = Math.min(Math.max(closest, inside[0]), inside[1]);
    const ce = local[i].e + c * (local[i + 1].e - local[i].e);
    const cn = local[i].n + c * (local[i + 1].n - local[i].n);
    add(at(inside[0]), at(inside[1]), Math.hypot(ce, cn), at(c));
  }
  return passes;
}
