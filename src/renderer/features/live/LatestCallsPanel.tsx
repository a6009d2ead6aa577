/**
 * "What do the models say now": the newest call of each model, large and glanceable.
 */
import { Panel } from '../../components/Panel.tsx';
import { DEFAULT_CLASSES, classColor } from '../../../shared/taxonomy.ts';
import { className } from '../../components/ClassChip.tsx';
import { formatUtcTime } from '../../lib/time-format.ts';
import { usePredictions } from '../../state/predictions-store.ts';
import { latestByModel, probabilityOf } from './prediction-groups.ts';

/** The five classes with their colours, so chips elsewhere can be read. */
function ClassLegend() {
  return (
    <dl className="class-legend">
      {DEFAULT_CLASSES.map((c) => (
        <div key={c.id} className="class-legend-row" title={c.description}>
          <dt>
            <span className="class-swatch" style={{ background: c.color }} />
            {c.id}
          </dt>
          <dd>{c.name}</dd>
        </div>
      ))}
    </dl>
  );
}

export function LatestCallsPanel({ stationId }: { stationId: string | undefined }) {
  const latest = latestByModel(usePredictions(stationId));
  return (
    <Panel title="Latest calls" className="latest-panel">
      {latest.length === 0 && <div className="empty">Waiting for the first segment.</div>}
      <ul className="latest-list">
        {latest.map((p) => {
          const confidence = probabilityOf(p, p.predictedClass) ?? 0;
          return (
            <li key={`${p.modelId}@${p.modelVersion}`} className="latest-item" data-testid="latest-call">
              <div className="latest-class" style={{ borderColor: classColor(p.predictedClass), color: classColor(p.predictedClass) }}>
                {p.predictedClass}
              </div>
              <div className="latest-body">
                <div className="latest-model">
                  {p.modelId} <span className="model-version">v{p.modelVersion}</span>
                </div>
                <div className="latest-name">{className(p.predictedClass)}</div>
                <div className="latest-meta">
                  p {confidence.toFixed(2)} · H {p.uncertainty.entropyNorm.toFixed(2)}
                  {p.uncertainty.epistemic !== undefined && ` · MI ${p.uncertainty.epistemic.toFixed(2)}`} · {formatUtcTime(p.segmentEnd)}
                </div>
              </div>
            </li>
          );
        })}
      </ul>
      <ClassLegend />
    </Panel>
  );
}
