/**
 * Metrics: how well each model version does against truth labels — AIS-derived at a chosen range, or
 * overridden by analyst verifications — "as of" any class-mapping version: the seed's tables and daily
 * charts, the detailed model (confusion, calibration, uncertainty vs errors, drift, by range, hourly),
 * CSV export, and the review list where the analyst verifies segments.
 */
import { memo } from 'react';
import type { ModelMetrics, TruthSource } from '../../../shared/metrics.ts';
import { useApi } from '../../app/api-context.tsx';
import { Panel } from '../../components/Panel.tsx';
import { downloadBlob } from '../../lib/download.ts';
import { formatUtcDate, formatUtcDateTime } from '../../lib/time-format.ts';
import { invokeOrNotify } from '../../state/api-calls.ts';
import { DailyCharts } from './MetricsCharts.tsx';
import { ModelDetail } from './ModelDetail.tsx';
import { ReviewPanel } from './ReviewPanel.tsx';
import { ClassificationReport, TotalsTable } from './SummaryTables.tsx';
import { modelKeyOf, WINDOWS, windowRange, type WindowId } from './metrics-format.ts';
import { marksAttributes, useCommittedMarks, type ReportMarks } from './report-timing.ts';
import { useMetrics } from './use-metrics.ts';
import './metrics.css';

const TRUTHS: { id: TruthSource; label: string }[] = [
  { id: 'ais', label: 'AIS labels' }, { id: 'verified', label: 'AIS, verified where verified' }, { id: 'verified-only', label: 'verified segments only' },
];

/** The choices and the timing line (its data attributes: where the time of the report went, report-timing.ts). */
function Controls({ m, drawn }: { m: ReturnType<typeof useMetrics>; drawn: ReportMarks | undefined }) {
  const api = useApi();
  const { choices, set, status, versions } = m;
  const drawMs = drawn?.paintedAt === undefined ? undefined : drawn.paintedAt - drawn.arrivedAt;
  const exportCsv = async () => {
    const r = await invokeOrNotify(api, 'metrics:export-csv', { ...m.request(), details: undefined }, 'Exporting metrics');
    if (r) downloadBlob(new Blob([r.csv], { type: 'text/csv' }), r.fileName);
  };
  return (
    <div className="metrics-controls" data-testid="metrics-controls" onChangeCapture={(e) => m.markInput(e.timeStamp)}>
      <label className="field"><span>window</span>
        <select className="select" value={choices.window} onChange={(e) => set.window(e.target.value as WindowId)}>
          {WINDOWS.map((w) => <option key={w.id} value={w.id}>{w.label}</option>)}
        </select>
      </label>
      <label className="field"><span>range</span>
        <select className="select" data-testid="metrics-range" value={choices.rangeKm ?? ''} onChange={(e) => set.rangeKm(Number(e.target.value))}>
          {(status?.rangesKm ?? []).map((km) => <option key={km} value={km}>{km} km{km === status?.liveRangeKm ? ' (live)' : ''}</option>)}
        </select>
      </label>
      <label className="field"><span>class mapping</span>
        <select className="select" data-testid="metrics-mapping" value={choices.mappingVersion ?? ''} onChange={(e) => set.mappingVersion(e.target.value === '' ? null : Number(e.target.value))}>
          <option value="">current (v{status?.currentMappingVersion ?? '?'})</option>
          {versions.map((v) => <option key={v.version} value={v.version}>as of v{v.version} — {formatUtcDate(v.createdAt)} {v.author}</option>)}
        </select>
      </label>
      <label className="field"><span>truth</span>
        <select className="select" data-testid="metrics-truth" value={choices.truth} onChange={(e) => set.truth(e.target.value as TruthSource)}>
          {TRUTHS.map((t) => <option key={t.id} value={t.id}>{t.label}</option>)}
        </select>
      </label>
      <button type="button" className="btn" data-testid="metrics-csv" onClick={() => void exportCsv()}>Export CSV</button>
      <span className="muted small" data-testid="metrics-timing" data-received={m.marks?.arrivedAt} {...marksAttributes(drawn)}>
        {m.loading ? 'computing…' : m.report ? `computed in ${Math.round(m.report.computeMs)} ms${drawMs === undefined ? '' : `, drawn in ${Math.round(drawMs)} ms`}` : ''}
      </span>
    </div>
  );
}

function StatusLine({ m }: { m: ReturnType<typeof useMetrics> }) {
  const { status, report } = m;
  if (!status) return null;
  return (
    <div className="muted small metrics-status" data-testid="label-status">
      AIS data up to {status.watermark === null ? '—' : formatUtcDateTime(status.watermark)} UTC · labels final up to{' '}
      {status.finalBefore === null ? '—' : formatUtcDateTime(status.finalBefore)} · {status.final} of {status.segments} segments final
      {report && <> · {report.labelled} labelled segments in the window ({report.final} final)</>}
    </div>
  );
}

// The sections re-render only when their report changes (not when the page toggles "computing…").
const Totals = memo(TotalsTable);
const Daily = memo(DailyCharts);
const Detail = memo(ModelDetail);
const Review = memo(ReviewPanel);
const ReportPanel = memo(function ReportPanel({ models }: { models: ModelMetrics[] }) {
  return (
    <Panel title="Classification reports for all models" className="metrics-report-panel">
      <ClassificationReport models={models} />
    </Panel>
  );
});
const NO_MODELS: ModelMetrics[] = [];

export function MetricsPage() {
  const m = useMetrics();
  const { report, choices, set } = m;
  const drawn = useCommittedMarks(m.marks);
  const models = report?.models ?? NO_MODELS;
  // Before the analyst chose a model, the one the server detailed (the first).
  const detailed = models.find((x) => x.detailed);
  const selected = choices.detail || (detailed ? modelKeyOf(detailed) : '');
  const scored = models.some((x) => x.overall.support > 0);
  const range = windowRange(choices.window, m.status?.watermark ?? Date.now());
  return (
    <div className="page metrics-page" data-testid="metrics-page">
      <Controls m={m} drawn={drawn} />
      <StatusLine m={m} />
      {report && !scored && (
        <Panel title="No scored predictions yet">
          <div className="empty" data-testid="metrics-empty">
            Predictions are scored once their segment has a label: AIS for the segment's time must have arrived (labels turn final
            about {Math.round(((m.status?.watermark ?? 0) - (m.status?.finalBefore ?? 0)) / 60_000)} minutes after the audio). Ambiguous
            segments (vessels in the buffer ring, Unknown designations, stale AIS) are never scored. Try a longer window or another range.
          </div>
        </Panel>
      )}
      {models.length > 0 && (
        <>
          <Panel title="Total metrics for all models" subtitle={`${report!.rangeKm} km · mapping v${report!.mappingVersion} · ${TRUTHS.find((t) => t.id === report!.truth)?.label}`}>
            <Totals models={models} selected={selected} onSelect={set.detail} />
          </Panel>
          <Daily models={models} window={report!} />
          <Detail models={models} selected={selected} onSelect={set.detail} window={report!} />
          <ReportPanel models={models} />
        </>
      )}
      <Review from={range.from} to={range.to} rangeKm={choices.rangeKm} mappingVersion={choices.mappingVersion} />
    </div>
  );
}
