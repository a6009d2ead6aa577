/**
 * Geometry for the offline base map (Natural Earth land via world-atlas): rings that cross the
 * antimeridian are dropped (Leaflet would draw them as stripes across the world), and the detailed
 * 1:10 m land is clipped to a box around the sensor so only a few thousand points are drawn.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

/** [west, south, east, north] in degrees. */
export type Box = readonly [number, number, number, number];

/** A ring with a jump of more than 180° of longitude between neighbours wraps around the world. */
export function crossesAntimeridian(ring: readonly Position[]): boolean {
  for (let i = 1; i < ring.length; i++) if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) return true;
  return false;
}

/** Clips a closed ring to an axis-aligned box (Sutherland–Hodgman, one box edge at a time). */
export function clipRing(ring: readonly Position[], box: Box): Position[] {
  const [west, south, east, north] = box;
  const edges: [(p: Position) => boolean, (a: Position, b: Position) => Position][] = [
    [(p) => p[0] >= west, (a, b) => at(a, b, 0, west)],
    [(p) => p[0] <= east, (a, b) => at(a, b, 0, east)],
    [(p) => p[1] >= south, (a, b) => at(a, b, 1, south)],
    [(p) => p[1] <= north, (a, b) => at(a, b, 1, north)],
  ];
  let out: Position[] = ring.slice();
  for (const [inside, cut] of edges) {
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i++) {
      const cur = input[i];
      const prev = input[(i + input.length - 1) % input.length];
      if (inside(cur)) {
        if (!inside(prev)) out.push(cut(prev, cur));
        out.push(cur);
      } else if (inside(prev)) out.push(cut(prev, cur));
    }
    if (out.length === 0) return out;
  }
  return out;
}

/** The point of segment a→b where coordinate `axis` equals `value`. */
function at(a: Position, b: Position, axis: 0 | 1, value: number): Position {
  const f = (value - a[axis]) / (b[axis] - a[axis]);
  return axis === 0 ? [value, a[1] + f * (b[1] - a[1])] : [a[0] + f * (b[0] - a[0]), value];
}

function polygonsOf(feature: Feature): Position[][][] {
  const g = feature.geometry;
  if (g?.type === 'Polygon') return [(g as Polygon).coordinates];
  if (g?.type === 'MultiPolygon') return (g as MultiPolygon).coordinates;
  return [];
}

/** Every polygon of the collection as one MultiPolygon feature, with `keep` deciding per polygon and `map` reshaping rings. */
function rebuild(fc: FeatureCollection, keep: (poly: Position[][]) => Position[][] | null): FeatureCollection<MultiPolygon> {
  const polygons: Position[][][] = [];
  for (const f of fc.features) {
    for (const poly of polygonsOf(f)) {
      const kept = keep(poly);
      if (kept !== null) polygons.push(kept);
    }
  }
  return { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: polygons } }] };
}

/** The land without the polygons that wrap around the antimeridian. */
export function withoutAntimeridianPolygons(fc: FeatureCollection): FeatureCollection<MultiPolygon> {
  return rebuild(fc, (poly) => (poly.some(crossesAntimeridian) ? null : poly));
}

/** The land clipped to `box` (polygons outside it dropped). */
export function clipToBox(fc: FeatureCollection, box: Box): FeatureCollection<MultiPolygon> {
  return rebuild(fc, (poly) => {
    if (poly.some(crossesAntimeridian)) return null;
    const rings = poly.map((ring) => clipRing(ring, box)).filter((r) => r.length >= 3);
    if (rings.length === 0 || clipRing(poly[0], box).length < 3) return null;
    return rings.map((r) => [...r, r[0]]);
  });
}

/** A box of ±`halfLat`/±`halfLon` degrees around a point. */
export function boxAround(lat: number, lon: number, halfLat: number, halfLon: number): Box {
  return [lon - halfLon, Math.max(-90, lat - halfLat), lon + halfLon, Math.min(90, lat + halfLat)];
}

/** Number of vertices (to report how much is drawn). */
export function vertexCount(fc: FeatureCollection<MultiPolygon>): number {
  let n = 0;
  for (const f of fc.features) for (const poly of f.geometry.coordinates) for (const ring of poly) n += ring.length;
  return n;
}
