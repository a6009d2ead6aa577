/**
 * A uPlot chart rendered off screen at a chosen size and scale, with its legend, for PNG exports.
 * uPlot draws at the window's pixel ratio, so the chart is built at size × (scale / ratio) with
 * fonts, axis sizes and line widths scaled alike: the result is `width·scale × height·scale` pixels.
 */
import uPlot from 'uplot';
import type { ChartOptions } from '../charts/UPlotChart.tsx';

const FONT = 'system-ui, -apple-system, "Segoe UI", sans-serif';
const BG = '#10151c';
const TEXT = '#e4eaf1';

/** Options with every size multiplied by `k` (fonts, axis sizes and gaps, tick lengths, line widths). */
export function scaleChartOptions(options: ChartOptions, k: number): ChartOptions {
  const axes = (options.axes ?? []).map((a) => ({
    ...a,
    font: `${12 * k}px ${FONT}`, labelFont: `600 ${12 * k}px ${FONT}`, size: (typeof a.size === 'number' ? a.size : 50) * k,
    gap: (a.gap ?? 5) * k, labelSize: (a.labelSize ?? 30) * k, labelGap: (a.labelGap ?? 0) * k, space: (typeof a.space === 'number' ? a.space : 30) * k,
    ticks: { ...a.ticks, size: (a.ticks?.size ?? 10) * k, width: (a.ticks?.width ?? 1) * k },
    grid: { ...a.grid, width: (a.grid?.width ?? 1) * k },
  }));
  const series = options.series.map((s, i) => (i === 0 ? s : { ...s, width: (s.width ?? 1) * k }));
  return { ...options, axes, series, legend: { show: false }, cursor: { show: false } };
}

function seriesColor(s: uPlot.Series): string {
  const resolved = (s as { _stroke?: unknown })._stroke ?? s.stroke;
  return typeof resolved === 'string' ? resolved : '#b3bfcc';
}

/** Renders the chart with a legend row into a canvas of `width·scale` × `height·scale` pixels. */
export async function renderChartImage(options: ChartOptions, data: uPlot.AlignedData, width: number, height: number, scale: number): Promise<HTMLCanvasElement> {
  const k = scale / (window.devicePixelRatio || 1);
  const host = document.createElement('div');
  host.style.cssText = 'position:fixed;left:-100000px;top:0;';
  document.body.appendChild(host);
  const legendH = Math.round(22 * scale);
  const u = new uPlot({ tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'), ...scaleChartOptions(options, k), width: width * k, height: (height - 22) * k }, data, host);
  try {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const src = u.ctx.canvas;
    const out = document.createElement('canvas');
    out.width = Math.round(width * scale);
    out.height = src.height + legendH;
    const ctx = out.getContext('2d')!;
    ctx.fillStyle = BG;
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(src, 0, 0);
    drawLegend(ctx, u, src.height + legendH / 2, scale, options);
    return out;
  } finally {
    u.destroy();
    host.remove();
  }
}

/** Coloured keys and labels of the visible series (band edges, labelled '', left out). */
function drawLegend(ctx: CanvasRenderingContext2D, u: uPlot, y: number, scale: number, options: ChartOptions): void {
  ctx.font = `${Math.round(12 * scale)}px ${FONT}`;
  ctx.textBaseline = 'middle';
  let x = 8 * scale;
  u.series.forEach((s, i) => {
    if (i === 0 || options.series[i]?.label === '' || typeof s.label !== 'string') return;
    ctx.fillStyle = seriesColor(s);
    ctx.fillRect(x, y - 4 * scale, 12 * scale, 8 * scale);
    ctx.fillStyle = TEXT;
    ctx.fillText(s.label, x + 16 * scale, y);
    x += 28 * scale + ctx.measureText(s.label).width;
  });
}
