/**
 * The seed's two tables, for every model version: total metrics (accuracy, weighted precision, recall
 * and F1, with support, what was left out, and the drift warning), and the classification report (per
 * class, then macro / weighted / micro averages).
 */
import type { ModelMetrics } from '../../../shared/metrics.ts';
import { ClassChip } from '../../components/ClassChip.tsx';
import { fmt, modelKeyOf } from './metrics-format.ts';

function excludedText(m: ModelMetrics): string {
  const e = m.excluded;
  const parts = [
    e.unlabelled && `${e.unlabelled} without label`, e.ambiguous && `${e.ambiguous} ambiguous`,
    e.notSingle && `${e.notSingle} with several classes`, e.outsideClasses && `${e.outsideClasses} outside the model's classes`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'none';
}

export function TotalsTable({ models, selected, onSelect }: { models: ModelMetrics[]; selected: string; onSelect: (key: string) => void }) {
  return (
    <div className="table-scroll">
      <table className="data-table metrics-totals" data-testid="metrics-totals">
        <thead>
          <tr>
            <th>Model</th><th>Version</th><th>Status</th><th>Type</th><th>Ch.</th><th>Accuracy</th><th>Precision (w)</th>
            <th>Recall (w)</th><th>F1 (w)</th><th>F1 (macro)</th><th>Scored</th><th>Left out</th><th>Drift</th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <tr key={modelKeyOf(m)} className={modelKeyOf(m) === selected ? 'selected' : ''} onClick={() => onSelect(modelKeyOf(m))} title="Show this model's details below">
              <td className="model-id">{m.name}<div className="muted small">{m.modelId}</div></td>
              <td className="mono">{m.modelVersion}</td>
              <td><span className={`status-badge status-${m.status}`}>{m.status}</span></td>
              <td>{m.task}</td>
              <td>{m.channels}</td>
              <td className="num strong">{fmt(m.overall.accuracy)}</td>
              <td className="num">{fmt(m.overall.precisionWeighted)}</td>
              <td className="num">{fmt(m.overall.recallWeighted)}</td>
              <td className="num">{fmt(m.overall.f1Weighted)}</td>
              <td className="num">{fmt(m.overall.f1Macro)}</td>
              <td className="num">{m.overall.support}</td>
              <td className="small muted">{excludedText(m)}</td>
              <td className={m.drift.warning ? 'drift-warning' : 'muted small'} title={`${m.drift.message}\n${m.drift.test}`} data-testid="drift-cell">
                {m.drift.warning ? '⚠ drift' : m.drift.p === null ? 'n/a' : 'ok'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ReportRows({ m }: { m: ModelMetrics }) {
  const avg = (label: string, p: number | null, r: number | null, f: number | null) => (
    <tr key={label} className="avg-row">
      <td>{label}</td><td className="num">{fmt(p)}</td><td className="num">{fmt(r)}</td><td className="num">{fmt(f)}</td>
      <td className="num">{m.overall.support}</td><td className="mono small">{modelKeyOf(m)}</td>
    </tr>
  );
  return (
    <>
      {m.perClass.map((c, i) => (
        <tr key={c.classId} className={i === 0 ? 'group-first' : ''}>
          <td><ClassChip id={c.classId} withName /></td>
          <td className="num">{fmt(c.precision)}</td><td className="num">{fmt(c.recall)}</td><td className="num">{fmt(c.f1)}</td>
          <td className="num">{c.support}</td><td className="mono small">{modelKeyOf(m)}</td>
        </tr>
      ))}
      {avg('micro avg', m.overall.precisionMicro, m.overall.recallMicro, m.overall.f1Micro)}
      {avg('macro avg', m.overall.precisionMacro, m.overall.recallMacro, m.overall.f1Macro)}
      {avg('weighted avg', m.overall.precisionWeighted, m.overall.recallWeighted, m.overall.f1Weighted)}
      {m.samplesF1 !== undefined && avg('samples avg (F1)', null, null, m.samplesF1)}
    </>
  );
}

export function ClassificationReport({ models }: { models: ModelMetrics[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table metrics-report" data-testid="metrics-report">
        <thead>
          <tr><th>Class / measure</th><th>Precision</th><th>Recall</th><th>F1</th><th>Support</th><th>Model</th></tr>
        </thead>
        <tbody>
          {models.map((m) => <ReportRows key={modelKeyOf(m)} m={m} />)}
        </tbody>
      </table>
    </div>
  );
}
