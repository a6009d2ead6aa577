/**
 * Turns simulator ground truth (ships and their ranges at the window centre) into a training label.
 *
 * A window is labelled with a ship class only when that ship is confidently audible, 'E' only when
 * no ship could plausibly be heard, and skipped in between: training on "present but inaudible"
 * ships is exactly the label noise that ship-noise.md §6 warns teaches a model to hallucinate.
 */
import { AppError } from '../../src/shared/errors.ts';

export const CLASS_LABELS = ['A', 'B', 'C', 'D', 'E'] as const;
export const NO_SHIP_LABEL = 'E';

/** One ship as reported by the simulator's `truthAt`. */
export interface TruthShip {
  classId: string;
  rangeM: number;
}

export interface ClassRadii {
  /** Within this range the ship is taken as clearly audible (label = its class). */
  audibleM: number;
  /** Beyond this range the ship is taken as inaudible (window may be 'E'). */
  clearM: number;
}

/**
 * Per-class radii from the single-hydrophone detection ranges of ship-noise.md §6 (deep site, moderate
 * ambient; treat as ×/÷2). "Audible" is about half the quoted detection range, so the label holds in
 * noisier conditions too; "clear" is about the quoted range in moderate-to-quiet conditions, beyond
 * which a lone ship sits under the distant-shipping floor.
 *   D container 60 km / bulker 35–45 km / naval ~11 km → 15 km audible, 45 km clear
 *   C cruise/ferry 35–45 km                              → 12 km audible, 40 km clear
 *   A tug 17 km (towing 1 km) / fishing 3.5 km            →  3 km audible, 15 km clear
 *   B planing 3 km / cruising < 1 km                      →  1 km audible,  5 km clear
 */
export const DEFAULT_RADII: Readonly<Record<string, ClassRadii>> = {
  A: { audibleM: 3_000, clearM: 15_000 },
  B: { audibleM: 1_000, clearM: 5_000 },
  C: { audibleM: 12_000, clearM: 40_000 },
  D: { audibleM: 15_000, clearM: 45_000 },
};

export type WindowLabel = { label: string } | { skip: 'mixed' | 'ambiguous' };

function radiiFor(classId: string, radii: Readonly<Record<string, ClassRadii>>): ClassRadii {
  const r = radii[classId];
  if (!r) throw new AppError('BAD_REQUEST', `no detection radii for ship class '${classId}'`);
  return r;
}

/**
 * Label for a window given the ships around it: the class of the nearest audible ship; 'E' when every
 * ship is beyond its clear radius; skipped when audible ships of different classes overlap ('mixed')
 * or some ship is between its audible and clear radii ('ambiguous').
 */
export function labelFromTruth(ships: readonly TruthShip[], radii: Readonly<Record<string, ClassRadii>> = DEFAULT_RADII): WindowLabel {
  const audible = ships.filter((s) => s.rangeM <= radiiFor(s.classId, radii).audibleM);
  if (audible.length > 0) {
    const classes = new Set(audible.map((s) => s.classId));
    if (classes.size > 1) return { skip: 'mixed' };
    return { label: audible[0].classId };
  }
  const allClear = ships.every((s) => s.rangeM > radiiFor(s.classId, radii).clearM);
  return allClear ? { label: NO_SHIP_LABEL } : { skip: 'ambiguous' };
}

/** Class index of a label in CLASS_LABELS. */
export function labelIndex(label: string): number {
  const i = (CLASS_LABELS as readonly string[]).indexOf(label);
  if (i < 0) throw new AppError('BAD_REQUEST', `unknown class label '${label}'`);
  return i;
}
