/**
 * The lanes canvas under the review spectrogram (lanes-painter.ts, drawn through lanes-screen.ts so a
 * pan copies instead of redrawing): sized to its container, redrawn when the timeline, the view or the
 * selection change; a click picks the time under the pointer.
 * Registered as an exportable plot ("Timeline lanes").
 */
import { useEffect, useRef } from 'react';
import type { ReviewTimeline } from '../../../shared/sessions.ts';
import { drawLanes, laneLayout, timeAtX, type LaneView } from './lanes-painter.ts';
import { LanesScreen } from './lanes-screen.ts';
import { registerPlot } from './plot-registry.ts';

interface Props {
  readonly timeline: ReviewTimeline | undefined;
  readonly view: LaneView;
  readonly onPick: (time: number) => void;
  /** The time under the pointer while it moves over the lanes; undefined when it leaves. */
  readonly onHover?: (time: number | undefined) => void;
}

/** Draws the lanes into a new canvas of `width` × `height` CSS px at `scale`. */
export function renderLanes(timeline: ReviewTimeline | undefined, view: LaneView, width: number, height: number, scale: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  drawLanes(ctx, timeline, view, width, height);
  return canvas;
}

export function TimelineLanes({ timeline, view, onPick, onHover }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const height = laneLayout(timeline?.models ?? []).height;
  const latest = useRef({ timeline, view });
  latest.current = { timeline, view };
  const screen = useRef(new LanesScreen());

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const draw = () => {
      const dpr = window.devicePixelRatio || 1;
      const width = el.clientWidth;
      if (el.width !== Math.round(width * dpr) || el.height !== Math.round(height * dpr)) {
        el.width = Math.round(width * dpr);
        el.height = Math.round(height * dpr);
      }
      screen.current.draw(el.getContext('2d')!, latest.current.timeline, latest.current.view, width, height, dpr);
    };
    draw();
    screen.current.onSettled = draw;
    const resize = new ResizeObserver(draw);
    resize.observe(el);
    return () => resize.disconnect();
  }, [timeline, view, height]);

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    return registerPlot({
      id: 'review-lanes', title: 'Timeline lanes',
      position: () => el.getBoundingClientRect().top,
      size: () => ({ width: el.clientWidth, height }),
      render: async (w, h, scale) => renderLanes(latest.current.timeline, latest.current.view, w, h, scale),
    });
  }, [height]);

  return (
    <canvas
      ref={canvas}
      className="review-lanes"
      data-testid="review-lanes"
      style={{ height }}
      onClick={(e) => onPick(timeAtX(view, e.currentTarget.clientWidth, e.nativeEvent.offsetX))}
      onMouseMove={onHover && ((e) => onHover(timeAtX(view, e.currentTarget.clientWidth, e.nativeEvent.offsetX)))}
      onMouseLeave={onHover && (() => onHover(undefined))}
    />
  );
}
