/**
 * Disagreement across models per segment, computed on read from stored predictions (nothing extra
 * is stored, so it is always consistent with the predictions, whichever models ran when).
 * Multi-class predictions only: argmax votes mean nothing for multi-label outputs.
 */
import type { Prediction } from '../../shared/domain.ts';
import { callsDisagreement } from '../../shared/disagreement.ts';
import type { SegmentDisagreement } from '../../shared/models.ts';

/** One record per segment that at least two models predicted, oldest first. */
export function segmentDisagreements(predictions: readonly Prediction[]): SegmentDisagreement[] {
  const bySegment = new Map<number, Prediction[]>();
  for (const p of predictions) {
    if (p.uncertainty.labelEntropy !== undefined) continue; // multi-label
    const list = bySegment.get(p.segmentId);
    if (list) list.push(p);
    else bySegment.set(p.segmentId, [p]);
  }
  const out: SegmentDisagreement[] = [];
  for (const [segmentId, calls] of bySegment) {
    const d = callsDisagreement(calls);
    if (!d) continue;
    out.push({
      segmentId, segmentStart: calls[0]!.segmentStart, segmentEnd: calls[0]!.segmentEnd,
      models: calls.map((c) => `${c.modelId}@${c.modelVersion}`), classes: d.classes, votes: d.votes,
      majority: d.classes[d.majority]!, disagreement: d.disagreement, jsd: d.jsd, jsdNorm: d.jsdNorm,
    });
  }
  return out.sort((a, b) => a.segmentStart - b.segmentStart);
}
