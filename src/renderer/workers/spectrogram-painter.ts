/**
 * Draws the spectrogram: a colour-mapped strip image mirrored from the column ring, scaled
 * into the plot, with frequency and UTC time axes, a colour bar and a hover readout.
 *
 * Runs in the worker. The strip is an offscreen canvas one pixel per column and per bin,
 * updated only where columns changed; each frame is one or two `drawImage` calls plus axes.
 */
import { formatUtcTime, timeTicks } from '../lib/time-format.ts';
import { levelAt, slotRuns, type ColumnRing } from './column-ring.ts';
import { PLOT_MARGINS, binCentreHz, frequencyTicks, levelToDb, pickCell, plotRect, visibleColumns, type Rect } from './spectrogram-layout.ts';
import type { SpectrogramView } from './spectrogram-protocol.ts';

type Ctx2D = OffscreenCanvasRenderingContext2D;

export interface Strip {
  readonly canvas: OffscreenCanvas;
  readonly ctx: Ctx2D;
  readonly image: ImageData;
  readonly pixels: Uint32Array;
}

const COLORS = { bg: '#0b1016', plotBg: '#05080b', grid: 'rgba(190,205,225,0.10)', axis: '#8a97a8', text: '#9aa7b8', frame: '#2a3441' };
const FONT = '11px system-ui, -apple-system, "Segoe UI", sans-serif';

/** A strip canvas matching the ring (width = capacity, height = bins). */
export function createStrip(ring: ColumnRing): Strip {
  const canvas = new OffscreenCanvas(ring.capacity, ring.geometry.bins);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D context unavailable on OffscreenCanvas');
  const image = ctx.createImageData(ring.capacity, ring.geometry.bins);
  return { canvas, ctx, image, pixels: new Uint32Array(image.data.buffer) };
}

/** Colours the given slots of the ring into the strip (blank slots become transparent). */
function colourSlots(ring: ColumnRing, strip: Strip, lut: Uint32Array, slots: Iterable<number>): void {
  const { bins } = ring.geometry;
  const cap = ring.capacity;
  for (const slot of slots) {
    const blank = Number.isNaN(ring.held[slot]);
    const base = slot * bins;
    for (let b = 0; b < bins; b++) strip.pixels[(bins - 1 - b) * cap + slot] = blank ? 0 : lut[ring.levels[base + b]];
  }
}

/** Contiguous runs [start, length] of a set of slot numbers. */
export function runsOf(slots: Iterable<number>): Array<[number, number]> {
  const sorted = [...slots].sort((a, b) => a - b);
  const runs: Array<[number, number]> = [];
  for (const s of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === s) last[1]++;
    else runs.push([s, 1]);
  }
  return runs;
}

/** Pushes changed slots (or all, after a colour map change) into the strip canvas. */
export function syncStrip(ring: ColumnRing, strip: Strip, lut: Uint32Array, all = false): void {
  const slots = all ? Array.from({ length: ring.capacity }, (_, i) => i) : [...ring.dirty];
  ring.dirty.clear();
  if (slots.length === 0) return;
  colourSlots(ring, strip, lut, slots);
  for (const [start, len] of runsOf(slots)) strip.ctx.putImageData(strip.image, 0, 0, start, 0, len, ring.geometry.bins);
}

function drawImage(ctx: Ctx2D, ring: ColumnRing, strip: Strip, plot: Rect, view: SpectrogramView): void {
  const visible = visibleColumns(ring.head, view.windowMs, ring.geometry.columnMs, ring.capacity);
  let offset = 0;
  ctx.imageSmoothingEnabled = true;
  for (const [slot, count] of slotRuns(ring, visible.fromAbs, visible.count)) {
    const dx = plot.x + (plot.w * offset) / visible.count;
    const dw = (plot.w * count) / visible.count;
    ctx.drawImage(strip.canvas, slot, 0, count, ring.geometry.bins, dx, plot.y, dw, plot.h);
    offset += count;
  }
}

function drawFrequencyAxis(ctx: Ctx2D, plot: Rect, fMaxHz: number): void {
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const f of frequencyTicks(fMaxHz, Math.max(2, Math.floor(plot.h / 36)))) {
    const y = Math.round(plot.y + plot.h - (f / fMaxHz) * plot.h) + 0.5;
    ctx.fillStyle = COLORS.grid;
    ctx.fillRect(plot.x, y, plot.w, 1);
    ctx.fillStyle = COLORS.text;
    ctx.fillText(String(f), plot.x - 6, Math.min(Math.max(y, plot.y + 5), plot.y + plot.h - 5));
  }
  ctx.textBaseline = 'bottom';
  ctx.fillText('Hz', plot.x - 6, plot.y - 3);
}

