/**
 * The compact form of a vessel picture (parallel arrays) the map draws every second, and the classifier
 * of the current class-mapping version the map colours vessels by.
 */
import type { VesselAt, VesselPositions } from '../../shared/ais.ts';
import type { MappingRepo } from '../classes/mapping-repo.ts';
import { classifyByMapping, type VesselClassifier } from './ship-class.ts';
import type { VesselDb } from './vessel-db.ts';

// 1e-5° ≈ 1 m: plenty for drawing, and fewer digits to send and parse.
const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

/** Vessel records as parallel arrays, in the same order. */
export function compactPositions(vessels: readonly VesselAt[]): VesselPositions {
  const out: VesselPositions = { mmsi: [], lat: [], lon: [], dir: [], vesselClass: [], stale: [] };
  for (const v of vessels) {
    const dir = v.heading ?? v.cog;
    out.mmsi.push(v.mmsi);
    out.lat.push(round5(v.lat));
    out.lon.push(round5(v.lon));
    out.dir.push(dir === null ? null : Math.round(dir));
    out.vesselClass.push(v.vesselClass);
    out.stale.push(v.quality === 'stale' ? 1 : 0);
  }
  return out;
}

/** The current class-mapping version and a classifier by it (designation → class, as the truth labels do). */
export function currentMappingClassifier(mapping: MappingRepo, vdb: VesselDb): { version: number; classify: VesselClassifier } {
  const version = mapping.currentVersion();
  return { version, classify: classifyByMapping(mapping.mapping(version), vdb.designationOf) };
}
