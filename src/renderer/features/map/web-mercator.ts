/**
 * Leaflet's Web Mercator (EPSG:3857) without Leaflet, for the track worker: a position as "world units"
 * in [0, 1]; the layer pixel at zoom z is `unit × 256·2^z − pixelOrigin`, exactly what
 * `map.latLngToLayerPoint` gives. Projecting once per point (zoom-free) makes every redraw a multiply-add.
 */

/** Leaflet's latitude limit of the projection. */
const MAX_LATITUDE = 85.0511287798;

/** World x in [0, 1] of a longitude (not wrapped, like Leaflet). */
export function mercatorX(lon: number): number {
  return 0.5 + lon / 360;
}

/** World y in [0, 1] of a latitude (0 at the north limit, growing southward). */
export function mercatorY(lat: number): number {
  const s = Math.sin((Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat)) * Math.PI) / 180);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
}

/** Pixels per world unit at a zoom level. */
export function worldScale(zoom: number): number {
  return 256 * 2 ** zoom;
}
