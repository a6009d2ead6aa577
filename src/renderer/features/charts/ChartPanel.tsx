/**
 * A panel holding one uPlot chart, with the panel's own tools and a PNG export button.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type uPlot from 'uplot';
import { useApi } from '../../app/api-context.tsx';
import { Panel } from '../../components/Panel.tsx';
import { fileStamp } from '../../lib/download.ts';
import { renderChartImage } from '../review/chart-image.ts';
import { exportPlotPng } from '../review/export-actions.ts';
import { useExportDialog } from '../review/export-dialog-store.ts';
import { registerPlot } from '../review/plot-registry.ts';
import { UPlotChart, type ChartOptions } from './UPlotChart.tsx';

interface ChartPanelProps {
  readonly title: string;
  readonly subtitle?: ReactNode;
  readonly tools?: ReactNode;
  /** File name stem of the PNG export. */
  readonly exportName: string;
  readonly options: ChartOptions;
  readonly data: uPlot.AlignedData;
  /** Shown instead of the chart while there is nothing to plot. */
  readonly empty?: string;
  readonly className?: string;
}

export function ChartPanel(props: ChartPanelProps) {
  const chart = useRef<uPlot | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const api = useApi();
  const { exportName, title, options, data } = props;
  // Exportable at any size and scale, with the metadata footer (features/review/export-actions.ts).
  useEffect(() => registerPlot({
    id: exportName, title,
    position: () => chart.current?.root.getBoundingClientRect().top ?? 0,
    size: () => ({ width: chart.current?.width ?? 800, height: (chart.current?.height ?? 220) + 22 }),
    render: (width, height, scale) => renderChartImage(options, data, width, height, scale),
  }), [exportName, title, options, data]);
  const exportPng = async () => {
    setBusy(true);
    await exportPlotPng(api, exportName, { fileName: `${exportName}-${fileStamp(Date.now())}.png` }).finally(() => setBusy(false));
  };
  const hasData = props.data[0].length > 0;
  const tools = (
    <>
      {props.tools}
      <button type="button" className="btn btn-small" title="Save this chart as PNG" data-testid="chart-png" disabled={!hasData || busy} onClick={() => void exportPng()}>
        PNG
      </button>
      <button type="button" className="btn btn-small" title="Export this chart at a chosen size and scale…" data-testid="chart-png-options" disabled={!hasData} onClick={() => useExportDialog.getState().show(exportName)}>
        …
      </button>
    </>
  );
  return (
    <Panel title={props.title} subtitle={props.subtitle} tools={tools} className={`chart-panel ${props.className ?? ''}`}>
      {hasData ? <UPlotChart options={props.options} data={props.data} chartRef={chart} /> : <div className="empty">{props.empty ?? 'Nothing to plot yet.'}</div>}
    </Panel>
  );
}
