/**
 * The Export dialog (File → Export in the desktop menu, the header's Export button, a plot's "…"):
 * PNG of the current view or of one plot at a chosen size and scale, CSV of predictions, labels or
 * metrics for the visible range, and the selected audio as WAV.
 */
import { useEffect, useState } from 'react';
import { useApi } from '../../app/api-context.tsx';
import { exportCsv, exportPlotPng, exportViewPng, exportWav, currentContext, type CsvKind } from './export-actions.ts';
import { useExportDialog } from './export-dialog-store.ts';
import { exportablePlot, exportablePlots } from './plot-registry.ts';
import { formatUtcRange } from '../../lib/time-format.ts';
import './export.css';

const SCALES = [1, 2, 3, 4] as const;

function NumberInput(p: { label: string; value: number; onChange: (v: number) => void; testId: string }) {
  return (
    <label className="field">
      <span>{p.label}</span>
      <input className="select num" type="number" min={100} max={8000} step={10} value={p.value} data-testid={p.testId}
        onChange={(e) => Number.isFinite(e.target.valueAsNumber) && p.onChange(e.target.valueAsNumber)} />
    </label>
  );
}

export function ExportDialog() {
  const { open, plotId, close } = useExportDialog();
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopImmediatePropagation(); // Escape closes the dialog, not the review's selection
      close();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [open, close]);
  if (!open) return null;
  return <ExportForm key={plotId ?? 'view'} initialPlot={plotId} close={close} />;
}

function ExportForm({ initialPlot, close }: { initialPlot: string | undefined; close: () => void }) {
  const api = useApi();
  const plots = exportablePlots();
  const [target, setTarget] = useState(initialPlot && exportablePlot(initialPlot) ? initialPlot : 'view');
  const size = target === 'view' ? { width: Math.max(400, ...plots.map((p) => p.size().width)), height: 0 } : (exportablePlot(target)?.size() ?? { width: 800, height: 300 });
  const [width, setWidth] = useState(Math.round(size.width));
  const [height, setHeight] = useState(Math.round(size.height));
  const [scale, setScale] = useState<number>(2);
  const [busy, setBusy] = useState(false);
  const ctx = currentContext();
  const run = (job: () => Promise<void>) => {
    setBusy(true);
    void job().finally(() => setBusy(false));
  };
  const savePng = () => run(() => (target === 'view' ? exportViewPng(api, { width, scale }) : exportPlotPng(api, target, { width, height, scale })));
  const csv = (kind: CsvKind) => run(() => exportCsv(api, kind));
  return (
    <div className="modal-backdrop" role="presentation" onClick={close}>
      <div className="modal export-dialog" role="dialog" aria-label="Export" data-testid="export-dialog" onClick={(e) => e.stopPropagation()}>
        <header className="modal-head">
          <h2>Export</h2>
          <span className="muted">{ctx.stationId ?? 'no station'}{ctx.from !== undefined && ctx.to !== undefined ? ` · ${formatUtcRange(ctx.from, ctx.to)} UTC` : ''}</span>
        </header>
        <section>
          <h3>Image (PNG, with axes, colour bar, UTC times and a metadata footer; metadata also in the file)</h3>
          <div className="export-row">
            <label className="field">
              <span>what</span>
              <select className="select" value={target} data-testid="export-target" onChange={(e) => setTarget(e.target.value)}>
                <option value="view">Current view ({plots.length} plots)</option>
                {plots.map((p) => <option key={p.id} value={p.id}>{p.title}</option>)}
              </select>
            </label>
            <NumberInput label="width px" value={width} onChange={setWidth} testId="export-width" />
            {target !== 'view' && <NumberInput label="height px" value={height} onChange={setHeight} testId="export-height" />}
            <label className="field">
              <span>scale</span>
              <select className="select" value={scale} data-testid="export-scale" onChange={(e) => setScale(Number(e.target.value))}>
                {SCALES.map((s) => <option key={s} value={s}>{s}×</option>)}
              </select>
            </label>
            <button type="button" className="btn" disabled={busy || plots.length === 0} data-testid="export-png-save" onClick={savePng}>Save PNG</button>
          </div>
        </section>
        <section>
          <h3>Data of the visible range (CSV)</h3>
          <div className="export-row">
            <button type="button" className="btn" disabled={busy} data-testid="export-csv-predictions" onClick={() => csv('predictions')}>Predictions</button>
            <button type="button" className="btn" disabled={busy} data-testid="export-csv-labels" onClick={() => csv('labels')}>Labels + verifications</button>
            <button type="button" className="btn" disabled={busy} data-testid="export-csv-metrics" onClick={() => csv('metrics')}>Metrics</button>
          </div>
        </section>
        <section>
          <h3>Audio</h3>
          <div className="export-row">
            <button type="button" className="btn" disabled={busy || !ctx.selection} data-testid="export-wav" onClick={() => run(() => exportWav(api))}>
              Selected span (WAV)
            </button>
            <span className="muted">{ctx.selection ? formatUtcRange(ctx.selection.from, ctx.selection.to) + ' UTC, channel 0' : 'select a segment in the Review view'}</span>
          </div>
        </section>
        <footer className="modal-foot">
          <button type="button" className="btn" onClick={close}>Close</button>
        </footer>
      </div>
    </div>
  );
}
