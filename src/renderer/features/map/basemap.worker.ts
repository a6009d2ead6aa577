/**
 * Builds the offline base map off the main thread: fetches the bundled world-atlas TopoJSON
 * (Natural Earth land, public domain), converts it to GeoJSON, drops antimeridian-wrapping polygons
 * from the 1:50 m world and clips the 1:10 m land to a box around the sensor.
 */
import { feature } from 'topojson-client';
import type { FeatureCollection } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { boxAround, clipToBox, vertexCount, withoutAntimeridianPolygons } from './basemap-geometry.ts';
import type { BasemapRequest, BasemapResponse } from './basemap-protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

async function landOf(url: string): Promise<FeatureCollection> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`base map ${url}: HTTP ${response.status}`);
  const topology = (await response.json()) as Topology<{ land: GeometryCollection }>;
  return feature(topology, topology.objects.land) as FeatureCollection;
}

scope.onmessage = async (event: MessageEvent<BasemapRequest>) => {
  const { worldUrl, detailUrl, center, halfLat, halfLon } = event.data;
  try {
    const [world, detail] = await Promise.all([landOf(worldUrl), landOf(detailUrl)]);
    const box = boxAround(center.lat, center.lon, halfLat, halfLon);
    const clipped = clipToBox(detail, box);
    const reply: BasemapResponse = {
      ok: true, world: withoutAntimeridianPolygons(world), detail: clipped, box, detailVertices: vertexCount(clipped),
    };
    scope.postMessage(reply);
  } catch (err) {
    scope.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) } satisfies BasemapResponse);
  }
};
