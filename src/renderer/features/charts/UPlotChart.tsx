/**
 * A uPlot chart in React: built when `options` change (pass a memoised object), fed new data in
 * place when `data` changes, resized with its container. `chartRef` exposes the instance (PNG export).
 */
import { useEffect, useLayoutEffect, useRef, type MutableRefObject } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatUtcDateTime, formatUtcTime } from '../../lib/time-format.ts';
import './charts.css';

export type ChartOptions = Omit<uPlot.Options, 'width' | 'height'>;

interface UPlotChartProps {
  readonly options: ChartOptions;
  readonly data: uPlot.AlignedData;
  readonly height?: number;
  readonly chartRef?: MutableRefObject<uPlot | undefined>;
}

/** Axis styling for the dark palette. */
export const DARK_AXIS: uPlot.Axis = {
  stroke: '#b3bfcc',
  grid: { stroke: '#232d3a', width: 1 },
  ticks: { stroke: '#232d3a', width: 1 },
};

/** A UTC time x axis (HH:MM:SS ticks; the workstation shows UTC everywhere). */
export const UTC_TIME_AXIS: uPlot.Axis = {
  ...DARK_AXIS,
  space: 90,
  values: (_u, splits) => splits.map((s) => formatUtcTime(s * 1000)),
};

/** The x series of a UTC time axis: the legend shows the full UTC date and time. */
export const UTC_TIME_SERIES: uPlot.Series = {
  label: 'UTC',
  value: (_u, v) => (v === null ? '—' : formatUtcDateTime(v * 1000)),
};

/** Time splits aligned in UTC, not the browser's zone. */
const utcDate = (ts: number): Date => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC');

/** A series drawn only to bound a band: kept out of the legend and of PNG exports. */
export type HelperSeries = uPlot.Series & { helper?: boolean };

/**
 * Helper series (band edges) are given an empty label in the options; uPlot turns that into
 * "Value", so they are recognised from the options and hidden from the legend here.
 */
function hideHelperSeries(u: uPlot, options: ChartOptions): void {
  const rows = u.root.querySelectorAll<HTMLElement>('.u-legend .u-series');
  options.series.forEach((s, i) => {
    if (i === 0 || s.label !== '') return;
    (u.series[i] as HelperSeries).helper = true;
    if (rows[i]) rows[i].style.display = 'none';
  });
}

export function UPlotChart({ options, data, height = 220, chartRef }: UPlotChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | undefined>(undefined);
  const latest = useRef(data);
  latest.current = data;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const u = new uPlot({ tzDate: utcDate, ...options, width: Math.max(200, el.clientWidth), height }, latest.current, el);
    hideHelperSeries(u, options);
    chart.current = u;
    if (chartRef) chartRef.current = u;
    const resize = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      chart.current = undefined;
      if (chartRef) chartRef.current = undefined;
    };
  }, [options, height, chartRef]);

  // Before the browser paints: the new data is drawn in the same frame as the rest of the page.
  useLayoutEffect(() => {
    chart.current?.setData(data);
  }, [data]);

  return <div className="uplot-host" ref={host} data-testid="uplot-chart" />;
}
