/**
 * Where a vessel was at any instant, from its reports: linear interpolation between two reports close
 * enough in time, short dead reckoning from the last report's speed and course, otherwise the last report
 * marked stale. Pure functions over a time-sorted track.
 */
import type { PositionQuality } from '../../shared/ais.ts';
import { destination, normalizeDeg } from '../demo/geo.ts';

/** One report of a track (knots, degrees true, epoch ms). */
export interface TrackFix {
  time: number;
  lat: number;
  lon: number;
  sog: number | null;
  cog: number | null;
  heading: number | null;
}

/** An estimated position with how it was obtained. */
export interface PositionEstimate {
  lat: number;
  lon: number;
  sog: number | null;
  cog: number | null;
  heading: number | null;
  quality: PositionQuality;
  /** Time of the report the estimate rests on (the nearer one when interpolating). */
  reportTime: number;
}

/** Limits of `positionAt`. */
export interface PositionAtOptions {
  /** Interpolate only between reports at most this far apart (default 10 min). */
  maxGapMs?: number;
  /** Dead-reckon at most this long after the last report (default 3 min). */
  maxDeadReckonMs?: number;
  /** Beyond dead reckoning, return the last report as 'stale' up to this age (default 10 min; 0 = never). */
  staleMs?: number;
}

export const KNOT_MPS = 1852 / 3600;
/** Below this speed (knots) a vessel is taken as stationary for dead reckoning. */
const STATIONARY_KN = 0.3;

/** Index of the last fix with time ≤ t, or -1. */
export function lastIndexAtOrBefore(track: readonly TrackFix[], t: number): number {
  let lo = 0;
  let hi = track.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (track[mid].time <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Angle interpolation along the shorter arc. */
export function lerpAngle(a: number, b: number, f: number): number {
  const d = ((b - a + 540) % 360) - 180;
  return normalizeDeg(a + d * f);
}

const lerp = (a: number, b: number, f: number) => a + (b - a) * f;
const lerpNullable = (a: number | null, b: number | null, f: number) => (a === null || b === null ? (f < 0.5 ? a : b) : lerp(a, b, f));
const lerpAngleNullable = (a: number | null, b: number | null, f: number) => (a === null || b === null ? (f < 0.5 ? a : b) : lerpAngle(a, b, f));

/** Position between two reports (longitude unwrapped across the antimeridian). */
export function interpolate(a: TrackFix, b: TrackFix, t: number): PositionEstimate {
  const f = b.time === a.time ? 0 : (t - a.time) / (b.time - a.time);
  const dLon = ((b.lon - a.lon + 540) % 360) - 180;
  const lon = ((a.lon + dLon * f + 540) % 360) - 180;
  return {
    lat: lerp(a.lat, b.lat, f), lon, sog: lerpNullable(a.sog, b.sog, f), cog: lerpAngleNullable(a.cog, b.cog, f),
    heading: lerpAngleNullable(a.heading, b.heading, f), quality: 'interpolated', reportTime: f < 0.5 ? a.time : b.time,
  };
}

/** Position `t - fix.time` ms after a report, moving at its speed and course; null when they are unknown. */
export function deadReckon(fix: TrackFix, t: number): PositionEstimate | null {
  const base = { sog: fix.sog, cog: fix.cog, heading: fix.heading, reportTime: fix.time };
  if (fix.sog !== null && fix.sog < STATIONARY_KN) return { ...base, lat: fix.lat, lon: fix.lon, quality: 'dead-reckoned' };
  if (fix.sog === null || fix.cog === null) return null;
  const p = destination(fix, fix.cog, fix.sog * KNOT_MPS * ((t - fix.time) / 1000));
  return { ...base, lat: p.lat, lon: p.lon, quality: 'dead-reckoned' };
}

/** The vessel's position at `t` from its time-sorted `track`, or null when it is unknown then. */
export function positionAt(track: readonly TrackFix[], t: number, options: PositionAtOptions = {}): PositionEstimate | null {
  const { maxGapMs = 600_000, maxDeadReckonMs = 180_000, staleMs = 600_000 } = options;
  const i = lastIndexAtOrBefore(track, t);
  if (i < 0) return null;
  const before = track[i];
  const report = { lat: before.lat, lon: before.lon, sog: before.sog, cog: before.cog, heading: before.heading, reportTime: before.time };
  if (before.time === t) return { ...report, quality: 'reported' };
  const after = track[i + 1];
  if (after !== undefined && after.time - before.time <= maxGapMs) return interpolate(before, after, t);
  const age = t - before.time;
  if (age <= maxDeadReckonMs) {
    const reckoned = deadReckon(before, t);
    if (reckoned !== null) return reckoned;
  }
  return age <= staleMs ? { ...report, quality: 'stale' } : null;
}
