/**
 * One model version in detail: confusion matrix (per-class 2×2 for multi-label models), how well each
 * uncertainty measure flags its errors (AUROC), the drift test, and the hourly, calibration and range
 * charts.
 */
import type { ModelMetrics } from '../../../shared/metrics.ts';
import { ClassChip } from '../../components/ClassChip.tsx';
import { Panel } from '../../components/Panel.tsx';
import { HourlyChart, RangeChart, ReliabilityChart } from './MetricsCharts.tsx';
import { confusionMax, fmt, modelKeyOf } from './metrics-format.ts';

function ConfusionMatrix({ m }: { m: ModelMetrics }) {
  if (m.task === 'multi-label') {
    return (
      <table className="data-table confusion" data-testid="confusion">
        <thead><tr><th>Class</th><th>TN</th><th>FP</th><th>FN</th><th>TP</th></tr></thead>
        <tbody>
          {(m.confusionPerClass ?? []).map(([[tn, fp], [fn, tp]], i) => (
            <tr key={m.classes[i]}><td><ClassChip id={m.classes[i]} /></td><td className="num">{tn}</td><td className="num">{fp}</td><td className="num">{fn}</td><td className="num">{tp}</td></tr>
          ))}
        </tbody>
      </table>
    );
  }
  const max = Math.max(1, confusionMax(m.confusion));
  return (
    <table className="data-table confusion" data-testid="confusion">
      <thead>
        <tr><th>true ↓ / predicted →</th>{m.classes.map((c) => <th key={c}><ClassChip id={c} /></th>)}</tr>
      </thead>
      <tbody>
        {m.confusion.map((row, t) => (
          <tr key={m.classes[t]}>
            <th><ClassChip id={m.classes[t]} /></th>
            {row.map((n, p) => (
              <td key={p} className={`num ${t === p ? 'diag' : ''}`} style={{ background: `rgba(78, 161, 255, ${(0.6 * n) / max})` }}>{n}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const MEASURE_TEXT: Record<string, string> = {
  entropy: 'predictive entropy', margin: '1 − margin (top two)', maxProb: '1 − max probability', aleatoric: 'aleatoric (MC)', epistemic: 'epistemic (MC)',
};

function UncertaintyTable({ m }: { m: ModelMetrics }) {
  return (
    <table className="data-table" data-testid="uncertainty-auroc">
      <thead><tr><th>Uncertainty measure</th><th>AUROC for errors</th><th>Scored</th><th>Errors</th></tr></thead>
      <tbody>
        {m.uncertainty.map((u) => (
          <tr key={u.measure}><td>{MEASURE_TEXT[u.measure] ?? u.measure}</td><td className="num strong">{fmt(u.auroc)}</td><td className="num">{u.n}</td><td className="num">{u.errors}</td></tr>
        ))}
      </tbody>
    </table>
  );
}

export function ModelDetail({ models, selected, onSelect, window }: { models: ModelMetrics[]; selected: string; onSelect: (key: string) => void; window: { from: number; to: number } }) {
  const m = models.find((x) => modelKeyOf(x) === selected);
  const picker = (
    <select className="select" data-testid="detail-model" value={selected} onChange={(e) => onSelect(e.target.value)}>
      {models.map((x) => <option key={modelKeyOf(x)} value={modelKeyOf(x)}>{x.name} {x.modelVersion}</option>)}
    </select>
  );
  if (!m || !m.detailed) return <Panel title="Model detail" tools={picker}><div className="empty">Loading the details…</div></Panel>;
  return (
    <>
      <Panel title="Model detail" subtitle={`${m.name} ${m.modelVersion} · ${m.task}`} tools={picker} className="metrics-detail">
        <div className="detail-grid">
          <section>
            <h3>Confusion matrix</h3>
            <ConfusionMatrix m={m} />
          </section>
          <section>
            <h3>Does the uncertainty flag the errors?</h3>
            <UncertaintyTable m={m} />
            <h3>Drift</h3>
            <p className={m.drift.warning ? 'drift-warning' : 'muted'} data-testid="drift-message">{m.drift.message}</p>
            <p className="muted small">{m.drift.test}</p>
          </section>
        </div>
      </Panel>
      <div className="metrics-daily">
        <ReliabilityChart model={m} />
        <RangeChart model={m} />
        <HourlyChart model={m} window={window} />
      </div>
    </>
  );
}
