/**
 * Panning and zooming the spectrogram in time: pure functions over the visible range, used by
 * the panel's pointer and wheel handlers.
 */

/** Shortest and longest windows the spectrogram zooms to. */
export const MIN_WINDOW_MS = 10_000;
export const MAX_WINDOW_MS = 14 * 86_400_000;

/** The range shown: its width and right edge (undefined = following live at `liveEnd`). */
export interface TimeView {
  readonly windowMs: number;
  readonly endTime: number | undefined;
}

const clampWindow = (ms: number) => Math.min(MAX_WINDOW_MS, Math.max(MIN_WINDOW_MS, ms));

/**
 * Zooms by `factor` (> 1 zooms out). While following live the right edge stays live; otherwise
 * the time under the cursor (at `fraction` of the plot width from the left) stays put.
 */
export function zoomView(view: TimeView, factor: number, fraction: number, liveEnd: number): TimeView {
  const windowMs = clampWindow(view.windowMs * factor);
  if (view.endTime === undefined) return { windowMs, endTime: undefined };
  const anchor = view.endTime - view.windowMs * (1 - fraction);
  return { windowMs, endTime: Math.min(liveEnd, anchor + windowMs * (1 - fraction)) };
}

/**
 * Pans by `dx` CSS pixels (drag to the right looks back in time) on a plot `plotWidth` wide.
 * Panning leaves live mode; panning past the newest audio returns to it.
 */
export function panView(view: TimeView, dx: number, plotWidth: number, liveEnd: number): TimeView {
  const end = (view.endTime ?? liveEnd) - (dx / Math.max(1, plotWidth)) * view.windowMs;
  return { windowMs: view.windowMs, endTime: end >= liveEnd ? undefined : end };
}

/** Wheel delta → zoom factor (one notch of ±100 ≈ ×1.16). */
export function wheelFactor(deltaY: number): number {
  return Math.exp(Math.max(-500, Math.min(500, deltaY)) * 0.0015);
}
