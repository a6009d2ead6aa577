/**
 * Turns simulator ground truth at a window's centre into a training label.
 *
 * Audibility is judged by each ship's best third-octave SNR over the ambient (the simulator's `snrDb`),
 * not by a fixed radius: at the MARS site a merchant ship is clearly audible at 60 km while a small
 * boat is lost at 3 km (ship-noise.md §6), so any single radius either calls inaudible small craft
 * "present" or calls loud distant ships "no ship" — the label noise §6 warns teaches a model to
 * hallucinate. The measured SNR-vs-range per class is printed in the model card as the physical check.
 */
import { AppError } from '../../src/shared/errors.ts';

export const CLASS_LABELS = ['A', 'B', 'C', 'D', 'E'] as const;
export const NO_SHIP_LABEL = 'E';

/** One ship as reported by the simulator's `truthAt`. */
export interface TruthShip {
  readonly classId: string;
  readonly rangeM: number;
  /** Best third-octave SNR (20 Hz–2 kHz) over ambient at the sensor, dB (−99 when not rendered). */
  readonly snrDb: number;
}

export interface LabelPolicy {
  /** The loudest ship must reach this SNR to name its class. */
  readonly audibleDb: number;
  /** …and be this much louder than every ship of another class (else the window is 'mixed'). */
  readonly dominanceDb: number;
  /** A window is 'E' only when every ship is below this SNR. */
  readonly clearDb: number;
}

/**
 * 6 dB in the best third-octave raises that band by ~7 dB: plainly visible in a 30-s mean spectrum.
 * −3 dB raises it by < 1.8 dB, within the ambient's own drift. A 6-dB lead means the named ship carries
 * at least 80 % of the ship power in its loudest band.
 */
export const DEFAULT_POLICY: LabelPolicy = { audibleDb: 6, dominanceDb: 6, clearDb: -3 };

export type WindowLabel = { label: string } | { skip: 'mixed' | 'ambiguous' };

function checkClass(classId: string): void {
  if (!(CLASS_LABELS as readonly string[]).includes(classId) || classId === NO_SHIP_LABEL) {
    throw new AppError('BAD_REQUEST', `unknown ship class '${classId}'`);
  }
}

/**
 * The class of the loudest ship when it is audible and dominant; 'E' when no ship is audible at all;
 * otherwise skipped ('mixed': another class is nearly as loud; 'ambiguous': faintly audible).
 */
export function labelFromTruth(ships: readonly TruthShip[], policy: LabelPolicy = DEFAULT_POLICY): WindowLabel {
  ships.forEach((s) => checkClass(s.classId));
  const loudest = ships.reduce<TruthShip | null>((best, s) => (!best || s.snrDb > best.snrDb ? s : best), null);
  if (!loudest || loudest.snrDb < policy.clearDb) return { label: NO_SHIP_LABEL };
  if (loudest.snrDb < policy.audibleDb) return { skip: 'ambiguous' };
  const rival = ships.some((s) => s.classId !== loudest.classId && s.snrDb > loudest.snrDb - policy.dominanceDb);
  return rival ? { skip: 'mixed' } : { label: loudest.classId };
}

/** Class index of a label in CLASS_LABELS. */
export function labelIndex(label: string): number {
  const i = (CLASS_LABELS as readonly string[]).indexOf(label);
  if (i < 0) throw new AppError('BAD_REQUEST', `unknown class label '${label}'`);
  return i;
}
