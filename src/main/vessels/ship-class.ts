/**
 * AIS ship-and-cargo type code → workstation vessel class (A–D), the standard table used until an
 * analyst-edited class mapping exists (issue 7): fishing 30, towing 31/32 and tug 52 → A; pleasure 37,
 * sailing 36, pilot 50, diving 34 → B; passenger 60–69 → C; cargo 70–79, tanker 80–89, military 35 → D.
 */
import type { VesselClass } from '../../shared/ais.ts';
import type { MappedClass } from '../../shared/labels.ts';
import { classOf, type ClassMapping } from '../classes/mapping-repo.ts';
import { shipTypeCategory } from '../ais/legends.ts';

const BY_CODE: Readonly<Record<number, VesselClass>> = {
  30: 'A', 31: 'A', 32: 'A', 52: 'A',
  34: 'B', 36: 'B', 37: 'B', 50: 'B',
  35: 'D',
};

/** The class of a ship-type code; 'unknown' for other or missing codes. */
export function vesselClassOf(shipType: number | null | undefined): VesselClass {
  if (shipType === null || shipType === undefined) return 'unknown';
  const direct = BY_CODE[shipType];
  if (direct !== undefined) return direct;
  if (shipType >= 60 && shipType <= 69) return 'C';
  if (shipType >= 70 && shipType <= 89) return 'D';
  return 'unknown';
}

/** Human-readable ship type (`Cargo`, `Fishing`, …) with its code, or undefined. */
export function shipTypeText(shipType: number | null | undefined): string | undefined {
  if (shipType === null || shipType === undefined) return undefined;
  const category = shipTypeCategory(shipType);
  return category === null ? `type ${shipType}` : `${category} (${shipType})`;
}

/** Gives the class a vessel is drawn and listed with. */
export type VesselClassifier = (mmsi: number, shipType: number | null | undefined) => VesselClass;

/** The standard table by ship-type code (no class mapping at hand: CLI, tests). */
export const classifyByShipType: VesselClassifier = (_mmsi, shipType) => vesselClassOf(shipType);

/** A class-mapping class as a vessel class ('Unknown' is the picture's 'unknown'). */
export function vesselClassOfMapped(c: MappedClass): VesselClass {
  return c === 'Unknown' ? 'unknown' : c;
}

/** Classifies by a class-mapping version: the vessel's designation (text, else ship-type code) looked up in `mapping`. */
export function classifyByMapping(mapping: ClassMapping, designationOf: (mmsi: number) => string): VesselClassifier {
  return (mmsi) => vesselClassOfMapped(classOf(mapping, designationOf(mmsi)));
}
