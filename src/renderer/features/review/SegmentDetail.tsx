/**
 * The selected segment: its UTC span, every model's call (probability, normalised entropy, whether it
 * contradicts the truth), the truth label, the analyst's verification, and quick verdicts.
 */
import { useState } from 'react';
import type { ReviewTimeline } from '../../../shared/sessions.ts';
import type { Verdict } from '../../../shared/labels.ts';
import { useApi } from '../../app/api-context.tsx';
import { ClassChip } from '../../components/ClassChip.tsx';
import { formatUtcRange } from '../../lib/time-format.ts';
import { notifyError } from '../../state/notices-store.ts';
import { disagrees, disagreeingModels, predictedClass, truthClasses } from './review-nav.ts';

const SHIPS = ['A', 'B', 'C', 'D'] as const;

interface Props {
  readonly timeline: ReviewTimeline;
  readonly index: number;
  /** Called after a verdict was stored (the timeline reloads). */
  readonly onVerified: () => void;
}

function Verify({ segmentId, onVerified }: { segmentId: number; onVerified: () => void }) {
  const api = useApi();
  const [heard, setHeard] = useState<string[]>([]);
  const send = async (verdict: Verdict) => {
    const r = await api.invoke('labels:verify', { segmentId, verdict, classes: verdict === 'confirmed' || verdict === 'corrected' ? heard : [] });
    if (r.ok) onVerified();
    else notifyError('Verifying the segment', r.error);
  };
  return (
    <div className="review-verify">
      {SHIPS.map((c) => (
        <label key={c} className="field">
          <input type="checkbox" checked={heard.includes(c)} onChange={(e) => setHeard(e.target.checked ? [...heard, c] : heard.filter((x) => x !== c))} />
          <ClassChip id={c} />
        </label>
      ))}
      <button type="button" className="btn btn-small" disabled={heard.length === 0} onClick={() => void send('corrected')}>heard these</button>
      <button type="button" className="btn btn-small" onClick={() => void send('no-ship')}>no ship</button>
      <button type="button" className="btn btn-small" onClick={() => void send('cant-tell')}>can&apos;t tell</button>
    </div>
  );
}

export function SegmentDetail({ timeline: t, index: i, onVerified }: Props) {
  const truth = truthClasses(t, i);
  const v = t.verifications[i];
  const segmentId = t.segments.ids[i]!;
  return (
    <div className="segment-detail" data-testid="review-selected" data-segment-id={segmentId} data-disagrees={String(disagreeingModels(t, i).length > 0)}>
      <div className="mono">{formatUtcRange(t.segments.starts[i]!, t.segments.ends[i]!)} UTC · segment {segmentId}</div>
      <table className="data-table">
        <tbody>
          {t.models.map((m) => {
            const call = predictedClass(m, i);
            const bad = disagrees(t, m, i) === true;
            return (
              <tr key={m.key} className={bad ? 'row-bad' : ''}>
                <td>{m.key}</td>
                <td>{call ? <ClassChip id={call} /> : '—'}</td>
                <td className="num">{m.prob[i] === null ? '' : `p ${m.prob[i]!.toFixed(2)}`}</td>
                <td className="num">{m.uncertainty[i] === null ? '' : `H ${m.uncertainty[i]!.toFixed(2)}`}</td>
                <td>{bad ? 'disagrees' : ''}</td>
              </tr>
            );
          })}
          <tr>
            <td>truth{t.truth.rangeKm === null ? '' : ` ≤ ${t.truth.rangeKm} km`}</td>
            <td colSpan={4}>
              {t.truth.status[i] ?? 'not labelled'}{' '}
              {(t.truth.classes[i] ?? []).map((c) => <ClassChip key={c} id={c} />)}
              {v ? ` · verified (${v.verdict}) by ${v.analyst}` : ''}
              {truth === null ? ' · unknown' : ''}
            </td>
          </tr>
        </tbody>
      </table>
      <Verify key={segmentId} segmentId={segmentId} onVerified={onVerified} />
    </div>
  );
}
