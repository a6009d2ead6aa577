/**
 * One class probability as a thin bar with its value; the predicted class is emphasised.
 */
import { classColor } from '../../../shared/taxonomy.ts';

export function ProbabilityCell({ classId, p, predicted }: { classId: string; p: number | undefined; predicted: boolean }) {
  if (p === undefined) return <td className="prob prob-missing">—</td>;
  return (
    <td className={`prob ${predicted ? 'prob-top' : ''}`} title={`${classId}: ${(p * 100).toFixed(1)} %`}>
      <div className="prob-wrap">
        <div className="prob-track">
          <div className="prob-bar" style={{ width: `${Math.max(0, Math.min(1, p)) * 100}%`, background: classColor(classId) }} />
        </div>
        <span className="prob-value">{p.toFixed(2)}</span>
      </div>
    </td>
  );
}

/** A 0–1 value (normalised entropy) as a small meter. */
export function MeterCell({ value, title }: { value: number; title: string }) {
  const v = Math.max(0, Math.min(1, value));
  return (
    <td className="meter-cell" title={title}>
      <div className="meter">
        <div className="meter-fill" style={{ width: `${v * 100}%` }} />
      </div>
      <span className="meter-value">{value.toFixed(2)}</span>
    </td>
  );
}
