/**
 * The lanes on screen, cheap to pan: the moving part (drawLaneContent) is drawn once into an image
 * of three view widths (the view and one each side) and a pan only copies the visible slice from it,
 * with the margins, names, selection and cursor drawn on top (drawLaneChrome). A new timeline, size or
 * zoom, or a pan past the image's edge, draws the image again — while zooming, one view wide only.
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

export class LanesScreen {
  #cache: Cached | undefined;

  /** Draws the lanes of `t` over `view` into `ctx` (a canvas of `width` × `height` CSS px at `dpr`). */
  draw(ctx: CanvasRenderingContext2D, t: ReviewTimeline | undefined, view: LaneView, width: number, height: number, dpr: number): void {
    const span = view.to - view.from;
    const c = this.#fresh(t, view, width, height, dpr) ?? this.#render(t, view, width, height, dpr, this.#cache && this.#cache.span !== span ? 1 : 3);
    const plotW = width - PLOT_MARGINS.left - PLOT_MARGINS.right;
    const srcX = PLOT_MARGINS.left + (view.from - c.from) * c.pxPerMs;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(c.canvas, srcX * dpr, 0, plotW * dpr, height * dpr, PLOT_MARGINS.left * dpr, 0, plotW * dpr, height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawLaneChrome(ctx, t, view, width, height);
  }

  #fresh(t: ReviewTimeline | undefined, view: LaneView, width: number, height: number, dpr: number): Cached | undefined {
    const c = this.#cache;
    if (!c || c.timeline !== t || c.width !== width || c.height !== height || c.dpr !== dpr) return undefined;
    return c.span === view.to - view.from && view.from >= c.from && view.to <= c.to ? c : undefined;
  }

  #render(t: ReviewTimeline | undefined, view: LaneView, width: number, height: number, dpr: number, widths: 1 | 3): Cached {
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
