/**
 * Plausibility checks applied before a decoded position is stored, so that absurd fixes
 * (sentinels, out-of-range coordinates, 0°/0°, impossible speeds) never reach the track store.
 */
import type { AisMessage } from './types.ts';

/** Limits used by the plausibility check. */
export interface PlausibilityLimits {
  /** Highest believable speed over ground for ships, knots. Default 60. */
  maxShipSpeedKnots?: number;
  /** Highest believable speed for SAR aircraft (type 9), knots. Default 600. */
  maxAircraftSpeedKnots?: number;
}

/** Why a position is rejected. */
export type PositionIssue =
  | 'no-position'
  | 'position-not-available'
  | 'out-of-range'
  | 'null-island'
  | 'bad-mmsi'
  | 'implausible-speed'
  | 'invalid-course'
  | 'positioning-inoperative';

/** The fields of a fix the plausibility check looks at (a decoded message, or a row of a CSV/JSON feed). */
export interface FixLike {
  /** AIS message type (9 = SAR aircraft, 4/11 = base station); use 1 when the source does not say. */
  type: number;
  mmsi: number;
  lat: number | null;
  lon: number | null;
  speed?: number | null;
  course?: number | null;
  second?: number | null;
}

function hasPosition(message: AisMessage): message is AisMessage & FixLike {
  return 'lat' in message && 'lon' in message;
}

/** The first reason `message` should not be stored as a position fix, or null when it is plausible. */
export function positionIssue(message: AisMessage, limits: PlausibilityLimits = {}): PositionIssue | null {
  if (!hasPosition(message)) return 'no-position';
  return fixIssue(message, limits);
}

/** `positionIssue` for any fix-shaped record, whatever format it came in. */
export function fixIssue(fix: FixLike, limits: PlausibilityLimits = {}): PositionIssue | null {
  const { lat, lon } = fix;
  if (lat === null || lon === null) return 'position-not-available';
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return 'out-of-range';
  if (lat === 0 && lon === 0) return 'null-island';
  if (!Number.isInteger(fix.mmsi) || fix.mmsi < 1 || fix.mmsi > 999_999_999) return 'bad-mmsi';
  const maxSpeed = fix.type === 9 ? (limits.maxAircraftSpeedKnots ?? 600) : (limits.maxShipSpeedKnots ?? 60);
  if (typeof fix.speed === 'number' && (fix.speed > maxSpeed || fix.speed < 0 || Number.isNaN(fix.speed))) return 'implausible-speed';
  if (typeof fix.course === 'number' && !(fix.course >= 0 && fix.course < 360)) return 'invalid-course';
  // Second 63 means the position-fixing system is inoperative: the coordinates are stale.
  if (fix.type !== 4 && fix.type !== 11 && fix.second === 63) return 'positioning-inoperative';
  return null;
}

/** True when `message` carries a position worth storing (see `positionIssue`). */
export function isPlausiblePosition(message: AisMessage, limits: PlausibilityLimits = {}): boolean {
  return positionIssue(message, limits) === null;
}
