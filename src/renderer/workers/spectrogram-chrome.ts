/**
 * The parts of the spectrogram plot around the image: frequency and UTC time axes, colour bar
 * and the hover readout box. Runs in the drawing worker.
 */
import { formatUtcDateTime, formatUtcTime, timeTicks } from '../lib/time-format.ts';
import { PLOT_MARGINS, type Rect } from './spectrogram-layout.ts';
import { axisTicks, type FrequencyAxis } from './spectrogram-scale.ts';

export type Ctx2D = OffscreenCanvasRenderingContext2D;

export const COLORS = { bg: '#0b1016', plotBg: '#05080b', grid: 'rgba(190,205,225,0.10)', axis: '#8a97a8', text: '#9aa7b8', frame: '#2a3441' };
export const FONT = '11px system-ui, -apple-system, "Segoe UI", sans-serif';

/** Vertical pixel of a frequency on the axis. */
export function yOfHz(plot: Rect, axis: FrequencyAxis, hz: number): number {
  return plot.y + plot.h - axis.toUnit(hz) * plot.h;
}

/** Frequency under a vertical pixel. */
export function hzAtY(plot: Rect, axis: FrequencyAxis, y: number): number {
  return axis.fromUnit((plot.y + plot.h - y) / plot.h);
}

export function drawFrequencyAxis(ctx: Ctx2D, plot: Rect, axis: FrequencyAxis): void {
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const f of axisTicks(axis, Math.max(2, Math.floor(plot.h / 36)))) {
    const y = Math.round(yOfHz(plot, axis, f)) + 0.5;
    ctx.fillStyle = COLORS.grid;
    ctx.fillRect(plot.x, y, plot.w, 1);
    ctx.fillStyle = COLORS.text;
    const label = f >= 10_000 ? `${f / 1000}k` : String(f);
    ctx.fillText(label, plot.x - 6, Math.min(Math.max(y, plot.y + 5), plot.y + plot.h - 5));
  }
  ctx.textBaseline = 'bottom';
  ctx.fillText(axis.scale === 'linear' ? 'Hz' : `Hz ${axis.scale}`, plot.x - 6, plot.y - 3);
}

export function drawTimeAxis(ctx: Ctx2D, plot: Rect, startMs: number, endMs: number): void {
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
  // Long views span days: say which (top left, above the plot).
  if (endMs - startMs > 3_600_000) {
    ctx.textBaseline = 'bottom';
    ctx.fillText(`${formatUtcDateTime(startMs)} → ${formatUtcDateTime(endMs)} UTC`, plot.x + 4, plot.y - 3);
  }
}

export function drawColourBar(ctx: Ctx2D, plot: Rect, lut: Uint32Array, dbFloor: number, dbCeil: number): void {
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

/** Crosshair and a readout box of time, frequency and level at the cursor. */
export function drawReadout(ctx: Ctx2D, plot: Rect, at: { x: number; y: number }, lines: readonly string[]): void {
  ctx.fillStyle = 'rgba(255,255,255,0.35)';
  ctx.fillRect(plot.x, Math.round(at.y), plot.w, 1);
  ctx.fillRect(Math.round(at.x), plot.y, 1, plot.h);
  const boxW = 126;
  const bx = at.x + boxW + 14 > plot.x + plot.w ? at.x - boxW - 10 : at.x + 10;
  const by = Math.min(at.y + 10, plot.y + plot.h - 50);
  ctx.fillStyle = 'rgba(10,14,20,0.88)';
  ctx.fillRect(bx, by, boxW, 48);
  ctx.fillStyle = '#dde5ee';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  lines.forEach((line, i) => ctx.fillText(line, bx + 8, by + 5 + i * 14));
}

/** The readout lines for a time, a frequency and a level in dB (undefined = no data there). */
export function readoutLines(time: number, hz: number, db: number | undefined): string[] {
  return [`${formatUtcTime(time)} UTC`, `${hz < 100 ? hz.toFixed(1) : Math.round(hz)} Hz`, db === undefined ? 'no data' : `${db.toFixed(1)} dB`];
}
