/**
 * A panel holding one uPlot chart, with the panel's own tools and a PNG export button.
 */
import { useRef, useState, type ReactNode } from 'react';
import type uPlot from 'uplot';
import { Panel } from '../../components/Panel.tsx';
import { downloadBlob, fileStamp } from '../../lib/download.ts';
import { notifyError } from '../../state/notices-store.ts';
import { chartToPng } from './chart-png.ts';
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
  const exportPng = async () => {
    if (!chart.current) return;
    setBusy(true);
    try {
      downloadBlob(await chartToPng(chart.current, props.title), `${props.exportName}-${fileStamp(Date.now())}.png`);
    } catch (err) {
      notifyError('Exporting the chart', { code: 'INTERNAL', message: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };
  const hasData = props.data[0].length > 0;
  const tools = (
    <>
      {props.tools}
      <button type="button" className="btn btn-small" title="Save this chart as PNG" data-testid="chart-png" disabled={!hasData || busy} onClick={() => void exportPng()}>
        PNG
      </button>
    </>
  );
  return (
    <Panel title={props.title} subtitle={props.subtitle} tools={tools} className={`chart-panel ${props.className ?? ''}`}>
      {hasData ? <UPlotChart options={props.options} data={props.data} chartRef={chart} /> : <div className="empty">{props.empty ?? 'Nothing to plot yet.'}</div>}
    </Panel>
  );
}
