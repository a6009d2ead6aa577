/**
 * The vessel picture as the map's vessel canvas draws it: the compact positions projected once to Web
 * Mercator world units in typed arrays (a redraw is then a multiply-add per vessel, no Leaflet objects),
 * and grouped by class and staleness (one canvas path per group).
 */
import type { VesselClass, VesselPositions } from '../../../shared/ais.ts';
import { mercatorX, mercatorY } from './web-mercator.ts';

/** Projected vessels: world x/y in [0, 1], symbol direction (NaN: unknown), class, stale flag, MMSI. */
export interface ProjectedVessels {
  count: number;
  mmsi: Float64Array;
  wx: Float64Array;
  wy: Float64Array;
  dir: Float32Array;
  stale: Uint8Array;
  vesselClass: readonly VesselClass[];
}

/** Projects the compact positions (undefined: none). */
export function projectPositions(p: VesselPositions | undefined): ProjectedVessels {
  const n = p?.mmsi.length ?? 0;
  const out: ProjectedVessels = {
    count: n, mmsi: new Float64Array(n), wx: new Float64Array(n), wy: new Float64Array(n), dir: new Float32Array(n),
    stale: new Uint8Array(n), vesselClass: p?.vesselClass ?? [],
  };
  for (let i = 0; i < n; i++) {
    out.mmsi[i] = p!.mmsi[i];
    out.wx[i] = mercatorX(p!.lon[i]);
    out.wy[i] = mercatorY(p!.lat[i]);
    out.dir[i] = p!.dir[i] ?? Number.NaN;
    out.stale[i] = p!.stale[i];
  }
  return out;
}

/** Indices grouped by class and staleness, the selected vessel apart (drawn last, on top). */
export function groupVessels(p: ProjectedVessels, selected: number | undefined): { groups: number[][]; chosen: number | undefined } {
  const byKey = new Map<string, number[]>();
  let chosen: number | undefined;
  for (let i = 0; i < p.count; i++) {
    if (p.mmsi[i] === selected) {
      chosen = i;
      continue;
    }
    const key = `${p.vesselClass[i]}|${p.stale[i]}`;
    const list = byKey.get(key);
    if (list) list.push(i);
    else byKey.set(key, [i]);
  }
  return { groups: [...byKey.values()], chosen };
}
