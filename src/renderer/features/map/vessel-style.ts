/**
 * How a vessel is drawn: class colour, a triangle pointing along its heading (course when the
 * heading is unknown: the server's compact positions carry that direction), faded when its position is stale.
 */
import type { VesselClass } from '../../../shared/ais.ts';
import { classColor } from '../../../shared/taxonomy.ts';

export const UNKNOWN_CLASS_COLOR = '#9aa4b1';

/** Fill colour of a vessel class. */
export function vesselColor(cls: VesselClass): string {
  return cls === 'unknown' ? UNKNOWN_CLASS_COLOR : classColor(cls);
}

/** Screen points of a triangle centred on (x, y) pointing along `headingDeg` (screen y grows down). */
export function trianglePoints(x: number, y: number, headingDeg: number, size: number): [number, number][] {
  const a = (headingDeg * Math.PI) / 180;
  const fx = Math.sin(a);
  const fy = -Math.cos(a);
  const tip: [number, number] = [x + fx * size, y + fy * size];
  const back = 0.6 * size;
  const half = 0.55 * size;
  const left: [number, number] = [x - fx * back + fy * half, y - fy * back - fx * half];
  const right: [number, number] = [x - fx * back - fy * half, y - fy * back + fx * half];
  return [tip, left, right];
}
