import { describe, expect, it } from 'vitest';
import type { FeatureCollection, Position } from 'geojson';
import { boxAround, clipRing, clipToBox, crossesAntimeridian, vertexCount, withoutAntimeridianPolygons } from './basemap-geometry.ts';

const square = (x0: number, y0: number, x1: number, y1: number): Position[] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const collection = (...polygons: Position[][][]): FeatureCollection => ({
  type: 'FeatureCollection',
  features: [{ type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: polygons } }],
});

describe('base map geometry', () => {
  it('detects rings that wrap around the antimeridian', () => {
    expect(crossesAntimeridian([[179, 0], [-179, 1], [179, 2]])).toBe(true);
    expect(crossesAntimeridian(square(-10, -10, 10, 10))).toBe(false);
  });

  it('drops wrapping polygons and keeps the rest', () => {
    const out = withoutAntimeridianPolygons(collection([square(0, 0, 1, 1)], [[[179, 0], [-179, 0], [-179, 1], [179, 1], [179, 0]]]));
    expect(out.features[0].geometry.coordinates).toHaveLength(1);
  });

  it('clips a ring to a box', () => {
    const clipped = clipRing(square(-2, -2, 2, 2), [0, 0, 1, 1]);
    const xs = clipped.map((p) => p[0]);
    const ys = clipped.map((p) => p[1]);
    expect(Math.min(...xs)).toBe(0);
    expect(Math.max(...xs)).toBe(1);
    expect(Math.min(...ys)).toBe(0);
    expect(Math.max(...ys)).toBe(1);
    expect(clipRing(square(5, 5, 6, 6), [0, 0, 1, 1])).toEqual([]);
  });

  it('keeps only the land inside the box, closed', () => {
    const out = clipToBox(collection([square(-130, 30, -120, 40)], [square(10, 10, 11, 11)]), boxAround(36.7, -122.2, 1, 1));
    const polys = out.features[0].geometry.coordinates;
    expect(polys).toHaveLength(1);
    const ring = polys[0][0];
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(ring.every(([x, y]) => x >= -123.2 - 1e-9 && x <= -121.2 + 1e-9 && y >= 35.7 - 1e-9 && y <= 37.7 + 1e-9)).toBe(true);
    expect(vertexCount(out)).toBe(ring.length);
  });
});
