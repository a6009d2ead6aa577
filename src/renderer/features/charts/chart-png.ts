/**
 * PNG export of a uPlot chart: its canvas (plot and axes) on the panel background, with a title
 * above and the series legend below (uPlot draws its legend in HTML, not on the canvas).
 */
import type uPlot from 'uplot';
import type { HelperSeries } from './UPlotChart.tsx';

const BACKGROUND = '#10151c';
const TEXT = '#e4eaf1';

/** The colour a series is drawn with (uPlot keeps the resolved style in `_stroke`). */
function seriesColor(s: uPlot.Series): string {
  const resolved = (s as { _stroke?: unknown })._stroke ?? s.stroke;
  return typeof resolved === 'string' ? resolved : '#b3bfcc';
}

/** Renders the chart with title and legend into a PNG blob. */
export function chartToPng(u: uPlot, title: string): Promise<Blob> {
  const src = u.ctx.canvas;
  const scale = src.width / Math.max(1, u.width);
  const line = Math.round(20 * scale);
  const legend = u.series.slice(1).filter((s) => s.show !== false && !(s as HelperSeries).helper && typeof s.label === 'string');
  const out = document.createElement('canvas');
  out.width = src.width;
  out.height = src.height + line * 2;
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.font = `${Math.round(13 * scale)}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  ctx.fillStyle = TEXT;
  ctx.fillText(title, 8 * scale, line / 2);
  ctx.drawImage(src, 0, line);
  let x = 8 * scale;
  const y = src.height + line * 1.5;
  for (const s of legend) {
    ctx.fillStyle = seriesColor(s);
    ctx.fillRect(x, y - 4 * scale, 12 * scale, 8 * scale);
    ctx.fillStyle = TEXT;
    ctx.fillText(String(s.label), x + 16 * scale, y);
    x += (24 + ctx.measureText(String(s.label)).width / scale) * scale;
  }
  return new Promise((resolve, reject) => out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'));
}
