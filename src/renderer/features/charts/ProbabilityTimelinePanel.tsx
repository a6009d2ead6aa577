/**
 * One model's class probabilities over time, with ±1 standard deviation bands over its MC passes
 * (MC-dropout models only). A selector picks the model among those predicting on the station.
 */
import { useMemo } from 'react';
import type uPlot from 'uplot';
import { classColor } from '../../../shared/taxonomy.ts';
import { usePersistentState } from '../../lib/persistent-state.ts';
import { usePredictions } from '../../state/predictions-store.ts';
import { modelKeys, probabilityTimeline } from './chart-data.ts';
import { ChartPanel } from './ChartPanel.tsx';
import { DARK_AXIS, UTC_TIME_AXIS, UTC_TIME_SERIES, type ChartOptions } from './UPlotChart.tsx';

const isString = (v: unknown): v is string => typeof v === 'string';

/** Options for a timeline of `classes`; with bands, each class has hidden upper/lower series joined by a band. */
export function timelineOptions(classes: readonly string[], banded: boolean): ChartOptions {
  const series: uPlot.Series[] = [UTC_TIME_SERIES];
  const bands: uPlot.Band[] = [];
  for (const c of classes) {
    const color = classColor(c);
    series.push({ label: c, stroke: color, width: 1.5, points: { show: false } });
    if (!banded) continue;
    const edge = { label: '', stroke: `${color}44`, width: 0.5, points: { show: false } };
    series.push({ ...edge }, { ...edge });
    bands.push({ series: [series.length - 2, series.length - 1], fill: `${color}26` });
  }
  return {
    series, bands,
    scales: { x: { time: true }, y: { range: [0, 1] } },
    axes: [UTC_TIME_AXIS, { ...DARK_AXIS, label: 'probability', size: 48 }],
    legend: { live: true },
    cursor: { drag: { x: true, y: false } },
  };
}

export function ProbabilityTimelinePanel({ stationId }: { stationId: string | undefined }) {
  const predictions = usePredictions(stationId);
  const keys = useMemo(() => modelKeys(predictions), [predictions]);
  const [chosen, setChosen] = usePersistentState<string>('charts.timelineModel', '', isString);
  const model = keys.includes(chosen) ? chosen : (keys[0] ?? '');
  const timeline = useMemo(() => probabilityTimeline(predictions, model), [predictions, model]);
  const classKey = timeline.classes.join(',');
  const options = useMemo(() => timelineOptions(classKey ? classKey.split(',') : [], timeline.banded), [classKey, timeline.banded]);
  const tools = (
    <label className="field">
      <span>model</span>
      <select className="select" data-testid="timeline-model" value={model} onChange={(e) => setChosen(e.target.value)}>
        {keys.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <ChartPanel
      title="Probability timeline"
      subtitle={timeline.banded ? 'bands: ±1 sd over MC passes' : 'deterministic model: no bands'}
      tools={tools}
      exportName={`probabilities-${model || 'none'}`}
      options={options}
      data={timeline.data as uPlot.AlignedData}
      empty="Waiting for predictions."
      className="timeline-panel"
    />
  );
}
