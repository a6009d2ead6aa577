/**
 * The newest segments, one row per model per segment: class, probabilities, uncertainty.
 */
import { memo } from 'react';
import type { Prediction } from '../../../shared/domain.ts';
import { DEFAULT_CLASSES } from '../../../shared/taxonomy.ts';
import { ClassChip } from '../../components/ClassChip.tsx';
import { Panel } from '../../components/Panel.tsx';
import { runMenuCommand } from '../../app/use-menu-commands.ts';
import { formatUtcRange } from '../../lib/time-format.ts';
import { usePredictions } from '../../state/predictions-store.ts';
import { latestSegments, probabilityOf, type SegmentGroup } from './prediction-groups.ts';
import { MeterCell, ProbabilityCell } from './ProbabilityCell.tsx';

/** How many segments the table shows. */
export const TABLE_SEGMENTS = 10;

const bits = (v: number | undefined): string => (v === undefined ? '—' : v.toFixed(2));

const PredictionRow = memo(function PredictionRow({ p, first }: { p: Prediction; first: boolean }) {
  const u = p.uncertainty;
  return (
    <tr data-testid="prediction-row" className={first ? 'group-first' : 'group-rest'}>
      <td className="mono seg-time">{first ? formatUtcRange(p.segmentStart, p.segmentEnd) : ''}</td>
      <td className="model-cell" title={`${p.modelId} version ${p.modelVersion}`}>
        <span className="model-id">{p.modelId}</span> <span className="model-version">v{p.modelVersion}</span>
      </td>
      <td>
        <ClassChip id={p.predictedClass} />
      </td>
      {DEFAULT_CLASSES.map((c) => (
        <ProbabilityCell key={c.id} classId={c.id} p={probabilityOf(p, c.id)} predicted={c.id === p.predictedClass} />
      ))}
      <MeterCell value={u.entropyNorm} title={`entropy ${u.entropy.toFixed(3)} bits (normalised ${u.entropyNorm.toFixed(3)})`} />
      <td className="num" title="mutual information, bits">{bits(u.epistemic)}</td>
      <td className="num" title="expected entropy, bits">{bits(u.aleatoric)}</td>
      <td className="num muted">{Math.round(p.latencyMs)} ms</td>
    </tr>
  );
});

function SegmentRows({ group }: { group: SegmentGroup }) {
  return (
    <>
      {group.predictions.map((p, i) => (
        <PredictionRow key={p.id} p={p} first={i === 0} />
      ))}
    </>
  );
}

function HeaderRow() {
  return (
    <tr>
      <th className="shrink">Segment (UTC)</th>
      <th className="shrink">Model</th>
      <th className="shrink">Class</th>
      {DEFAULT_CLASSES.map((c) => (
        <th key={c.id} title={c.name}>
          <ClassChip id={c.id} />
        </th>
      ))}
      <th className="shrink" title="predictive entropy / log2(classes)">Entropy</th>
      <th className="shrink num" title="epistemic uncertainty (MC models): mutual information, bits">Epistemic</th>
      <th className="shrink num" title="aleatoric uncertainty (MC models): expected entropy, bits">Aleatoric</th>
      <th className="shrink num">Latency</th>
    </tr>
  );
}

export function PredictionsTable({ stationId }: { stationId: string | undefined }) {
  const history = usePredictions(stationId);
  const groups = latestSegments(history, TABLE_SEGMENTS);
  return (
    <Panel
      title="Predictions"
      subtitle={`latest ${TABLE_SEGMENTS} segments · one row per model · ${history.length} kept`}
      className="predictions-panel"
      tools={
        <button type="button" className="btn btn-small" title="Save the kept predictions as CSV" onClick={() => runMenuCommand('export:csv')}>
          CSV
        </button>
      }
    >
      {groups.length === 0 ? (
        <div className="empty">No predictions yet. They appear as soon as the first segment has been classified.</div>
      ) : (
        <div className="table-scroll">
          <table className="data-table predictions-table">
            <thead>
              <HeaderRow />
            </thead>
            <tbody>
              {groups.map((g) => (
                <SegmentRows key={g.segmentId} group={g} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