function drawTimeAxis(ctx: Ctx2D, plot: Rect, startMs: number, endMs: number): void {
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const halfLabel = 26; // "HH:MM:SS" at 11 px, so labels never run into the "UTC" tag or off the edge
  for (const t of timeTicks(startMs, endMs, Math.max(2, Math.floor(plot.w / 90)))) {
    const x = Math.round(plot.x + ((t - startMs) / (endMs - startMs)) * plot.w) + 0.5;
    if (x - halfLabel < 32 || x + halfLabel > plot.x + plot.w + PLOT_MARGINS.right) continue;
    ctx.fillStyle = COLORS.grid;
    ctx.fillRect(x, plot.y, 1, plot.h);
    ctx.fillStyle = COLORS.axis;
    ctx.fillRect(x, plot.y + plot.h, 1, 4);
    ctx.fillStyle = COLORS.text;
    ctx.fillText(formatUtcTime(t), x, plot.y + plot.h + 6);
  }
  ctx.textAlign = 'left';
  ctx.fillText('UTC', 4, plot.y + plot.h + 6);
}

function drawColourBar(ctx: Ctx2D, plot: Rect, lut: Uint32Array, dbFloor: number, dbCeil: number): void {
  const x = plot.x + plot.w + 10;
  const bytes = new Uint8Array(lut.buffer);
  for (let level = 0; level < 256; level++) {
    const i = level * 4;
    ctx.fillStyle = `rgb(${bytes[i]} ${bytes[i + 1]} ${bytes[i + 2]})`;
    const y0 = plot.y + plot.h - ((level + 1) / 256) * plot.h;
    ctx.fillRect(x, Math.floor(y0), 10, Math.ceil(plot.h / 256) + 1);
  }
  ctx.strokeStyle = COLORS.frame;
  ctx.strokeRect(x + 0.5, plot.y + 0.5, 9, plot.h - 1);
  ctx.fillStyle = COLORS.text;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillText(`${Math.round(dbCeil)}`, x + 14, plot.y + 5);
  ctx.textBaseline = 'bottom';
  ctx.fillText('dB', x, plot.y - 3);
  ctx.textBaseline = 'middle';
  ctx.fillText(`${Math.round((dbFloor + dbCeil) / 2)}`, x + 14, plot.y + plot.h / 2);
  ctx.fillText(`${Math.round(dbFloor)}`, x + 14, plot.y + plot.h - 5);
}

function drawHover(ctx: Ctx2D, ring: ColumnRing, plot: Rect, view: SpectrogramView, hover: { x: number; y: number }): void {
  const g = ring.geometry;
  const visible = visibleColumns(ring.head, view.windowMs, g.columnMs, ring.capacity);
  const cell = pickCell(plot, hover.x, hover.y, visible, g.bins);
  if (!cell) return;
  const level = levelAt(ring, cell.abs, cell.bin);
  const lines = [
    `${formatUtcTime(cell.abs * g.columnMs)} UTC`,
    `${Math.round(binCentreHz(cell.bin, g.bins, g.fMaxHz))} Hz`,
    level === undefined ? 'no data' : `${levelToDb(level, g.dbFloor, g.dbCeil).toFixed(1)} dB`,
  ];
  ctx.fillStyle = 'rgba(255,255,255,0.35)';
  ctx.fillRect(plot.x, Math.round(hover.y), plot.w, 1);
  ctx.fillRect(Math.round(hover.x), plot.y, 1, plot.h);
  const boxW = 112;
  const bx = hover.x + boxW + 14 > plot.x + plot.w ? hover.x - boxW - 10 : hover.x + 10;
  const by = Math.min(hover.y + 10, plot.y + plot.h - 50);
  ctx.fillStyle = 'rgba(10,14,20,0.88)';
  ctx.fillRect(bx, by, boxW, 48);
  ctx.fillStyle = '#dde5ee';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  lines.forEach((line, i) => ctx.fillText(line, bx + 8, by + 5 + i * 14));
}

export interface Scene {
  readonly view: SpectrogramView;
  readonly ring: ColumnRing | undefined;
  readonly strip: Strip | undefined;
  readonly lut: Uint32Array;
  readonly hover: { x: number; y: number } | undefined;
}

/** Draws one frame onto `ctx` (already scaled to CSS pixels). */
export function drawScene(ctx: Ctx2D, scene: Scene): void {
  const { view, ring, strip, lut } = scene;
  const plot = plotRect(view.width, view.height);
  ctx.font = FONT;
  ctx.fillStyle = COLORS.bg;
  ctx.fillRect(0, 0, view.width, view.height);
  ctx.fillStyle = COLORS.plotBg;
  ctx.fillRect(plot.x, plot.y, plot.w, plot.h);
  if (!ring || !strip || !Number.isFinite(ring.head)) {
    ctx.fillStyle = COLORS.text;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText('Waiting for spectrogram data…', plot.x + plot.w / 2, plot.y + plot.h / 2);
  } else {
    const g = ring.geometry;
    drawImage(ctx, ring, strip, plot, view);
    const visible = visibleColumns(ring.head, view.windowMs, g.columnMs, ring.capacity);
    drawFrequencyAxis(ctx, plot, g.fMaxHz);
    drawTimeAxis(ctx, plot, visible.fromAbs * g.columnMs, (visible.fromAbs + visible.count) * g.columnMs);
    drawColourBar(ctx, plot, lut, g.dbFloor, g.dbCeil);
    if (scene.hover) drawHover(ctx, ring, plot, view, scene.hover);
  }
  ctx.strokeStyle = COLORS.frame;
  ctx.strokeRect(plot.x - 0.5, plot.y - 0.5, plot.w + 1, plot.h + 1);
}
