/**
 * Draws the review timeline's lanes under the spectrogram, on the same time axis (same left and
 * right margins as the spectrogram plot): per model the predicted class (colour) and its
 * probability (opacity) with the normalised entropy as a line and a red tick where the call
 * contradicts the truth; the truth label (classes, hatched when ambiguous, faded until final); the
 * analyst's verifications; gaps and cached audio; UTC ticks; the selected segment and the cursor.
 * Plain 2D canvas calls, so the same code draws the screen and PNG exports at any size.
 */
import type { ReviewModel, ReviewTimeline } from '../../../shared/sessions.ts';
import { classColor } from '../../../shared/taxonomy.ts';
import { formatUtcTime, timeTicks } from '../../lib/time-format.ts';
import { PLOT_MARGINS } from '../../workers/spectrogram-layout.ts';
import { disagrees, predictedClass } from './review-nav.ts';

type Ctx = CanvasRenderingContext2D;

const MODEL_H = 22;
const TRUTH_H = 18;
const SMALL_H = 10;
const AXIS_H = 20;
const GAP = 3;
const FONT = '10.5px system-ui, -apple-system, "Segoe UI", sans-serif';
const C = { bg: '#0b1016', lane: '#131a23', text: '#9aa7b8', label: '#dde5ee', grid: 'rgba(190,205,225,0.10)', gap: '#ff5d5d', audio: '#3ecf8e', cursor: '#ffffff', bad: '#ff5d5d' };

export interface LaneRow {
  kind: 'model' | 'truth' | 'verified' | 'audio' | 'gaps';
  label: string;
  y: number;
  h: number;
  model?: ReviewModel;
}

/** The lanes' rows top to bottom and the total height (CSS px). */
export function laneLayout(models: readonly ReviewModel[]): { rows: LaneRow[]; height: number } {
  const rows: LaneRow[] = [];
  let y = 4;
  const add = (kind: LaneRow['kind'], label: string, h: number, model?: ReviewModel) => {
    rows.push({ kind, label, y, h, ...(model ? { model } : {}) });
    y += h + GAP;
  };
  for (const m of models) add('model', m.key, MODEL_H, m);
  add('truth', 'truth', TRUTH_H);
  add('verified', 'verif.', SMALL_H);
  add('audio', 'audio', SMALL_H / 2);
  add('gaps', 'gaps', SMALL_H / 2);
  return { rows, height: y + AXIS_H };
}

/** The time range shown and what is highlighted. */
export interface LaneView {
  from: number;
  to: number;
  selected?: number;
  cursor?: number;
}

/** x of a time in a plot `width` CSS px wide. */
export function xOfTime(view: Pick<LaneView, 'from' | 'to'>, width: number, t: number): number {
  const w = Math.max(1, width - PLOT_MARGINS.left - PLOT_MARGINS.right);
  return PLOT_MARGINS.left + ((t - view.from) / Math.max(1, view.to - view.from)) * w;
}

/** The time under x. */
export function timeAtX(view: Pick<LaneView, 'from' | 'to'>, width: number, x: number): number {
  const w = Math.max(1, width - PLOT_MARGINS.left - PLOT_MARGINS.right);
  return view.from + ((x - PLOT_MARGINS.left) / w) * (view.to - view.from);
}

/** Segments are at most this long: the scan for the view starts this much before it. */
const MAX_SEGMENT_MS = 3_600_000;

/** Indices of the segments overlapping the view (binary search on the start times, which are in order). */
function visible(t: ReviewTimeline, view: LaneView): number[] {
  const { starts, ends } = t.segments;
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! < view.from - MAX_SEGMENT_MS) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let i = lo; i < starts.length && starts[i]! < view.to; i++) if (ends[i]! > view.from) out.push(i);
  return out;
}

/**
 * The segments to draw, at most one per device-independent pixel column: a day on 1,000 px is four
 * segments per pixel, and drawing each (six lanes, every pan frame) is what kept panning slow. Each
 * column keeps its first segment; `members` lists them all so a disagreement anywhere in it shows.
 */
export function perPixel(idx: readonly number[], startX: (i: number) => number): { index: number; members: number[] }[] {
  const out: { index: number; members: number[] }[] = [];
  let column = -Infinity;
  for (const i of idx) {
    const c = Math.floor(startX(i));
    if (c > column || out.length === 0) {
      out.push({ index: i, members: [i] });
      column = c;
    } else out.at(-1)!.members.push(i);
  }
  return out;
}

