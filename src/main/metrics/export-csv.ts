/**
 * CSV exports (`aiw export predictions|labels|metrics`, the Metrics page's CSV button). Numbers are
 * written with full precision (shortest round-trip form) so an independent recomputation from the
 * exported predictions and labels reproduces the exported metrics exactly. Column reference:
 * docs/labels-and-metrics.md ("Exports").
 */
import type { Verification } from '../../shared/labels.ts';
import type { MetricsReport, ModelMetrics } from '../../shared/metrics.ts';
import type { ClassMapping } from '../classes/mapping-repo.ts';
import { classOf } from '../classes/mapping-repo.ts';
import { csvField } from '../../shared/csv.ts';
import { deriveLabel } from '../labels/derive.ts';
import type { LabelsRepo } from '../labels/labels-repo.ts';
import type { Db } from '../storage/database.ts';
import type { ModelRecord } from '../storage/models-repo.ts';
import { CLASS_BITS } from './dataset.ts';
import { verificationTruth } from './truth.ts';

/** One CSV line (with newline) from values; null and undefined become empty fields. */
export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\n`;
}

const iso = (ms: number) => new Date(ms).toISOString();
type Emit = (line: string) => void | Promise<void>;

export const PREDICTION_COLUMNS = [
  'prediction_id', 'segment_id', 'station_id', 'segment_start', 'segment_start_ms', 'segment_end_ms', 'model_id', 'model_version',
  'task', 'source', 'mapping_version', 'classes', 'predicted_class', ...CLASS_BITS.map((c) => `p_${c}`), ...CLASS_BITS.map((c) => `threshold_${c}`),
  'entropy', 'entropy_norm', 'margin', 'aleatoric', 'epistemic',
] as const;

type PredictionRow = {
  id: number; segment_id: number; station_id: string; start_time: number; end_time: number; model_id: string; model_version: string;
  source: string; mapping_version: number | null; classes: string; probs: string; predicted_class: string; entropy: number;
  entropy_norm: number; margin: number; aleatoric: number | null; epistemic: number | null;
};

/** Writes every prediction of segments starting in [from, to) (of one station / model versions when given). */
export async function writePredictionsCsv(db: Db, records: readonly ModelRecord[], f: { from: number; to: number; stationId?: string; models?: { id: string; version: string }[] }, emit: Emit): Promise<number> {
  const manifests = new Map(records.map((r) => [`${r.id}@${r.version}`, r.manifest]));
  const rows = db.prepare<{ from: number; to: number; station: string | null }, PredictionRow>(`SELECT p.*, s.station_id, s.start_time, s.end_time
    FROM predictions p JOIN segments s ON s.id = p.segment_id
    WHERE s.start_time >= @from AND s.start_time < @to AND (@station IS NULL OR s.station_id = @station)
    ORDER BY s.start_time, p.model_id, p.model_version`).all({ from: f.from, to: f.to, station: f.stationId ?? null });
  await emit(csvLine(PREDICTION_COLUMNS));
  let n = 0;
  for (const r of rows) {
    if (f.models && !f.models.some((m) => m.id === r.model_id && m.version === r.model_version)) continue;
    const manifest = manifests.get(`${r.model_id}@${r.model_version}`);
    const classes = JSON.parse(r.classes) as string[];
    const probs = JSON.parse(r.probs) as number[];
    const task = manifest?.task ?? 'multi-class';
    const p = CLASS_BITS.map((c) => (classes.includes(c) ? probs[classes.indexOf(c)] : null));
    const thr = CLASS_BITS.map((c) => (task === 'multi-label' && classes.includes(c) ? manifest?.thresholds?.[c] ?? 0.5 : null));
    await emit(csvLine([
      r.id, r.segment_id, r.station_id, iso(r.start_time), r.start_time, r.end_time, r.model_id, r.model_version, task, r.source,
      r.mapping_version, classes.join(';'), r.predicted_class, ...p, ...thr, r.entropy, r.entropy_norm, r.margin, r.aleatoric, r.epistemic,
    ]));
    n++;
  }
  return n;
}

export const LABEL_COLUMNS = [
  'segment_id', 'station_id', 'segment_start', 'segment_start_ms', 'segment_end_ms', 'range_km', 'mapping_version', 'status', 'classes',
  'reason', 'coverage', 'final', 'vessels', 'verified_verdict', 'verified_classes', 'verified_by', 'verified_at', 'truth', 'truth_status', 'truth_classes',
] as const;

/**
 * Writes the labels of segments starting in [from, to), re-derived under `mapping` (version `version`),
 * with the newest verification and the resulting truth for `truth` (ais | verified | verified-only).
 */
export async function writeLabelsCsv(repo: LabelsRepo, verifications: readonly Verification[], f: {
  from: number; to: number; stationId?: string; rangeKm?: number; mapping: ClassMapping; version: number; truth: 'ais' | 'verified' | 'verified-only';
}, emit: Emit): Promise<number> {
  const verified = new Map(verifications.map((v) => [v.segmentId, v]));
  const rows = [...repo.between(f.from, f.to, f.stationId, f.rangeKm)];
  await emit(csvLine(LABEL_COLUMNS));
  for (const l of rows) {
    const d = deriveLabel(l.coverage, l.vessels, f.mapping);
    const v = verified.get(l.id);
    const ais = { status: d.status, classes: d.status === 'ambiguous' ? [] : d.classes };
    const truth = v && f.truth !== 'ais' ? verificationTruth(v) : f.truth === 'verified-only' ? { status: '', classes: [] } : ais;
    const vessels = l.vessels.map(([mmsi, des, zone, m]) => `${mmsi}:${des}:${classOf(f.mapping, des)}:${zone}:${m ?? ''}`).join('|');
    await emit(csvLine([
      l.id, l.stationId, iso(l.start), l.start, l.end, l.rangeKm, f.version, d.status, d.classes.join(';'), d.reason, l.coverage, l.final ? 1 : 0,
      vessels, v?.verdict, v?.classes.join(';'), v?.analyst, v ? iso(v.at) : null, f.truth, truth.status, truth.classes.join(';'),
    ]));
  }
  return rows.length;
}

export const METRIC_COLUMNS = ['model_id', 'model_version', 'task', 'section', 'key', 'metric', 'value'] as const;

/** Every number of a metrics report in long form: one row per (model, section, key, metric). */
export function metricsCsv(report: MetricsReport): string {
  const lines = [csvLine(METRIC_COLUMNS)];
  const req: [string, unknown][] = [['from', iso(report.from)], ['to', iso(report.to)], ['range_km', report.rangeKm],
    ['mapping_version', report.mappingVersion], ['truth', report.truth], ['station_id', report.stationId ?? ''], ['labelled', report.labelled], ['final', report.final]];
  for (const [k, v] of req) lines.push(csvLine(['', '', '', 'request', k, 'value', v]));
  for (const m of report.models) for (const row of modelRows(m)) lines.push(csvLine([m.modelId, m.modelVersion, m.task, ...row]));
  return lines.join('');
}

type Row = [section: string, key: string | number, metric: string, value: unknown];

function modelRows(m: ModelMetrics): Row[] {
  const rows: Row[] = [];
  const obj = (section: string, key: string | number, o: Record<string, unknown>) => {
    for (const [metric, value] of Object.entries(o)) if (metric !== 't' && metric !== 'classId') rows.push([section, key, metric, value]);
  };
  obj('overall', '', { ...m.overall, ...(m.samplesF1 === undefined ? {} : { f1Samples: m.samplesF1 }), predictions: m.predictions });
  obj('excluded', '', m.excluded);
  for (const c of m.perClass) obj('class', c.classId, c);
  m.confusion.forEach((row, t) => row.forEach((n, p) => rows.push(['confusion', `${m.classes[t]}>${m.classes[p]}`, 'count', n])));
  m.confusionPerClass?.forEach(([[tn, fp], [fn, tp]], c) => obj('confusion', m.classes[c], { tn, fp, fn, tp }));
  for (const d of m.daily) obj('daily', iso(d.t).slice(0, 10), d);
  for (const h of m.hourly) obj('hourly', iso(h.t).slice(0, 13), h);
  for (const r of m.byRange) obj('range', r.rangeKm, { accuracy: r.accuracy, f1Macro: r.f1Macro, f1Weighted: r.f1Weighted, support: r.support });
  m.calibration.bins.forEach((b, i) => obj('calibration', i, { lo: b.lo, hi: b.hi, count: b.count, meanConfidence: b.meanConfidence, accuracy: b.accuracy }));
  obj('calibration', '', { ece: m.calibration.ece, n: m.calibration.n });
  for (const u of m.uncertainty) obj('uncertainty', u.measure, { auroc: u.auroc, n: u.n, errors: u.errors });
  const { test, message, ...drift } = m.drift;
  obj('drift', '', { ...drift, warning: drift.warning ? 1 : 0, test, message });
  return rows;
}
