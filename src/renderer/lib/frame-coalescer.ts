/**
 * Batches high-rate events into one update per animation frame.
 *
 * Live streams push many small payloads; applying each to a store would re-render React for
 * every one. The coalescer buffers them and hands the whole batch to `apply` once per frame
 * (GitHub Desktop's `emitQueued`, Lichtblick's frame batching).
 */

/** Schedules a callback for the next frame; returns nothing (cancellation is not needed). */
export type FrameScheduler = (callback: () => void) => void;

export interface FrameCoalescer<T> {
  /** Buffers one item and makes sure a flush is scheduled. */
  push(item: T): void;
  /** Applies everything buffered right now (used on teardown and in tests). */
  flush(): void;
  /** Items currently waiting. */
  readonly pending: number;
  /** Drops the buffer and stops applying (late frames become no-ops). */
  dispose(): void;
}

/**
 * The scheduler the renderer uses: `requestAnimationFrame` while visible, a 250 ms timer
 * while hidden (rAF stops in background tabs, and the buffer must not grow without bound).
 */
export function browserFrameScheduler(callback: () => void): void {
  if (typeof document !== 'undefined' && document.visibilityState === 'hidden') {
    setTimeout(callback, 250);
  } else {
    requestAnimationFrame(() => callback());
  }
}

/** Creates a coalescer that calls `apply(batch)` at most once per scheduled frame. */
export function createFrameCoalescer<T>(
  apply: (batch: T[]) => void,
  schedule: FrameScheduler = browserFrameScheduler,
): FrameCoalescer<T> {
  let buffer: T[] = [];
  let scheduled = false;
  let disposed = false;

  const flush = (): void => {
    scheduled = false;
    if (disposed || buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    apply(batch);
  };

  return {
    push(item) {
      if (disposed) return;
      buffer.push(item);
      if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
    },
    flush,
    get pending() {
      return buffer.length;
    },
    dispose() {
      disposed = true;
      buffer = [];
    },
  };
}
