/**
 * The offline base map for a sensor position, built once per position by the base-map worker and
 * kept for the session (revisiting the map page does not rebuild it).
 */
import { useEffect, useState } from 'react';
import worldUrl from 'world-atlas/land-50m.json?url';
import detailUrl from 'world-atlas/land-10m.json?url';
import type { BasemapResponse } from './basemap-protocol.ts';

/** Half-size of the detailed (1:10 m) region around the sensor, degrees. */
const DETAIL_HALF_LAT = 4;
const DETAIL_HALF_LON = 5;

const cache = new Map<string, Promise<BasemapResponse>>();

function build(center: { lat: number; lon: number }): Promise<BasemapResponse> {
  const key = `${center.lat.toFixed(3)},${center.lon.toFixed(3)}`;
  let pending = cache.get(key);
  if (pending === undefined) {
    pending = new Promise<BasemapResponse>((resolve) => {
      const worker = new Worker(new URL('./basemap.worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (e: MessageEvent<BasemapResponse>) => {
        resolve(e.data);
        worker.terminate();
      };
      worker.onerror = (e) => resolve({ ok: false, message: e.message || 'base map worker failed' });
      const base = new URL('.', window.location.href);
      worker.postMessage({
        worldUrl: new URL(worldUrl, base).href, detailUrl: new URL(detailUrl, base).href, center,
        halfLat: DETAIL_HALF_LAT, halfLon: DETAIL_HALF_LON,
      });
    });
    cache.set(key, pending);
  }
  return pending;
}

/** The base map around `center` (undefined while it is being built). */
export function useBasemap(center: { lat: number; lon: number } | undefined): BasemapResponse | undefined {
  const [map, setMap] = useState<BasemapResponse | undefined>(undefined);
  const lat = center?.lat;
  const lon = center?.lon;
  useEffect(() => {
    if (lat === undefined || lon === undefined) return;
    let live = true;
    void build({ lat, lon }).then((m) => live && setMap(m));
    return () => {
      live = false;
    };
  }, [lat, lon]);
  return map;
}
