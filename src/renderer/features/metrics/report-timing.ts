/**
 * Where the time of one Metrics report goes, measured in the page (performance.now(), ms): the input
 * event that changed a choice, the request sent, the reply arrived (WebSocket message parsed), React
 * committed it (the page's last layout effect), the next frame started (requestAnimationFrame: the
 * charts' redraw done), and that frame painted (a task queued from the frame callback runs after the
 * paint). The bench (bench/metrics-page.ts) reads them from the timing line's data attributes.
 */
import { useLayoutEffect, useState } from 'react';

/** One report's marks; later marks are absent until reached. */
export interface ReportMarks {
  /** The change event of a choice that caused this request (absent for refreshes and the first load). */
  inputAt?: number;
  sentAt: number;
  arrivedAt: number;
  committedAt?: number;
  frameAt?: number;
  paintedAt?: number;
}

/** Runs `then` after the browser painted the next frame (a task queued from the frame callback). */
function afterNextPaint(then: (frameAt: number, paintedAt: number) => void): () => void {
  let cancelled = false;
  const frame = requestAnimationFrame(() => {
    const frameAt = performance.now();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => !cancelled && then(frameAt, performance.now());
    channel.port2.postMessage(null);
  });
  return () => {
    cancelled = true;
    cancelAnimationFrame(frame);
  };
}

/**
 * Completes the marks of the report just committed: call in the page's top component (its layout effect
 * runs after every child's, so the mark is the end of React's commit).
 */
export function useCommittedMarks(marks: ReportMarks | undefined): ReportMarks | undefined {
  const [done, setDone] = useState<ReportMarks>();
  useLayoutEffect(() => {
    if (!marks) return;
    const committedAt = performance.now();
    return afterNextPaint((frameAt, paintedAt) => setDone({ ...marks, committedAt, frameAt, paintedAt }));
  }, [marks]);
  // Marks completed for an earlier report are not shown for the current one.
  return done && done.arrivedAt === marks?.arrivedAt ? done : undefined;
}

const ms = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : String(Math.round((b - a) * 10) / 10));

/** The marks as `data-*` attributes: the durations of each step, ms with one decimal. */
export function marksAttributes(m: ReportMarks | undefined): Record<string, string | undefined> {
  return {
    'data-input-to-sent': ms(m?.inputAt, m?.sentAt),
    'data-sent-to-arrived': ms(m?.sentAt, m?.arrivedAt),
    'data-arrived-to-committed': ms(m?.arrivedAt, m?.committedAt),
    'data-committed-to-frame': ms(m?.committedAt, m?.frameAt),
    'data-frame-to-painted': ms(m?.frameAt, m?.paintedAt),
    'data-input-to-painted': ms(m?.inputAt, m?.paintedAt),
  };
}
