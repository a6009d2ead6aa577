/**
 * The lanes on screen, cheap to pan: the moving part (drawLaneContent) is drawn once into an image
 * of three view widths (the view and one each side) and a pan only copies the visible slice from it,
 * with the margins, names, selection and cursor drawn on top (drawLaneChrome). While zooming the
 * slice is scaled (for a moment slightly blurred) and drawn sharp again once the zoom rests. A new
 * timeline or size, or a view past the image's edge, draws the image again.
 */
import type { ReviewTimeline } from '../../../shared/sessions.ts';
import { PLOT_MARGINS } from '../../workers/spectrogram-layout.ts';
import { drawLaneChrome, drawLaneContent, type LaneView } from './lanes-painter.ts';

interface Cached {
  readonly canvas: HTMLCanvasElement;
  readonly timeline: ReviewTimeline | undefined;
  readonly width: number;
  readonly height: number;
  readonly dpr: number;
  /** The view's span when drawn (a change = zooming). */
  readonly span: number;
  readonly from: number;
  readonly to: number;
  /** CSS px of the image's plot area per ms. */
  readonly pxPerMs: number;
}

/** How long a zoom must rest before the scaled image is drawn again at its new scale. */
const SETTLE_MS = 150;

export class LanesScreen {
  #cache: Cached | undefined;
  #settle: ReturnType<typeof setTimeout> | undefined;
  /** Called when the image was drawn sharp again after a zoom (the owner draws the screen again). */
  onSettled: (() => void) | undefined;

  /** Draws the lanes of `t` over `view` into `ctx` (a canvas of `width` × `height` CSS px at `dpr`). */
  draw(ctx: CanvasRenderingContext2D, t: ReviewTimeline | undefined, view: LaneView, width: number, height: number, dpr: number): void {
    const span = view.to - view.from;
    const c = this.#fresh(t, view, width, height, dpr) ?? this.#render(t, view, width, height, dpr);
    if (c.span !== span) this.#settleLater(t, view, width, height, dpr);
    const plotW = width - PLOT_MARGINS.left - PLOT_MARGINS.right;
    const srcX = PLOT_MARGINS.left + (view.from - c.from) * c.pxPerMs;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = '#0b1016';
    ctx.fillRect(0, 0, width * dpr, height * dpr);
    ctx.drawImage(c.canvas, srcX * dpr, 0, span * c.pxPerMs * dpr, height * dpr, PLOT_MARGINS.left * dpr, 0, plotW * dpr, height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawLaneChrome(ctx, t, view, width, height);
  }

  #fresh(t: ReviewTimeline | undefined, view: LaneView, width: number, height: number, dpr: number): Cached | undefined {
    const c = this.#cache;
    if (!c || c.timeline !== t || c.width !== width || c.height !== height || c.dpr !== dpr) return undefined;
    // Zooming in or out within the image: its slice is scaled until the zoom rests.
    return view.from >= c.from && view.to <= c.to && (view.to - view.from) * c.pxPerMs >= 1 ? c : undefined;
  }

  #settleLater(t: ReviewTimeline | undefined, view: LaneView, width: number, height: number, dpr: number): void {
    clearTimeout(this.#settle);
    this.#settle = setTimeout(() => {
      this.#render(t, view, width, height, dpr);
      this.onSettled?.();
    }, SETTLE_MS);
  }

  #render(t: ReviewTimeline | undefined, view: LaneView, width: number, height: number, dpr: number): Cached {
    clearTimeout(this.#settle);
    const widths = 3;
    const span = view.to - view.from;
    const plotW = Math.max(1, width - PLOT_MARGINS.left - PLOT_MARGINS.right);
    const from = view.from - ((widths - 1) / 2) * span;
    const to = view.to + ((widths - 1) / 2) * span;
    const imageWidth = widths * plotW + PLOT_MARGINS.left + PLOT_MARGINS.right;
    const canvas = this.#cache?.canvas ?? document.createElement('canvas');
    canvas.width = Math.round(imageWidth * dpr);
    canvas.height = Math.round(height * dpr);
    const ctx = canvas.getContext('2d')!;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawLaneContent(ctx, t, { from, to }, imageWidth, height);
    this.#cache = { canvas, timeline: t, width, height, dpr, span, from, to, pxPerMs: (widths * plotW) / (to - from) };
    return this.#cache;
  }
}
