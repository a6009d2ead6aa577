/**
 * A label from what AIS says about a segment: which vessels (by designation) were in range, only in the
 * buffer ring, or lost nearby, and whether AIS was being received. Under a class mapping version this
 * gives the status and class set; the same stored facts re-derive under any other version.
 *
 * Rules (docs/labels-and-metrics.md): vessels mapped to E (not a ship) are ignored. Ambiguous when AIS
 * coverage is not fresh, when a vessel in range has an Unknown designation (or no static data), when a
 * vessel was lost by AIS close enough to have been in range, or when vessels are only in the ring.
 * Otherwise single (one class in range), multi (several), or background (nothing within range + ring).
 */
import type { Coverage, LabelStatus, MappedClass, VesselZone } from '../../shared/labels.ts';
import { classOf, type ClassMapping } from '../classes/mapping-repo.ts';

/** A vessel of a label at one range: MMSI, designation, zone, closest known distance (m, or null). */
export type StoredVessel = [mmsi: number, designation: string, zone: VesselZone, closestM: number | null];

/**
 * A vessel of a segment's facts (range-independent): MMSI, designation, closest distance over the part
 * of the segment where its position is known, and a lower bound of its distance over the rest (m; null
 * when there is no such part, or nothing is known).
 */
export type FactVessel = [mmsi: number, designation: string, minM: number | null, uncertainM: number | null];

/** Status, distinct classes in range (['E'] for background) and why a label is ambiguous. */
export interface DerivedLabel {
  status: LabelStatus;
  classes: string[];
  reason?: string;
}

/**
 * The zone of a vessel at range `rangeM` with a buffer ring of `bufferM`, or null when it is further:
 * in range when its known track came within range; lost when the unknown part of the segment may have
 * brought it within range; ring when it came (or may have come) only within range + buffer.
 */
export function zoneOf(p: { minM: number; uncertainM: number }, rangeM: number, bufferM: number): VesselZone | null {
  if (p.minM <= rangeM) return 'in';
  if (p.uncertainM <= rangeM) return 'lost';
  if (p.minM <= rangeM + bufferM || p.uncertainM <= rangeM + bufferM) return 'ring';
  return null;
}

/** The vessels of a segment's facts that matter at range `rangeM` (+ ring), with their zones. */
export function vesselsAt(facts: readonly FactVessel[], rangeM: number, bufferM: number): StoredVessel[] {
  const out: StoredVessel[] = [];
  for (const [mmsi, designation, minM, uncertainM] of facts) {
    const zone = zoneOf({ minM: minM ?? Infinity, uncertainM: uncertainM ?? Infinity }, rangeM, bufferM);
    if (zone !== null) out.push([mmsi, designation, zone, minM]);
  }
  return out;
}

const COVERAGE_REASON: Record<Exclude<Coverage, 'fresh'>, string> = {
  stale: 'AIS was silent for a while around the segment',
  none: 'no AIS received around the segment',
};

/** Derives status and classes of one label under `mapping`. */
export function deriveLabel(coverage: Coverage, vessels: readonly StoredVessel[], mapping: ClassMapping): DerivedLabel {
  const inRange = new Set<MappedClass>();
  let unknownIn = false;
  let lost = false;
  let ring = false;
  for (const [, designation, zone] of vessels) {
    const c = classOf(mapping, designation);
    if (c === 'E') continue;
    if (zone === 'lost') lost = true;
    else if (zone === 'ring') ring = true;
    else if (c === 'Unknown') unknownIn = true;
    else inRange.add(c);
  }
  const classes = [...inRange].sort();
  const reason = coverage !== 'fresh' ? COVERAGE_REASON[coverage]
    : unknownIn ? 'a vessel in range has an Unknown designation'
      : lost ? 'AIS lost a vessel close enough to have been in range'
        : classes.length === 0 && ring ? 'a vessel only in the buffer ring' : undefined;
  if (reason !== undefined) return { status: 'ambiguous', classes, reason };
  if (classes.length === 0) return { status: 'background', classes: ['E'] };
  return { status: classes.length === 1 ? 'single' : 'multi', classes };
}