function hatch(ctx: Ctx, x: number, y: number, w: number, h: number): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
  ctx.strokeStyle = 'rgba(200,200,200,0.45)';
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let d = -h; d < w; d += 5) {
    ctx.moveTo(x + d, y + h);
    ctx.lineTo(x + d + h, y);
  }
  ctx.stroke();
  ctx.restore();
}

/** Stacked stripes of `classes` in a box (a segment with two ships shows both colours). */
function stripes(ctx: Ctx, classes: readonly string[], x: number, y: number, w: number, h: number, alpha: number): void {
  ctx.globalAlpha = alpha;
  classes.forEach((c, k) => {
    ctx.fillStyle = classColor(c);
    ctx.fillRect(x, y + (k * h) / classes.length, w, h / classes.length);
  });
  ctx.globalAlpha = 1;
}

function drawModel(ctx: Ctx, t: ReviewTimeline, row: LaneRow, bins: readonly { index: number; members: number[] }[], x: (time: number) => number): void {
  const m = row.model!;
  ctx.strokeStyle = 'rgba(255,255,255,0.8)';
  ctx.lineWidth = 1;
  ctx.beginPath();
  let pen = false;
  for (const { index: i, members } of bins) {
    const x0 = x(t.segments.starts[i]!);
    const x1 = Math.max(x0 + 1, x(t.segments.ends[i]!));
    const call = predictedClass(m, i);
    if (call !== undefined) stripes(ctx, [call], x0, row.y, x1 - x0, row.h, 0.3 + 0.7 * (m.prob[i] ?? 0));
    if (members.some((k) => disagrees(t, m, k) === true)) {
      ctx.fillStyle = C.bad;
      ctx.fillRect(x0, row.y, x1 - x0, 3);
    }
    const u = m.uncertainty[i];
    if (u === null || u === undefined) {
      pen = false;
      continue;
    }
    const y = row.y + row.h - u * row.h;
    if (pen) ctx.lineTo((x0 + x1) / 2, y);
    else ctx.moveTo((x0 + x1) / 2, y);
    pen = true;
  }
  ctx.stroke();
}

function drawTruth(ctx: Ctx, t: ReviewTimeline, row: LaneRow, bins: readonly { index: number }[], x: (time: number) => number): void {
  for (const { index: i } of bins) {
    const x0 = x(t.segments.starts[i]!);
    const w = Math.max(1, x(t.segments.ends[i]!) - x0);
    const status = t.truth.status[i];
    if (status === null || status === undefined) continue;
    const alpha = t.truth.final[i] ? 0.9 : 0.45;
    if (status === 'ambiguous') hatch(ctx, x0, row.y, w, row.h);
    else stripes(ctx, status === 'background' ? ['E'] : t.truth.classes[i]!, x0, row.y, w, row.h, alpha);
  }
}

function drawVerified(ctx: Ctx, t: ReviewTimeline, row: LaneRow, idx: readonly number[], x: (time: number) => number): void {
  for (const i of idx) {
    const v = t.verifications[i];
    if (!v) continue;
    const x0 = x(t.segments.starts[i]!);
    const w = Math.max(2, x(t.segments.ends[i]!) - x0);
    if (v.verdict === 'cant-tell') hatch(ctx, x0, row.y, w, row.h);
    else stripes(ctx, v.classes, x0, row.y, w, row.h, 1);
    ctx.strokeStyle = '#ffffff';
    ctx.strokeRect(x0 + 0.5, row.y + 0.5, w - 1, row.h - 1);
  }
}

function drawSpans(ctx: Ctx, spans: readonly { start: number; end: number }[], row: LaneRow, color: string, x: (time: number) => number): void {
  ctx.fillStyle = color;
  for (const s of spans) ctx.fillRect(x(s.start), row.y, Math.max(1, x(s.end) - x(s.start)), row.h);
}

function drawAxis(ctx: Ctx, view: LaneView, width: number, top: number, bottom: number, x: (time: number) => number): void {
  ctx.font = FONT;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const tick of timeTicks(view.from, view.to, Math.max(2, Math.floor((width - PLOT_MARGINS.left - PLOT_MARGINS.right) / 90)))) {
    const px = Math.round(x(tick)) + 0.5;
    if (px - 26 < 32 || px + 26 > width) continue; // keep labels off the "UTC" tag and the edge
    ctx.fillStyle = C.grid;
    ctx.fillRect(px, top, 1, bottom - top);
    ctx.fillStyle = C.text;
    ctx.fillText(formatUtcTime(tick), px, bottom + 4);
  }
}

