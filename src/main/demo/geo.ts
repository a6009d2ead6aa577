/**
 * Great-circle geometry on a sphere of the WGS84 mean radius. For the ≤ 200 km the demo works over,
 * the sphere is within ~0.3 % of the ellipsoid, well below AIS fix noise.
 *
 * Ship tracks are straight lines in a local east/north plane around the sensor, mapped to latitude and
 * longitude with the azimuthal-equidistant projection (`enuToLatLon`). That keeps range and bearing from
 * the sensor exact: `distanceM(sensor, enuToLatLon(sensor, e, n)) === hypot(e, n)`.
 */

/** IUGG mean Earth radius (m). */
export const EARTH_RADIUS_M = 6_371_008.8;

export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

const RAD = Math.PI / 180;

/** Wraps any angle into [0, 360). */
export function normalizeDeg(deg: number): number {
  const d = deg % 360;
  return d < 0 ? d + 360 : d;
}

/** Haversine distance in metres. */
export function distanceM(a: LatLon, b: LatLon): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial great-circle bearing from a to b, degrees clockwise from true north in [0, 360). */
export function bearingDeg(a: LatLon, b: LatLon): number {
  const φ1 = a.lat * RAD;
  const φ2 = b.lat * RAD;
  const dλ = (b.lon - a.lon) * RAD;
  const y = Math.sin(dλ) * Math.cos(φ2);
  const x = Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(dλ);
  return normalizeDeg(Math.atan2(y, x) / RAD);
}

/** The point reached from `start` after `distM` metres along the great circle with initial `bearing`. */
export function destination(start: LatLon, bearing: number, distM: number): LatLon {
  const δ = distM / EARTH_RADIUS_M;
  const θ = bearing * RAD;
  const φ1 = start.lat * RAD;
  const λ1 = start.lon * RAD;
  const sinφ2 = Math.sin(φ1) * Math.cos(δ) + Math.cos(φ1) * Math.sin(δ) * Math.cos(θ);
  const φ2 = Math.asin(Math.max(-1, Math.min(1, sinφ2)));
  const λ2 = λ1 + Math.atan2(Math.sin(θ) * Math.sin(δ) * Math.cos(φ1), Math.cos(δ) - Math.sin(φ1) * sinφ2);
  const lon = ((((λ2 / RAD + 540) % 360) + 360) % 360) - 180;
  return { lat: φ2 / RAD, lon };
}

/** Local east/north offsets (m) around `origin` → latitude/longitude (azimuthal equidistant). */
export function enuToLatLon(origin: LatLon, eastM: number, northM: number): LatLon {
  const r = Math.hypot(eastM, northM);
  if (r === 0) return { lat: origin.lat, lon: origin.lon };
  return destination(origin, Math.atan2(eastM, northM) / RAD, r);
}

/** Latitude/longitude → local east/north offsets (m) around `origin` (inverse of `enuToLatLon`). */
export function latLonToEnu(origin: LatLon, p: LatLon): { east: number; north: number } {
  const r = distanceM(origin, p);
  const b = bearingDeg(origin, p) * RAD;
  return { east: r * Math.sin(b), north: r * Math.cos(b) };
}
