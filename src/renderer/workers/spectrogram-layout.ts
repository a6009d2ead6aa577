/**
 * Geometry of the spectrogram plot: margins, axis ticks and pixel ↔ time/frequency mapping.
 *
 * Newest data sits at the right edge and time flows right-to-left, like a strip chart; the
 * right edge is the newest column received (stream time), not the wall clock, so a station
 * that runs behind does not smear.
 */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Margins in CSS px: frequency labels left, time labels below, colour bar right. */
export const PLOT_MARGINS = { left: 46, right: 62, top: 18, bottom: 22 } as const;

/** The plot area inside a canvas of `width` × `height` CSS px. */
export function plotRect(width: number, height: number): Rect {
  const m = PLOT_MARGINS;
  return { x: m.left, y: m.top, w: Math.max(1, width - m.left - m.right), h: Math.max(1, height - m.top - m.bottom) };
}

const HZ_STEPS = [10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000, 20_000];

/** Round frequency ticks from 0 to `fMaxHz`, at most `maxTicks` + 1 of them. */
export function frequencyTicks(fMaxHz: number, maxTicks: number): number[] {
  if (!(fMaxHz > 0) || maxTicks < 1) return [];
  const step = HZ_STEPS.find((s) => fMaxHz / s <= maxTicks) ?? HZ_STEPS[HZ_STEPS.length - 1];
  const ticks: number[] = [];
  for (let f = 0; f <= fMaxHz + 1e-9; f += step) ticks.push(f);
  return ticks;
}

/** Which absolute columns the plot shows: the newest `count` up to and including `head`. */
export function visibleColumns(head: number, windowMs: number, columnMs: number, capacity: number): { fromAbs: number; count: number } {
  const count = Math.max(1, Math.min(capacity, Math.round(windowMs / columnMs)));
  return { fromAbs: head - count + 1, count };
}

/** Maps a cursor position to the column and bin under it (undefined outside the plot). */
export function pickCell(
  plot: Rect,
  x: number,
  y: number,
  visible: { fromAbs: number; count: number },
  bins: number,
): { abs: number; bin: number } | undefined {
  if (x < plot.x || x >= plot.x + plot.w || y < plot.y || y >= plot.y + plot.h) return undefined;
  const abs = visible.fromAbs + Math.floor(((x - plot.x) / plot.w) * visible.count);
  const bin = bins - 1 - Math.floor(((y - plot.y) / plot.h) * bins);
  return { abs, bin };
}

/** Frequency at the centre of `bin` when `bins` bins span 0 … fMaxHz. */
export function binCentreHz(bin: number, bins: number, fMaxHz: number): number {
  return ((bin + 0.5) / bins) * fMaxHz;
}

/** A level byte (0–255) in dB. */
export function levelToDb(level: number, dbFloor: number, dbCeil: number): number {
  return dbFloor + (level / 255) * (dbCeil - dbFloor);
}
