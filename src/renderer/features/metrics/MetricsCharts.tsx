/**
 * The Metrics page's charts (uPlot, each with PNG export): the seed's four daily charts with one line
 * per model, and for the detailed model the hourly accuracy, the reliability diagram and performance
 * by range.
 */
import { useMemo } from 'react';
import type uPlot from 'uplot';
import type { ModelMetrics, SeriesPoint } from '../../../shared/metrics.ts';
import { ChartPanel } from '../charts/ChartPanel.tsx';
import { formatUtcDate } from '../../lib/time-format.ts';
import { DARK_AXIS, UTC_TIME_SERIES, type ChartOptions } from '../charts/UPlotChart.tsx';
import { hourTick, rangeColumns, reliabilityColumns, seriesColumns } from './metrics-format.ts';

const PALETTE = ['#4ea1ff', '#f0b429', '#3ecf8e', '#ff5d5d', '#b07cff', '#ff8fd1', '#5fd3e0', '#c9d36b'];
const UNIT_RANGE: [number, number] = [0, 1];

/** Day ticks (YYYY-MM-DD) for daily series; for hourly ones the date at midnights, else the time. */
const DAY_AXIS: uPlot.Axis = { ...DARK_AXIS, space: 90, values: (_u, splits) => splits.map((s) => formatUtcDate(s * 1000)) };
const HOUR_AXIS: uPlot.Axis = { ...DARK_AXIS, space: 90, values: (_u, splits) => splits.map(hourTick) };

function timeOptions(labels: readonly string[], yLabel: string, window: { from: number; to: number }, daily: boolean): ChartOptions {
  return {
    series: [UTC_TIME_SERIES, ...labels.map((label, i) => ({ label, stroke: PALETTE[i % PALETTE.length], width: 1.5, spanGaps: false, points: { show: true, size: 4 } }))],
    scales: { x: daily ? { time: true, range: () => [window.from / 1000, window.to / 1000] } : { time: true }, y: { range: () => UNIT_RANGE } },
    axes: [daily ? DAY_AXIS : HOUR_AXIS, { ...DARK_AXIS, label: yLabel, size: 48 }],
  };
}

const DAILY: { metric: 'accuracy' | 'precisionWeighted' | 'recallWeighted' | 'f1Weighted'; title: string }[] = [
  { metric: 'accuracy', title: 'Daily accuracy' },
  { metric: 'precisionWeighted', title: 'Daily precision (weighted)' },
  { metric: 'recallWeighted', title: 'Daily recall (weighted)' },
  { metric: 'f1Weighted', title: 'Daily F1 (weighted)' },
];

interface Window {
  from: number;
  to: number;
}

function SeriesChart({ models, pick, metric, title, subtitle, exportName, window }: {
  models: ModelMetrics[]; pick: (m: ModelMetrics) => SeriesPoint[]; metric: (typeof DAILY)[number]['metric']; title: string; subtitle: string; exportName: string; window: Window;
}) {
  const { labels, data } = useMemo(() => seriesColumns(models, pick, metric), [models, pick, metric]);
  const labelKey = labels.join('|');
  const daily = pick === dailyOf;
  // Options depend on values only: a new report with the same models and window updates the data in place.
  const { from, to } = window;
  const options = useMemo(() => timeOptions(labelKey ? labelKey.split('|') : [], title.toLowerCase().replace(/^(daily|hourly) /, '').replace(' (weighted)', ''), { from, to }, daily),
    [labelKey, title, from, to, daily]);
  return <ChartPanel title={title} subtitle={subtitle} exportName={exportName} options={options} data={data as uPlot.AlignedData} empty="No scored segments in this window." className="metrics-chart" />;
}

const dailyOf = (m: ModelMetrics) => m.daily;
const hourlyOf = (m: ModelMetrics) => m.hourly;

export function DailyCharts({ models, window }: { models: ModelMetrics[]; window: Window }) {
  return (
    <div className="metrics-daily">
      {DAILY.map((d) => <SeriesChart key={d.metric} models={models} pick={dailyOf} window={window} metric={d.metric} title={d.title} subtitle="per UTC day (not cumulative), one line per model" exportName={`metrics-daily-${d.metric}`} />)}
    </div>
  );
}

export function HourlyChart({ model, window }: { model: ModelMetrics; window: Window }) {
  const models = useMemo(() => [model], [model]);
  return <SeriesChart models={models} pick={hourlyOf} window={window} metric="accuracy" title="Hourly accuracy" subtitle="per UTC hour, this model" exportName="metrics-hourly-accuracy" />;
}

const unitAxisOptions = (xLabel: string, series: { label: string; stroke: string; dash?: number[] }[]): ChartOptions => ({
  series: [{ label: xLabel }, ...series.map((s) => ({ ...s, width: 1.5, points: { show: true, size: 5 } }))],
  scales: { x: { time: false }, y: { range: () => UNIT_RANGE } },
  axes: [{ ...DARK_AXIS, label: xLabel }, { ...DARK_AXIS, size: 48 }],
});

export function ReliabilityChart({ model }: { model: ModelMetrics }) {
  const data = useMemo(() => reliabilityColumns(model), [model]);
  const options = useMemo(() => ({
    ...unitAxisOptions(model.task === 'multi-label' ? 'predicted probability' : 'confidence (max p)', [
      { label: model.task === 'multi-label' ? 'fraction present' : 'accuracy', stroke: PALETTE[0] },
      { label: 'mean confidence', stroke: PALETTE[1] },
      { label: 'perfect calibration', stroke: '#5c6b7a', dash: [4, 4] },
    ]),
    scales: { x: { time: false, range: () => UNIT_RANGE }, y: { range: () => UNIT_RANGE } },
  }), [model.task]);
  return (
    <ChartPanel title="Reliability diagram" subtitle={`ECE ${model.calibration.ece === null ? '—' : model.calibration.ece.toFixed(3)} over ${model.calibration.n} samples`}
      exportName="metrics-reliability" options={options} data={data as uPlot.AlignedData} empty="No scored segments." className="metrics-chart" />
  );
}

export function RangeChart({ model }: { model: ModelMetrics }) {
  const data = useMemo(() => rangeColumns(model), [model]);
  const options = useMemo(() => unitAxisOptions('range km', [
    { label: 'accuracy', stroke: PALETTE[0] }, { label: 'F1 macro', stroke: PALETTE[1] }, { label: 'F1 weighted', stroke: PALETTE[2] },
  ]), []);
  return <ChartPanel title="Performance by range" subtitle="labels at each range" exportName="metrics-by-range" options={options} data={data as uPlot.AlignedData} empty="No labelled ranges." className="metrics-chart" />;
}
