/** Messages between the map page and the base-map worker. */
import type { FeatureCollection, MultiPolygon } from 'geojson';
import type { Box } from './basemap-geometry.ts';

export interface BasemapRequest {
  worldUrl: string;
  detailUrl: string;
  center: { lat: number; lon: number };
  halfLat: number;
  halfLon: number;
}

export type BasemapResponse =
  | { ok: true; world: FeatureCollection<MultiPolygon>; detail: FeatureCollection<MultiPolygon>; box: Box; detailVertices: number }
  | { ok: false; message: string };
