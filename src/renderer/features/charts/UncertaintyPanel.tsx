/**
 * Uncertainty over time with a metric selector: epistemic (mutual information) and aleatoric
 * (expected entropy) of MC models, predictive entropy of every model, or the disagreement across
 * the models that predicted the same segment.
 */
import { useMemo } from 'react';
import type uPlot from 'uplot';
import { usePersistentState } from '../../lib/persistent-state.ts';
import { usePredictions } from '../../state/predictions-store.ts';
import { UNCERTAINTY_METRICS, uncertaintySeries, type UncertaintyMetric } from './chart-data.ts';
import { ChartPanel } from './ChartPanel.tsx';
import { DARK_AXIS, UTC_TIME_AXIS, UTC_TIME_SERIES, type ChartOptions } from './UPlotChart.tsx';

const PALETTE = ['#4ea1ff', '#f0b429', '#3ecf8e', '#ff5d5d', '#b07cff', '#ff8fd1', '#5fd3e0', '#c9d36b'];
const isMetric = (v: unknown): v is UncertaintyMetric => (UNCERTAINTY_METRICS as readonly unknown[]).includes(v);

const METRIC_LABEL: Record<UncertaintyMetric, string> = {
  epistemic: 'epistemic (mutual information)',
  aleatoric: 'aleatoric (expected entropy)',
  entropy: 'predictive entropy',
  disagreement: 'disagreement across models',
};

export function uncertaintyOptions(labels: readonly string[], unit: string): ChartOptions {
  return {
    series: [UTC_TIME_SERIES, ...labels.map((label, i) => ({ label, stroke: PALETTE[i % PALETTE.length], width: 1.5, spanGaps: true, points: { show: false } }))],
    scales: { x: { time: true }, y: { range: (_u: uPlot, _min: number, max: number) => [0, Math.max(max, 0.05) * 1.05] } },
    axes: [UTC_TIME_AXIS, { ...DARK_AXIS, label: unit, size: 48 }],
    cursor: { drag: { x: true, y: false } },
  };
}

export function UncertaintyPanel({ stationId }: { stationId: string | undefined }) {
  const predictions = usePredictions(stationId);
  const [metric, setMetric] = usePersistentState<UncertaintyMetric>('charts.uncertaintyMetric', 'epistemic', isMetric);
  const series = useMemo(() => uncertaintySeries(predictions, metric), [predictions, metric]);
  const labelKey = series.labels.join('|');
  const options = useMemo(() => uncertaintyOptions(labelKey ? labelKey.split('|') : [], series.unit), [labelKey, series.unit]);
  const tools = (
    <label className="field">
      <span>metric</span>
      <select className="select" data-testid="uncertainty-metric" value={metric} onChange={(e) => isMetric(e.target.value) && setMetric(e.target.value)}>
        {UNCERTAINTY_METRICS.map((m) => (
          <option key={m} value={m}>
            {METRIC_LABEL[m]}
          </option>
        ))}
      </select>
    </label>
  );
  const empty = metric === 'disagreement'
    ? 'Needs two multi-class models predicting the same segments.'
    : metric === 'entropy' ? 'Waiting for predictions.' : 'No MC-dropout model has predicted yet.';
  return (
    <ChartPanel
      title="Uncertainty"
      subtitle={METRIC_LABEL[metric]}
      tools={tools}
      exportName={`uncertainty-${metric}`}
      options={options}
      data={series.data as uPlot.AlignedData}
      empty={empty}
      className="uncertainty-panel"
    />
  );
}
