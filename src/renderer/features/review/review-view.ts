/**
 * The time range the review timeline shows, and how following live turns on and off: a pure model
 * (tested without a DOM) behind use-review-view.ts. Following, the range ends at the newest audio and
 * moves with it; panning, zooming or the toggle pauses it on an explicit range; the toggle (or `l`)
 * jumps back to now.
 */
import { MAX_WINDOW_MS, MIN_WINDOW_MS, type TimeView } from '../live/spectrogram-navigation.ts';

export interface Range {
  readonly from: number;
  readonly to: number;
}

/** `paused`: the explicit range shown (undefined = following live, or the target's own range). */
export interface ViewState {
  readonly paused?: Range;
}

export const clampWindow = (ms: number): number => Math.min(MAX_WINDOW_MS, Math.max(MIN_WINDOW_MS, ms));

/** Following live: no explicit range and no fixed target (a session or a chosen range never follows). */
export function isFollowing(state: ViewState, target: Range | undefined): boolean {
  return state.paused === undefined && target === undefined;
}

/** The range shown: the paused range, the target, or the last `windowMs` up to `liveEnd`. */
export function shownRange(state: ViewState, target: Range | undefined, windowMs: number, liveEnd: number): Range {
  return state.paused ?? target ?? { from: liveEnd - windowMs, to: liveEnd };
}

/**
 * A pan or zoom of the spectrogram applied to the range shown: always an explicit range, so it
 * pauses following. The right edge never passes `liveEnd` (the spectrogram's "past the newest
 * audio" means: stop at now, still paused).
 */
export function navigated(shown: Range, change: (v: TimeView) => TimeView, liveEnd: number): Range {
  const next = change({ windowMs: shown.to - shown.from, endTime: shown.to });
  const to = Math.min(liveEnd, next.endTime ?? liveEnd);
  return { from: to - next.windowMs, to };
}

/** The toggle: on → follow (state without a pause); off → pause on the range shown now. */
export function toggledFollow(following: boolean, shown: Range): ViewState {
  return following ? { paused: shown } : {};
}

/** A new window width: while following it becomes the live width; paused, the right edge stays. */
export function withWindow(state: ViewState, shown: Range, following: boolean, windowMs: number): { state: ViewState; liveWindowMs?: number } {
  const w = clampWindow(windowMs);
  return following ? { state, liveWindowMs: w } : { state: { paused: { from: shown.to - w, to: shown.to } } };
}

/** A range that contains `span`: `shown` when it already does, else the same width centred on it (pauses). */
export function revealed(state: ViewState, shown: Range, span: Range): ViewState {
  if (span.from >= shown.from && span.to <= shown.to) return state;
  const w = shown.to - shown.from;
  const mid = (span.from + span.to) / 2;
  return { paused: { from: mid - w / 2, to: mid + w / 2 } };
}
