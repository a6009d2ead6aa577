/**
 * Predictions as CSV (RFC 4180), one row per model per segment, for analysis elsewhere.
 */
import type { Prediction } from '../../../shared/domain.ts';
import { DEFAULT_CLASS_IDS } from '../../../shared/taxonomy.ts';
import { probabilityOf } from './prediction-groups.ts';
import { csvField } from '../../../shared/csv.ts';

const iso = (ms: number): string => new Date(ms).toISOString();

/** The CSV text (header + rows, CRLF line ends) for `predictions`, in the order given. */
export function predictionsToCsv(predictions: readonly Prediction[]): string {
  const header = [
    'station_id', 'segment_id', 'segment_start_utc', 'segment_end_utc', 'model_id', 'model_version', 'predicted_class',
    ...DEFAULT_CLASS_IDS.map((c) => `p_${c}`),
    'entropy_bits', 'entropy_norm', 'margin', 'epistemic_bits', 'aleatoric_bits', 'latency_ms',
  ];
  const rows = predictions.map((p) => {
    const u = p.uncertainty;
    return [
      p.stationId, p.segmentId, iso(p.segmentStart), iso(p.segmentEnd), p.modelId, p.modelVersion, p.predictedClass,
      ...DEFAULT_CLASS_IDS.map((c) => probabilityOf(p, c)),
      u.entropy, u.entropyNorm, u.margin, u.epistemic, u.aleatoric, p.latencyMs,
    ].map(csvField).join(',');
  });
  return [header.join(','), ...rows].join('\r\n') + '\r\n';
}
