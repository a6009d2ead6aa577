/**
 * Closest point of approach of a vessel to the (fixed) sensor, and the geometry of vessel tracks
 * relative to it, in a local east/north plane around the sensor (equirectangular: within a few
 * hundred km the error is far below AIS noise).
 */
import { EARTH_RADIUS_M } from '../demo/geo.ts';
import { KNOT_MPS } from './interpolate.ts';

const RAD = Math.PI / 180;

/** A point as east/north metres from an origin. */
export interface EastNorth {
  e: number;
  n: number;
}

/** East/north metres of (lat, lon) from `origin`. */
export function toLocal(origin: { lat: number; lon: number }, p: { lat: number; lon: number }): EastNorth {
  const dLon = ((p.lon - origin.lon + 540) % 360) - 180;
  return { e: dLon * RAD * EARTH_RADIUS_M * Math.cos(origin.lat * RAD), n: (p.lat - origin.lat) * RAD * EARTH_RADIUS_M };
}

/** CPA distance (m) and time to it (s, negative when already passed); null when the vessel is (nearly) still or its motion is unknown. */
export function cpaTo(sensor: { lat: number; lon: number }, v: { lat: number; lon: number; sog: number | null; cog: number | null }): { cpaM: number; tcpaS: number } | null {
  if (v.sog === null || v.cog === null) return null;
  const speed = v.sog * KNOT_MPS;
  if (speed < 0.05) return null;
  const p = toLocal(sensor, v);
  const ve = speed * Math.sin(v.cog * RAD);
  const vn = speed * Math.cos(v.cog * RAD);
  const tcpa = -(p.e * ve + p.n * vn) / (speed * speed);
  return { cpaM: Math.hypot(p.e + ve * tcpa, p.n + vn * tcpa), tcpaS: tcpa };
}

/**
 * Parameters s ∈ [0, 1] where the segment a→b is within `r` of the origin, as [s0, s1] (or null),
 * and the parameter of the point closest to the origin.
 */
export function segmentInCircle(a: EastNorth, b: EastNorth, r: number): { inside: [number, number] | null; closest: number } {
  const de = b.e - a.e;
  const dn = b.n - a.n;
  const qa = de * de + dn * dn;
  const qb = 2 * (a.e * de + a.n * dn);
  const qc = a.e * a.e + a.n * a.n - r * r;
  const closest = qa === 0 ? 0 : Math.min(1, Math.max(0, -qb / (2 * qa)));
  if (qa === 0) return { inside: qc <= 0 ? [0, 1] : null, closest };
  const disc = qb * qb - 4 * qa * qc;
  if (disc < 0) return { inside: null, closest };
  const root = Math.sqrt(disc);
  const s0 = Math.max(0, (-qb - root) / (2 * qa));
  const s1 = Math.min(1, (-qb + root) / (2 * qa));
  return { inside: s0 <= s1 ? [s0, s1] : null, closest };
}