/** A lane's name: in the left margin, or for a model (long `id@version`) on a dark chip inside the lane. */
function drawRowLabel(ctx: Ctx, row: LaneRow, left: number): void {
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  if (row.kind !== 'model') {
    ctx.fillStyle = C.text;
    ctx.textAlign = 'right';
    ctx.fillText(row.label, left - 4, row.y + row.h / 2);
    return;
  }
  ctx.textAlign = 'left';
  const w = ctx.measureText(row.label).width + 8;
  ctx.fillStyle = 'rgba(10,14,20,0.72)';
  ctx.fillRect(left + 2, row.y + 4, w, row.h - 8);
  ctx.fillStyle = C.label;
  ctx.fillText(row.label, left + 6, row.y + row.h / 2);
}

/** Draws every lane of `t` over `view` into a `width` × `height` CSS px area. */
export function drawLanes(ctx: Ctx, t: ReviewTimeline | undefined, view: LaneView, width: number, height: number): void {
  drawLaneContent(ctx, t, view, width, height);
  drawLaneChrome(ctx, t, view, width, height);
}

/**
 * What moves with time: the lanes' backgrounds and contents and the time axis. Panning only shifts
 * it, so the screen draws it once for a wider range and copies the visible part (TimelineLanes).
 */
export function drawLaneContent(ctx: Ctx, t: ReviewTimeline | undefined, view: LaneView, width: number, height: number): void {
  const layout = laneLayout(t?.models ?? []);
  ctx.fillStyle = C.bg;
  ctx.fillRect(0, 0, width, height);
  const x = (time: number) => xOfTime(view, width, time);
  const left = PLOT_MARGINS.left;
  const right = width - PLOT_MARGINS.right;
  const idx = t ? visible(t, view) : [];
  const bins = t ? perPixel(idx, (i) => x(t.segments.starts[i]!)) : [];
  ctx.save();
  for (const row of layout.rows) {
    ctx.fillStyle = C.lane;
    ctx.fillRect(left, row.y, right - left, row.h);
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, row.y, right - left, row.h);
    ctx.clip();
    if (t && row.kind === 'model') drawModel(ctx, t, row, bins, x);
    else if (t && row.kind === 'truth') drawTruth(ctx, t, row, bins, x);
    else if (t && row.kind === 'verified') drawVerified(ctx, t, row, idx, x);
    else if (t && row.kind === 'audio') drawSpans(ctx, t.audio, row, 'rgba(62,207,142,0.55)', x);
    else if (t && row.kind === 'gaps') drawSpans(ctx, t.gaps, row, C.gap, x);
    ctx.restore();
  }
  drawAxis(ctx, view, width, 0, height - AXIS_H, x);
  ctx.restore();
}

/** What stays put: the margins with the lanes' names, and the selection and cursor on top. */
export function drawLaneChrome(ctx: Ctx, t: ReviewTimeline | undefined, view: LaneView, width: number, height: number): void {
  const layout = laneLayout(t?.models ?? []);
  const x = (time: number) => xOfTime(view, width, time);
  const bottom = height - AXIS_H;
  ctx.save();
  ctx.fillStyle = C.bg;
  ctx.fillRect(0, 0, PLOT_MARGINS.left, height);
  ctx.fillRect(width - PLOT_MARGINS.right, 0, PLOT_MARGINS.right, height);
  ctx.font = FONT;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillStyle = C.text;
  ctx.fillText('UTC', 4, bottom + 4);
  for (const row of layout.rows) drawRowLabel(ctx, row, PLOT_MARGINS.left);
  if (t && view.selected !== undefined && t.segments.starts[view.selected] !== undefined) {
    const x0 = x(t.segments.starts[view.selected]!);
    const x1 = x(t.segments.ends[view.selected]!);
    ctx.strokeStyle = '#ffd400';
    ctx.lineWidth = 2;
    ctx.strokeRect(x0, 1, Math.max(2, x1 - x0), bottom - 2);
  }
  if (view.cursor !== undefined && view.cursor >= view.from && view.cursor <= view.to) {
    ctx.fillStyle = C.cursor;
    ctx.fillRect(Math.round(x(view.cursor)), 0, 1, bottom);
  }
  ctx.restore();
}
